"""Labelled fields written in a request ("Lyrics: ... Notes: ... Durations: ..."): the paper's
singing-synthesis format. A label names its field up to the next label, whatever sentence
punctuation the field holds, so the fields are read before the request is split into steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiogpt.dialogue.amounts import spoken_duration

_LABELS = {"lyrics": r"lyrics?|words|歌词|歌詞", "notes": r"notes?|pitch(?:es)?|音符|音高|音名",
           "durations": r"durations?|lengths?|note lengths?|时长|時長|長さ|音长"}
_LABEL = re.compile(r"(?:(?<=^)|(?<=[\s.,;。；，]))(" + "|".join(f"(?P<{k}>{v})" for k, v in _LABELS.items())
                    + r")\s*[:：]\s*", re.I)


@dataclass
class SungFields:
    """A singing request given as labelled fields."""

    ask: str
    lyrics: str | None
    notes: str | None
    durations: str | None


def _clean(value: str) -> str:
    return value.strip().rstrip(".;,。；，").strip()


def sung_fields(text: str) -> SungFields | None:
    """The lyrics/notes/durations fields of a request, or None when it has no labelled notes.

    "please generate singing. Lyrics: 我爱你. Notes: E4 | D4 | C4. Durations: 0.6 | 0.6 | 1.2"
    -> ask "please generate singing", lyrics "我爱你", notes "E4 | D4 | C4", durations
    "0.6 | 0.6 | 1.2" (the paper's ``a | b c | d`` grouping is kept; the tool accepts it).
    """
    found = list(_LABEL.finditer(text))
    kinds = [next(k for k in _LABELS if m.group(k)) for m in found]
    if "notes" not in kinds or len(set(kinds)) < 2:
        return None
    values: dict[str, str] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        values.setdefault(kinds[i], _clean(text[m.end():end]))
    return SungFields(ask=_clean(text[:found[0].start()]), lyrics=values.get("lyrics") or None,
                      notes=values.get("notes") or None, durations=values.get("durations") or None)


# ---------------------------------------------------------------- notes in a sentence
NOTE_RE = re.compile(r"\b(?:[A-Ga-g][#b♯♭]?\d(?:/[A-Ga-g][#b]?\d)?|rest|AP|SP)\b")


def notes_and_durations(text: str) -> tuple[str | None, str | None]:
    """Note names and per-note durations written in the request."""
    notes = NOTE_RE.findall(text)
    durs = None
    m = re.search(r"(?:durations?|lengths?|时长|持续|長さ)\s*(?:of|are|is|:|：)?\s*"
                  r"((?:\d+(?:\.\d+)?[\s,|]*)+)", text, re.I)
    if m:
        durs = " ".join(re.findall(r"\d+(?:\.\d+)?", m.group(1)))
    elif notes:
        each = _each_note_seconds(text)
        if each:
            lengths = [each] * len(notes)
            odd = _EXCEPT.search(text)  # "... except the last one, which lasts a full second"
            other = _seconds(odd.group(2)) if odd else None
            if other:
                lengths[0 if odd.group(1).lower() == "first" else -1] = other
            durs = " ".join(f"{x:g}" for x in lengths)
    return (" ".join(notes) if notes else None), durs


_EXCEPT = re.compile(r"\b(?:except|but|apart from|other than)\s+(?:for\s+)?the\s+(last|final|first)\b(.{0,45})", re.I)
# "half a second per note", "0.4 s for each note": the length said before the note it applies to
_BEFORE_EACH = re.compile(r"([^,;]{0,25}?)\s*(?:per|for each|for every|on each|a|each)\s+(?:note|syllable|tone)\b",
                          re.I)


def _seconds(text: str) -> float | None:
    """The first length in ``text`` in seconds ("half a second", "a full second", "0.8 s")."""
    text = re.sub(r"\b(?:full|whole|entire)\s+", "", text, flags=re.I)
    spoken = spoken_duration(text)
    if spoken:
        return spoken
    n = re.search(r"(\d+(?:\.\d+)?|an?|one|two|three|four|half a)\s*-?(?:s\b|secs?\b|seconds?\b|秒)", text, re.I)
    if not n:
        return None
    words = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "half a": 0.5}
    return words.get(n.group(1).lower()) or float(n.group(1))


_EACH_NOTE = re.compile(r"\b(?:each|every|per)\s+(?:note|one|syllable|tone|beat)?\b(.{0,30})|"
                        r"(?:每个?音符?|每一个音|各音|1音)(.{0,12})", re.I)

# "0.6 seconds each", "half a second apiece": the length said before "each" at the end of a phrase
_LENGTH_EACH = re.compile(r"((?:\d+(?:\.\d+)?|half a|an?|one|two)\s*-?(?:s|secs?|seconds?))\s+(?:each|apiece)\b"
                          r"(?!\s+(?:note|one|syllable|tone|beat))", re.I)


def _each_note_seconds(text: str) -> float | None:
    """The one length every note gets ("each note half a second", "每个音0.5秒"), in seconds."""
    m = _EACH_NOTE.search(text)
    after = _LENGTH_EACH.search(text)  # "on the notes E4 G4 A4, 0.6 seconds each"
    if after and _seconds(after.group(1)):
        return _seconds(after.group(1))
    before = _BEFORE_EACH.search(text)
    if before and _seconds(before.group(1)):
        return _seconds(before.group(1))
    if not m:
        return None
    return _seconds(m.group(1) if m.group(1) is not None else m.group(2))
