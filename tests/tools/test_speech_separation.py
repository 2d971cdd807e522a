"""speech_separation through the CLI: two outputs, SI-SDRi on the shared two-speaker mix."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from audiogpt.core.audio import Audio
from audiogpt.eval.metrics import best_permutation_si_sdri
from tests.conftest import shared_file


def test_two_speaker_mix(cli) -> None:
    mix = shared_file("eval-audio/mixtures/two_speakers_mix.wav")
    refs = [Audio.from_file(shared_file(f"eval-audio/mixtures/two_speakers_ref_{s}.wav")).mono
            for s in ("aew", "axb")]
    res = cli("run", "speech_separation", "--audio", mix, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == "harmonic-mask"
    assert "harmonic masking" in out["data"]["method"]
    assert len(out["artifacts"]) == 2
    ests = [Audio.from_file(a["path"]).mono for a in out["artifacts"]]
    gain, _ = best_permutation_si_sdri(ests, refs, Audio.from_file(mix).mono)
    assert gain >= 2.0


def test_multichannel_uses_ilrma(tmp_path: Path) -> None:
    """Two sources mixed instantaneously into two channels are recovered by ILRMA."""
    from audiogpt.backends.speech.separation.backends import _ilrma
    from audiogpt.eval.metrics import si_sdr

    a = Audio.from_file(shared_file("eval-audio/mixtures/two_speakers_ref_aew.wav")).mono
    b = Audio.from_file(shared_file("eval-audio/mixtures/two_speakers_ref_axb.wav")).mono
    mix = np.stack([a + 0.5 * b, 0.4 * a + b])
    outs = _ilrma(mix, 2)
    best = max(min(si_sdr(outs[0], a), si_sdr(outs[1], b)),
               min(si_sdr(outs[1], a), si_sdr(outs[0], b)))
    assert best > 9  # inputs: 6 dB (a in channel 0) and 8 dB (b in channel 1)


def test_bad_input_exit_2(cli, tmp_path: Path) -> None:
    mix = shared_file("eval-audio/mixtures/two_speakers_mix.wav")
    for argv in (("--audio", mix, "--num_speakers", "1"), ("--num_speakers", "2"),
                 ("--audio", tmp_path / "missing.wav")):
        res = cli("run", "speech_separation", *map(str, argv), "--json")
        assert res.rc == 2, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
