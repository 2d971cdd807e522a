"""A span that limits what a tool reads: "only transcribe the first minute of it", "caption
just 0:30 to 1:00". The tool itself reads whole files, so the span is cut out first
(audio_edit trim) and the tool reads the cut."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from audiogpt.dialogue import extract as X
from audiogpt.dialogue.intent import lexicon_scores

# Tools that read a whole recording and take no span of their own.
READS_WHOLE = frozenset(("speech_recognition", "speech_translation", "audio_captioning", "sound_event_detection",
                         "speaker_diarization", "target_sound_detection", "music_transcription"))
# "the first minute", "the opening 30 seconds", "the first two minutes"
_FIRST = re.compile(r"\b(?:first|opening)\s+(?:(\S+)\s+)?(minutes?|mins?|seconds?|secs?|s)\b", re.I)


def restricted_span(clause: str) -> tuple[float, float] | None:
    """The [start, end] span in seconds a request narrows its tool to, or None."""
    low = clause.lower()
    first = _FIRST.search(low)
    if first:
        value = X.to_number(first.group(1)) if first.group(1) else 1.0
        if value:
            return 0.0, value * (60.0 if first.group(2).startswith("m") else 1.0)
    clock = re.sub(r"(?<![\d:])(\d{1,2}):([0-5]\d(?:\.\d+)?)(?![\d:])",
                   lambda m: f"{int(m.group(1)) * 60 + float(m.group(2)):g} s", low)
    return X.time_range(clock)


Make = Callable[[str, list[dict[str, Any]]], list[dict[str, Any]]]


def trim_first(make: Make, tool: str, clause: str, steps: list[dict[str, Any]],
               clauses: list[str]) -> list[dict[str, Any]]:
    """The steps ``make`` gives for ``tool``, with an audio_edit trim before a tool that reads
    whole files when the clause narrows it to a span; that tool then reads the trimmed audio.
    "I only need the first 30 seconds transcribed", chosen as a trim, gets its reader after it.
    A step another clause of the request asks for itself is not added."""
    new = make(tool, steps)
    others = [lexicon_scores(c) for c in clauses if c != clause]
    if len(new) != 1:
        return new
    args = new[0]["args"]
    if tool == "audio_edit" and args.get("operation") == "trim" and "end" in args:
        asked = lexicon_scores(clause)
        reader = max((t for t in asked if t in READS_WHOLE), key=asked.__getitem__, default=None)
        if reader is None or any(reader in o for o in others):
            return new
        after = make(reader, steps + new)
        if len(after) == 1:
            after[0]["args"] = {**after[0]["args"], "audio": f"${len(steps) + 1}"}
            return new + after
        return new
    span = restricted_span(clause) if tool in READS_WHOLE and args.get("audio") \
        and not any("audio_edit" in o for o in others) else None
    if span is None:
        return new
    trim = {"tool": "audio_edit", "_missing": [],
            "args": {"audio": args["audio"], "operation": "trim", "start": span[0], "end": span[1]}}
    new[0]["args"] = {**args, "audio": f"${len(steps) + 1}"}
    return [trim, new[0]]
