"""Foundation backend of speech_recognition: Whisper small / medium / large-v3 / turbo in
CTranslate2 format, through faster-whisper (the engine of the embedded Whisper base default).

The model is the first pulled catalog model of this backend (``audiogpt models pull
whisper-large-v3``; order: small, medium, large-v3, turbo) or ``AUDIOGPT_WHISPER_CT2_MODEL``
(a folder holding ``model.bin``, or a catalog name such as ``whisper-turbo``). It runs on the
GPU (float16) when CTranslate2 sees one, else on the CPU (int8).

Decoding: beam search (5), Silero VAD to skip silence (the VAD shipped in faster-whisper),
word timestamps, no conditioning on the previous window (avoids carrying a hallucination
forward), and a token cap proportional to the window's length (eight tokens per second plus
16) that stops the repetition loops Whisper falls into on noise.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, ClassVar

from audiogpt.backends.base import Request, module
from audiogpt.backends.foundation import EXTRA, FoundationBackend
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_WHISPER_CT2_MODEL"
RATE = 16000
BEAM = 5
TOKENS_PER_S = 8
WINDOW_S = 30.0


def folder_reason(path: Path) -> str | None:
    """Why ``path`` is not a CTranslate2 Whisper folder, or None."""
    missing = [f for f in ("model.bin", "config.json", "tokenizer.json")
               if not (path / f).is_file()]
    return f"{path} lacks {', '.join(missing)}" if missing else None


class WhisperCT2ASR(FoundationBackend):
    """Whisper (CTranslate2) through faster-whisper, from a pulled model or a folder."""

    name = "whisper-ct2"
    tool = "speech_recognition"
    summary = ("Whisper small/medium/large-v3/turbo (CTranslate2) via faster-whisper, GPU when "
               "present: `audiogpt models pull whisper-large-v3`")
    requires = (module("faster_whisper", EXTRA, pip="faster-whisper"),
                module("ctranslate2", EXTRA, pip="faster-whisper"))
    sample_rate = RATE
    priority = 25  # above the embedded Whisper base once a larger model is pulled
    env = ENV
    example = "Systran/faster-whisper-large-v3"
    _models: ClassVar[dict[str, Any]] = {}

    @classmethod
    def extra_check(cls) -> str | None:
        reason = super().extra_check()
        if reason is None:
            path = cls.model_folder()
            return folder_reason(path) if path is not None else f"{ENV} names no model"
        return reason

    def load(self) -> None:
        self.model = self._model(self.model_folder())

    def _model(self, path: Path) -> Any:
        key = str(path)
        if key not in self._models:
            import ctranslate2
            from faster_whisper import WhisperModel

            gpu = ctranslate2.get_cuda_device_count() > 0
            device, compute = ("cuda", "float16") if gpu else ("cpu", "int8")
            threads = max(1, min(8, os.cpu_count() or 1))
            self._models[key] = WhisperModel(key, device=device, compute_type=compute,
                                             cpu_threads=0 if gpu else threads)
            logger.info("loaded Whisper (CTranslate2) from %s on %s/%s", key, device, compute)
        self.path = key
        return self._models[key]

    def transcribe(self, samples: Any, language: str | None,
                   progress: Any = None) -> dict[str, Any]:
        """Recognise 16 kHz mono samples; language None detects it (multilingual models)."""
        model = self._model(self.model_folder())
        langs = model.supported_languages
        if language and language not in langs:
            raise ToolInputError(f"speech_recognition: this Whisper model does not know "
                                 f"language {language!r} (it knows {len(langs)} languages)")
        if not model.model.is_multilingual:
            language = "en"
        duration = len(samples) / RATE
        cap = int(min(duration, WINDOW_S) * TOKENS_PER_S) + 16
        segments, info = model.transcribe(
            samples, language=language, beam_size=BEAM, vad_filter=True,
            word_timestamps=True, condition_on_previous_text=False, temperature=0.0,
            max_new_tokens=cap)
        segs, words = [], []
        for seg in segments:
            text = seg.text.strip()
            if text:
                segs.append({"start": round(seg.start, 2), "end": round(seg.end, 2),
                             "text": text})
            for w in seg.words or []:
                words.append({"word": w.word.strip(), "start": round(w.start, 2),
                              "end": round(w.end, 2), "probability": round(w.probability, 3)})
            if progress and duration:
                progress(min(1.0, seg.end / duration), "decoding")
        return {"text": " ".join(s["text"] for s in segs), "segments": segs, "words": words,
                "language": info.language,
                "language_probability": round(float(info.language_probability), 3),
                "duration": round(duration, 3)}

    def run(self, req: Request) -> ToolResult:
        language = (req.get("language") or "").strip().lower() or None
        audio = req.audio("audio").to_mono()
        res = self.transcribe(audio.samples[0], language, progress=req.progress)
        res.update(model=self.path, language_detected=language is None, word_timestamps=True)
        return ToolResult(outputs=[Output("text", res["text"], "transcript")],
                          text=res["text"], data=res)
