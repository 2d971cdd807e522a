"""Spherical-head model against Woodworth's formula; SOFA nearest-direction lookup."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.backends.sound.binaural.dsp import (
    render_fixed,
    render_moving,
    spherical_head_hrir,
    theoretical_itd,
)
from tests.conftest import shared_file


def test_woodworth_itd_values() -> None:
    # (r/c)(1 + pi/2) at 90 degrees, about 0.656 ms for r = 8.75 cm.
    assert theoretical_itd(90) == pytest.approx(0.0875 / 343 * (1 + np.pi / 2))
    assert theoretical_itd(-90) == pytest.approx(-theoretical_itd(90))
    assert theoretical_itd(0) == pytest.approx(0) and theoretical_itd(180) == pytest.approx(0)
    assert 0 < theoretical_itd(30) < theoretical_itd(60) < theoretical_itd(90)


def test_moving_render_equals_fixed_for_constant_direction() -> None:
    sr = 16000
    x = np.random.default_rng(0).standard_normal(sr)
    fixed = render_fixed(x, spherical_head_hrir(40, 10, sr))
    moving = render_moving(x, sr, [(0.0, 40.0, 10.0)],
                           lambda a, e: spherical_head_hrir(a, e, sr))
    assert np.allclose(fixed, moving, atol=1e-9)


def test_sofa_nearest_direction_and_resampling() -> None:
    from audiogpt.backends.sound.binaural.sofa import SofaHRIR

    sofa = SofaHRIR(shared_file("eval-audio/hrtf/mit_kemar_normal_pinna.sofa"), 16000)
    assert sofa.source_rate == 44100 and sofa.irs.shape[1] == 2
    assert sofa.irs.shape[2] == pytest.approx(512 * 16000 / 44100, abs=1)
    az, el = sofa.measured_direction(sofa.nearest(88, 2))
    assert abs(az - 90) < 6 and abs(el) < 6
    right = sofa.hrir(90, 0)
    assert np.sum(right[1] ** 2) > 4 * np.sum(right[0] ** 2)  # right ear much louder
