"""sound_extraction through the CLI: 'the man speaking' out of speech + rain gains SI-SDR."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import shared_file
from tests.sound_fixtures import RATE, load, si_sdr, speech_over_rain


def test_man_speaking_gains_3db(cli, tmp_path) -> None:
    shared_file("eval-audio/noise/maxaudio_rain.wav")
    from audiogpt.core.audio import Audio

    mix, clean, _ = speech_over_rain(start=4.0, duration=20.0, snr_db=0.0)
    path = Audio(mix, RATE).to_file(tmp_path / "speech_rain.wav")
    res = cli("run", "sound_extraction", "--audio", path, "--query", "the man speaking", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert "wiener" in out["data"]["method"]
    est = load(out["artifacts"][0]["path"])
    gain = si_sdr(est, clean) - si_sdr(mix, clean)
    assert gain >= 3.0, gain


def test_unknown_query_lists_what_it_can_do(cli, tmp_path) -> None:
    from audiogpt.core.audio import Audio

    path = Audio(np.zeros(RATE, np.float32) + 0.01, RATE).to_file(tmp_path / "x.wav")
    res = cli("run", "sound_extraction", "--audio", path, "--query", "the smell of coffee")
    assert res.rc == 2
    assert "drums" in res.stderr and "speech" in res.stderr


@pytest.mark.parametrize(("query", "method"), [("drums", "hpss-percussive"),
                                               ("low rumble", "butterworth-lowpass-300Hz")])
def test_other_methods(query: str, method: str) -> None:
    from audiogpt.app import App
    from audiogpt.core.audio import Audio

    t = np.arange(2 * RATE) / RATE
    tone = 0.3 * np.sin(2 * np.pi * 110 * t)
    clicks = np.zeros_like(t)
    clicks[:: RATE // 4] = 0.9
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as td:
        path = Audio((tone + clicks).astype(np.float32), RATE).to_file(Path(td) / "m.wav")
        rec = App().run_tool("sound_extraction", {"audio": str(path), "query": query})
        assert rec.data["method"] == method
        est = load(rec.artifacts[0].path)
    if method.startswith("hpss"):  # clicks kept, tone removed
        assert si_sdr(est, clicks) > si_sdr(est, tone)
    else:
        assert si_sdr(est, tone) > 10
