"""Is a request inside what the audio tools can do?

A trigger word alone ("remove the background", "translate", "recognize") says little about
scope: what matters is the thing acted on and the thing asked for. This module recognises
requests whose object is not sound (a photo, the picture of a video, a document) and whose
product is not sound or a transcript (a blog post, a slideshow), so the planner declines them
instead of sending them to the audio tool whose trigger happened to match, and says what it
can do with such a thing instead.
"""


from __future__ import annotations

import re
from dataclasses import dataclass

from audiogpt.dialogue import beyond
from audiogpt.dialogue.limits import limit_of

# Words that put a request in the world of sound (it asks to hear, make or change sound).
SOUND = re.compile(
    r"sound|sonif|audible|acoustic|audio|nois|music|song|voice|vocal|speech|spoken|speak|talk|\bsay|\bsaid|\bsing|hear|"
    r"listen|ambien|soundscape|recording|podcast|narrat|dialog|transcri|translat|\btrack|\btune|"
    r"melod|\blip|mouth|\bbeat|whisper|shout|\bread\b|aloud|\bdub|声|音|歌|曲|话|話|说|説|读|読|听|聞|喋",
    re.I)
# Things that are pictures, not sound.
VISUAL = re.compile(
    r"(?<![A-Za-z])(?:photo|picture|pic|image|selfie|snapshot|screenshot|wallpaper|painting|jpe?g|png|video|"
    r"movie|film|footage|slideshow|gif|thumbnail|colou?r|brightness|contrast|"
    r"exposure|resolution)s?(?![A-Za-z])|照片|图片|图像|相片|相册|视频|影片|画面|写真|画像|動画|映像",
    re.I)
# Things that are written text files or accounts, not sound.
TEXT_THING = re.compile(
    r"(?<![A-Za-z])(?:document|doc|docx|word file|pdf|spreadsheet|excel|powerpoint|slides|presentation|"
    r"web ?page|website|menu|receipt|invoice|contract|e-?mail|inbox|calendar|contacts?|printer|font|"
    r"typeface)s?(?![A-Za-z])|"
    r"文档|文件夹|表格|网页|菜单|メール|文書|書類|メニュー", re.I)
# Prose no tool writes (a transcript, a translation and a caption are the texts the tools give).
PROSE = re.compile(
    r"\b(?:write|draft|pen)\b(?: me| us)?(?: up)? (?:a |an |the |some |my )?(?:short |quick |long |catchy |"
    r"new |nice |good |funny )?(?:blog(?: post)?|article|essay|newsletter|tweet|(?:social media |instagram |"
    r"linkedin )?post|press release|cover letter|letter|e-?mail|report|review|story|poem|novel|script|"
    r"bio(?:graphy)?|thread|(?:song |rap )?lyrics|verse|chorus|slogan|tagline)s?\b|"
    r"\b(?:create|generate|make|compose|give)\b(?: me| us)? (?:a |an |some )?(?:short |quick |catchy )?"
    r"(?:blog(?: post)?|article|essay|newsletter|tweet|(?:social media |instagram |linkedin )post|"
    r"press release|cover letter)s?\b|"
    r"写(?:一篇|篇)?(?:博客|文章|作文|报告|新闻稿)|(?:ブログ|記事|作文|レポート)を書い", re.I)
# "the one talking in this picture", "make this portrait speak": a talking-head request.
TALKING = re.compile(r"talk|speak|say|lip|mouth|animat|avatar|narrat|说|说话|話|しゃべ|喋", re.I)


# What a sound is made for ("for my video", "for our school play"): not the thing acted on.
PURPOSE = re.compile(r"\bfor (?:my|our|a|an|the|your|his|her|their) (?:\w+ ){0,2}(?:video|vlog|film|movie|slideshow|"
                     r"presentation|game|reel|story|stream|youtube channel|tiktok|transition|intro|outro|edit|short|"
                     r"podcast|trailer|ad|advert|commercial|app|website)s?\b|"
                     # "I'm making a short film and need ...": the project the sound is wanted for
                     r"\b(?:i'?m|i am|we'?re|we are)\s+(?:\w+ )?(?:making|editing|cutting|shooting|producing|filming|"
                     r"working on|putting together)\s+(?:a|an|my|our|the|this)\s+(?:\w+ ){0,2}(?:video|vlog|film|movie|"
                     r"documentary|short|slideshow|presentation|game|reel|trailer|animation|ad|advert)s?\b", re.I)


@dataclass(frozen=True)
class Scope:
    """Why a clause is outside the tools, and what to offer instead."""

    medium: str
    reply_en: str
    reply_zh: str


IMAGE = Scope(
    "image",
    "I can't edit or analyse pictures themselves. With a picture I can make a sound that fits "
    "it (image to audio), or animate a portrait so it speaks a recording (talking head).",
    "我不能编辑或分析图片本身。对一张图片，我可以生成与之相配的声音，或让肖像照开口说出一段录音。")
VIDEO = Scope(
    "video",
    "I can't edit the picture of a video. I can work on sound (transcribe, translate, clean up, "
    "edit audio) and make a talking-head video from a portrait and speech.",
    "我不能编辑视频画面。我可以处理声音（转写、翻译、降噪、剪辑音频），也能用肖像和语音生成说话的视频。")
TEXT = Scope(
    "text",
    "I can't open or write documents. Paste the words and I can read them aloud (text to "
    "speech); give me a recording and I can transcribe or translate it.",
    "我不能打开或撰写文档。把文字贴给我，我可以朗读；给我录音，我可以转写或翻译。")
PROSE_SCOPE = Scope(
    "prose",
    "I don't write articles or posts. I can transcribe a recording, translate it, or describe "
    "what it sounds like; the writing is yours.",
    "我不写文章或帖子。我可以把录音转成文字、翻译，或描述它的声音。")


# An information question ("how tall is Everest?", "what time is it?", "tell me a fun fact").
QUESTION = re.compile(r"^(?:so |and |hey,? |ok,? )?(?:what|what's|whats|when|where|who|whom|whose|why|how|which)\b|"
                      r"^(?:please )?tell me (?:a|an|about|the|some|who|what|when|where|why|how)\b|"
                      r"^(?:几点|什么时候|哪里|为什么|怎么|多少|谁|何時|どこ|なぜ|どうして|誰)", re.I)
KNOWLEDGE = Scope(
    "knowledge",
    "I can't look things up or answer general questions: I work with speech, music and sound.",
    "我不能查资料或回答一般问题：我只处理语音、音乐和声音。")


# A verdict on a performance or a recording's quality: no tool grades or reviews.
JUDGE = re.compile(r"\b(?:rate|grade|judge|critique|mark|score)\b (?:my|his|her|their|this|the|our)\b.{0,40}"
                   r"(?:out of|/ ?10\b|stars?\b|\bscale\b|"
                   r"from (?:1|one|0|zero) to (?:5|10|100|five|ten))|"
                   r"\bhow (?:good|bad|well) (?:is|am|was|does|do|did)\b.{0,30}"
                   r"\b(?:sing|play|perform|pronunc|accent)|"
                   r"\b(?:give|tell) me (?:a |my )?(?:score|rating|grade|verdict)\b|"
                   r"(?:打分|评分|点数をつけ|採点)", re.I)
JUDGE_SCOPE = Scope(
    "judge",
    "I can't grade or review a performance. I can describe a recording (caption), transcribe "
    "its notes or words, or tell which sounds are in it.",
    "我不能给表演打分或评价。我可以描述录音、转写其中的音符或文字，或找出其中的声音。")


def request_scope(clause: str, *, n_audio: int = 0, n_image: int = 0, n_video: int = 0,
                  audio_around: bool = False, triggered: bool = False) -> Scope | None:
    """The part of :func:`out_of_scope` that needs no tool choice (checked before the slower
    example matcher runs): prose, pictures, video frames, and, with no audio anywhere and no
    tool trigger, an information question without a word about sound."""
    if PROSE.search(clause):
        return PROSE_SCOPE
    limit = limit_of(clause, have_audio=bool(n_audio) or audio_around, n_image=n_image, n_video=n_video) \
        or beyond.limit_of(clause, have_audio=bool(n_audio) or audio_around, n_image=n_image)
    if limit is not None:
        return Scope(limit.medium, limit.reply_en, limit.reply_zh)
    if JUDGE.search(clause):
        return JUDGE_SCOPE
    sound = bool(SOUND.search(clause))
    have_audio = bool(n_audio) or audio_around
    if not sound and _names_visual(clause, n_video)[0] or (n_image or n_video) and not have_audio \
            and not sound:
        return VIDEO if n_video or _names_visual(clause, n_video)[1] else IMAGE
    if not (have_audio or n_image or n_video or triggered or sound) and QUESTION.search(clause.strip()):
        return KNOWLEDGE
    return None


def _names_visual(clause: str, n_video: int) -> tuple[bool, bool]:
    """(the clause names a picture or a video's frames, that thing is a video)."""
    clause = PURPOSE.sub(" ", clause)  # "ambience for my video": what it is for, not what it acts on
    seen = VISUAL.search(clause)
    video_words = re.search(r"video|movie|film|footage|gif|视频|影片|動画|映像", clause, re.I)
    video_part = (n_video or video_words) and re.search(
        r"\b(?:scenes?|frames?|shots?)\b|场景|镜头|シーン", clause, re.I)
    return bool(seen or video_part), bool(video_words or video_part)


def out_of_scope(clause: str, tool: str | None, needs_audio: bool, *, n_audio: int = 0,
                 n_image: int = 0, n_video: int = 0, audio_around: bool = False) -> Scope | None:
    """The reason a clause is outside the tools, or None when it may be served.

    Args:
        clause: One clause of the request (quoted text protected).
        tool: The tool the triggers chose (None when none did).
        needs_audio: That tool's first input is an audio file.
        n_audio: Audio files attached to this turn.
        n_image: Images attached.
        n_video: Videos attached.
        audio_around: Audio the clause may act on besides attachments (the session's audio,
            an earlier step's output).

    Returns:
        A :class:`Scope` (why, and what to offer), or None.
    """
    early = request_scope(clause, n_audio=n_audio, n_image=n_image, n_video=n_video,
                          audio_around=audio_around, triggered=True)
    if early is not None:
        return early
    sound = bool(SOUND.search(clause))
    have_audio = bool(n_audio) or audio_around
    names_visual = _names_visual(clause, n_video)[0]
    if needs_audio and not have_audio and not n_video:
        # An audio tool with nothing audio to work on, while the words name another thing.
        if n_image or names_visual:
            return IMAGE
        if TEXT_THING.search(clause):
            return TEXT
    if tool == "image_to_audio" and n_image and not sound:
        return IMAGE
    return None
