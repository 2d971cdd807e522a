"""Foundation backends of text_to_audio and music_generation: Stable Audio Open (a latent
diffusion transformer over an Oobleck autoencoder, conditioned on T5 text and the clip's
start/end seconds), through diffusers' ``StableAudioPipeline``.

The model is the pulled catalog model (``audiogpt models pull stable-audio-open-1.0
--accept-license``: gated, Stability AI Community licence) or the diffusers pipeline folder in
``AUDIOGPT_STABLE_AUDIO_MODEL``. GPU (float16) when present, else CPU (slow). Settings follow
the model card's example: 100 steps of the cosine DPM-Solver++ scheduler
(``AUDIOGPT_STABLE_AUDIO_STEPS`` trades quality for time), guidance 7, negative prompt
"Low quality."; the seed is fixed (0) so a request is reproducible. Output: the model's rate
and channels (44.1 kHz stereo for the released model), cut to the requested duration; one
generation reaches ``sample_size * hop / rate`` seconds (47.5 s), longer requests are refused.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import DiffusersBackend, device
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_STABLE_AUDIO_MODEL"
STEPS = 100
GUIDANCE = 7.0
NEGATIVE = "Low quality."
SEED = 0
NAME = "stable-audio"


def steps() -> int:
    """Diffusion steps: the ``stable_audio_steps`` setting (``AUDIOGPT_STABLE_AUDIO_STEPS``) when positive."""
    from audiogpt.core.config import load_settings

    return load_settings().stable_audio_steps or STEPS


class _Pipeline:
    """The loaded pipeline, shared by the two tools' backends (one copy in memory)."""

    path: str | None = None
    pipe: Any = None
    device = "cpu"

    @classmethod
    def get(cls, folder: Path) -> Any:
        import torch
        from diffusers import StableAudioPipeline

        if cls.path != str(folder):
            cls.device = device()
            dtype = torch.float16 if cls.device == "cuda" else torch.float32
            pipe = StableAudioPipeline.from_pretrained(folder, torch_dtype=dtype).to(cls.device)
            pipe.set_progress_bar_config(disable=True)
            cls.pipe, cls.path = pipe, str(folder)
            logger.info("loaded Stable Audio Open from %s on %s", folder, cls.device)
        return cls.pipe


class StableAudioSound(DiffusersBackend):
    """Stable Audio Open text-to-audio (diffusers)."""

    name = NAME
    tool = "text_to_audio"
    summary = ("Stable Audio Open latent diffusion (diffusers), 44.1 kHz stereo, GPU advised: "
               "`audiogpt models pull stable-audio-open-1.0 --accept-license`")
    env = ENV
    example = "stabilityai/stable-audio-open-1.0"
    priority = 15  # after audioldm2 (20) when both are pulled: AudioLDM 2 is 16 kHz mono
    default_duration = 10.0

    def load(self) -> None:
        """Load the pipeline (float16 on a GPU)."""
        _Pipeline.get(self.model_folder())

    def run(self, req: Request) -> ToolResult:
        import numpy as np
        import torch

        from audiogpt.core.audio import Audio

        pipe = _Pipeline.get(self.model_folder())
        text: str = req.get("text")
        duration = float(req.get("duration") or self.default_duration)
        rate = int(pipe.vae.config.sampling_rate)
        longest = pipe.transformer.config.sample_size * pipe.vae.hop_length / rate
        if duration > longest:
            raise ToolInputError(f"{self.tool}/{NAME}: one generation reaches {longest:.1f} s; "
                                 f"ask for at most that (asked {duration:g} s)")
        n = steps()

        def step_done(i: int, t: object, latents: object) -> None:  # the pipeline's callback
            req.progress(min(1.0, (i + 1) / n), f"denoising step {i + 1}/{n}")

        gen = torch.Generator(device=_Pipeline.device).manual_seed(SEED)
        with torch.inference_mode():
            out = pipe(text, negative_prompt=NEGATIVE, num_inference_steps=n,
                       guidance_scale=GUIDANCE, audio_end_in_s=duration, generator=gen,
                       callback=step_done, callback_steps=1, output_type="np")
        wave = np.asarray(out.audios[0], dtype=np.float32)  # (channels, frames)
        wave = wave[:, : int(round(duration * rate))]
        peak = float(np.abs(wave).max()) if wave.size else 0.0
        if peak > 1.0:  # the decoder can overshoot full scale: keep it unclipped
            wave /= peak
        audio = Audio(wave, rate)
        data = {"method": "stable-audio-open", "model": _Pipeline.path, "steps": n,
                "guidance_scale": GUIDANCE, "seed": SEED, "duration": audio.duration,
                "sample_rate": rate, "channels": audio.channels, "device": _Pipeline.device,
                "max_duration": round(longest, 2), "peak": round(peak, 4)}
        label = "music" if self.tool == "music_generation" else "sound"
        return ToolResult(outputs=[Output("audio", audio, label)],
                          text=f"Stable Audio Open, {audio.duration:.2f} s: {text}", data=data)


class StableAudioMusic(StableAudioSound):
    """Stable Audio Open text-to-music (the same pipeline, music_generation's defaults)."""

    tool = "music_generation"
    summary = ("Stable Audio Open (diffusers), 44.1 kHz stereo music, GPU advised: "
               "`audiogpt models pull stable-audio-open-1.0 --accept-license`")
    priority = 15  # after musicgen (20) when both are pulled
    default_duration = 20.0
