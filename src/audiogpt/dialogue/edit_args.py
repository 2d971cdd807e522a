"""audio_edit argument extraction: which operation, and its numbers."""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re
from typing import Any

from audiogpt.dialogue.amounts import (
    fade_spans,
    loudness_target,
    rate_factor,
    slows_down,
    spelled_units,
)
from audiogpt.dialogue.effects import effect_args
from audiogpt.dialogue.extract import NUM, duration, speed_factor, time_range, to_number

FORMATS = ("mp3", "wav", "flac", "ogg", "aiff", "m4a", "webm", "opus")

# Removing a span (the opposite of trim): "remove the part between 2 and 4 s", "删掉第2秒到第4秒".
REMOVE_RANGE = re.compile(
    r"\b(?:remove|delete|drop|erase|skip|omit|excise|get rid of|take out|cut out|cut away|snip out|edit out|chop out|"
    r"leave out|throw away|discard)\b|\bcut (?:the |that |this )?(?:part|section|bit|segment|portion|piece|stretch|chunk)|"
    r"删掉|删除|删去|去掉|去除|剪掉|切掉|拿掉|不要|削除|取り除|カットして?消|消して|消す|消去", re.I)
KEEP = re.compile(r"\bkeep|\bonly\b|\bjust the\b|extract|crop|isolate|保留|只要|只留|提取|だけ|"
                  # "... and drop everything else", "throw the rest away": what is said is kept
                  r"\b(?:drop|throw|toss|discard|remove|delete|cut|lose|ditch|bin|trash|chop)\w*(?: away| out| off)? "
                  r"(?:(?:everything|anything|all) else|the rest)\b", re.I)


def edit_args(clause: str, n_audio: int) -> dict[str, Any]:
    """Operation and parameters of an editing request (file arguments are added by the planner)."""
    clause = spelled_units(clause)  # "below 100 hertz", "3 decibels louder"
    low = clause.lower()
    if n_audio >= 2 and re.match(r"^(?:(?:please|can you|could you|now|then|ok|and)\s+)*(?:mix|overlay|layer|blend)\b", low):
        return {"operation": "mix"}  # "mix the bass in under the drums, 6 dB quieter": two files named
    # "take out the phone ringing between 20 and 22 s": a span removed, whatever sounds in it
    span_cut = bool(REMOVE_RANGE.search(low) and time_range(clause))
    effect = None if span_cut else effect_args(clause)
    if effect is not None:
        return {k: v for k, v in effect.items() if v is not None}
    fmt = _target_format(low)
    if re.search(r"fade|淡入|淡出|フェード", low) and not re.search(r"concat|\bjoin|stitch|splice|glue|拼接", low):
        return _fade(low)  # "add a fade-out to the end of it": where the fade goes, not a second file
    if re.search(r"concat|\bjoin(?! (?:up )?the rest| (?:it|everything) back)|append|one after (?:the )?other|\b(?:in front|ahead) of\b|(?:so|into) (?:it'?s |it is )?(?:one|a single) (?:file|track)|(?:onto|on|to) the (?:very )?(?:end|beginning|start|front) of|back to back|first,? (?:then )?(?:the )?second|in sequence|"
                 r"then the (?:second|other)|\b(?:glue|stitch|splice|string)\w* .{0,30}together|put .{0,30}together|拼接|连接|首尾|結合|つなげ|"
                 # "stick the jingle at the start": a file placed before the other (effects are read above)
                 r"\b(?:stick|put|place|tack|slap|pop)\w* (?:the|that|this|my|our) (?!(?:silence|pause|gap|break|beep|click)\w*\b)"
                 r"[\w-]+(?: [\w-]+)? (?:at|on|to) the (?:very )?(?:start|beginning|front|end)\b(?! of)",
                 low):
        return {"operation": "concat"}
    if re.search(r"\bmix|overlay|layer|blend|\blay\w* (?:it|this|that|them) (?:over|on top of|under)|混音|混合|叠加|ミックス|重ね", low) or (
            n_audio >= 2 and re.search(r"combine|merge|合并", low)):
        return {"operation": "mix"}
    if n_audio >= 2 and re.search(r"\b(?:under|underneath|beneath|behind|below|over|on top of|alongside|"
                                  r"together with|in the background)\b|下面|背景|の下|後ろで", low):
        return {"operation": "mix"}  # "loop the rain under the interview": two files, one laid under
    if n_audio >= 2 and re.search(r"\b(?:after|before|followed by|at the (?:end|start|beginning))\b|之后|之前|の後|の前", low):
        return {"operation": "concat"}  # "stick the rain after the interview": one after the other
    if re.search(r"combine|merge|合并", low):
        return {"operation": "concat"}
    if re.search(r"reverse|backwards|倒放|倒着|逆再生", low):
        return {"operation": "reverse"}
    if re.search(r"normali[sz]|loudness|\blufs\b|标准化|响度", low):
        target = loudness_target(low)
        return {"operation": "normalize", **({"target_lufs": target} if target is not None else {})}
    if re.search(r"fade|淡入|淡出|フェード", low):
        return _fade(low)
    m = re.search(rf"{NUM}\s*(?:x\b|times)", low)
    if re.search(r"speed|faster|slower|quicker|\bfast\b|\bslow\b|slow (?:it |this )?down|tempo|加速|减速|变快|变慢|倍速|速く|遅く|"
                 r"速度|放慢|放快|スピード|ゆっくり",
                 low):
        rate = rate_factor(low)
        if rate:
            return {"operation": "speed", "speed": rate}  # "half its original speed", "by 25 %"
        pct = re.search(rf"(\bto |\bat )?{NUM}\s*(?:%|percent\b|per ?cent\b)", low)
        if pct:
            p = float(pct.group(2)) / 100
            if pct.group(1) or re.search(r"percent (?:speed|tempo|rate)|% (?:speed|tempo|rate)", low):
                return {"operation": "speed", "speed": round(p, 4)}  # "slow it to 80 %": the new rate
            speed = 1 - p if slows_down(low) else 1 + p
            return {"operation": "speed", "speed": round(speed, 4)}
        factor = speed_factor(low)
        if factor:
            speed = factor
        elif m:
            speed = float(m.group(1))
        elif re.search(r"twice|double|两倍", low):
            speed = 2.0
        elif re.search(r"half|一半", low):
            speed = 0.5
        else:
            speed = 0.75 if slows_down(low) else 1.5
        if slows_down(low) and speed > 1:
            speed = 1 / speed
        return {"operation": "speed", "speed": round(speed, 4)}
    db = re.search(rf"(-?{NUM[1:-1]})\s*db", low)
    if re.search(r"louder|quieter|softer|volume|gain|amplif|boost|attenuat|大声|小声|调大|调小|放大|"
                 r"音量|減|上げ|下げ", low) or db and re.search(r"\b(?:turn|bring|take|drop|raise|lower)\b.{0,25}"
                                                           r"\b(?:up|down)\b|\b(?:raise|lower|drop|reduce|cut|bump|crank|push|pull)\b|\b(?:up|down)\s+(?:by\s+)?-?\d", low):
        # "bump it up 6 dB", "still too loud, pull it down 3 dB", "cut it by 4 dB": the direction gives the sign
        gain = float(db.group(1)) if db else 6.0
        if re.search(r"quieter|softer|lower|reduce|decrease|down|attenuat|\bcut\b|too (?:loud|hot)|小声|调小|降低|下げ", low):
            gain = -abs(gain)
        return {"operation": "gain", "gain_db": gain}
    conv: dict[str, Any] = {}
    if fmt:
        conv["format"] = fmt
    sr = re.search(rf"{NUM}\s*(k)?hz", low)
    if sr:
        conv["sample_rate"] = int(float(sr.group(1)) * (1000 if sr.group(2) else 1))
    if re.search(r"\bmono\b|单声道|モノラル", low):
        conv["channels"] = 1
    elif re.search(r"\bstereo\b|双声道|ステレオ", low):
        conv["channels"] = 2
    if conv:
        return {"operation": "convert", **conv}
    # "after 1:30", "at 2:05": a clock time (minutes:seconds) is that many seconds
    low = re.sub(r"(?<![\d:])(\d{1,2}):([0-5]\d(?:\.\d+)?)(?![\d:])(?!\s*(?:am|pm)\b)",
                 lambda m: f"{int(m.group(1)) * 60 + float(m.group(2)):g} s", low)
    # "after 2 minutes", "前2分钟": the times below are read in seconds
    low = re.sub(r"(\d+(?:\.\d+)?)\s*(?:minutes?|mins?\b|分钟|分間)",
                 lambda m: f"{float(m.group(1)) * 60:g} s", low)
    after = re.search(r"(?:remove|cut|chop|drop|delete|discard|get rid of)\w*(?: off| out)? (?:everything |all |the rest |anything )?"
                      rf"(?:after|past|beyond) {NUM}", low)
    if after:
        return {"operation": "trim", "start": 0.0, "end": float(after.group(1))}
    before = re.search(r"(?:remove|cut|chop|drop|delete|discard|get rid of)\w*(?: off| out)? (?:everything |all |anything )"
                       rf"before {NUM}", low)
    if before:
        return {"operation": "trim", "start": float(before.group(1))}
    head = re.search(rf"(?:remove|cut|chop|drop|delete|skip|discard)\w*(?: off)? (?:the )?first {NUM}", low)
    if head:
        return {"operation": "trim", "start": float(head.group(1))}
    rng = time_range(low)
    if rng and REMOVE_RANGE.search(low) and not KEEP.search(low):
        return {"operation": "cut", "start": rng[0], "end": rng[1]}  # removes [start, end]
    if rng:
        return {"operation": "trim", "start": rng[0], "end": rng[1]}
    if _PART_REMOVED.search(low):
        return {"operation": "cut"}  # "remove that part and close the gap": the span is said elsewhere
    first = re.search(r"(?:first|opening|前)\s*(\d+(?:\.\d+)?|\w+)\s*(?:s\b|sec|seconds?|秒)", low)
    if first:
        value = to_number(first.group(1))
        if value and REMOVE_RANGE.search(low) and not KEEP.search(low):
            return {"operation": "trim", "start": value}  # "把前5秒剪掉": the opening is removed
        if value:
            return {"operation": "trim", "start": 0.0, "end": value}
    start = re.search(rf"(?:from|after|starting at|从)\s*{NUM}\s*(?:s\b|sec|seconds?|秒)?", low)
    end = re.search(rf"(?:until|to|up to|before|(?:end|stop)s? at|到)\s*{NUM}\s*(?:s\b|sec|seconds?|秒)", low)
    if start or end:
        args = {"operation": "trim"}
        if start:
            args["start"] = float(start.group(1))
        if end:
            args["end"] = float(end.group(1))
        return args
    secs = duration(low)
    if secs and re.search(r"trim|cut|crop|shorten|\bkeep (?:only |just )?(?:the )?(?:first )?\d|剪|截|カット|切って|切り詰め|短く|只保留|只留|保留前|だけ残|残して", low):
        return {"operation": "trim", "start": 0.0, "end": secs}
    return {"operation": "trim"} if re.search(r"trim|cut|crop|剪|截", low) else {}


# "cut that part out" alone keeps the part (trim); "... and join the rest" removes it
_PART_REMOVED = re.compile(r"\b(?:remove|delete|erase|take out|get rid of|edit out|cut out|drop|lose)\b (?:that|this|those|the) "
                           r"(?:\w+ )?(?:part|bit|section|segment|stretch|span|piece)s?\b|\bclose (?:up )?(?:the|that) gap|"
                           r"\bcut (?:that|this|those|the) (?:\w+ )?(?:part|bit|section|segment|piece)s? out\b"
                           r"(?=.*\b(?:join|stitch|glue|close|the rest)\b)")


def _target_format(low: str) -> str | None:
    """The format to convert to. "this mp3" / "from mp3" name the file as it is, not the target
    ("convert this mp3 to 16 kHz wav" -> wav; "convert this mp3 accordingly" -> none named)."""
    named = sorted((m.start(), f) for f in FORMATS for m in re.finditer(rf"\b{f}\b", low))
    kept = [f for pos, f in named if not re.search(r"\b(?:this|that|the|my|these|those|from|of)\s+$", low[:pos])]
    if not named:
        return None
    return kept[0] if kept else (None if len({f for _p, f in named}) == 1 else named[-1][1])


def _fade(low: str) -> dict[str, Any]:
    """A fade in and/or out, each with its own length where said (1 s when none is)."""
    secs = duration(low) or 1.0
    args: dict[str, Any] = {"operation": "fade", **fade_spans(low)}
    if len(args) > 1:
        return args  # each fade with its own length
    if re.search(r"fade[- ]?in|fade (?:it|this|that|them|the \w+) in\b|淡入|フェードイン", low):
        args["fade_in"] = secs
    if re.search(r"fade[- ]?out|fade (?:it|this|that|them|the \w+) out\b|淡出|フェードアウト", low) or "fade_in" not in args:
        args["fade_out"] = secs
    return args
