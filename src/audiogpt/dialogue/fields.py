"""Labelled fields written in a request ("Lyrics: ... Notes: ... Durations: ..."): the paper's
singing-synthesis format. A label names its field up to the next label, whatever sentence
punctuation the field holds, so the fields are read before the request is split into steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
