"""Foundation backend of text_to_audio: AudioLDM 2 (latent diffusion conditioned on CLAP, T5
and a GPT-2 "language of audio"), through diffusers' ``AudioLDM2Pipeline``.

The model is the pulled catalog model (``audiogpt models pull audioldm2 --accept-license``,
CC-BY-NC-SA-4.0) or the folder in ``AUDIOGPT_AUDIOLDM2_MODEL`` (a diffusers pipeline folder
with ``model_index.json``). GPU (float16) when present, else CPU (slow: minutes per clip).
Settings follow the model card: 200 DDIM steps (``AUDIOGPT_AUDIOLDM2_STEPS`` trades quality for
time on a CPU), guidance 3.5, negative prompt "Low quality.";
the seed is fixed (0) so a request is reproducible. Output: mono at the vocoder's rate
(16 kHz), trimmed to the requested duration.
"""

from __future__ import annotations

import logging

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import DiffusersBackend, device
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_AUDIOLDM2_MODEL"
STEPS = 200
GUIDANCE = 3.5
NEGATIVE = "Low quality."
SEED = 0


def _generation_shim(language_model: object) -> None:
    """Give the pipeline's GPT-2 the generation helper diffusers calls.

    diffusers' ``AudioLDM2Pipeline.generate_language_model`` calls
    ``language_model._update_model_kwargs_for_generation``; transformers 5 no longer mixes
    ``GenerationMixin`` into ``GPT2Model``, so the method is bound from the mixin here.
    """
    import types

    if not hasattr(language_model, "_update_model_kwargs_for_generation"):
        from transformers.generation.utils import GenerationMixin

        language_model._update_model_kwargs_for_generation = types.MethodType(  # type: ignore[attr-defined]
            GenerationMixin._update_model_kwargs_for_generation, language_model)


class AudioLDM2(DiffusersBackend):
    """AudioLDM 2 text-to-audio (diffusers)."""

    name = "audioldm2"
    tool = "text_to_audio"
    summary = ("AudioLDM 2 latent diffusion (diffusers), GPU advised: "
               "`audiogpt models pull audioldm2 --accept-license`")
    env = ENV
    example = "cvssp/audioldm2"

    def load(self) -> None:
        """Load the pipeline (float16 on a GPU)."""
        import torch
        from diffusers import AudioLDM2Pipeline

        path = self.model_folder()
        self.path = str(path)
        self.device = device()
        dtype = torch.float16 if self.device == "cuda" else torch.float32
        self.pipe = AudioLDM2Pipeline.from_pretrained(path, torch_dtype=dtype).to(self.device)
        self.pipe.set_progress_bar_config(disable=True)
        _generation_shim(self.pipe.language_model)
        self.rate = int(self.pipe.vocoder.config.sampling_rate)
        logger.info("loaded AudioLDM 2 from %s on %s", path, self.device)

    def run(self, req: Request) -> ToolResult:
        import numpy as np
        import torch

        from audiogpt.core.audio import Audio

        if str(self.model_folder()) != self.path:
            self.load()
        text: str = req.get("text")
        duration = float(req.get("duration") or 10.0)
        from audiogpt.core.config import load_settings

        steps = load_settings().audioldm2_steps or STEPS

        def step_done(i: int, t: object, latents: object) -> None:  # the pipeline's callback
            req.progress((i + 1) / steps, f"denoising step {i + 1}/{steps}")

        gen = torch.Generator(device=self.device).manual_seed(SEED)
        with torch.inference_mode():
            out = self.pipe(text, negative_prompt=NEGATIVE, num_inference_steps=steps,
                            guidance_scale=GUIDANCE, audio_length_in_s=duration,
                            generator=gen, callback=step_done, callback_steps=1)
        wave = np.asarray(out.audios[0], dtype=np.float32)[: int(round(duration * self.rate))]
        peak = float(np.abs(wave).max()) if wave.size else 0.0
        audio = Audio(wave[None, :], self.rate)
        data = {"method": "audioldm2", "model": self.path, "steps": steps,
                "guidance_scale": GUIDANCE, "seed": SEED, "duration": audio.duration,
                "sample_rate": self.rate, "peak": round(peak, 4)}
        return ToolResult(outputs=[Output("audio", audio, "sound")],
                          text=f"AudioLDM 2, {audio.duration:.2f} s: {text}", data=data)
