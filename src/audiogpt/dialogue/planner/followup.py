"""Short follow-ups that repeat the session's last step on another file or another target.

"do the other file too", "另外一个文件也这样处理一下", "もう一つのファイルも同じように": the tool that
made the session's newest result, run on the session's original file it was not run on.
"now the piano", "and the vocals too": the same query tool (sound extraction, target sound
detection) on the same source, with the new target. The session's artifact index tells which
tool ran last (its ``tool`` field) and which files are the user's own (``tool`` None).
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from audiogpt.dialogue.catalog import Catalog

# "the other file", "the second one", "另外一个文件", "もう一つのファイル": a file other than the one done.
_OTHER = re.compile(r"\b(?:the|that|this) (?:other|second|remaining|next|last) (?:file|one|recording|clip|track|take|audio|mic|channel)s?\b|"
                    r"\b(?:the )?(?:rest|others|remaining ones)\b|另(?:外)?(?:一个|一段|个)|其他(?:的)?(?:文件|录音)|剩下的|"
                    r"もう(?:一つ|ひとつ|片方|一方)|他のファイル|残りのファイル", re.I)
# "too", "as well", "the same way", "也这样", "同じように": the same thing again.
_SAME = re.compile(r"\b(?:too|as well|also|same|likewise|again)\b|\b(?:do|process|run|treat|clean|fix|handle)\b|"
                   r"也|同样|一样|这样|照样|同じ|も(?:同様|お願い|やって|処理)", re.I)
# "now the piano", "and the vocals too", "same for the bass": a new target for the same tool.
_NEW_TARGET = re.compile(r"^(?:(?:ok(?:ay)?|nice|great|cool|good|perfect|thanks|awesome)[\s,.!]+)*(?:(?:and )?now|and|next|then|same for|"
                         r"do the same (?:for|with)|what about|how about)\s+(?:(?:do|get|extract|find|pull out|isolate)\s+)?"
                         r"(?:the |a |an |some )?([a-z][a-z\s-]{1,30}?)(?:\s+(?:too|as well|also|please))?[\s.!?]*$", re.I)
# Tools that need more than the file (an operation, a region, a language): their earlier arguments
# are not in the artifact index, so "do the other file too" cannot repeat them.
_NEEDS_MORE = frozenset({"audio_edit", "audio_inpainting", "speech_translation", "sound_extraction",
                         "target_sound_detection"})
# Tools whose target is named in words, and the argument that holds it.
_TARGET_ARG = {"sound_extraction": "query", "target_sound_detection": "target"}


def _stem(name: str | None) -> str:
    return PurePath(str(name or "")).stem.lower()


def _last_made(arts: list[dict[str, Any]], cat: Catalog) -> dict[str, Any] | None:
    """The newest artifact a tool made (not the user's own file)."""
    made = [a for a in arts if a.get("tool") and a.get("tool") in cat]
    return made[-1] if made else None


def _originals(arts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in arts if not a.get("tool") and a.get("kind") == "audio"]


def _source_of(result: dict[str, Any], arts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The user's file a result was made from: the one its name extends, else the newest."""
    own = _originals(arts)
    stem = _stem(result.get("name"))
    named = [a for a in own if _stem(a.get("name")) and stem.startswith(_stem(a.get("name")))]
    return (named or own or [None])[-1]


def follow_up(text: str, atts: list[dict[str, str]], arts: list[dict[str, Any]],
              cat: Catalog) -> list[dict[str, Any]] | None:
    """The steps of a follow-up that repeats the last tool, or None when ``text`` is not one.

    Args:
        text: The request (quotes protected).
        atts: This turn's attachments (a follow-up has none).
        arts: The session's artifact index, oldest first.
        cat: The tool catalog.
    """
    if atts or not arts or len(text) > 80:
        return None
    last = _last_made(arts, cat)
    if last is None:
        return None
    tool = str(last["tool"])
    source = _source_of(last, arts)
    if _OTHER.search(text) and _SAME.search(text) and cat[tool].inputs == ("audio",) and tool not in _NEEDS_MORE:
        done = source["id"] if source else None
        others = [a for a in _originals(arts) if a["id"] != done]
        if len(others) == 1:
            return [{"tool": tool, "args": {"audio": others[0]["id"]}, "_missing": []}]
        return None
    m = _NEW_TARGET.match(text.strip())
    if m and tool in _TARGET_ARG and source is not None:
        target = m.group(1).strip()
        if len(target.split()) <= 3 and not re.search(r"\b(?:it|this|that|one|file|same|rest)\b", target, re.I):
            return [{"tool": tool, "args": {"audio": source["id"], _TARGET_ARG[tool]: target}, "_missing": []}]
    return None
