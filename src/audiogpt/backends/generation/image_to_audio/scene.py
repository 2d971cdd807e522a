"""Image-to-audio: analyse the scene of an image and render it with the sound-design engine."""

from __future__ import annotations

import logging
import zlib

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)


class SceneSonification(Backend):
    """Colour/position/texture scene analysis + Haar faces -> procedural soundscape."""

    name = "scene_analysis"
    tool = "image_to_audio"
    summary = ("image analysis (HSV regions, horizon, texture, sun, night, Haar faces) rendered "
               "with the procedural sound-design engine")
    requires = (module("cv2", "core", pip="opencv-python-headless"), module("scipy", "core"),
                module("pyloudnorm", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.generation.image_to_audio.analysis import analyze, scene_layers
        from audiogpt.backends.generation.text_to_audio.procedural import render_layers
        from audiogpt.core.media import Image

        img = Image.from_file(req.files["image"], req.settings)
        duration = float(req.get("duration") or 10.0)
        req.progress(0.1, "analysing the image")
        analysis = analyze(img)
        layers, why = scene_layers(analysis)
        req.progress(0.4, "rendering the soundscape")
        seed = zlib.crc32(img.pixels[::7, ::7].tobytes()) ^ int(duration * 1000)
        scene = render_layers(layers, duration, seed=seed)
        inferred = analysis.to_dict()
        regions = ", ".join(f"{k} {v:.0%}" for k, v in sorted(
            inferred["regions"].items(), key=lambda kv: -kv[1]))
        extras = [x for x, on in (("sun", analysis.sun), ("night", inferred["night"]),
                                  (f"{analysis.faces} face(s)", analysis.faces)) if on]
        text = (f"Inferred: {regions or 'no clear regions'}"
                + (f"; {', '.join(extras)}" if extras else "")
                + f". Soundscape ({scene.audio.duration:.2f} s): {scene.summary()}.")
        return ToolResult(
            outputs=[Output("audio", scene.audio, "image_sound",
                            meta={"inferred": inferred, "reasons": why})],
            text=text,
            data={"inferred": inferred, "reasons": why, "duration": scene.audio.duration,
                  "sample_rate": scene.audio.sample_rate,
                  "layers": [la.describe() for la in scene.layers], "mix": scene.stats},
        )
