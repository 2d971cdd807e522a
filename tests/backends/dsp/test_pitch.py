"""SwiftF0 pitch tracker: accuracy on annotated singing, register of real speakers, pinning."""

from __future__ import annotations

import numpy as np

from audiogpt.backends.dsp import pitch
from audiogpt.core.audio import Audio
from tests.conftest import shared_file


def test_track_matches_vocadito_annotation() -> None:
    wav = shared_file("eval-audio/music_singing/vocadito_1.wav")
    ref = np.loadtxt(shared_file("eval-audio/music_singing/vocadito_1_f0.csv"), delimiter=",")
    times, f0, voiced = pitch.track(Audio.from_file(wav))
    assert times.size > 100 and np.all(np.diff(times) > 0)
    ref_f0 = pitch.resample_track(ref[:, 0], ref[:, 1], times)
    both = voiced & (ref_f0 > 0)
    cents = 1200 * np.abs(np.log2(f0[both] / ref_f0[both]))
    assert both.sum() > 100
    assert np.median(cents) < 30, f"median error {np.median(cents):.1f} cents"
    assert np.mean(cents < 50) > 0.9  # raw pitch accuracy within 50 cents
    # voicing agrees with the annotation on most frames
    assert np.mean(voiced == (ref_f0 > 0)) > 0.85


def test_speaker_registers() -> None:
    male = Audio.from_file(shared_file("eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav"))
    female = Audio.from_file(shared_file("eval-audio/speech_en/ljspeech/LJ001-0001.wav"))
    _, fm, vm = pitch.track(male)
    _, ff, vf = pitch.track(female)
    assert 80 < np.median(fm[vm]) < 150 < np.median(ff[vf]) < 280
    assert 0.3 < vm.mean() < 0.9  # speech has voiced and unvoiced frames


def test_silence_is_unvoiced() -> None:
    _, f0, voiced = pitch.track(Audio(np.zeros((1, 16000), np.float32), 16000))
    assert not voiced.any() and not f0.any()


def test_hash_mismatch_names_the_fix(monkeypatch) -> None:
    monkeypatch.setattr(pitch, "MODEL_SHA256", "0" * 64)
    monkeypatch.setattr(pitch, "_CHECKED", {})
    reason = pitch.unavailable_reason()
    assert reason and "sha256" in reason and "pip install --force-reinstall" in reason
    assert not pitch.available()
