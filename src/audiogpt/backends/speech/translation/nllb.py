"""Optional foundation backend of speech_translation: recognition, then Meta's NLLB-200 (any
``AutoModelForSeq2SeqLM`` checkpoint with NLLB/FLORES-200 language tokens) from the local
folder named by ``AUDIOGPT_NLLB_MODEL`` (e.g. ``facebook/nllb-200-distilled-600M``); nothing is
downloaded.

Recognition uses Whisper when ``AUDIOGPT_WHISPER_MODEL`` is configured (about 100
languages), else PocketSphinx (English). Each recognised segment is translated separately (a
segment is at most ~28 s of speech, well inside NLLB's 200-token training length), with the
source language set on the tokenizer and the target language forced as the first token.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import (
    LANGUAGES,
    FoundationBackend,
    iso1,
    iso3,
    to_device,
)
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_NLLB_MODEL"
EXAMPLE = "facebook/nllb-200-distilled-600M"
BATCH = 8


class NLLBSpeechTranslation(FoundationBackend):
    """Whisper or PocketSphinx recognition, then NLLB-200 translation."""

    name = "nllb"
    tool = "speech_translation"
    summary = (f"Whisper/PocketSphinx recognition + NLLB-200 translation (transformers), "
               f"local weights from {ENV}")
    sample_rate = 16000
    env = ENV
    example = EXAMPLE

    def load(self) -> None:
        """Load the tokenizer and translation model once."""
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        path = self.model_folder()
        self.path = str(path)
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model, self.device = to_device(AutoModelForSeq2SeqLM.from_pretrained(path))
        self.whisper: Any = None
        logger.info("loaded NLLB from %s on %s", path, self.device)

    def code(self, language: str) -> str:
        """The model's language token for an ISO 639-1/639-3 or FLORES-200 code.

        Raises:
            ToolInputError: The model has no token for that language.
        """
        unk = self.tokenizer.unk_token_id

        def vocab_has(tok: str) -> bool:
            return self.tokenizer.convert_tokens_to_ids(tok) not in (None, unk)

        lang = language.strip()
        short = lang.lower().replace("-", "_").split("_")[0]
        candidates = [lang, LANGUAGES[short][1] if short in LANGUAGES else ""]
        candidates += [t for t in self.tokenizer.all_special_tokens
                       if t.lower().startswith(iso3(short) + "_")]
        for cand in candidates:
            if cand and vocab_has(cand):
                return cand
        raise ToolInputError(f"speech_translation: the NLLB model has no language {language!r} "
                             f"(use ISO 639-1 codes such as es, or FLORES-200 codes such as "
                             f"spa_Latn)")

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate sentences from ``source`` to ``target`` (language codes as in ``code``)."""
        import torch

        src, tgt = self.code(source), self.code(target)
        self.tokenizer.src_lang = src
        forced = self.tokenizer.convert_tokens_to_ids(tgt)
        out: list[str] = []
        for i in range(0, len(texts), BATCH):
            batch = self.tokenizer(texts[i:i + BATCH], return_tensors="pt", padding=True,
                                   truncation=True, max_length=512).to(self.device)
            limit = int(batch["input_ids"].shape[1] * 2 + 10)
            with torch.inference_mode():
                ids = self.model.generate(**batch, forced_bos_token_id=forced,
                                          max_new_tokens=min(limit, 512), num_beams=1)
            out += [t.strip() for t in self.tokenizer.batch_decode(ids, skip_special_tokens=True)]
        return out

    def recognise(self, audio: Audio, language: str | None,
                  progress: Any) -> tuple[dict[str, Any], str]:
        """Transcribe with the configured Whisper, else the embedded Whisper base (language
        detected when None), else PocketSphinx (English)."""
        from audiogpt.backends.speech.recognition.whisper import WhisperASR
        from audiogpt.backends.speech.recognition.whisper_base import WhisperBaseASR

        if WhisperASR.availability().available:
            if self.whisper is None:
                self.whisper = WhisperASR()
                self.whisper.ensure_loaded()
            res = self.whisper.transcribe(audio.to_mono().samples[0], language or "en",
                                          progress=progress)
            return res, "whisper"
        if WhisperBaseASR.availability().available:
            from audiogpt.backends.speech.recognition.whisper_embedded import transcribe

            return transcribe(audio, language, progress=progress), "faster-whisper"
        from audiogpt.backends.speech.recognition.pocketsphinx import check_language, transcribe

        check_language(language or "en")
        return transcribe(audio, language or "en", progress=progress), "pocketsphinx"

    def run(self, req: Request) -> ToolResult:
        if str(self.model_folder()) != self.path:  # the variable now names another model
            self.load()
        given = (req.get("source_language") or "").strip() or None
        tgt = req.get("target_language").strip()
        self.code(tgt)  # fail on an unknown language before recognition
        if given:
            self.code(given)
        asr, recognizer = self.recognise(req.audio("audio"), iso1(given) if given else None,
                                         req.progress)
        src = given or asr.get("language") or "en"
        transcript = asr["text"].strip()
        if not transcript:
            raise ToolInputError("speech_translation: no speech was recognised in --audio")
        segments = [s for s in asr.get("segments", []) if s.get("text", "").strip()]
        texts = [s["text"] for s in segments] or [transcript]
        parts = self.translate(texts, src, tgt)
        translation = " ".join(p for p in parts if p)
        for seg, part in zip(segments, parts, strict=False):
            seg["translation"] = part
        data = {"transcript": transcript, "translation": translation, "source_language": src,
                "target_language": tgt, "pair": f"{self.code(src)}-{self.code(tgt)}",
                "recognizer": recognizer, "translator": "nllb", "model": self.path,
                "segments": segments}
        return ToolResult(
            outputs=[Output("text", translation, f"translation_{tgt}",
                            meta={"transcript": transcript, "recognizer": recognizer})],
            text=translation, data=data,
        )
