"""mono_to_binaural through the CLI: the KEMAR default and the spherical-head model at +-90
degrees (ILD/ITD), SOFA files given with --hrtf, trajectories, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import correlate, correlation_lags

from tests.conftest import shared_file

SOFA = "eval-audio/hrtf/mit_kemar_normal_pinna.sofa"
KEMAR_SOFA = Path("/usr/share/libmysofa/MIT_KEMAR_normal_pinna.sofa")
VCTK = "eval-audio/speech_en/vctk_p286_011.wav"  # low-pitched male voice
needs_kemar = pytest.mark.skipif(
    not KEMAR_SOFA.exists(), reason=f"{KEMAR_SOFA} missing (sudo apt-get install libmysofa1)")
SPHERE = ("--backend", "spherical_head")


def ild_itd(stereo: np.ndarray, sr: int) -> tuple[float, float]:
    """ILD in dB (right over left) and ITD in ms (> 0: the right ear leads) by cross-correlation."""
    left, right = stereo[:, 0].astype(float), stereo[:, 1].astype(float)
    ild = 10 * np.log10(np.sum(right**2) / np.sum(left**2))
    corr = correlate(left, right, mode="full", method="fft")
    lags = correlation_lags(len(left), len(right))
    near = np.abs(lags) <= int(0.0015 * sr)
    lag = lags[near][np.argmax(corr[near])]
    return float(ild), 1000.0 * lag / sr


def _render(cli, audio: Path, *extra: str) -> tuple[dict, np.ndarray, int]:
    res = cli("run", "mono_to_binaural", "--audio", str(audio), *extra, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    data, sr = sf.read(out["artifacts"][0]["path"], always_2d=True)
    assert data.shape[1] == 2
    return out, data, sr


def _check_sides(cli, audio: Path, extra: tuple[str, ...], backend: str, method: str) -> None:
    for az, sign in ((90, 1), (-90, -1)):
        out, stereo, sr = _render(cli, audio, "--azimuth", str(az), *extra)
        assert out["backend"] == backend and out["data"]["method"] == method
        ild, itd = ild_itd(stereo, sr)
        assert sign * ild > 3.0, (az, ild)
        assert 0.3 <= sign * itd <= 1.0, (az, itd)


@needs_kemar
@pytest.mark.parametrize("clip", ["jfk", "vctk"])
def test_kemar_default_right_and_left(cli, jfk: Path, clip: str) -> None:
    # No --backend: the measured KEMAR set is the default when libmysofa1 is installed.
    audio = jfk if clip == "jfk" else shared_file(VCTK)
    _check_sides(cli, audio, (), "kemar", "kemar_hrir")


def test_spherical_head_right_and_left(cli, jfk: Path) -> None:
    _check_sides(cli, jfk, SPHERE, "spherical_head", "spherical_head")


@pytest.mark.parametrize("backend", ["spherical_head", "kemar"])
def test_user_sofa_used_by_either_backend(cli, jfk: Path, backend: str) -> None:
    if backend == "kemar" and not KEMAR_SOFA.exists():
        pytest.skip("libmysofa1 not installed")
    _check_sides(cli, jfk, ("--backend", backend, "--hrtf", str(shared_file(SOFA))),
                 backend, "sofa_hrir")


@pytest.mark.parametrize("backend", ["spherical_head", "kemar"])
def test_front_is_centred(cli, jfk: Path, backend: str) -> None:
    if backend == "kemar" and not KEMAR_SOFA.exists():
        pytest.skip("libmysofa1 not installed")
    out, stereo, sr = _render(cli, jfk, "--azimuth", "0", "--backend", backend)
    ild, itd = ild_itd(stereo, sr)
    assert abs(ild) < 0.1 and abs(itd) < 0.07
    if backend == "kemar":
        assert out["data"]["measured_direction"] == {"azimuth": 0.0, "elevation": 0.0}


@pytest.mark.parametrize("backend", ["spherical_head", "kemar"])
def test_trajectory_moves_left_to_right(cli, jfk: Path, backend: str) -> None:
    if backend == "kemar" and not KEMAR_SOFA.exists():
        pytest.skip("libmysofa1 not installed")
    out, stereo, sr = _render(cli, jfk, "--trajectory", "0:-90,11:90", "--backend", backend)
    assert out["backend"] == backend and len(out["data"]["trajectory"]) == 2
    first = ild_itd(stereo[: 2 * sr], sr)
    middle = ild_itd(stereo[int(4.5 * sr): int(6.5 * sr)], sr)
    last = ild_itd(stereo[-2 * sr:], sr)
    assert first[0] < -2 and first[1] < -0.3
    assert abs(middle[0]) < 2 and abs(middle[1]) < 0.2
    assert last[0] > 2 and last[1] > 0.3


@pytest.mark.parametrize(("args", "needle"), [
    (("--azimuth", "181"), "azimuth"),
    (("--azimuth", "-200"), "azimuth"),
    (("--elevation", "95"), "elevation"),
    (("--trajectory", "0:-90,5:270"), "azimuth"),
    (("--trajectory", "left to right"), "trajectory"),
])
def test_bad_angles_exit_2(cli, jfk: Path, args: tuple[str, ...], needle: str) -> None:
    res = cli("run", "mono_to_binaural", "--audio", str(jfk), *args, "--json")
    assert res.rc == 2
    lines = [ln for ln in res.stderr.strip().splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and needle in lines[0]


@pytest.mark.parametrize("backend", ["spherical_head", "kemar"])
def test_invalid_sofa_exit_2(cli, jfk: Path, tmp_path: Path, backend: str) -> None:
    if backend == "kemar" and not KEMAR_SOFA.exists():
        pytest.skip("libmysofa1 not installed")
    bad = tmp_path / "broken.sofa"
    bad.write_bytes(b"CDF\x01 this is not a SOFA file")
    res = cli("run", "mono_to_binaural", "--audio", str(jfk), "--hrtf", str(bad),
              "--backend", backend, "--json")
    assert res.rc == 2
    lines = [ln for ln in res.stderr.strip().splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and "not a valid SOFA" in lines[0]
