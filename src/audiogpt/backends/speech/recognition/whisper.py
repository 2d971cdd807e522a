"""Optional foundation backend of speech_recognition: OpenAI Whisper through transformers,
loaded from a local folder named by ``AUDIOGPT_WHISPER_MODEL`` (nothing is downloaded).

Whisper reads 30-second windows, so recordings are cut at pauses into chunks of at most
28 s (the same energy VAD as the PocketSphinx backend). It serves the ~100 languages of
multilingual checkpoints; segments carry chunk-level times, words carry no times.
"""

from __future__ import annotations

import logging
from typing import Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import FoundationBackend
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_WHISPER_MODEL"
RATE = 16000
MAX_CHUNK_S = 28.0


class WhisperASR(FoundationBackend):
    """Whisper (transformers WhisperForConditionalGeneration) from a local model folder."""

    name = "whisper"
    tool = "speech_recognition"
    summary = ("OpenAI Whisper via transformers: `audiogpt models pull whisper-small-hf` or "
               "a local folder in AUDIOGPT_WHISPER_MODEL")
    env = ENV
    example = "openai/whisper-small"
    sample_rate = RATE

    def load(self) -> None:
        import torch
        from transformers import WhisperForConditionalGeneration, WhisperProcessor

        path = str(self.model_folder())
        self.path = path
        self.processor = WhisperProcessor.from_pretrained(path)
        self.model = WhisperForConditionalGeneration.from_pretrained(path).eval()
        torch.set_grad_enabled(False)
        logger.info("loaded Whisper from %s", path)

    def transcribe(self, samples: Any, language: str | None, progress: Any = None,
                   max_new_tokens: int = 200) -> dict[str, Any]:
        """Transcribe 16 kHz mono samples; returns text and chunk-level segments."""
        import torch

        from audiogpt.backends.dsp.pauses import pause_chunks

        limit = int(getattr(self.model.config, "max_target_positions", 448)) - 8
        gen_kwargs: dict[str, Any] = {"max_new_tokens": max(1, min(max_new_tokens, limit))}
        lang_ids = getattr(self.model.generation_config, "lang_to_id", None) or {}
        if language and f"<|{language}|>" in lang_ids:
            gen_kwargs.update(language=language, task="transcribe")
        chunks = pause_chunks(samples, RATE, max_s=MAX_CHUNK_S)
        segments = []
        for i, (s, e) in enumerate(chunks):
            feats = self.processor.feature_extractor(samples[s:e], sampling_rate=RATE,
                                                     return_tensors="pt")
            with torch.no_grad():
                ids = self.model.generate(feats.input_features, **gen_kwargs)
            text = self.processor.tokenizer.batch_decode(ids, skip_special_tokens=True)[0].strip()
            if text:
                segments.append({"start": round(s / RATE, 2), "end": round(e / RATE, 2),
                                 "text": text})
            if progress:
                progress((i + 1) / len(chunks), f"chunk {i + 1}/{len(chunks)}")
        return {"text": " ".join(seg["text"] for seg in segments), "segments": segments,
                "chunks": len(chunks)}

    def run(self, req: Request) -> ToolResult:
        language = (req.get("language") or "en").lower()
        audio = req.audio("audio").to_mono()
        res = self.transcribe(audio.samples[0], language, progress=req.progress)
        data = {"words": [], "segments": res["segments"], "language": language,
                "duration": round(audio.duration, 3), "word_timestamps": False,
                "model": self.path}
        return ToolResult(outputs=[Output("text", res["text"], "transcript")],
                          text=res["text"], data=data)
