"""SI-SDR, permutation, F0 and lag helpers on synthetic signals with known answers."""

from __future__ import annotations

import math

import numpy as np

from audiogpt.core.audio import Audio
from audiogpt.eval.metrics import (
    best_permutation_si_sdri,
    lag_samples,
    median_f0,
    semitones,
    si_sdr,
)
from tests.conftest import sine


def test_si_sdr_scale_invariant_and_noise() -> None:
    rng = np.random.default_rng(0)
    ref = rng.normal(size=16000)
    assert si_sdr(3 * ref, ref) > 100
    noisy = ref + rng.normal(size=16000) * 10 ** (-10 / 20)
    assert abs(si_sdr(noisy, ref) - 10) < 0.3


def test_permutation_and_semitones_and_lag() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=8000), rng.normal(size=8000)
    gain, perm = best_permutation_si_sdri([b, a], [a, b], a + b)
    assert perm == (1, 0) and gain > 50
    assert abs(semitones(220, 110) - 12) < 1e-9
    assert lag_samples(np.concatenate([np.zeros(37), a])[:8000], a, 100) == 37


def test_median_f0_of_a_tone() -> None:
    f0 = median_f0(Audio(sine(150, 1.0, 16000), 16000))
    assert abs(semitones(f0, 150)) < 0.1
    assert math.isnan(median_f0(Audio(np.zeros((1, 16000), np.float32), 16000)))
