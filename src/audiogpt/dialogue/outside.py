"""More classes of requests beyond the tools (round 14), recognised by what they ask for.

Each class names a kind of answer no tool gives: content fetched from a web address, the rights
to a song (who owns it, whether it may be used), a written summary of what people say, a written
answer when there is no recording to work on, music played from a picture of its notation, and
a named person (a public figure or anyone else) made to speak with no recording of theirs and
no word that they agreed, a phone call placed for the user, and whose a recorded voice is. Each pattern is paired with what looks alike but is served, and each
class comes with a reply saying why and what can be done instead.
:func:`whole_request` is called from :func:`audiogpt.dialogue.beyond.whole_request`.
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re

from audiogpt.dialogue.limits import Limit

# Content at a web address ("read out the article at https://...", "transcribe the podcast on
# www.x.com"): no tool fetches pages or files from the web. A web address to be spoken as words
# ("say 'visit www.shop.com'") is quoted text or follows "visit"/"go to", and is served.
_ADDRESS = r"(?:https?:|www\.)\S*|\b[\w-]+\.(?:com|org|net|io|co|tv|fm)(?:/\S*)?\b"
_WEB = re.compile(rf"\b(?:at|from|on|in|via|of|here:?|link:?|url:?|page:?)\s+(?:the )?(?:link |url |page |address )?(?:{_ADDRESS})|"
                  r"\b(?:from|at|on|in|of|read|open|fetch|transcribe|download|summari[sz]e|play) (?:this|that|the) (?:link|url|web ?page|web address)\b|"
                  r"\bfrom (?:this|that|the) (?:website|web site|site)\b|"
                  r"(?:网页|网址|链接)(?:上|里|中)?的|(?:このURL|このリンク|ウェブページ)の", re.I)
_SPOKEN_ADDRESS = re.compile(r"\b(?:visit|go to|head to|check out|find us (?:at|on)|at the end|sign[- ]?off|outro)\b", re.I)
WEB = Limit(
    "web",
    "I can't open web pages or download from links. Paste the text and I can read it aloud, or "
    "attach the recording and I can transcribe, translate or edit it.",
    "我不能打开网页或从链接下载。把文字贴过来我可以朗读，把录音附上我可以转写、翻译或编辑。")

# The rights to a song: who owns it, whether it is free to use, its licence ("can I use this
# commercially?", "版权归谁", "著作権"). Music described as free to use is a generation request.
_RIGHTS = re.compile(r"\b(?:copyright\w*|licen[cs]e[sd]?|licensing|royalt(?:y|ies)|public domain|content ?id|"
                     r"(?:use|play|monetiz\w*) (?:it|this|that|them)(?: \w+){0,2} (?:commercially|for commercial)|commercial use|"
                     r"(?:who|which (?:label|company)) (?:owns|holds) (?:the )?(?:rights|song|track|music|it)|legal(?:ly)? to use)\b|"
                     r"版权|商用|著作権|商用利用|ライセンス", re.I)
_ASKS_RIGHTS = re.compile(r"\?|？|\b(?:who|whose|whether|if|can (?:i|we)|may (?:i|we)|allowed|check|find out|look up|tell me)\b|"
                          r"吗|能不能|可不可以|是否|查|かどうか|調べ|教えて", re.I)
_FREE_TO_USE = re.compile(r"\b(?:royalty|copyright)[- ]free\b|\bno copyright\b|无版权|免版权|可商用的|著作権フリー", re.I)
RIGHTS = Limit(
    "rights",
    "I can't look up who owns a song or whether you may use it; check with the rights holder or a "
    "licensing service. I can make new music for you (music generation) or describe this track.",
    "我不能查询歌曲的版权归属或能否商用，请咨询版权方或授权平台。我可以为你生成新的音乐，或描述这首曲子。")

# A written summary of what people say ("a 3-bullet summary of what they argue about", "the key
# points of the lecture"). A summary of what a clip sounds like is a caption, and is served.
_SUMMARY = re.compile(r"\b(?:summar\w*|recap|tl;?dr|key (?:points|takeaways)|main points|bullet(?:ed)? (?:points|list)|\d+[- ]bullets?|"
                      r"meeting minutes|gist)\b|总结|概括|要点|纪要|要約|まとめ", re.I)
_OF_TALK = re.compile(r"\b(?:say|says|said|saying|talk\w*|argu\w*|discuss\w*|debat\w*|conversation|interview|lecture|podcast|"
                      r"episode|meeting|call|speech|sermon|transcript|they|he|she|speaker|guests?)\b|说|讲|会议|讨论|話|会議", re.I)
_OF_SOUND = re.compile(r"\bsounds? like\b|\bwhat (?:this|the|that) (?:\w+ )?(?:clip|audio|recording|file) (?:contains|has)\b|"
                       r"\b(?:sounds|noises?|sound events?)\b|什么声音|どんな音", re.I)
# "transcribe it and summarise it": the transcription is served (unless it is refused).
_TRANSCRIBE = re.compile(r"\btranscri\w*|\bwrite (?:it |this |that )?out\b|\bword for word\b|转写|文字起こし", re.I)
_NO_TRANSCRIPT = re.compile(r"\b(?:don'?t|do not|no|not|without|never)(?: \w+){0,2} (?:a |the |any )?transcri", re.I)
SUMMARY = Limit(
    "summary",
    "I can't write summaries of what people say. I can transcribe the recording (speech "
    "recognition) so you can read or summarise it, or describe its sounds in a caption.",
    "我不能总结说话的内容。我可以把录音转成文字供你阅读，或用一句话描述其中的声音。")

# A written answer with no recording to work on ("how do you say X in German? just type it, no
# audio"): without a recording every tool answers in sound, so the text itself cannot be given.
_TEXT_ONLY = re.compile(r"\b(?:no (?:audio|sound|voice ?over|recording)s? (?:needed|necessary|required|please|wanted)|"
                        r"(?:just|only) (?:type|write)\b|text only|written only|in writing|"
                        r"(?:don'?t|do not) (?:need|want) (?:any |an? |the )?(?:audio|sound file|recording|it (?:read|spoken|said)(?: aloud| out loud)?)\b)|"
                        r"不要(?:语音|音频)|只要文字|文字(?:就行|即可)|音声(?:は)?(?:不要|いらない)|文字だけ", re.I)
TEXT_ONLY = Limit(
    "text only",
    "I can't give a written answer here: with no recording to work on, everything I make is sound "
    "(speech, music, effects). Attach a recording and I can transcribe or translate it; or I can say "
    "the words aloud.",
    "没有录音时，我能生成的都是声音（语音、音乐、音效），无法只给文字答案。附上录音我可以转写或翻译，或者我可以把文字读出来。")

# Music played from a picture of its notation ("play this sheet music, it's a photo of the
# page"). Sheet music made from a recording is music transcription, and is served.
_NOTATION = re.compile(r"\b(?:play|perform|hear|sing|read)(?:s|ing)?\b.{0,40}\b(?:sheet music|(?:musical )?score|notation|"
                       r"tabs?|tablature|chord chart|lead sheet)\b(?! (?:for|from|of) (?:this|the|my) (?:tune|song|track|recording))|"
                       r"(?:乐谱|曲谱|五线谱|简谱)(?:演奏|弹|播放)|楽譜を(?:演奏|再生|弾)", re.I)
_NOTATION_OUT = re.compile(r"\b(?:into|as|to|give me|write out|make)\b(?: \w+){0,2} (?:sheet music|score|notation|tabs?)\b", re.I)
NOTATION = Limit(
    "notation",
    "I can't read musical notation from a picture. Write out the notes (for example 'C4 E4 G4') and "
    "I can sing them with lyrics, or attach a recording and I can write out its notes.",
    "我不能识别图片里的乐谱。把音符写出来（例如 C4 E4 G4）我可以配词演唱，或附上录音我可以转写出音符。")

# A named person made to speak ("make Obama say ...", "have Morgan Freeman narrate my ad"). With
# none of their recordings attached, only a copied voice of someone who has not agreed could do it.
_NAME = r"(?-i:(?!(?:I|Me|My|It|This|That|The|A|An|Siri|Alexa|Google|English|Spanish|French|German|Chinese|Japanese)\b)[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)"
_NAMED_SPEAKS = re.compile(rf"\b(?:make|have|get|let)\s+{_NAME}\s+(?:to\s+)?(?:say|says|narrate|read|sing|announce|voice|speak|endorse|recommend|wish)\b|"
                           rf"\b{_NAME}(?-i:'s) voice\b[^.?!]{{0,60}}\b(?:make|have|get|let) (?:him|her|them) (?:to )?(?:say|narrate|read|sing|announce)\b", re.I)
_AGREED = re.compile(r"\b(?:agreed|consent\w*|permission|approved|(?:is|are|'s|'re) (?:fine|ok|okay) with (?:it|this|that))\b|同意|許可", re.I)
NAMED_VOICE = Limit(
    "named voice",
    "I can't make a named person's voice say words: there is no recording they gave and no word that "
    "they agreed. I can speak the words in a stock voice or in your own enrolled voice.",
    "我不能让某个具体的人的声音说话：没有他本人提供的录音，也没有他的同意。我可以用标准音色或你自己登记的声音来读。")

# A phone call placed for the user ("call my mom and tell her I'll be late", "给餐厅打电话").
# Naming a file ("call it 'intro'") and a recorded call ("the call recording") are served.
_CALL = re.compile(r"\b(?:call|phone|ring|dial)(?: up)? (?:my|our|him|her|them|the (?:restaurant|dentist|doctor|office|bank|shop|store|"
                   r"hotel|clinic|school|landlord|plumber|salon))\b(?! (?:file|track|song|clip|recording|audio|voice|mix|take|stem|version)s?\b)|"
                   r"\bmake (?:a|the) (?:phone )?call\b|(?:给|帮我给)[^，。]{1,8}打(?:个)?电话|打电话给|電話(?:して|をかけて)", re.I)
CALL = Limit(
    "call",
    "I can't place phone calls. I can say the message aloud (text to speech or your own voice) so "
    "you can play it or send it yourself.",
    "我不能打电话。我可以把要说的话读出来（标准音色或你自己的声音），你可以自己播放或发送。")

# Who a recorded voice belongs to ("is this Morgan Freeman's voice?", "who the actual speaker
# is"): no tool names people. Who speaks when (diarization), and whether a voice is a man's or a
# woman's, are served.
_WHOSE = re.compile(rf"\bis (?:this|that|it) (?:really |actually )?{_NAME}(?-i:'s)? (?:voice|speaking|talking|singing)\b|"
                    r"\bwhose voice (?:this|that|it) is\b|\bwhose voice is (?:this|that|it)\b|"
                    r"\bwho (?:the )?(?:actual|real) (?:speaker|voice|person|narrator) is\b|"
                    r"\bwhich (?:celebrity|actor|actress|famous person|politician|singer) (?:is (?:this|speaking|talking)|this is)\b|"
                    r"这是谁的声音|是谁在说话|誰の声", re.I)
# "is this really her singing or an AI?": a question of provenance (watermark detection).
_MADE_BY_AI = re.compile(r"\b(?:ai|a\.i\.|fake|synthetic|generated|clon\w*|deep-?fake|machine)\b|合成|生成|克隆", re.I)
WHOSE = Limit(
    "whose voice",
    "I can't tell who a voice belongs to. I can mark who speaks when (speaker diarization), or "
    "check whether the file carries this assistant's watermark.",
    "我不能识别声音是谁的。我可以标出谁在什么时候说话（说话人分离），或检测文件是否带有本助手的水印。")


def whole_request(text: str, *, n_audio: int, n_image: int, have_audio: bool) -> Limit | None:
    """The class beyond the tools that ``text`` as a whole belongs to, or None.

    Args:
        text: The request (quoted text protected).
        n_audio: Audio files attached to this turn.
        n_image: Images attached to this turn.
        have_audio: Audio (or another file) is attached or in the session.
    """
    if _NAMED_SPEAKS.search(text) and not n_audio and not _AGREED.search(text):
        return NAMED_VOICE
    if _CALL.search(text):
        return CALL
    if _WHOSE.search(text) and not _MADE_BY_AI.search(text):
        return WHOSE
    if _WEB.search(text) and not _SPOKEN_ADDRESS.search(text):
        return WEB
    if have_audio and _RIGHTS.search(text) and _ASKS_RIGHTS.search(text) and not _FREE_TO_USE.search(text):
        return RIGHTS
    if (_SUMMARY.search(text) and _OF_TALK.search(text) and not _OF_SOUND.search(text)
            and (not _TRANSCRIBE.search(text) or _NO_TRANSCRIPT.search(text))):
        return SUMMARY
    if not have_audio and _TEXT_ONLY.search(text):
        return TEXT_ONLY
    if n_image and not n_audio and _NOTATION.search(text) and not _NOTATION_OUT.search(text):
        return NOTATION
    return None
