"""Neural separation backend (asteroid Conv-TasNet): package reading, inference, mixture
consistency and speaker ordering on a tiny randomly-initialised Conv-TasNet the test builds
(real weights cannot be downloaded here), run on the real two-speaker mixture. Random weights do
not separate; the tests check what a user sees: one file per speaker at the input's rate and
length that add up to the recording, the fallback for other speaker counts, a refused pickle,
and the unavailable path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogpt.app import App
from audiogpt.backends.speech.separation.asteroid_tasnet import ENV, AsteroidSeparation
from audiogpt.core.audio import Audio
from audiogpt.core.errors import BackendError
from tests.conftest import shared_file
from tests.tiny_models_found import build_tasnet as build


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("asteroid")
    return build(tmp_path_factory.mktemp("tasnet") / "tiny")


@pytest.fixture
def mix() -> Path:
    return shared_file("eval-audio/mixtures/two_speakers_mix.wav")  # 3.5 s, 16 kHz


def test_unavailable_without_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli,
                                   mix: Path) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = AsteroidSeparation.availability()
    assert not av.available and ENV in av.reason and "ConvTasNet_Libri2Mix" in av.reason
    monkeypatch.setenv(ENV, str(tmp_path))  # a folder without pytorch_model.bin
    assert "pytorch_model.bin" in AsteroidSeparation.availability().reason
    monkeypatch.delenv(ENV)
    r = cli("run", "speech_separation", "--audio", str(mix), "--backend", "tasnet", "--json")
    assert r.rc == 3 and ENV in r.stderr


def test_tiny_tasnet_through_app(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                 mix: Path) -> None:
    """Preferred once configured; two files at 16 kHz, as long as the mix, summing to it."""
    monkeypatch.setenv(ENV, str(tiny_model))
    rec = App().run_tool("speech_separation", {"audio": str(mix)})
    assert rec.backend == "tasnet" and rec.data["num_speakers"] == 2
    assert rec.data["windowed"] is False
    src = Audio.from_file(mix)
    parts = [Audio.from_file(a.path) for a in rec.artifacts]
    assert [p.sample_rate for p in parts] == [16000, 16000]
    assert all(p.frames == src.frames and p.channels == 1 for p in parts)
    total = parts[0].samples + parts[1].samples
    assert float(np.abs(total - src.samples).max()) < 2e-3  # mixture-consistent
    assert rec.data["onsets"] == sorted(rec.data["onsets"])
    assert all(float(np.abs(p.samples).max()) > 0 for p in parts)


def test_long_input_in_overlapping_windows(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                           mix: Path) -> None:
    """With 1-s windows the 3.5-s mix is separated window by window; same contract."""
    from audiogpt.backends.speech.separation import asteroid_tasnet

    monkeypatch.setenv(ENV, str(tiny_model))
    monkeypatch.setattr(asteroid_tasnet, "CHUNK_S", 1.0)
    rec = App().run_tool("speech_separation", {"audio": str(mix)})
    assert rec.backend == "tasnet" and rec.data["windowed"] is True
    src = Audio.from_file(mix)
    parts = [Audio.from_file(a.path) for a in rec.artifacts]
    assert all(p.frames == src.frames for p in parts)
    assert float(np.abs(parts[0].samples + parts[1].samples - src.samples).max()) < 2e-3


def test_other_speaker_counts_fall_back(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                        mix: Path, cli) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    rec = App().run_tool("speech_separation", {"audio": str(mix), "num_speakers": 3})
    assert rec.backend == "harmonic-mask" and len(rec.artifacts) == 3
    r = cli("run", "speech_separation", "--audio", str(mix), "--num_speakers", "3",
            "--backend", "tasnet", "--json")
    assert r.rc == 2 and "exactly 2 speakers" in r.stderr and "Traceback" not in r.stderr


def test_three_speaker_checkpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  mix: Path) -> None:
    """Its speaker count is learnt on first load: a 2-speaker request is refused once, then
    routed to the embedded separator; 3 speakers get three files."""
    from audiogpt.core.errors import ToolInputError

    pytest.importorskip("asteroid")
    monkeypatch.setenv(ENV, str(build(tmp_path / "three", n_src=3)))
    app = App()
    with pytest.raises(ToolInputError, match="exactly 3 speakers"):
        app.run_tool("speech_separation", {"audio": str(mix)})
    assert app.run_tool("speech_separation", {"audio": str(mix)}).backend == "harmonic-mask"
    rec = app.run_tool("speech_separation", {"audio": str(mix), "num_speakers": 3})
    assert rec.backend == "tasnet" and len(rec.artifacts) == 3


def test_pickled_code_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 mix: Path) -> None:
    import torch

    pytest.importorskip("asteroid")
    torch.save({"model_name": "ConvTasNet", "state_dict": {}, "model_args": {},
                "hook": Path("/tmp")}, tmp_path / "pytorch_model.bin")  # an object, not data
    monkeypatch.setenv(ENV, str(tmp_path))
    with pytest.raises(BackendError, match="cannot read pytorch_model.bin"):
        App().run_tool("speech_separation", {"audio": str(mix)})
