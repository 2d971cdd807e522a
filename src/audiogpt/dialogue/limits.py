"""Requests that look like tool requests but ask for something no tool gives.

Each rule names what is asked for, not a sentence: a measurement no tool makes (tempo, key,
a speaker's age or mood), correcting pitch note by note (auto-tune), delivering a file to a
person or an app, naming who made a recording, a video as the product, a video with no sound
track, and translating typed words. Each comes with a reply saying what can be done instead.
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re
from dataclasses import dataclass

from audiogpt.dialogue.lexicon import LANGUAGES


@dataclass(frozen=True)
class Limit:
    """Why a request is outside the tools, and what to offer (same shape as scope.Scope)."""

    medium: str
    reply_en: str
    reply_zh: str


# A question or a request to find something out ("what's ...", "can you tell ...", "几岁").
_ASKS = re.compile(r"\?|？|\b(?:what|what's|whats|which|how|tell|guess|estimate|detect|identify|figure out|"
                   r"find out|measure|analy[sz]e|know)\b|吗|呢|多少|什么|几|多大|か[？?]?$|教えて|知りたい", re.I)
_FEELINGS = r"sad|happy|angry|upset|scared|afraid|nervous|excited|bored|calm|stressed|annoyed|sarcastic|serious|joking"
# Properties of a recording or a speaker that no tool measures.
_MEASURED = re.compile(r"\b(?:bpm|tempo|beats per minute|time signature)\b|\b(?:what|which) key\b|\bkey (?:is|of) (?:this|the|it|that)\b|"
                       r"\bhow old\b|\b(?:bit ?rate|kbps|upscaled|up-?sampled from|transcoded|truly lossless|fake (?:flac|lossless|hi-?res))\b|\b(?:lying|telling the truth|being honest|bluffing)\b|\b(?:what|which) (?:kind of |sort of )?accent\b|\bwhere (?:is|are|does|do) (?:he|she|they|the speaker|the singer) (?:come )?from\b|口音|訛り|なまり|"
                       r"\b(?:age|ethnicity|nationality|height|weight)\b|\b(?:emotion|mood|sentiment)s?\b|"
                       r"\b(?:is|are|was|were) (?:he|she|they|the (?:speaker|caller|singer)) (?:lying|telling the truth|drunk|sick|nervous)\b|"
                       rf"\b(?:is|are|was|were|does|do|did) (?:this |the |that )?(?:\w+ )?(?:sound(?:ing)? |feel(?:ing)? )?(?:{_FEELINGS})\b|"
                       rf"\b(?:{_FEELINGS}) or (?:{_FEELINGS})\b|"
                       r"几岁|多大年纪|年龄|年紀|节拍|节奏多快|速度是多少|什么调|调性|情绪|情感|何歳|年齢|テンポ|何調|感情|気分", re.I)
MEASURE = Limit(
    "measure",
    "I can't measure tempo, musical key, or a speaker's age or mood. I can tell who speaks when "
    "and whether a voice is a man's or a woman's (speaker diarization), write out the notes "
    "(music transcription), or describe the recording in words (captioning).",
    "我不能测量节拍、调性，或说话人的年龄和情绪。我可以分出谁在何时说话、判断是男声还是女声，"
    "把音符转写出来，或用文字描述这段录音。")

# Correcting pitch note by note: a shift by a fixed interval is not a correction.
_CORRECT = re.compile(r"auto-?tun|pitch[- ]correct|(?:fix|correct|repair|clean up)\w*\b.{0,25}\b(?:pitch|tuning|intonation|off[- ]key|"
                      r"out of tune|flat|sharp)\b|(?:perfectly|so (?:it'?s|it is|i'?m|they'?re)|so (?:every|each|all)(?: the)? notes? "
                      r"(?:is|are)(?: perfectly)?) in (?:key|tune)\b|跑调|走音|修音|音准|オートチューン|音程を(?:直|補正)|音痴を直", re.I)
CORRECT = Limit(
    "correct",
    "I can't correct pitch note by note (auto-tune). I can shift the whole recording up or down "
    "by semitones keeping its length, or write out its notes so you can see which are off.",
    "我不能逐音修正音准（自动修音）。我可以把整段录音升高或降低若干半音（时长不变），或转写出音符。")

# Sending a file to a person or through an app.
_APPS = r"whats ?app|telegram|wechat|messenger|imessage|signal|discord|slack|skype|airdrop|teams|微信|钉钉|LINE"
_SEND = re.compile(rf"\b(?:send|forward|share|text|message|dm|e-?mail|mail|airdrop)\w*\b.{{0,40}}(?:\b(?:on|via|through|by|over|in|using) (?:{_APPS})\b|"
                   r"\b(?:to|with) (?:my |our |the )?(?:boss|friend|friends|mom|mum|mother|dad|father|wife|husband|partner|team|"
                   r"colleagues?|coworkers?|clients?|teacher|group|family|everyone|manager|girlfriend|boyfriend)\b)|"
                   rf"\b(?:{_APPS})\b.{{0,20}}\b(?:send|share|forward)|发给|发送给|转发给|送って|送信して|"
                   # "text my wife that ...": the person right after the verb of sending
                   # "call my mom and play her this": a phone call to a person
                   r"\b(?:text|message|e-?mail|dm|ping|remind|whatsapp|call|phone|ring|dial|facetime)\s+(?:up\s+)?(?:my|our)\s+(?:\w+\s+)?(?:boss|friends?|mom|mum|"
                   r"mother|dad|father|wife|husband|partner|team|colleagues?|coworkers?|clients?|teacher|group|family|"
                   r"manager|girlfriend|boyfriend|sister|brother|kids?|son|daughter|landlord|neighbou?r)\b", re.I)
_PUBLISH = re.compile(r"\b(?:available|publish\w*|post\w*|put\w* (?:it|this|that|them)(?: up)?|host\w*) (?:on|to) (?:my|our|the|a) "
                      r"(?:website|web ?site|site|blog|channel|page|feed|profile|server|cloud|drive|account)\b|"
                      r"(?:设置成|设为|设成|做成)(?:手机)?铃声|着信音に|\bgo(?:es|ing)? viral\b|\b(?:get|gets|getting|more) (?:\w+ )?(?:views|followers|likes|streams)\b|"
                      # "turn this song into a ringtone", "put it on my phone": the phone is the destination
                      r"\b(?:into|as|for|to) (?:a |my |the )?ring ?tones?\b|\bset (?:it|this|that) as (?:my |the )?\w*\s?(?:tone|alarm)\b|"
                      r"\b(?:put|load|install|copy|transfer|sync)\w* (?:it|this|that|them) (?:on|onto|to) my (?:phone|iphone|android|watch|ipod|car)\b", re.I)
_SEND_NAME = re.compile(r"\b(?:send|forward|share|text|message|mail)\w*\b.{0,40}\b(?:to|with) ([A-Z][a-z]+)\b")
# "before I send it to the client": the user's own later act, not a request.
_OWN_ACT = re.compile(r"\b(?:i|we)(?:'ll|'m| will| can| could| am| are| then)?(?: going to)? $", re.I)
DELIVER = Limit(
    "deliver",
    "I can't send files to people or apps. I make and edit the audio; its link is in the reply, "
    "and you can download it and share it yourself.",
    "我不能把文件发给别人或发到应用里。我负责生成和编辑音频，你可以下载后自己分享。")

# Who made a recording (a catalogue lookup, not an audio analysis).
_WHO_MADE = re.compile(r"\bwho (?:sang|sings|is singing|performed|performs|wrote|composed|produced|made|recorded) "
                       r"(?:this|that|it|the)\b|\b(?:name|title) of (?:this|that|the) (?:song|track|tune|piece)\b|"
                       r"谁唱|是谁唱|谁的歌|谁写的|谁作曲|歌名|誰が歌|誰の曲|誰が作|曲のタイトル", re.I)
IDENTIFY = Limit(
    "identify",
    "I can't look up who made a recording or what it is called (that needs a music catalogue). "
    "I can describe it, write out its notes, or transcribe its words.",
    "我不能查出录音的歌手或歌名（那需要音乐曲库）。我可以描述它、转写音符或歌词。")

# A video (with lyrics, visuals, subtitles burned in) as the thing to make.
_VIDEO_PRODUCT = re.compile(r"\b(?:into|as|to) (?:a |an )?(?:\w+ )?(?:video|slideshow|gif|animation|visuali[sz]er)\b|"
                            r"\bon (?:the )?screen\b|\b(?:music|lyric) video\b|做成.{0,4}视频|動画に(?:して|する)", re.I)
_TALKING = re.compile(r"talk|speak|say|lip|mouth|face|portrait|avatar|说话|話|喋", re.I)
VIDEO_OUT = Limit(
    "video",
    "I can't make music videos or put text on screen. The only video I make is a talking head "
    "(a portrait speaking a recording); I can also work on the sound of a video.",
    "我不能制作音乐视频或在画面上加文字。我能生成的视频只有说话的肖像；也可以处理视频里的声音。")

# A video with no sound: nothing for the speech tools to hear.
_SILENT = re.compile(r"lip[- ]?read|\bsilent (?:video|film|movie|clip|footage)|(?:video|film|clip|footage) (?:with|has) no (?:sound|audio)|"
                     r"\bwithout (?:any )?(?:sound|audio)\b|\bmuted (?:video|clip)|读唇|唇语|无声视频|読唇|無音の動画", re.I)
SILENT = Limit(
    "silent",
    "I can't read lips: with no sound there is nothing for speech recognition to hear. Attach "
    "the recording with its sound and I can transcribe or translate it.",
    "我不能读唇语：没有声音，语音识别就无从识别。请附上有声音的录音，我可以转写或翻译。")

# Typed words to translate: the translation tool translates speech.
_WRITTEN = re.compile(r"translat\w*\b.{0,25}\b(?:sentence|phrase|paragraph|text|words?|line|sms|caption)s?\b|"
                      r"translat\w*\b[^:：]{0,40}[:：]\s*\S|翻译(?:这句话|这段文字|这句)|この(?:文|文章)を.{0,4}翻訳", re.I)
WRITTEN = Limit(
    "written",
    "I translate speech, not typed text. Attach a recording and I can translate it; or give me "
    "the words in the language you want and I can read them aloud.",
    "我翻译的是语音，不是文字。附上录音我就能翻译；或者给我目标语言的文字，我可以朗读出来。")


# A physical medium or a device as the destination ("burn it onto a CD", "print the lyrics").
_MEDIUM = re.compile(r"\b(?:burn|print|press|copy|write|transfer)\w*\b.{0,30}\b(?:onto |on |to )(?:a |an |my |the )?(?:cd|dvd|"
                     r"blu-?ray|vinyl|cassette|tape|usb(?: stick| drive)?|flash drive|memory card|printer|paper)\b|"
                     r"\bprint (?:it|this|that|them|out|the)\b|刻录|打印|印刷|焼いて", re.I)
MEDIUM = Limit(
    "medium",
    "I can't write to discs, drives or printers. I give you the files (audio, text, MIDI); "
    "you can download them and copy or print them yourself.",
    "我不能刻录光盘、写入设备或打印。我提供文件（音频、文字、MIDI），你可以下载后自行处理。")
# A document as the product ("the sheet music as a printable PDF", "a Word file of the minutes").
_DOC_PRODUCT = re.compile(r"\b(?:as|into|in|to) (?:a |an )?(?:printable |nice |proper )?(?:pdf|word (?:file|document)|docx|"
                          r"document|spreadsheet|excel (?:file|sheet)|powerpoint|slides?)\b|\bprintable\b|"
                          r"(?:做成|生成|导出).{0,6}(?:pdf|文档|表格)|PDFに", re.I)
DOC_PRODUCT = Limit(
    "document",
    "I can't make documents. Music transcription gives MIDI and a piano-roll image; speech "
    "recognition gives plain text you can paste into any document.",
    "我不能生成文档。音乐转写可以给出 MIDI 和钢琴卷帘图；语音识别给出纯文本，你可以粘贴到文档里。")
# Editing words rather than sound: grammar, spelling, style of what was said.
_TEXT_EDIT = re.compile(r"\b(?:correct|fix|improve|proofread|polish|rewrite|reword|paraphrase|tidy up)\w*\b.{0,25}\b(?:grammar|"
                        r"spelling|punctuation|wording|phrasing|style|sentences)\b|\bproofread|语法|错别字|文法|誤字", re.I)
TEXT_EDIT = Limit(
    "text edit",
    "I can't edit the wording of what was said. I can transcribe it exactly (speech "
    "recognition), and you can correct the text.",
    "我不能修改说话内容的措辞或语法。我可以把它准确地转写出来，由你来修改文字。")


# A picture's own properties ("my photo's background noise and grain"): noise of an image.
_PICTURE_OWNS = re.compile(r"\b(?:photo|picture|image|selfie|screenshot|pic)(?:'s|s'| (?:grain|noise|colou?rs?|lighting|background))\b|"
                           r"\bgrain(?:y|iness)?\b|\bpixelat|照片的|图片的|写真の", re.I)
PICTURE = Limit(
    "image",
    "I can't edit or analyse pictures themselves. With a picture I can make a sound that fits it "
    "(image to audio), or animate a portrait so it speaks a recording (talking head).",
    "我不能编辑或分析图片本身。对一张图片，我可以生成与之相配的声音，或让肖像照开口说出一段录音。")


# Reading what is written or notated in a picture ("read the small print on this label photo",
# "turn my photo of sheet music into MIDI"): no tool reads text or notes in images.
_PICTURE_TEXT = re.compile(r"\b(?:read|tell me|what does|what do|transcribe|type out|copy)\w*\b.{0,40}\b(?:print|text|writing|words|"
                           r"handwriting|letters|label|sign|caption|menu|note)s?\b.{0,40}\b(?:on|in|of|from)\b|"
                           r"\b(?:sheet music|(?:musical )?score|notation|tabs?|tablature|chord chart)\b.{0,50}\b(?:midi|musicxml|notes?|"
                           r"playable|audio|sound|play)\b|\bocr\b|图片?(?:上|里|中)的(?:文字|字)|(?:照片|图片|图)里?写的|写真の文字|画像の文字|楽譜", re.I)
PICTURE_TEXT = Limit(
    "image",
    "I can't read text or musical notation in pictures. I can speak text you type (text to "
    "speech), sing lyrics on notes you write out (singing synthesis), or make a sound that fits "
    "the picture (image to audio).",
    "我不能识别图片里的文字或乐谱。我可以朗读你输入的文字，按你写出的音符演唱歌词，或为图片生成相配的声音。")


# Capturing from a device ("record my screen for 5 minutes", "record my voice", "录一段我的声音"): no
# tool listens to the microphone or the screen; a recording is attached or spoken into the web UI.
_CAPTURE = re.compile(r"^(?!.*QTEXT)(?:(?:please|can you|could you|would you|now|ok)\s+)*(?:start\s+)?(?:record|capture|tape)(?:ing)?\s+"
                      r"(?:(?:me|us)\b(?!\s+(?:a|an|some|the|something|two|three)\b)|(?:my|our|the|this|a)\s+(?:screen|desktop|voice|mic(?:rophone)?|call|meeting|zoom|webcam|camera)\b)"
                      r"(?!.{0,20}\b(?:saying|say|reading|read|like|sounding)\b)|"
                      r"^(?:请|帮我)?(?:录(?:一段|一下|制)?我的声音|录屏)|録音して(?:ください)?$|録画して", re.I)
CAPTURE = Limit(
    "capture",
    "I can't record from your microphone, screen or camera. Record with your device (or the microphone "
    "button of the web UI) and attach the file; then I can transcribe, clean or edit it.",
    "我不能直接用麦克风、屏幕或摄像头录制。请先用设备录好（或用网页界面的麦克风按钮）再上传文件，我可以转写、降噪或编辑。")


# Defeating provenance: removing a watermark or disguising generated audio as real.
_UNMARK = re.compile(r"\b(?:remov\w*|strip\w*|scrub\w*|eras\w*|get rid of|bypass\w*|defeat\w*|hid(?:e|ing)|"
                     r"wip\w*)\b.{0,30}\bwatermarks?\b|\b(?:undetectable|evad\w*|fool\w*|get past|slip past|avoid)\b.{0,30}"
                     r"\b(?:watermarks?|(?:ai |deepfake |clone )?detectors?|detection|checkers?)\b|\bwatermarks?\b.{0,20}\b(?:off|out|removed|gone)\b|"
                     r"\b(?:nobody|no one|no-one|people won'?t|can'?t) (?:can |could |will |would )?(?:tell|know|detect|notice)\b.{0,25}"
                     r"\b(?:fake|ai|cloned|synthetic|generated|not real)\b|\bpass(?:es)? (?:as|for) (?:real|genuine|human|authentic)\b|"
                     r"去(?:掉|除)水印|水印.{0,4}去|透かし.{0,4}(?:消|除|取)", re.I)
UNMARK = Limit(
    "unmark",
    "I can't remove watermarks or make generated audio pass as real. I can check whether a file carries "
    "this assistant's watermark (watermark detection).",
    "我不能去除水印，也不能把生成的音频伪装成真实录音。我可以检测文件是否带有本助手的水印。")


def silent_video(text: str, n_video: int = 0) -> bool:
    """The request says its video has no sound ("lip-read this silent video")."""
    return bool(_SILENT.search(text)) and bool(n_video or re.search(r"video|film|movie|clip|footage|视频|動画", text, re.I))


def limit_of(clause: str, *, have_audio: bool, n_image: int, n_video: int) -> Limit | None:
    """The :class:`Limit` a clause runs into, or None.

    Args:
        clause: One clause of the request (quoted text protected).
        have_audio: Audio is attached or in the session.
        n_image: Images attached.
        n_video: Videos attached.
    """
    if _MEASURED.search(clause) and _ASKS.search(clause):
        return MEASURE
    if _CORRECT.search(clause):
        return CORRECT
    if _UNMARK.search(clause):
        return UNMARK
    if not have_audio and _CAPTURE.search(clause.strip()):
        return CAPTURE
    if any(not _OWN_ACT.search(clause[:m.start()]) for m in _SEND.finditer(clause)) or _PUBLISH.search(clause) or any(m.group(1).lower() not in LANGUAGES and m.group(1) not in ("I", "Me")
                                   for m in _SEND_NAME.finditer(clause)):
        return DELIVER
    if _WHO_MADE.search(clause):
        return IDENTIFY
    if _PICTURE_OWNS.search(clause) and n_image and not have_audio:
        return PICTURE
    if _PICTURE_TEXT.search(clause) and n_image and not have_audio:
        return PICTURE_TEXT
    if _MEDIUM.search(clause):
        return MEDIUM
    if _DOC_PRODUCT.search(clause):
        return DOC_PRODUCT
    if _TEXT_EDIT.search(clause):
        return TEXT_EDIT
    if silent_video(clause, n_video):
        return SILENT
    if _VIDEO_PRODUCT.search(clause) and not n_image and not _TALKING.search(clause):
        return VIDEO_OUT
    if not have_audio and _WRITTEN.search(clause):
        return WRITTEN
    return None
