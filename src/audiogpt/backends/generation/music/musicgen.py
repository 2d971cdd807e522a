"""Optional foundation backend of music_generation: Meta's MusicGen through ``transformers``
(``MusicgenForConditionalGeneration`` + its processor), loaded from the local folder named by
``AUDIOGPT_MUSICGEN_MODEL`` (e.g. a copy of ``facebook/musicgen-small``); nothing is downloaded.

The requested duration becomes ``max_new_tokens`` through the EnCodec frame rate (50 Hz for
the released checkpoints); the decoder's delay pattern costs ``num_codebooks - 1`` steps,
which are added. Sampling uses classifier-free guidance (the checkpoint's
``guidance_scale``, 3 by default). Longer pieces than one generation can reach (about 40 s
for the released checkpoints) are continued window by window, each conditioned on the last
10 s. The waveform is cut to the exact duration with a short fade-out.
"""

from __future__ import annotations

import logging
from typing import Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import FoundationBackend, to_device
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_MUSICGEN_MODEL"
EXAMPLE = "facebook/musicgen-small"
DEFAULT_DURATION = 20.0
CONTEXT_S = 10.0


class MusicGen(FoundationBackend):
    """MusicGen text-to-music from a local checkpoint."""

    name = "musicgen"
    tool = "music_generation"
    summary = f"Meta MusicGen (transformers), local weights from {ENV}"
    env = ENV
    example = EXAMPLE

    def load(self) -> None:
        """Load the model and processor once, on the GPU when there is one."""
        from transformers import AutoProcessor, MusicgenForConditionalGeneration

        path = self.model_folder()
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

    @property
    def context_s(self) -> float:
        """Seconds of audio a continuation window is conditioned on."""
        return min(CONTEXT_S, self.max_duration / 2)

    @property
    def step_s(self) -> float:
        """New seconds one continuation window adds (its positions hold the context too)."""
        return self.max_duration - self.context_s - 2 * self.codebooks / self.frame_rate

    def windows_for(self, duration: float) -> int:
        """How many generations ``duration`` seconds take."""
        import math

        return 1 + max(0, math.ceil((duration - self.max_duration) / self.step_s))

    def tokens_for(self, duration: float) -> int:
        """``max_new_tokens`` that yields at least ``duration`` seconds of audio."""
        import math

        return math.ceil(duration * self.frame_rate) + self.codebooks - 1

    def _generate(self, text: str, seconds: float, context: Any = None) -> Any:
        """One generation of ``seconds`` new audio, continuing ``context`` samples if given."""
        import torch

        if context is None:
            inputs = self.processor(text=[text], padding=True, return_tensors="pt")
        else:
            inputs = self.processor(audio=[context], text=[text], sampling_rate=self.rate,
                                    padding=True, return_tensors="pt")
        guidance = getattr(self.model.generation_config, "guidance_scale", None) or 3.0
        with torch.inference_mode():
            wav = self.model.generate(**inputs.to(self.device), do_sample=True,
                                      max_new_tokens=self.tokens_for(seconds),
                                      guidance_scale=guidance)
        out = wav[0, 0].float().cpu().numpy()
        return out if context is None else out[len(context):]

    def generate(self, text: str, duration: float, seed: int | None = None,
                 progress: Any = None) -> Any:
        """Generate ``duration`` seconds of music for ``text``.

        Durations beyond one generation's reach are made by continuation: each further
        window is conditioned on the text and the last ``context_s`` seconds of audio
        (MusicGen's audio-prompt mode), and only its new part is appended.

        Returns:
            Mono float32 samples at the model's sampling rate (at least ``duration`` s).
        """
        import numpy as np
        import torch

        if seed is not None:
            torch.manual_seed(seed)
        context_s = self.context_s
        out = self._generate(text, min(duration, self.max_duration))
        while len(out) < duration * self.rate:
            if progress:
                progress(min(0.95, len(out) / (duration * self.rate)), "continuing")
            need = min(duration - len(out) / self.rate, self.step_s)
            context = out[-int(context_s * self.rate):]
            more = self._generate(text, need, context)
            if not len(more):  # nothing new (cannot happen with need > 0); never loop forever
                break
            out = np.concatenate([out, more])
        return out

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.generation.music.algorithmic import fit_duration
        from audiogpt.backends.generation.music.plan import parse_duration
        from audiogpt.core.audio import Audio

        if str(self.model_folder()) != self.path:  # the variable now names another model
            self.load()
        text: str = req.get("text")
        duration = req.get("duration") or parse_duration(text) or DEFAULT_DURATION
        req.progress(0.05, "generating with MusicGen")
        samples = self.generate(text, duration, req.get("seed"), req.progress)
        raw = Audio(samples[None, :], self.rate)
        audio = fit_duration(raw, duration, fade=min(0.5, 0.05 * duration))
        data = {"method": "musicgen", "model": self.path, "duration": round(audio.duration, 3),
                "sample_rate": self.rate, "tokens": self.tokens_for(duration),
                "frame_rate": self.frame_rate, "device": self.device, "seed": req.get("seed"),
                "windows": self.windows_for(duration)}
        return ToolResult(
            outputs=[Output("audio", audio, "music", meta={"model": self.path})],
            text=f"Generated {audio.duration:.1f} s of music with MusicGen for: {text}",
            data=data,
        )
