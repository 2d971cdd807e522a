"""Optional foundation backend of music_generation: Meta's MusicGen through ``transformers``
(``MusicgenForConditionalGeneration`` + its processor), loaded from the local folder named by
``AUDIOGPT_MUSICGEN_MODEL`` (e.g. a copy of ``facebook/musicgen-small``); nothing is downloaded.

The requested duration becomes ``max_new_tokens`` through the EnCodec frame rate (50 Hz for
the released checkpoints); the decoder's delay pattern costs ``num_codebooks - 1`` steps,
which are added. Sampling uses classifier-free guidance (the checkpoint's
``guidance_scale``, 3 by default). The waveform is cut/padded to the exact duration.
"""

from __future__ import annotations

import logging
from typing import Any

from audiogpt.backends.base import Backend, Request
from audiogpt.backends.fm_common import model_dir, model_reason, requirements, to_device
from audiogpt.errors import ToolInputError
from audiogpt.tools.base import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_MUSICGEN_MODEL"
EXAMPLE = "facebook/musicgen-small"
DEFAULT_DURATION = 20.0


class MusicGen(Backend):
    """MusicGen text-to-music from a local checkpoint."""

    name = "musicgen"
    tool = "music_generation"
    summary = f"Meta MusicGen (transformers), local weights from {ENV}"
    requires = requirements()
    priority = 20
    embedded = False

    @classmethod
    def extra_check(cls) -> str | None:  # noqa: D102
        return model_reason(ENV, EXAMPLE)

    def load(self) -> None:
        """Load the model and processor once, on the GPU when there is one."""
        from transformers import AutoProcessor, MusicgenForConditionalGeneration

        path = model_dir(ENV)
        self.path = str(path)
        self.processor = AutoProcessor.from_pretrained(path)
        model = MusicgenForConditionalGeneration.from_pretrained(path)
        self.model, self.device = to_device(model)
        audio_cfg = self.model.config.audio_encoder
        self.rate = int(audio_cfg.sampling_rate)
        self.frame_rate = float(audio_cfg.frame_rate)
        self.codebooks = int(self.model.config.decoder.num_codebooks)
        self.max_positions = int(self.model.config.decoder.max_position_embeddings)
        logger.info("loaded MusicGen from %s on %s (%d Hz, %g frames/s)", path, self.device,
                    self.rate, self.frame_rate)

    @property
    def max_duration(self) -> float:
        """Longest duration one generation can reach (decoder positions / frame rate)."""
        return (self.max_positions - self.codebooks) / self.frame_rate

    def tokens_for(self, duration: float) -> int:
        """``max_new_tokens`` that yields at least ``duration`` seconds of audio."""
        import math

        return math.ceil(duration * self.frame_rate) + self.codebooks - 1

    def generate(self, text: str, duration: float, seed: int | None = None) -> Any:
        """Generate ``duration`` seconds of music for ``text``.

        Returns:
            Mono float32 samples at the model's sampling rate (before trimming).
        """
        import torch

        if seed is not None:
            torch.manual_seed(seed)
        inputs = self.processor(text=[text], padding=True, return_tensors="pt").to(self.device)
        guidance = getattr(self.model.generation_config, "guidance_scale", None) or 3.0
        with torch.inference_mode():
            wav = self.model.generate(**inputs, max_new_tokens=self.tokens_for(duration),
                                      do_sample=True, guidance_scale=guidance)
        return wav[0, 0].float().cpu().numpy()

    def run(self, req: Request) -> ToolResult:  # noqa: D102
        from audiogpt.audio import Audio
        from audiogpt.backends.music_algorithmic import fit_duration
        from audiogpt.backends.music_plan import parse_duration

        if str(model_dir(ENV)) != self.path:  # the variable now names another model
            self.load()
        text: str = req.get("text")
        duration = req.get("duration") or parse_duration(text) or DEFAULT_DURATION
        if duration > self.max_duration:
            raise ToolInputError(
                f"music_generation: --duration {duration:g} s is over MusicGen's limit of "
                f"{self.max_duration:.0f} s (use --backend algorithmic for longer pieces)")
        req.progress(0.05, "generating with MusicGen")
        samples = self.generate(text, duration, req.get("seed"))
        raw = Audio(samples[None, :], self.rate)
        audio = fit_duration(raw, duration, fade=min(0.5, 0.05 * duration))
        data = {"method": "musicgen", "model": self.path, "duration": round(audio.duration, 3),
                "sample_rate": self.rate, "tokens": self.tokens_for(duration),
                "frame_rate": self.frame_rate, "device": self.device, "seed": req.get("seed")}
        return ToolResult(
            outputs=[Output("audio", audio, "music", meta={"model": self.path})],
            text=f"Generated {audio.duration:.1f} s of music with MusicGen for: {text}",
            data=data,
        )
