"""Watermark part of the clone bench: detection after each attack, false positives on the
natural recordings of ../shared/eval-audio."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import EVAL

NATURAL_EXT = (".wav", ".flac", ".ogg", ".aiff", ".mp3")


def _attacks(audio: Any, folder: Path) -> dict[str, Any]:
    from audiogpt.core.audio import Audio

    src = folder / "in.wav"
    audio.to_file(src)
    mp3 = folder / "out.mp3"
    subprocess.run(["ffmpeg", "-v", "quiet", "-y", "-i", str(src), "-b:a", "128k", str(mp3)],
                   check=True)
    return {"none": audio, "mp3_128k": Audio.from_file(mp3),
            "gain_-10dB": Audio(audio.samples * 10 ** (-10 / 20), audio.sample_rate),
            "gain_+6dB": Audio(audio.samples * 2.0 / max(1.0, 2.0 * float(abs(
                audio.samples).max())), audio.sample_rate),
            "resample_44k_to_16k": audio.resampled(44100).resampled(16000)}


def watermark(marked: list[Any]) -> dict[str, Any]:
    """Detection and payload rates per attack, and false positives on natural recordings."""
    import numpy as np

    from audiogpt.backends.dsp.watermark import detect
    from audiogpt.core.audio import Audio

    hits: dict[str, list[bool]] = {}
    payload: dict[str, list[bool]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for audio in marked:
            for attack, attacked in _attacks(audio, Path(tmp)).items():
                res = detect(attacked)
                hits.setdefault(attack, []).append(bool(res["watermarked"]))
                payload.setdefault(attack, []).append(res.get("tool") == "voice_clone")
    natural, positives, scores = 0, [], []
    for path in sorted(EVAL.rglob("*")):
        if path.suffix.lower() not in NATURAL_EXT:
            continue
        try:
            audio = Audio.from_file(path)
        except Exception:
            continue
        natural += 1
        res = detect(audio)
        scores.append(res["score"])
        if res["watermarked"]:
            positives.append(path.name)
    return {"files": len(marked),
            "detection_rate": {k: round(float(np.mean(v)), 3) for k, v in hits.items()},
            "payload_rate": {k: round(float(np.mean(v)), 3) for k, v in payload.items()},
            "natural_recordings": natural, "false_positives": positives,
            "natural_max_score": round(float(np.max(scores)), 3) if scores else None}
