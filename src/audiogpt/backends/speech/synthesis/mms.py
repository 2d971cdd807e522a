"""Optional foundation backend of text_to_speech: Meta's MMS-TTS (VITS, ``VitsModel`` +
``AutoTokenizer``) from the local folder named by ``AUDIOGPT_MMS_TTS_MODEL``; nothing is
downloaded.

The folder is either one checkpoint (e.g. a copy of ``facebook/mms-tts-eng``) or a folder of
checkpoints, one per language (``mms-tts-eng/``, ``mms-tts-deu/``, ...). Each checkpoint's
language is read from its ``tokenizer_config.json`` (ISO 639-3, e.g. ``eng``), and the
``language`` argument (ISO 639-1) picks the checkpoint. MMS voices are single-speaker, so
``voice`` is not used (the data says so). Text is spoken sentence by sentence; ``speed`` sets
VITS's speaking rate; checkpoints that need romanisation (``is_uroman``) use the ``uroman``
package when it is installed.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import INSTALL, FoundationBackend, iso3, to_device
from audiogpt.core.config import env_setting
from audiogpt.core.errors import BackendUnavailable, ToolInputError
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_MMS_TTS_MODEL"
EXAMPLE = "facebook/mms-tts-eng"
PAUSE_S = 0.25
SEED = 0


def _folders() -> list[tuple[Path, str]]:
    """(checkpoint folder, name hinting its language): ``ENV`` wins, else pulled models."""
    value = env_setting(ENV)
    if not value:
        from audiogpt.backends.models import store
        from audiogpt.backends.models.catalog import specs_for

        out = []
        for spec in specs_for(MMSTTS.name):
            st = store.status(spec.name)
            if st.ready and st.path is not None:
                out.append((st.path, spec.repo.split("/")[-1]))
        return out
    root = Path(value).expanduser()
    if not root.is_dir():
        return []
    folders = [root] if (root / "config.json").is_file() else sorted(
        p for p in root.iterdir() if (p / "config.json").is_file())
    return [(f, f.name) for f in folders]


def catalogue() -> dict[str, Path]:
    """Checkpoints (``AUDIOGPT_MMS_TTS_MODEL`` or pulled): ISO 639-3 language (or ``*``) ->
    folder."""
    out: dict[str, Path] = {}
    for folder, hint in _folders():
        lang = None
        tok = folder / "tokenizer_config.json"
        if tok.is_file():
            try:
                lang = json.loads(tok.read_text(encoding="utf-8")).get("language")
            except (OSError, ValueError):
                lang = None
        if not lang and hint.startswith("mms-tts-"):
            lang = hint.removeprefix("mms-tts-")
        out.setdefault((lang or "*").lower(), folder)
    return out


def language_of(model_lang: str) -> str:
    """ISO 639-3 base of a checkpoint language such as ``eng`` or ``cmn-script_latin``."""
    return model_lang.split("-")[0].split("_")[0]


class MMSTTS(FoundationBackend):
    """MMS-TTS (VITS) voices from local checkpoints."""

    name = "mms-tts"
    tool = "text_to_speech"
    summary = f"Meta MMS-TTS (VITS via transformers), local weights from {ENV}"
    env = ENV
    example = EXAMPLE

    @classmethod
    def extra_check(cls) -> str | None:
        value = env_setting(ENV)
        hint = (f"set {ENV} to a local {EXAMPLE} folder, or a folder of mms-tts-<lang> "
                f"folders ({INSTALL})")
        if not value:
            from audiogpt.backends.models import store

            reason = store.model_reason(cls.name)
            return None if reason is None else f"{reason}; or {hint}"
        if not catalogue():
            return f"{ENV}={value} holds no model (config.json); {hint}"
        return None

    def load(self) -> None:
        """Index the checkpoints and load the first one (English when there is one)."""
        self.models: dict[Path, tuple[Any, Any]] = {}
        self.run_lock = threading.Lock()
        self.catalogue = catalogue()
        first = self.catalogue.get("eng") or next(iter(self.catalogue.values()))
        self.model_for(first)

    def model_for(self, folder: Path) -> tuple[Any, Any]:
        """(tokenizer, model) of a checkpoint folder, loaded once."""
        if folder not in self.models:
            from transformers import AutoTokenizer, VitsModel

            tok = AutoTokenizer.from_pretrained(folder)
            model, self.device = to_device(VitsModel.from_pretrained(folder))
            self.models[folder] = (tok, model)
            logger.info("loaded MMS-TTS from %s on %s", folder, self.device)
        return self.models[folder]

    def pick(self, language: str) -> tuple[str, Path]:
        """The checkpoint for an ISO 639-1/639-3 language.

        Raises:
            ToolInputError: No checkpoint speaks it.
        """
        want = iso3(language)
        for lang, folder in self.catalogue.items():
            if lang != "*" and language_of(lang) == want:
                return lang, folder
        if "*" in self.catalogue:  # a checkpoint that does not say its language
            return "*", self.catalogue["*"]
        have = ", ".join(sorted(self.catalogue))
        raise ToolInputError(
            f"text_to_speech: no MMS-TTS model for {language!r} (ISO 639-3 {want}) in {ENV} "
            f"(has: {have}); add facebook/mms-tts-{want} there, or use --backend offline")

    def synthesize(self, text: str, language: str, speed: float = 1.0) -> tuple[Any, int, str]:
        """Speak ``text``: returns (mono float32 samples, sample rate, checkpoint language)."""
        import numpy as np
        import torch

        from audiogpt.backends.speech.synthesis.offline import split_sentences

        lang, folder = self.pick(language)
        tok, model = self.model_for(folder)
        rate = int(model.config.sampling_rate)
        if getattr(tok, "is_uroman", False):
            try:
                import uroman
            except ImportError:
                raise BackendUnavailable(
                    f"text_to_speech/mms-tts: the {lang} model needs romanised text "
                    f"(pip install uroman)") from None
            romanizer = uroman.Uroman()
            text = romanizer.romanize_string(text)
        pieces: list[np.ndarray] = []
        with self.run_lock, torch.inference_mode():
            model.speaking_rate = speed
            torch.manual_seed(SEED)
            for sentence in split_sentences(text):
                inputs = tok(sentence, return_tensors="pt").to(self.device)
                if inputs["input_ids"].shape[-1] == 0:
                    continue
                wav = model(**inputs).waveform[0].float().cpu().numpy()
                if pieces:
                    pieces.append(np.zeros(int(PAUSE_S * rate / speed), np.float32))
                pieces.append(wav)
        if not pieces:
            raise ToolInputError(f"text_to_speech: no character of --text is in the {lang} "
                                 f"MMS-TTS vocabulary")
        return np.concatenate(pieces).astype(np.float32), rate, lang

    def run(self, req: Request) -> ToolResult:
        from audiogpt.core.audio import Audio

        if catalogue() != self.catalogue:  # the variable now names other models
            self.load()
        language = (req.get("language") or "en").lower()
        speed = req.get("speed") or 1.0
        samples, rate, lang = self.synthesize(req.get("text"), language, speed)
        audio = Audio(samples[None, :], rate)
        if req.get("sample_rate") and req.get("sample_rate") != rate:
            audio = audio.resampled(req.get("sample_rate"))
        data: dict[str, Any] = {"voice": f"mms-tts-{lang}", "engine": "mms-tts",
                                "language": language, "model": str(self.pick(language)[1]),
                                "speed": speed, "sample_rate": audio.sample_rate,
                                "duration": round(audio.duration, 3)}
        if req.get("voice"):
            data["voice_ignored"] = req.get("voice")  # MMS checkpoints have one speaker
        return ToolResult(
            outputs=[Output("audio", audio, "speech", meta={"voice": data["voice"],
                                                            "engine": "mms-tts"})],
            text=f"Spoke {len(req.get('text'))} characters with MMS-TTS ({lang}), "
                 f"{audio.duration:.2f} s",
            data=data,
        )
