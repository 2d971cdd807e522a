"""Procedural sound-design engine and the ``procedural`` backend of text_to_audio.

``render_scene(text, duration)`` parses the description into layers
(:mod:`~audiogpt.backends.generation.text_to_audio.parser`), renders each with its synthesis recipe
(:mod:`~audiogpt.backends.generation.text_to_audio.nature`, :mod:`~audiogpt.backends.generation.text_to_audio.sources`,
:mod:`~audiogpt.backends.generation.text_to_audio.voices`) and mixes them
(:mod:`~audiogpt.backends.generation.text_to_audio.mixer`). The output has exactly
``round(duration * sample_rate)`` frames.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.backends.generation.text_to_audio.parser import Layer
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

SAMPLE_RATE = 44100
MAX_DURATION = 300.0


def recipes() -> dict[str, Any]:
    """All recipes by name."""
    from audiogpt.backends.generation.text_to_audio import nature as sounddesign_nature
    from audiogpt.backends.generation.text_to_audio import sources as sounddesign_sources
    from audiogpt.backends.generation.text_to_audio import voices as sounddesign_voices

    return {**sounddesign_nature.RECIPES, **sounddesign_sources.RECIPES,
            **sounddesign_voices.RECIPES}


@dataclass
class Scene:
    """A rendered scene: the audio, its layers and mixer statistics."""

    audio: Audio
    layers: list[Layer]
    stats: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        """One line naming the layers."""
        parts = []
        for layer in self.layers:
            words = [w for w in ("distant",) if w in layer.mods]
            if layer.intensity >= 0.8:
                words.append("heavy")
            elif layer.intensity <= 0.25:
                words.append("light")
            span = "" if (layer.start, layer.end) == (0.0, 1.0) else (
                f" ({layer.start * self.audio.duration:.1f}-{layer.end * self.audio.duration:.1f} s)")
            parts.append(" ".join([*words, layer.recipe]) + span)
        return ", ".join(parts)


def render_layers(layers: list[Layer], duration: float, sample_rate: int = SAMPLE_RATE,
                  seed: int = 0) -> Scene:
    """Render and mix the given layers into exactly ``duration`` seconds of stereo audio."""
    import numpy as np

    from audiogpt.backends.generation.text_to_audio.mixer import mix
    from audiogpt.core.audio import Audio

    if not layers:
        raise ToolInputError("text_to_audio: nothing to render")
    n = int(round(duration * sample_rate))
    table = recipes()
    rng = np.random.default_rng(seed)
    rendered = []
    for layer in layers:
        a, b = int(round(layer.start * n)), int(round(layer.end * n))
        span = max(1, b - a)
        sig = np.asarray(table[layer.recipe](span, sample_rate, rng, layer), dtype=np.float64)
        if sig.shape[-1] != span:  # recipes must be exact; enforce it anyway
            sig = np.pad(sig, [(0, 0)] * (sig.ndim - 1) + [(0, max(0, span - sig.shape[-1]))])
            sig = sig[..., :span]
        rendered.append((layer, sig))
    samples, stats = mix(rendered, n, sample_rate, rng)
    return Scene(Audio(samples, sample_rate), layers, stats)


def render_scene(text: str, duration: float, sample_rate: int = SAMPLE_RATE,
                 seed: int | None = None) -> Scene:
    """Parse ``text`` and render the scene.

    Args:
        text: The description ("heavy rain on a tin roof").
        duration: Length in seconds (honoured to the sample).
        sample_rate: Output rate.
        seed: Random seed; by default derived from the text and duration (reproducible).

    Raises:
        ToolInputError: Nothing in the text is a sound the engine knows (the message lists
            what it can render), or the duration is out of range.
    """
    from audiogpt.backends.generation.text_to_audio.parser import capabilities, parse

    if not 0 < duration <= MAX_DURATION:
        raise ToolInputError(f"text_to_audio: --duration must be in (0, {MAX_DURATION:g}] s")
    layers = parse(text)
    if not layers:
        raise ToolInputError(
            f"text_to_audio: cannot render {text.strip()[:80]!r}; the procedural engine knows "
            + capabilities()
        )
    if seed is None:
        seed = zlib.crc32(f"{text}|{duration}".encode())
    return render_layers(layers, duration, sample_rate, seed)


class ProceduralSoundDesign(Backend):
    """Procedural synthesis recipes, a description parser and a loudness-balanced mixer."""

    name = "procedural"
    tool = "text_to_audio"
    summary = ("procedural sound design: synthesis recipes (rain, wind, waves, fire, thunder, "
               "birds, crickets, footsteps, engines, bells, sirens, clocks, applause, TTS "
               "babble...), parsed layers, BS.1770-balanced mix with limiter")
    requires = (module("scipy", "core"), module("pyloudnorm", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        text: str = req.get("text")
        duration: float = float(req.get("duration") or 10.0)
        req.progress(0.05, "parsing the description")
        scene = render_scene(text, duration)
        req.progress(1.0, "mixed")
        return ToolResult(
            outputs=[Output("audio", scene.audio, "sound",
                            meta={"layers": [la.describe() for la in scene.layers]})],
            text=f"Procedural scene, {scene.audio.duration:.2f} s: {scene.summary()}",
            data={"method": "procedural synthesis", "duration": scene.audio.duration,
                  "sample_rate": scene.audio.sample_rate,
                  "layers": [la.describe() for la in scene.layers], "mix": scene.stats},
        )
