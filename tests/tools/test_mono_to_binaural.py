"""mono_to_binaural through the CLI: ILD/ITD at +-90 degrees, SOFA HRIRs, trajectories, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import correlate, correlation_lags

from tests.conftest import shared_file

SOFA = "eval-audio/hrtf/mit_kemar_normal_pinna.sofa"


def ild_itd(stereo: np.ndarray, sr: int) -> tuple[float, float]:
    """ILD in dB (right over left) and ITD in ms (> 0: the right ear leads) by cross-correlation."""
    left, right = stereo[:, 0].astype(float), stereo[:, 1].astype(float)
    ild = 10 * np.log10(np.sum(right**2) / np.sum(left**2))
    corr = correlate(left, right, mode="full", method="fft")
    lags = correlation_lags(len(left), len(right))
    near = np.abs(lags) <= int(0.0015 * sr)
    lag = lags[near][np.argmax(corr[near])]
    return float(ild), 1000.0 * lag / sr


def _render(cli, audio: Path, *extra: str) -> tuple[dict, np.ndarray, int]:  # noqa: ANN001
    res = cli("run", "mono_to_binaural", "--audio", str(audio), *extra, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    data, sr = sf.read(out["artifacts"][0]["path"], always_2d=True)
    assert data.shape[1] == 2
    return out, data, sr


@pytest.mark.parametrize("hrtf", [False, True], ids=["spherical_head", "sofa"])
def test_right_and_left(cli, jfk: Path, hrtf: bool) -> None:  # noqa: ANN001
    extra = ("--hrtf", str(shared_file(SOFA))) if hrtf else ()
    for az, sign in ((90, 1), (-90, -1)):
        out, stereo, sr = _render(cli, jfk, "--azimuth", str(az), *extra)
        assert out["data"]["method"] == ("sofa_hrir" if hrtf else "spherical_head")
        ild, itd = ild_itd(stereo, sr)
        assert sign * ild > 3.0, (az, ild)
        assert 0.3 <= sign * itd <= 1.0, (az, itd)


def test_front_is_centred(cli, jfk: Path) -> None:  # noqa: ANN001
    _, stereo, sr = _render(cli, jfk, "--azimuth", "0")
    ild, itd = ild_itd(stereo, sr)
    assert abs(ild) < 0.1 and abs(itd) < 0.07


def test_trajectory_moves_left_to_right(cli, jfk: Path) -> None:  # noqa: ANN001
    _, stereo, sr = _render(cli, jfk, "--trajectory", "0:-90,11:90")
    first = ild_itd(stereo[: 2 * sr], sr)
    last = ild_itd(stereo[-2 * sr:], sr)
    assert first[0] < -2 and first[1] < -0.3
    assert last[0] > 2 and last[1] > 0.3


@pytest.mark.parametrize(("args", "needle"), [
    (("--azimuth", "181"), "azimuth"),
    (("--azimuth", "-200"), "azimuth"),
    (("--elevation", "95"), "elevation"),
    (("--trajectory", "0:-90,5:270"), "azimuth"),
    (("--trajectory", "left to right"), "trajectory"),
])
def test_bad_angles_exit_2(cli, jfk: Path, args: tuple[str, ...], needle: str) -> None:  # noqa: ANN001
    res = cli("run", "mono_to_binaural", "--audio", str(jfk), *args, "--json")
    assert res.rc == 2
    lines = [ln for ln in res.stderr.strip().splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and needle in lines[0]


def test_invalid_sofa_exit_2(cli, jfk: Path, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "broken.sofa"
    bad.write_bytes(b"CDF\x01 this is not a SOFA file")
    res = cli("run", "mono_to_binaural", "--audio", str(jfk), "--hrtf", str(bad), "--json")
    assert res.rc == 2
    lines = [ln for ln in res.stderr.strip().splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and "not a valid SOFA" in lines[0]
