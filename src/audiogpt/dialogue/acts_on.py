"""Cues from what a clause acts on and where it puts the result.

- "transcribe the denoised one": a past participle naming an earlier result is the object,
  not a second task (the cleaning is done; the request is the transcription);
- "loop the rain under the interview": two session files named with a relation word is an
  edit of those files (mix, concat), not a request to generate a new sound;
- "put the narrator slightly to my left": a place around the listener is spatial audio;
- "then give me the text": the words of the recording are its transcript.
"""

# ruff: noqa: E501 - regular expressions read better unbroken
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from audiogpt.dialogue.amounts import loudness_target, rate_factor

# "the denoised one", "the cleaned lecture", "this separated track": an earlier result.
PARTICIPLE_OBJECT = re.compile(r"\b(?:the|that|this|my|your)\s+(\w+ed|cleaned[- ]up)\b(?=\s+\w)", re.I)
# "生成的音乐", "提取出来的人声", "作った曲": the same in Chinese and Japanese (verb + 的 / た).
CJK_PARTICIPLE_OBJECT = re.compile(r"(生成|合成|提取|分离|分出|降噪|去噪|处理|剪辑|翻译|转写|录制|做)"
                                   r"(?:出来|出|好|了)?的|"
                                   r"(作っ|生成し|取り出し|分離し|抽出し|録音し|翻訳し)た")
# Two files and how they go together: "under", "behind", "after", "with", "together".
RELATION = re.compile(r"\b(?:under|underneath|beneath|behind|below|over|on top of|after|before|followed by|"
                      r"with|together|alongside|into|onto|at the end|at the start|mix|loop|layer|join|"
                      r"combine|merge|in front of|ahead of)\b|下面|背景|之后|之前|の後|の前|の下", re.I)
# A place around the listener (not "behind the interview": that is a mix).
PLACE = re.compile(r"\b(?:to|on|at|from) (?:my|the|your|our) (?:left|right)(?: side| ear)?\b|"
                   r"\b\d+(?:\.\d+)? ?(?:°|degrees?)\b|\b(?:behind|above|below|in front of|beside) "
                   r"(?:me|us|you|the listener|my head)\b|\b(?<!drum )(?<!drums )(?<!snare )(?<!kit )(?<!cymbal )overhead(?! (?:tracks?|mics?|microphones?|channels?|stems?|takes?|recordings?|cams?)\b)\b|\bto the (?:left|right)\b|"
                   r"在我(?:的)?(?:左|右|后|前|上)|(?:左|右)(?:边|側|侧)から?|"
                   # 右斜め後ろ, 左后方, 真上, 头顶: places around the listener in Japanese and Chinese
                   r"(?:左|右)(?:斜め)?(?:後ろ|うしろ|前|上|横)|(?:左|右)(?:后方|前方|后面|前面|上方|后边|前边)|"
                   r"真上|頭上|头顶|正上方|(?:後ろ|背後|后方|身后)(?:から|に|へ|传来)", re.I)
# "keep only 30 seconds of it", "只保留30秒", "30秒だけ残して": a length to keep is a trim.
KEEP_LENGTH = re.compile(r"\bkeep (?:only |just )?(?:the )?(?:first |last )?\d|只保留|只留|保留前|剪到|剪成|截到|"
                         r"截取前|只要前|"
                         r"だけ残|残して|に(?:カット|短く)", re.I)
# Words that ask for something new to be made.
MAKE_VERB = re.compile(r"\b(?:compose|generate|create|make|write|produce|synthesi[sz]e)\b|"
                       r"生成|作曲|创作|写|做一|来一|作って|作成", re.I)
# "give me the text", "send me the words": the recording's transcript.
WANTS_TEXT = re.compile(r"\b(?:give|send|show|get|hand|want|need)\b (?:me |us )?(?:the |a |its |their )?"
                        r"(?:text|words|written version|transcript|wording)\b(?! (?:to|into) )|"
                        r"\b(?:write|type|jot|print) (?:out|up|down) (?:the |all the |every )?(?:dialog\w*|lines|"
                        r"conversation|words|interview|lecture|speech)\b", re.I)
# "the song you just made up", "that tune you composed earlier": an earlier result named by who
# made it (this assistant), not a request to make another.
YOU_MADE = re.compile(r"\b(?:the|that|this|those|these|your)\s+(?:[\w-]+\s+){0,2}?(?:that\s+|which\s+)?you(?:'ve| have)?\s+"
                      r"(?:just\s+|already\s+|earlier\s+|previously\s+)?(?:made(?: up)?|composed|generated|created|wrote|"
                      r"produced|synthesi[sz]ed|rendered|came up with)\b|\bwhat you (?:just )?(?:made|generated|created|"
                      r"composed)\b|你(?:刚才|刚刚)?(?:生成|做|写|创作)的|(?:さっき)?作ってくれた", re.I)
GENERATORS = ("text_to_audio", "music_generation", "image_to_audio", "talking_head", "singing_synthesis")


def apply_object_cues(clause: str, scores: dict[str, float], *, has_audio: bool, n_audio: int,
                      n_named: int, has_quote: bool, catalog: Any,
                      rescore: Callable[[str], dict[str, float]]) -> None:
    """Adjust ``scores`` in place for what the clause acts on.

    Args:
        clause: The clause (quoted text protected).
        scores: Trigger scores after the context rules and word cues.
        has_audio: Audio is attached, in the session or made by an earlier step.
        n_audio: Audio files attached to this turn.
        n_named: Session files the clause names (by file name, producer or "the original").
        has_quote: The request quotes text.
        catalog: The planner catalog (only tools it holds are lifted).
        rescore: Trigger scores of another piece of text (the lexicon).
    """
    low = clause.lower()

    def lift(tool: str, value: float) -> None:
        if tool in catalog:
            scores[tool] = max(scores.get(tool, 0.0), value)

    best = max(scores.values(), default=0.0)
    m = PARTICIPLE_OBJECT.search(clause) or CJK_PARTICIPLE_OBJECT.search(clause)
    if m and n_named:
        g = 1 if m.group(1) else 2
        rest_text = clause[:m.start(g)] + clause[m.end(g):]
        rest = rescore(rest_text)
        for name in [n for n in scores if n not in rest]:
            if rest and len(scores) > 1:
                scores[name] -= 3  # only the result's name triggered it: that task is done
        if not MAKE_VERB.search(rest_text):
            for name in [n for n in GENERATORS if n in scores]:
                scores[name] -= 3  # "把生成的音乐剪短": the music exists; nothing new is made
        best = max(scores.values(), default=0.0)
    made = YOU_MADE.search(clause)
    if made and has_audio and not MAKE_VERB.search(clause[:made.start()] + clause[made.end():]):
        for name in [n for n in GENERATORS if n in scores]:
            scores[name] -= 3  # "speed the song you just made up": that song exists
        rest_text = clause[:made.start()] + clause[made.end():]
        for name, value in rescore(rest_text).items():
            lift(name, value)
        if rate_factor(rest_text.lower()) or loudness_target(rest_text.lower()) is not None:
            lift("audio_edit", max(max(scores.values(), default=0.0), 3.0) + 0.5)
        best = max(scores.values(), default=0.0)
    if n_named >= 2 and not n_audio and RELATION.search(low):
        lift("audio_edit", max(best, 3.0) + 1)
        for name in GENERATORS:
            if name in scores:
                scores[name] -= 3
    if has_audio and PLACE.search(clause) and not (n_named >= 2):
        lift("mono_to_binaural", max(best, 3.0) + 0.5)
        if not has_quote and "text_to_speech" in scores:
            scores["text_to_speech"] -= 3  # "put the narrator to my left": the narrator is the audio
    if has_audio and best < 3.0 and KEEP_LENGTH.search(clause) and re.search(r"\d|[一二两三四五六七八九十百]", clause):
        lift("audio_edit", 3.0)
    if has_audio and not has_quote and best < 3.0 and WANTS_TEXT.search(low) \
            and not re.search(r"translat|翻译|翻訳", low):
        lift("speech_recognition", 3.0)
