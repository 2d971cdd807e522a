"""Timing from the user: per-class durations learned from the DTW path, applied as a time warp."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from audiogpt.backends.speech.voice import timing
from audiogpt.backends.speech.voice import world_map as wm
from audiogpt.core.audio import Audio
from tests.conftest import shared_file

AEW = "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav"


def test_path_counts_give_the_user_frames_per_base_frame_of_each_class() -> None:
    # base: 10 pause, 10 unvoiced, 20 voiced (weak/strong alternate); the user holds every
    # voiced frame twice as long and the rest as long as the base
    cls = np.array([0] * 10 + [1] * 10 + [2, 3] * 10)
    ib, iu, u = [], [], 0
    for i, c in enumerate(cls):
        for _ in range(2 if c >= 2 else 1):
            ib.append(i)
            iu.append(u)
            u += 1
    counts = timing.path_counts(cls, np.array(ib), np.array(iu))
    assert counts[0].tolist() == [10, 10, 10, 10]
    got = counts[1] / counts[0]
    assert got[0] == pytest.approx(1.0, abs=0.06) and got[1] == pytest.approx(1.0, abs=0.06)
    assert got[2] == pytest.approx(2.0, abs=0.06) and got[3] == pytest.approx(2.0, abs=0.06)


def test_ratios_are_clamped_and_unseen_classes_fall_back() -> None:
    counts = np.array([[100.0, 5.0, 100.0, 100.0], [400.0, 50.0, 120.0, 30.0]])
    r = timing.ratios(counts, fallback=1.1)
    assert r == (2.5, 1.1, 1.2, 0.6)  # pause clamped at 2.5, too few unvoiced, 1.2, clamped


@pytest.fixture(scope="module")
def aew() -> wm.Analysis:
    return wm.analyse(Audio.from_file(shared_file(AEW)))


def _identity(a: wm.Analysis) -> wm.Mapping:
    """A mapping from the recording to itself: renders change only the timing."""
    stats = wm.logf0_stats(a.f0)
    return wm.Mapping(wm.keys(a.cep, wm.CTX * wm.STEP).astype(np.float32),
                      a.cep.astype(np.float32), stats, stats, 1.0)


def test_the_warp_stretches_only_the_classes_it_is_told(aew: wm.Analysis) -> None:
    cls = timing.classify(aew.f0, aew.cep, aew.speech)
    assert set(np.unique(cls)) == {0, 1, 2, 3}
    pos = timing.positions(aew, (1.0, 1.0, 1.5, 1.5))
    assert np.all(np.diff(pos) >= 0) and pos[0] == 0 and pos[-1] <= len(aew.f0) - 1
    voiced = int((cls >= 2).sum())
    expected = len(cls) + 0.5 * voiced
    assert len(pos) == pytest.approx(expected, rel=0.02)
    # output frames spent on voiced base frames: 1.5 times as many as the base has
    on_voiced = (cls[np.rint(pos).astype(int)] >= 2).sum()
    assert on_voiced == pytest.approx(1.5 * voiced, rel=0.05)


def test_durations_learned_from_real_speech_recover_a_known_warp(aew: wm.Analysis) -> None:
    """Render the real recording with voiced sounds 1.4x longer; enrollment's DTW learns it back."""
    mapping = _identity(aew)
    slow = wm.render(aew, dataclasses.replace(mapping, durations=(1.0, 1.0, 1.4, 1.4),
                                              timing=True))
    same = wm.render(aew, mapping, match_rate=False)
    assert slow.duration > same.duration * 1.15
    user = wm.analyse(slow)
    *_, counts = wm.pairs(aew, user)
    learned = wm.learn([wm.pairs(aew, user)], aew.f0, user.f0)
    r = timing.ratios(counts, 1.0)
    assert learned.durations == r and learned.timing is False
    assert r[2] > 1.2 and r[3] > 1.25, r  # voiced: about 1.4
    assert r[1] < 1.2, r  # unvoiced: about 1
    # and rendering with what was learned brings the base to the user's length
    again = wm.render(aew, dataclasses.replace(mapping, durations=r, timing=True))
    assert again.duration == pytest.approx(slow.duration, rel=0.08)


def test_profiles_keep_the_durations_and_old_profiles_render_as_before(tmp_path) -> None:
    from audiogpt.backends.speech.voice import profiles

    a = wm.Analysis(np.full(50, 120.0), np.zeros((50, wm.N_CEP)), np.zeros((50, 513)),
                    np.ones(50, bool))
    mapping = _identity(a)
    mapping.durations = (1.2, 1.0, 1.1, 0.9)
    prof = profiles.VoiceProfile(name="me", created="t", updated="t", consent="c",
                                 speech_seconds=12.0, durations=list(mapping.durations))
    profiles.save(tmp_path, prof, mapping)
    back = profiles.load(tmp_path, "me")
    assert back.mapping().durations == (1.2, 1.0, 1.1, 0.9)
    assert back.mapping().timing is False
    assert back.summary()["durations"] == {"pause": 1.2, "unvoiced": 1.0, "voiced_weak": 1.1,
                                           "voiced_strong": 0.9}
    old = profiles.VoiceProfile(name="old", created="t", updated="t", consent="c",
                                speech_seconds=12.0)
    assert old.summary()["durations"] == {}


def test_voice_timing_setting_comes_from_the_environment(monkeypatch) -> None:
    from audiogpt.core.config import load_settings

    monkeypatch.delenv("AUDIOGPT_VOICE_TIMING", raising=False)
    assert load_settings().voice_timing is False
    monkeypatch.setenv("AUDIOGPT_VOICE_TIMING", "1")
    assert load_settings().voice_timing is True
