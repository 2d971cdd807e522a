"""The live level meter's maths on a real recording, fed in 0.25 s chunks as the browser's
streaming microphone sends them: a clean take, a clipped (x12) copy and a quiet (x0.02) copy."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.backends.dsp import levels as lv
from audiogpt.core.audio import Audio
from tests.conftest import shared_file

TAKE = "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav"


@pytest.fixture(scope="module")
def take() -> Audio:
    return Audio.from_file(shared_file(TAKE))


def _stream(y: np.ndarray, rate: int, every_s: float = 0.25) -> list[lv.Reading]:
    """Feed ``y`` as int16 chunks (what the browser's WAV encoder sends)."""
    pcm = (np.clip(y, -1, 1) * 32767).astype(np.int16)
    tracker = lv.LevelTracker(rate)
    step = int(every_s * rate)
    return [tracker.add(lv.as_float(pcm[i:i + step])) for i in range(0, pcm.size, step)]


def test_clean_take(take: Audio) -> None:
    readings = _stream(take.mono, take.sample_rate)
    assert len(readings) == 16  # 3.9 s at 4 readings a second
    assert not any(r.clipping for r in readings) and readings[-1].clipped == 0.0
    last = readings[-1]
    assert last.seconds == pytest.approx(take.duration, abs=0.01)
    # the live speech level at the end is the level of the whole take
    whole = lv.speech_level_db(lv.frame_db(take.mono, take.sample_rate))
    assert last.speech_db == pytest.approx(whole, abs=0.15)
    assert lv.QUIET_DB < last.speech_db < -10
    # the per-chunk level follows the speech: pauses are much lower than words
    chunk_levels = [r.level_db for r in readings]
    assert max(chunk_levels) - min(chunk_levels) > 20
    assert all(r.peak_db >= r.level_db for r in readings)


def test_clipped_copy(take: Audio) -> None:
    readings = _stream(take.mono * 12, take.sample_rate)
    clipping = [r.clipping for r in readings]
    assert sum(clipping) >= len(readings) // 2  # most of the speech overloads
    loud = max(readings, key=lambda r: r.level_db)
    assert loud.clipping and loud.peak_db > -0.01
    assert readings[-1].clipped > 0.001  # over the enrollment check's limit
    first = clipping.index(True)
    assert not any(clipping[:first]) and first <= 4  # red as soon as the words start


def test_quiet_copy(take: Audio) -> None:
    clean = _stream(take.mono, take.sample_rate)[-1]
    quiet = _stream(take.mono * 0.02, take.sample_rate)[-1]
    assert quiet.speech_db < lv.QUIET_DB
    assert quiet.speech_db == pytest.approx(clean.speech_db + 20 * np.log10(0.02), abs=0.5)
    assert not quiet.clipping and quiet.clipped == 0.0


def test_noisy_copy(take: Audio) -> None:
    from audiogpt.backends.speech.voice.enroll import MIN_SNR_DB

    noise = 0.05 * np.random.default_rng(0).standard_normal(take.mono.size)
    readings = _stream(take.mono + noise, take.sample_rate)
    assert readings[0].snr_db is None  # not told from the first 0.25 s
    assert readings[-1].snr_db is not None and readings[-1].snr_db < MIN_SNR_DB
    assert _stream(take.mono, take.sample_rate)[-1].snr_db > MIN_SNR_DB + 10


def test_clipping_holds_for_a_moment() -> None:
    rate = 16000
    tracker = lv.LevelTracker(rate, hold_s=1.0)
    tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(rate // 4) / rate).astype(np.float32)
    burst = np.clip(tone * 10, -1, 1)
    assert tracker.add(burst).clipping
    held = [tracker.add(tone).clipping for _ in range(6)]  # 1.5 s of clean tone after it
    assert held == [True] * 4 + [False] * 2


def test_as_float_scales_pcm_and_mixes_channels() -> None:
    pcm = np.array([[32767, -32768], [0, 16384]], dtype=np.int16)
    x = lv.as_float(pcm)
    assert x.dtype == np.float32 and x.shape == (2,)
    assert x[0] == pytest.approx(0.0, abs=1e-4) and x[1] == pytest.approx(0.25)
