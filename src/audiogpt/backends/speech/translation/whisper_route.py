"""speech_translation backend ``faster-whisper+apertium``: the embedded Whisper base model,
with offline Apertium machine translation for targets other than English.

Routes (reported as ``data.route``, the languages passed through as ``data.path``):

- ``whisper-transcribe``: the speech is already in the target language.
- ``whisper-translate``: any language -> English with Whisper's own translate task.
- ``whisper+apertium``: the transcript goes through an installed Apertium pair (directly or
  through Spanish), e.g. en -> es, fr -> es, es -> pt.
- ``whisper-translate+apertium``: any language -> English with Whisper, then English -> target
  with Apertium (the pivot through English), e.g. zh -> es, de -> ca.
"""

from __future__ import annotations

import logging
from typing import Any

from audiogpt.backends.base import Request
from audiogpt.backends.speech.recognition.whisper_base import EmbeddedWhisperBackend
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

TOOL = "speech_translation"


def _target(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def _apertium_legs(source: str, target: str) -> list[tuple[str, str]] | None:
    """The Apertium legs from source to target, or None when no installed pair connects them."""
    from audiogpt.backends.speech.translation.apertium import route

    try:
        return route(source, target)
    except ToolInputError:
        return None


def plan_route(source: str | None, target: str) -> str | None:
    """Which route will serve ``source -> target``; None while the source is unknown.

    Raises:
        ToolInputError: The target cannot be reached from English (nor from the given source).
    """
    from audiogpt.backends.speech.translation.apertium import route

    if source == target:
        return "whisper-transcribe"
    if target == "en":
        return "whisper-translate"
    if source and _apertium_legs(source, target):
        return "whisper+apertium"
    route("en", target)  # raises the one-line message listing the installed pairs
    return None if source is None else (
        "whisper+apertium" if source == "en" else "whisper-translate+apertium")


class WhisperSpeechTranslation(EmbeddedWhisperBackend):
    """Whisper base (translate task) + Apertium for non-English targets."""

    name = "faster-whisper+apertium"
    tool = TOOL
    summary = ("Whisper base: speech in any language -> English (translate task); other "
               "targets through Apertium, pivoting through English")

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.speech.recognition.whisper_embedded import (
            normalize_language,
            transcribe,
        )
        from audiogpt.backends.speech.translation.apertium import translate

        tgt = _target(req.get("target_language"))
        src = normalize_language(req.get("source_language"), TOOL)
        plan_route(src, tgt)  # fail on an unreachable target before the slow recognition
        audio = req.audio("audio")

        def part(lo: float, hi: float) -> Any:
            return lambda f, m: req.progress(lo + (hi - lo) * f, m)

        asr = transcribe(audio, src, progress=part(0.0, 0.5), settings=req.settings)
        src = asr["language"]
        transcript = asr["text"]
        if not transcript:
            raise ToolInputError(f"{TOOL}: no speech was recognised in --audio")
        route = plan_route(src, tgt)
        path = [src, tgt]
        if route == "whisper-transcribe":
            translation = transcript
        elif route == "whisper+apertium":
            translation, pair = translate(transcript, src, tgt)
            path = pair.split("-")
        else:
            english = transcribe(audio, src, task="translate", word_timestamps=False,
                                 progress=part(0.5, 0.9), settings=req.settings)["text"]
            translation = english
            if route == "whisper-translate+apertium":
                translation, pair = translate(english, "en", tgt)
                path = [src, *pair.split("-")]
        req.progress(1.0, "translated")
        data = {"transcript": transcript, "translation": translation, "source_language": src,
                "target_language": tgt, "route": route, "path": path, "pair": "-".join(path),
                "language_probability": asr["language_probability"],
                "segments": asr["segments"]}
        if "script" in asr:
            data["script"] = asr["script"]
        return ToolResult(
            outputs=[Output("text", translation, f"translation_{tgt}",
                            meta={"transcript": transcript, "route": route})],
            text=translation, data=data,
        )
