"""The kemar backend: registration, availability, and the Debian KEMAR SOFA file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogpt.backends.sound.binaural.kemar import KEMAR_SOFA, KemarBinaural
from audiogpt.backends.sound.binaural.spherical import SphericalHeadBinaural

needs_kemar = pytest.mark.skipif(not Path(KEMAR_SOFA).exists(),
                                 reason="sudo apt-get install libmysofa1")


def test_priority_and_requirement() -> None:
    assert KemarBinaural.priority > SphericalHeadBinaural.priority
    req = [r for r in KemarBinaural.requires if r.kind == "file"]
    assert req and req[0].name == KEMAR_SOFA and "libmysofa1" in req[0].install
    assert KemarBinaural.availability().available == Path(KEMAR_SOFA).exists()


@needs_kemar
def test_kemar_set_directions_and_cache() -> None:
    from audiogpt.backends.sound.binaural.sofa import load_sofa

    sofa = load_sofa(KEMAR_SOFA, 16000)
    assert load_sofa(KEMAR_SOFA, 16000) is sofa  # read once per rate
    assert sofa.meta["measurements"] == 710 and sofa.source_rate == 44100
    for az in (-90, -30, 0, 30, 90, 180):
        maz, mel = sofa.measured_direction(sofa.nearest(az, 0))
        assert abs((maz - az + 180) % 360 - 180) < 1e-6 and abs(mel) < 1e-6
    left, right = sofa.hrir(-90, 0), sofa.hrir(90, 0)
    assert np.sum(right[1] ** 2) > 4 * np.sum(right[0] ** 2)
    assert np.allclose(left[::-1], right)  # the normal-pinna set is left/right mirrored
