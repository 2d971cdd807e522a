"""Plan repairs that follow from what each step consumes: a step that works on sound, with no
sound to work on but words to say, gets those words spoken first."""

from __future__ import annotations

import re
from typing import Any

from audiogpt.dialogue.catalog import Catalog
from audiogpt.dialogue.planner.wiring import speaking_tool, steps_for

# The "_missing" notes of a step whose sound input has no source (see wiring.steps_for).
_NO_SOUND = re.compile(r" needs (?:an audio file|speech audio|the audio to convert)$")
_SPEAKERS = frozenset({"text_to_speech", "voice_clone", "singing_synthesis"})
_OUTPUT_REF = re.compile(r"^\$(\d+)((?:\.\d+)?)$")


def _shifted(value: Any, by: int) -> Any:
    """An argument with its step-output references ("$2", "$1.2") moved ``by`` steps later."""
    m = _OUTPUT_REF.match(value) if isinstance(value, str) else None
    return f"${int(m.group(1)) + by}{m.group(2)}" if m else value


def speak_first(steps: list[dict[str, Any]], text: str, quotes: list[str], atts: list[dict[str, str]],
                arts: list[dict[str, Any]], cat: Catalog) -> list[dict[str, Any]]:
    """Put a speech step before a first step that lacks its sound when the request gives words.

    "I need 'Doors closing' spoken in a robot voice" (no file anywhere): the robot effect needs
    audio, the words are there, so they are spoken first ("in my voice": cloned from the enrolled
    voice) and the effect works on that speech ("$1").

    Args:
        steps: The planned steps (with their ``_missing`` notes).
        text: The whole request, quote-protected (``QTEXTn`` placeholders).
        quotes: The quoted texts.
        atts: This turn's files.
        arts: The session's artifacts.
        cat: The tool catalog.

    Returns:
        ``steps`` unchanged, or the speech step followed by ``steps`` rewired.
    """
    if not steps or not quotes or steps[0]["tool"] in _SPEAKERS:
        return steps
    first = steps[0]
    lacks = [m for m in first.get("_missing", []) if m.startswith(first["tool"]) and _NO_SOUND.search(m)]
    if not lacks:
        return steps
    speech = steps_for(speaking_tool(text), text, quotes, atts, arts, [], cat)
    if len(speech) != 1 or speech[0]["_missing"] or speech[0]["args"].get("text") not in quotes:
        return steps  # only words the user quoted are spoken on their behalf
    later = [{**s, "args": {k: _shifted(v, 1) for k, v in s["args"].items()}} for s in steps]
    later[0]["args"] = {"audio": "$1", **later[0]["args"]}
    later[0]["_missing"] = [m for m in first["_missing"] if m not in lacks]
    return speech + later
