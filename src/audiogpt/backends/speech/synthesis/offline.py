"""Offline text-to-speech: voice catalogue, sentence splitting and the public ``synthesize``.

Engines: Piper neural voice ``joe`` (en_US-joe-medium, onnxruntime, default English), and
(Debian packages) flite (CMU ARCTIC clustergen voices slt/rms/awb and the kal
diphone voices), festival (HTS voice slt_hts, kal_diphone) and espeak-ng (100+ languages,
formant synthesis). English defaults to ``joe`` (then festival ``slt_hts``); other languages use espeak-ng.

Public API used by other tools (voice_clone, dialogue replies)::

    from audiogpt.backends.speech.synthesis.offline import synthesize, list_voices
    audio = synthesize("Hello there.", voice="slt", language="en", speed=1.0, sample_rate=16000)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from audiogpt.backends.base import Backend, Request, program
from audiogpt.backends.speech.synthesis.engines import (
    ESPEAK_ALIASES,
    Voice,
    espeak_voices,
    festival_voices,
    flite_voices,
    synth_chunk,
)
from audiogpt.core.errors import BackendUnavailable, ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: English default order, best round-trip intelligibility first (benchmarks/bench_speech2.py:
#: Whisper base WER on sentences no voice was tuned on); the first available is the default.
DEFAULT_ENGLISH = ("joe", "slt_hts", "rms", "awb", "slt", "kal16", "espeak-en-us")
SAMPLE_RATES = (8000, 16000, 22050, 24000, 32000, 44100, 48000)
MAX_CHUNK_CHARS = 400
PAUSE_S = 0.25


def list_voices() -> list[Voice]:
    """All voices installed here (Piper, flite, festival, espeak-ng), English first."""
    from audiogpt.backends.speech.synthesis.piper import piper_voices

    return [*piper_voices(), *flite_voices(), *festival_voices(), *espeak_voices()]


def builtin_voices() -> list[dict[str, str | bool]]:
    """The built-in voices as rows for ``audiogpt voices list`` (enrolled voices are separate).

    Returns:
        One dict per voice: name, engine, language, gender, description, and ``default``
        (True for the voice used when English text comes without a voice name).
    """
    voices = list_voices()
    default = resolve_voice(None, "en").name if voices else ""
    return [{"name": v.name, "engine": v.engine, "language": v.language, "gender": v.gender,
             "description": v.description, "default": v.name == default} for v in voices]


def _voice_index() -> dict[str, Voice]:
    return {v.name: v for v in list_voices()}


def _lang_matches(voice: Voice, language: str) -> bool:
    lang = language.lower()
    base = voice.language.lower()
    return base == lang or base.split("-")[0] == lang or ESPEAK_ALIASES.get(lang) == base


def resolve_voice(voice: str | None, language: str | None = "en") -> Voice:
    """Pick the voice for a name and/or language.

    Raises:
        ToolInputError: Unknown voice, or a voice of another language than asked for.
        BackendUnavailable: No offline voice speaks the language (another backend may).
    """
    index = _voice_index()
    language = (language or "en").strip().lower().replace("_", "-")
    if voice:
        name = voice.strip()
        found = index.get(name) or index.get(name.lower()) or index.get(f"espeak-{name.lower()}")
        if found is None:
            english = ", ".join(v.name for v in list_voices() if v.engine != "espeak")
            raise ToolInputError(
                f"text_to_speech: unknown voice {voice!r}; English voices: {english}; other "
                f"languages: espeak-<lang> (e.g. espeak-zh, espeak-es)"
            )
        if language != "en" and not _lang_matches(found, language):
            raise ToolInputError(
                f"text_to_speech: voice {found.name!r} speaks {found.language}, not {language}"
            )
        return found
    if language in ("en", "en-us"):
        for name in DEFAULT_ENGLISH:
            if name in index:
                return index[name]
    candidates = [v for v in index.values() if v.engine == "espeak" and _lang_matches(v, language)]
    if not candidates:
        langs = sorted({v.language.split("-")[0] for v in index.values()})
        # Another backend may speak it (MMS-TTS has 1,100+ languages): "unavailable", exit 3.
        raise BackendUnavailable(
            f"text_to_speech: no voice for language {language!r} in the offline voices "
            f"(available: {', '.join(langs)}); for other languages set AUDIOGPT_MMS_TTS_MODEL "
            "to a folder of MMS-TTS checkpoints (mms-tts-<iso639-3>) and use --backend mms-tts"
        )
    exact = [v for v in candidates if v.language.lower() == ESPEAK_ALIASES.get(language, language)]
    return (exact or candidates)[0]


_SENTENCE = re.compile(r"(?<=[.!?;。！？；])\s+|(?<=[。！？；])|\n\s*\n")


def split_sentences(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """Split text into sentences, and overlong sentences at commas or spaces."""
    out: list[str] = []
    for sent in _SENTENCE.split(text):
        sent = " ".join(sent.split())
        while len(sent) > max_chars:
            cut = max(sent.rfind(", ", 0, max_chars), sent.rfind(" ", 0, max_chars))
            cut = cut if cut > max_chars // 3 else max_chars
            out.append(sent[: cut + 1].strip())
            sent = sent[cut + 1:].strip()
        if sent and re.search(r"\w", sent):
            out.append(sent)
    return out


def synthesize(
    text: str,
    voice: str | None = None,
    language: str = "en",
    speed: float = 1.0,
    sample_rate: int | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> Audio:
    """Speak ``text`` with an offline voice.

    Args:
        text: What to say (long text is split into sentences and joined with short pauses).
        voice: Voice name (``slt``, ``rms``, ``awb``, ``kal16``, ``slt_hts``, ``espeak-zh``...);
            None picks the default voice for ``language``.
        language: ISO 639-1 code.
        speed: Speaking rate factor, 0.25-4 (2 = twice as fast).
        sample_rate: Output rate (Hz); None keeps the engine's rate.
        progress: Optional callback (fraction, message).

    Returns:
        Mono ``Audio``.

    Raises:
        ToolInputError: Empty text, unknown voice/language, speed out of range.
    """
    import numpy as np

    from audiogpt.core.audio import Audio

    if not text or not re.search(r"\w", text):
        raise ToolInputError("text_to_speech: --text is empty (nothing to say)")
    if not 0.25 <= speed <= 4:
        raise ToolInputError(f"text_to_speech: --speed {speed:g} is outside 0.25-4")
    if sample_rate is not None and sample_rate not in SAMPLE_RATES:
        raise ToolInputError(
            f"text_to_speech: --sample_rate {sample_rate} not one of "
            + ", ".join(str(r) for r in SAMPLE_RATES)
        )
    v = resolve_voice(voice, language)
    chunks = split_sentences(text)
    pieces: list[np.ndarray] = []
    rate = 0
    for i, chunk in enumerate(chunks):
        a = synth_chunk(chunk, v, speed)
        if rate and a.sample_rate != rate:
            a = a.resampled(rate)
        rate = a.sample_rate
        if pieces:
            pieces.append(np.zeros(int(PAUSE_S * rate / speed), np.float32))
        pieces.append(a.samples[0])
        if progress:
            progress((i + 1) / len(chunks), f"sentence {i + 1}/{len(chunks)}")
    out = Audio(np.concatenate(pieces)[None, :].astype(np.float32), rate)
    if sample_rate and sample_rate != out.sample_rate:
        out = out.resampled(sample_rate)
    logger.debug("tts %s: %d chunks, %.2f s", v.name, len(chunks), out.duration)
    return out


class OfflineTTS(Backend):
    """flite / festival / espeak-ng voices, picked by name or language."""

    name = "offline"
    tool = "text_to_speech"
    summary = ("Piper neural voice joe (default English), flite (slt, rms, awb, kal16), "
               "festival HTS (slt_hts), espeak-ng (100+ languages)")
    requires = (program("flite"),)
    priority = 10

    def run(self, req: Request) -> ToolResult:
        a = req.args
        v = resolve_voice(req.get("voice"), req.get("language") or "en")
        audio = synthesize(a.text, voice=v.name, language=req.get("language") or "en",
                           speed=req.get("speed") or 1.0, sample_rate=req.get("sample_rate"),
                           progress=req.progress)
        data = {"voice": v.name, "engine": v.engine, "language": v.language,
                "speed": req.get("speed") or 1.0, "sample_rate": audio.sample_rate,
                "duration": round(audio.duration, 3),
                "sentences": len(split_sentences(a.text))}
        return ToolResult(
            outputs=[Output("audio", audio, "speech", meta={"voice": v.name, "engine": v.engine})],
            text=f"Spoke {len(a.text)} characters with voice {v.name} ({v.engine}), "
                 f"{audio.duration:.2f} s",
            data=data,
        )
