"""Questions about earlier results, answered from the session without running a tool:
"what did he say?", "how long is it?", "which file was the noisy one?", "what was the
translation?"."""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re
from typing import Any

SAID = re.compile(r"^(?:so |and |ok,? )?what (?:did|does|was) (?:he|she|they|it|the (?:speaker|person|guy|woman|man|recording|clip)) (?:say|said|saying)\b"
                  r"|^(?:so |and )?what was (?:said|the transcript)|^(?:remind me )?what (?:was|is) the transcript|"
                  r"^(?:他|她|它)?(?:刚才)?说了什么|^何と言って(?:い)?ました", re.I)
RESULT = re.compile(r"^(?:so |and )?what (?:was|is) the (translation|caption|description)\b|^(?:翻译|描述)(?:结果)?是什么", re.I)
LENGTH = re.compile(r"^(?:so |and )?how long (?:is|was) (?:it|that|this|the (?:\w+ )?(?:audio|clip|recording|file|result|output|track|one))\b"
                    r"|^(?:what(?:'s| is) )?the (?:duration|length)\b|^(?:它|这段|这个)?(?:有)?多长|^長さは", re.I)
WHICH = re.compile(r"^(?:so |and )?which (?:file|one|recording|clip|track|audio) (?:was|is|had|has) (?:the )?(\w+)", re.I)
_BY_WORD = {"nois": "speech_enhancement", "clean": "speech_enhancement", "denois": "speech_enhancement",
            "mix": "speech_separation", "overlap": "speech_separation", "damag": "audio_inpainting",
            "broken": "audio_inpainting", "mono": "mono_to_binaural"}
_WHAT = {"translation": "speech_translation", "caption": "audio_captioning",
         "description": "audio_captioning", "翻译": "speech_translation", "描述": "audio_captioning"}


def _steps(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for t in history for s in (t.get("steps") or []) if not s.get("error")]


def _name(ref: str, artifacts: list[dict[str, Any]]) -> str:
    for a in artifacts:
        if a.get("id") == ref:
            return f"{a.get('name') or ref} ({ref})"
    return ref


def recall(text: str, history: list[dict[str, Any]], artifacts: list[dict[str, Any]]) -> str | None:
    """The answer to a question about the session's earlier results, or None (plan a tool)."""
    q = text.strip()
    steps = _steps(history)
    if SAID.search(q):
        said = [s for s in steps if s.get("tool") == "speech_recognition" and s.get("text")]
        return f'The transcript says: "{said[-1]["text"].strip()}"' if said else None
    m = RESULT.search(q)
    if m:
        tool = _WHAT.get((m.group(1) or q[:2]).lower()) or _WHAT.get(q[:2])
        found = [s for s in steps if s.get("tool") == tool and s.get("text")]
        return f'The {m.group(1) or "result"} was: "{found[-1]["text"].strip()}"' if found else None
    if LENGTH.search(q):
        audio = [a for a in artifacts if a.get("kind") == "audio" and not a.get("rendered")
                 and a.get("duration")]
        if not audio:
            return None
        a = audio[-1]
        return f"{a.get('name') or a['id']} ({a['id']}) is {float(a['duration']):.2f} seconds long."
    m = WHICH.search(q)
    if m:
        word = m.group(1).lower()
        tool = next((t for k, t in _BY_WORD.items() if word.startswith(k)), None)
        hits = [s for s in steps if s.get("tool") == tool and (s.get("args") or {}).get("audio")]
        if hits:
            ref = str(hits[-1]["args"]["audio"])
            return f"The {word} one was {_name(ref, artifacts)}: I ran {tool} on it."
    return None
