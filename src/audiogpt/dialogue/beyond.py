"""Classes of requests beyond the tools, recognised by what they ask for, not by sentences.

Each class names a kind of product or action no tool gives: playing on a device, keeping a file
in a cloud service, a job on a schedule, a picture or a video that is not a talking head, text
written from nothing (lyrics, poems, stories), a medical verdict from a sound, live sound (a call
or a stream as it happens), and copying the voice of a person who has not agreed (or of whom there
is no recording, or a public figure). Each comes with a reply
saying why and what can be done instead. :func:`limit_of` checks one clause;
:func:`whole_request` checks the request as a whole (consent is said in any sentence of it).
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re

from audiogpt.dialogue import limits, outside
from audiogpt.dialogue.limits import Limit

# A device or a speaker system to play on ("play this on the living room Sonos", "cast it to the TV").
_DEVICE = (r"sonos|speakers?|alexa|echo(?: dot)?|google home|nest(?: mini| hub)?|homepod|chromecast|airplay|"
           r"apple tv|smart tv|tv|television|stereo|soundbar|sound bar|bluetooth speaker|car stereo|jukebox")
_PLAY = re.compile(rf"\b(?:play|playing|cast|casting|stream|streaming|blast)\b(?! ?back\b)[^.?!]{{0,40}}\b(?:on|through|to|over|via) "
                   rf"(?:the |my |our |a |all )?(?:[\w-]+ ){{0,3}}(?:{_DEVICE})\b|\bcast (?:it|this|that) (?:to|on)\b|"
                   r"(?:在|用|到)[^，。]{0,8}(?:音箱|音响|电视|蓝牙)[^，。]{0,4}(?:上)?(?:播放|放)|(?:スピーカー|テレビ|ステレオ)で(?:再生|流)", re.I)
PLAYBACK = Limit(
    "device",
    "I can't play sound on speakers or devices. I make and edit the audio; download it from the reply "
    "and play it on any device you like.",
    "我不能在音箱或设备上播放。我负责生成和编辑音频，你可以下载后在任何设备上播放。")

# A cloud service or online storage as the destination ("save it to my Google Drive").
_CLOUD = re.compile(r"\b(?:save|upload|back(?:ing)? ?up|store|sync|put|move|copy|export|keep)\w*\b[^.?!]{0,30}\b(?:to|on|in|into|onto) "
                    r"(?:my |our |the |a )?(?:google drive|gdrive|drive|dropbox|icloud|onedrive|one drive|box\.com|s3(?: bucket)?|"
                    r"cloud(?: storage)?|nas|sharepoint|soundcloud|spotify|apple music|youtube|google photos)\b|"
                    r"(?:存|保存|上传|备份)(?:到|进|在)[^，。]{0,6}(?:云盘|网盘|云端|百度网盘|iCloud|Dropbox|谷歌云盘)|"
                    r"\bback (?:it|this|that|them|these|everything) up (?:to|on|in)\b|(?:クラウド|ドライブ|iCloud|Dropbox)に(?:保存|アップ)", re.I)
CLOUD = Limit(
    "cloud",
    "I can't save files to cloud services or other accounts. The result stays in this session; download "
    "it from the reply and upload it wherever you keep your files.",
    "我不能把文件存到云盘或其他账户。结果保留在本次会话中，你可以下载后自行上传。")

# A job on a schedule: repeated or at a later time ("every morning at 7", "each Monday", "每天早上").
_WHEN = (r"morning|evening|night|day|weekday|weekend|week|monday|tuesday|wednesday|thursday|friday|"
         r"saturday|sunday")
_SCHEDULE = re.compile(rf"\b(?:every|each) (?:single )?(?:{_WHEN})s?\b|\b(?:daily|nightly|weekly|monthly)\b(?=\s*(?:$|[,.!?]|at\b|from\b|until\b|and\b|starting\b))|"
                       r"\b(?:schedule|recurring|on a timer|set (?:an?|up a) (?:alarm|reminder|timer))\b|\bremind me\b|"
                       r"\b(?:tomorrow|tonight|later today|next (?:week|monday|tuesday|wednesday|thursday|friday)) (?:at|morning|evening)\b|"
                       r"每天|每日|每周|每晚|每早|每个?星期|定时|明天早上|毎朝|毎日|毎晩|毎週|定期的に|明日の朝", re.I)
# "I practise every day": a habit of the speaker, not a job to schedule.
_HABIT = re.compile(r"\b(?:i|we|he|she|they)(?: \w+){0,2} (?:every|each) |\b(?:i|we)(?: \w+){0,1} (?:daily|weekly)\b|我每天|私は毎", re.I)
SCHEDULE = Limit(
    "schedule",
    "I can't run jobs on a schedule or at a later time: I work when you ask. Ask me when you want it, "
    "and I can read text aloud, transcribe or edit audio right away.",
    "我不能定时或按计划执行任务：只在你提出请求时工作。需要时再告诉我，我可以立即朗读、转写或编辑音频。")

# A picture or a video as the product, not a talking head ("a picture of what this song feels like").
_PICTURE_OUT = re.compile(r"\b(?:generate|make|create|draw|paint|design|render|produce|sketch|give me)\b(?: me| us)? (?:a |an |the |some |\d+ )?"
                          r"(?:(?!sound|audio|music|noise|song|track|voice)\w+ ){0,2}(?:picture|image|photo|drawing|painting|illustration|artwork|album (?:art|cover)|cover art|"
                          r"logo|poster|wallpaper|video|music video|animation|gif|visuali[sz]ation|visuali[sz]er)s?\b"
                          r"(?!\s*(?:sound|soundtrack|music|score|audio|voice|narration|jingle|song|background|effect|game|intro|outro))|"
                          r"(?:画|生成|做|制作)(?:一|几)?(?:张|幅|个|段|部)(?:\w|[^，。]){0,8}?(?:图|画|图片|图像|插画|海报|封面|视频|动画)|"
                          r"(?:絵|イラスト|画像|動画|アニメ)を(?:描いて|作って|生成)", re.I)
_HEAD = re.compile(r"talk|speak|say|lip|mouth|face|portrait|avatar|head|selfie|speech|recording|"
                   r"\b(?:the|this|that|my|our|your) (?:photo|picture|image|pic)\b|说话|口型|照片|話|喋|写真", re.I)
PICTURE_OUT = Limit(
    "visual",
    "I can't make pictures or videos of scenes. The only video I make is a talking head (a portrait "
    "speaking a recording); for a song or a sound I can describe it in words, make a sound for a "
    "picture, or write out its notes.",
    "我不能生成图片或场景视频。我能生成的视频只有说话的肖像；对一首歌或一段声音，我可以用文字描述、为图片配声音，或转写音符。")

# Text written from nothing: lyrics, poems, stories, jokes (in any language).
_COMPOSE_TEXT = re.compile(r"\b(?:write(?! down| out| up)|pen|compose|come up with|make up|think up|invent|draft)\b(?: me| us)?(?: \w+){0,3} "
                           r"(?:lyrics|poems?|haikus?|limericks?|stor(?:y|ies)|jokes?|verses?|raps? (?:verse|lyrics)|words for)\b|"
                           r"写[^，。]{0,14}(?:歌词|诗|诗歌|故事|文案|剧本|台词|笑话|段子)|编(?:一个|个)?(?:故事|笑话)|"
                           r"(?:歌詞|詩|物語|ストーリー|台本|脚本)を(?:書いて|作って|考えて)", re.I)
# "the lyrics she sings in this clip": words already in a recording (a transcription, not new text).
_HEARD = re.compile(r"\b(?:sings?|sung|singing|says?|said|spoken|in (?:this|the|that|my) (?:clip|song|track|recording|audio|video))\b|"
                    r"唱的|录音里|このクリップ|この曲の", re.I)
COMPOSE_TEXT = Limit(
    "prose",
    "I don't write lyrics, poems or stories. Give me the words and I can sing them (singing synthesis), "
    "read them aloud, or make music to go with them.",
    "我不写歌词、诗或故事。把写好的文字给我，我可以演唱、朗读，或为它配上音乐。")

# A medical verdict from a recording ("whether I have covid", "is it asthma?").
_MEDICAL = re.compile(r"\b(?:diagnos\w*|covid|coronavirus|(?:have|has|got|caught|having|or|just) (?:a cold|the flu)|pneumonia|asthma|bronchitis|whooping cough|copd|parkinson'?s|"
                      r"alzheimer'?s|dementia|(?:sleep )?apn(?:o)?ea|heart (?:murmur|condition|disease|problem)|arrhythmia|tumou?r|"
                      r"cancer|infection|illness|disease|disorder|medical (?:condition|problem|issue|advice)|(?:am i|is (?:he|she|my \w+|the baby)) (?:sick|ill|unwell))\b|"
                      r"诊断|新冠|感冒|肺炎|哮喘|疾病|生病|什么病|診断|コロナ|風邪|病気|喘息", re.I)
_ASKS = re.compile(r"\?|？|\b(?:whether|if|tell|check|diagnos\w*|detect|find out|know|do i have|does (?:he|she|it) have)\b|吗|是不是|有没有|判断|か[？?]?$|どうか", re.I)
MEDICAL = Limit(
    "medical",
    "I can't diagnose illness from a recording; please ask a doctor. I can list the sounds in it with "
    "their times (sound event detection) or describe it in words.",
    "我不能通过录音诊断疾病，请咨询医生。我可以列出录音中的声音及其时间，或用文字描述它。")

# Copying a voice: the request is about another person's voice.
_COPY_VOICE = re.compile(r"\bclon\w*|\bsound(?:s|ing)? like\b|\bimpersonat\w*|\bimitat\w*|\bmimic\w*|\bdeep-?fake|\bmake (?:him|her|them) say\b|"
                         r"\b(?:in|into|to|with|use|using|copy|take) (?:his|her|their|[\w-]+'s) (?:own )?voice\b|克隆|模仿|仿造|(?:他|她)的声音|クローン|真似|(?:彼|彼女)の声", re.I)
# The owner of that voice has not agreed, or there is nothing of theirs to copy from.
_NO_CONSENT = re.compile(r"\b(?:he|she|they|him|her|them)(?: \w+)? (?:doesn'?t|does not|don'?t|do not|didn'?t|did not|won'?t|wouldn'?t|will not|"
                         r"would not|never|can'?t|must not|mustn'?t) (?:know(?! (?:how|what|where|why|when|which|who|english|any|the|much|about)\b)|agree|consent|approve|allow|find out|need to know)\b|"
                         r"\b(?:he|she|they)(?:'d|'ll|'s| would| will| has| have)? never (?:agree|consent|approve|allow|say yes|know|find out)\b|"
                         r"\bwithout (?:his|her|their|the person'?s) (?:knowledge|knowing|consent|permission|approval|agreement|ok(?:ay)?)\b|"
                         r"\bwithout (?:asking|telling) (?:him|her|them)\b|\bbehind (?:his|her|their) back\b|"
                         r"\b(?:haven'?t|have not|never|didn'?t|did not) (?:asked|told|ask|tell) (?:him|her|them)\b|"
                         r"\b(?:i )?(?:don'?t|do not) have (?:any |a |an )?(?:recordings?|samples?|clips?|audio|voice (?:memos?|notes?)) (?:of|from|with) (?:him|her|them)\b|"
                         r"\bno (?:recordings?|samples?|audio|clips?) of (?:him|her|them)\b|"
                         r"(?:他|她|他们)(?:不知道|没同意|不同意)|(?:未经|没经过|没有经过)(?:他|她|他们)?(?:的)?(?:同意|允许|许可)|"
                         r"(?:彼|彼女|本人)(?:は|に)(?:知らない|内緒)|無断で|許可なく", re.I)
CONSENT = Limit(
    "consent",
    "I can't copy the voice of someone who hasn't agreed to it, or of whom there is no recording they "
    "gave. I can speak the words in a stock voice or in your own enrolled voice, or change your "
    "recording with a voice effect (deep, robot, radio).",
    "我不能复制未经本人同意（或没有其本人提供录音）的声音。我可以用标准音色或你自己登记的声音朗读，或给你的录音加变声效果。")


# Live sound: a call, a stream or a microphone processed as it happens ("live noise cancellation
# for my Zoom call", "change my voice in real time while I'm streaming", "实时降噪").
_LIVE = re.compile(r"\b(?:in real[- ]?time|real[- ]?time|live)\b[^.?!]{0,50}\b(?:calls?|zoom|meet(?:ing)?s?|teams|skype|discord|"
                   r"facetime|streams?|streaming|twitch|broadcast\w*|mic(?:rophone)?|headset|gam(?:e|ing))\b|"
                   r"\b(?:while|as|when) (?:i'?m|i am|we'?re|we are) (?:streaming|live|on (?:a |the |my )?(?:call|zoom|stream)|"
                   r"gaming|broadcasting)\b|\bduring (?:my|the|our|a) (?:zoom|call|meeting|stream|livestream|broadcast)\b|"
                   r"实时|直播(?:时|的时候|中)|通话(?:时|中)|リアルタイム|配信中|通話中", re.I)
# ... unless the call or stream was recorded and is the file to work on ("my recorded live stream").
_RECORDED = re.compile(r"\brecord(?:ed|ing)s?\b|\bvods?\b|\breplay\b|\b(?:this|that|the attached) (?:stream|call|meeting|broadcast)\b|"
                       r"录(?:好|下|制)|录音|回放|録画|録音|アーカイブ", re.I)
LIVE = Limit(
    "live",
    "I work on recordings, not on live sound: I can't process a call, a stream or a microphone as it "
    "happens. Record it (or send me the recording afterwards) and I can clean it up, change the voice "
    "or transcribe it.",
    "我只处理录好的音频，不能实时处理通话、直播或麦克风。录下来（或事后把录音发给我），我可以降噪、变声或转写。")

# A public figure's voice made to say words ("clone the famous actor and have him endorse my app").
_PUBLIC = re.compile(r"\b(?:famous|celebrit(?:y|ies)|celeb|movie star|film star|pop star|rock star|actor|actress|politician|"
                     r"president|prime minister|senator|governor|mayor|ceo|influencer|youtuber|news ?anchor|newsreader)\b|"
                     r"名人|明星|总统|总理|政治家|有名人|芸能人|俳優|大統領", re.I)
_TAKE_VOICE = re.compile(r"\bclon(?:e|ing) (?:him|her|them|the|this|that|his|their|[\w-]+'s)\b|\bimpersonat\w*|\bdeep-?fake|\b(?:make|have|get) (?:him|her|them) (?:to )?(?:say|sing|read|announce|"
                         r"endorse|promote|recommend)\b|\b(?:in|with|use|using|copy|take) (?:his|her|their|[\w-]+'s) (?:own )?voice\b|"
                         r"克隆|用(?:他|她)的声音|(?:彼|彼女)の声で", re.I)
_AGREED = re.compile(r"\b(?:he|she|they|(?:the|our|my) [\w-]+)(?: has| have|'s|'ve)? (?:agreed|consented|approved|said (?:it'?s|it is|that'?s) (?:ok|okay|fine))\b|"
                     r"\bwith (?:his|her|their) (?:permission|consent|ok|approval)\b|(?:他|她|本人)同意|本人の(?:許可|同意)", re.I)
PUBLIC_VOICE = Limit(
    "public figure",
    "I can't make a public figure's voice say words they never said: they have not agreed, and it "
    "would mislead listeners. I can speak the words in a stock voice or in your own enrolled voice.",
    "我不能让公众人物的声音说他们没说过的话：本人没有同意，也会误导听众。我可以用标准音色或你自己登记的声音来读。")


# "I'll upload it to YouTube later": what the user will do, not what is asked.
_USER_WILL = re.compile(r"\b(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to| plan to| can| could)"
                        r"(?: \w+)?\s*$|我(?:会|要|自己)|自分で", re.I)


def _asked(pattern: re.Pattern[str], clause: str) -> bool:
    """``pattern`` is found in ``clause`` as something asked of the assistant."""
    return any(not _USER_WILL.search(clause[:m.start()]) for m in pattern.finditer(clause))


def limit_of(clause: str, *, have_audio: bool, n_image: int) -> Limit | None:
    """The class of request beyond the tools that ``clause`` belongs to, or None.

    Args:
        clause: One clause of the request (quoted text protected).
        have_audio: Audio is attached or in the session.
        n_image: Images attached (a picture product made from a portrait may be a talking head).
    """
    if _asked(_PLAY, clause) and not re.search(r"\bsound(?:s|ing)? like\b|\bas if\b|像是?", clause, re.I):
        return PLAYBACK
    if _asked(_CLOUD, clause):
        return CLOUD
    if _SCHEDULE.search(clause) and not _HABIT.search(clause):
        return SCHEDULE
    if _COMPOSE_TEXT.search(clause) and not _HEARD.search(clause):
        return COMPOSE_TEXT
    if _PICTURE_OUT.search(clause) and not _HEAD.search(clause) and not n_image:
        return PICTURE_OUT
    if _MEDICAL.search(clause) and _ASKS.search(clause):
        return MEDICAL
    if _asked(_LIVE, clause) and not _RECORDED.search(clause):
        return LIVE
    return None


def whole_request(text: str, atts: list[dict[str, str]], *, have_audio: bool = False) -> Limit | None:
    """A limit that holds for the request as a whole (no part of it may be served).

    A voice copied without its owner's agreement is declined whatever else the request says
    (the agreement is often said in a sentence of its own: "... She doesn't know."); so are a
    silent video and a medical verdict (the listening serves the verdict); and so is a request whose every clause, past a thank-you ("thanks! save it to
    my drive"), falls in a class of :func:`limit_of`.

    Args:
        text: The request (quoted text protected).
        atts: This turn's attachments (``kind`` is read).
        have_audio: Audio is attached or in the session.
    """
    from audiogpt.dialogue.splitter import split_steps

    n_image = sum(a.get("kind") == "image" for a in atts)
    if limits.silent_video(text, sum(a.get("kind") == "video" for a in atts)):
        return limits.SILENT
    if _COPY_VOICE.search(text) and _NO_CONSENT.search(text):
        return CONSENT
    if _PUBLIC.search(text) and _TAKE_VOICE.search(text) and not _AGREED.search(text):
        return PUBLIC_VOICE  # the public figure named anywhere in the request
    if (more := outside.whole_request(text, n_audio=sum(a.get("kind") == "audio" for a in atts),
                                      n_image=n_image, have_audio=have_audio)) is not None:
        return more  # a web address, a song's rights, a summary, text only, notation, a named voice
    if _MEDICAL.search(text) and _ASKS.search(text):
        return MEDICAL  # "listen to the cough and tell me if it's covid": the listening serves the verdict
    clauses = [_THANKS.sub("", c) for c in split_steps(text) or [text]]
    found = [limit_of(c, have_audio=have_audio, n_image=n_image) for c in clauses if c.strip()]
    return found[0] if found and all(found) else None


# "thanks! ", "great, ": a reaction before the request.
_THANKS = re.compile(r"^\s*(?:thanks?|thank you|thx|cheers|great|cool|nice|awesome|perfect|ok(?:ay)?|谢谢|好的|ありがとう)\b[\s!.,，。！]*", re.I)
