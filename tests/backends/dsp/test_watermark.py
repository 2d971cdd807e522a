"""The voice watermark: found after MP3, gain and resampling; absent from natural recordings."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from audiogpt.backends.dsp import watermark
from audiogpt.core.audio import Audio
from tests.conftest import EVAL, shared_file

DAY = date(2026, 3, 14)
SPEECH = ("speech_en/cmu_arctic/cmu_arctic_us_aew_a0002.wav",
          "speech_en/ljspeech/LJ001-0002.wav",
          "speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0880.wav")


@pytest.fixture(scope="module")
def marked() -> list[tuple[Audio, Audio]]:
    out = []
    for rel in SPEECH:
        audio = Audio.from_file(shared_file(f"eval-audio/{rel}"))
        out.append((audio, watermark.embed(audio, "voice_clone", DAY)))
    return out


def _mp3(audio: Audio, tmp: Path) -> Audio:
    src, dst = tmp / "in.wav", tmp / "out.mp3"
    audio.to_file(src)
    subprocess.run(["ffmpeg", "-v", "quiet", "-y", "-i", str(src), "-b:a", "128k", str(dst)],
                   check=True)
    return Audio.from_file(dst)


def _attack(name: str, audio: Audio, tmp: Path) -> Audio:
    if name == "mp3_128k":
        return _mp3(audio, tmp)
    if name == "gain_-12dB":
        return Audio(audio.samples * 0.25, audio.sample_rate)
    if name == "resample_16k":
        return audio.resampled(44100).resampled(16000)
    return audio


@pytest.mark.parametrize("attack", ["none", "mp3_128k", "gain_-12dB", "resample_16k"])
def test_detected_with_payload_after_attack(marked, attack: str, tmp_path: Path) -> None:
    for _, audio in marked:
        res = watermark.detect(_attack(attack, audio, tmp_path))
        assert res["watermarked"], (attack, res)
        assert res.get("tool") == "voice_clone" and res.get("created") == DAY.isoformat(), res


def test_mark_is_small_and_keeps_the_file_shape(marked) -> None:
    for clean, audio in marked:
        assert audio.samples.shape == clean.samples.shape
        assert audio.sample_rate == clean.sample_rate
        noise = audio.samples - clean.samples
        snr = 10 * np.log10(np.sum(clean.samples ** 2) / np.sum(noise ** 2))
        assert snr > 18, f"watermark SNR {snr:.1f} dB"
        assert not watermark.detect(clean)["watermarked"]


@pytest.mark.slow
def test_no_false_positive_on_natural_recordings() -> None:
    files = [p for p in sorted(EVAL.rglob("*"))
             if p.suffix.lower() in (".wav", ".flac", ".ogg", ".aiff")]
    if len(files) < 20:
        pytest.skip("../shared/eval-audio is absent")
    found = []
    for p in files:
        res = watermark.detect(Audio.from_file(p))
        if res["watermarked"]:
            found.append((p.name, res["score"]))
    assert not found, found
