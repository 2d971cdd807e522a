"""Demucs stems backend: bag loading (the ``adefossez/HTDemucs`` layout: a bag .yaml and one
safetensors per model, class and arguments in its metadata), segment-wise separation and stem
selection, on a tiny randomly-initialised HTDemucs the test builds (real weights cannot be
downloaded here), run on real recordings. The stems of random weights are not music; the tests
check what a user sees: which backend serves which query, the output's rate, channels and
length, the stems chosen, a refused foreign class, and the unavailable path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audiogpt.app import App
from audiogpt.backends.sound.demucs_stems import ENV, DemucsStems, parse_query
from audiogpt.core.audio import Audio
from audiogpt.core.errors import BackendError
from tests.conftest import shared_file

SOURCES = ["drums", "bass", "other", "vocals"]


def build(d: Path, klass: str = "demucs.htdemucs.HTDemucs") -> Path:
    """Save a tiny random 4-stem HTDemucs (44.1 kHz stereo, 1-s segments) as a Demucs bag."""
    import torch
    from demucs.htdemucs import HTDemucs
    from safetensors.torch import save_file

    torch.manual_seed(0)
    kwargs = {"sources": SOURCES, "channels": 4, "depth": 4, "t_layers": 1, "t_heads": 2,
              "nfft": 2048, "dconv_depth": 1, "dconv_comp": 2, "samplerate": 44100,
              "segment": 1}
    model = HTDemucs(**kwargs)
    d.mkdir(parents=True, exist_ok=True)
    meta = {"klass": klass, "args": "[]", "kwargs": json.dumps(kwargs)}
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(d / "0000tiny.safetensors"), metadata=meta)
    (d / "tiny.yaml").write_text("models: ['0000tiny']\n")
    return d


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("demucs")
    return build(tmp_path_factory.mktemp("demucs") / "tiny")


def test_queries_name_stems() -> None:
    assert parse_query("isolate the drums") == (["drums"], False)
    assert parse_query("drums and bass") == (["drums", "bass"], False)
    assert parse_query("the song without vocals") == (["vocals"], True)
    assert parse_query("karaoke version") == (["vocals"], True)
    assert parse_query("drums but not the bass") == (["drums"], False)
    for other in ("the man speaking", "birds", "low sounds", "/tmp/dog.wav"):
        assert parse_query(other) is None


def test_unavailable_without_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = DemucsStems.availability()
    assert not av.available and ENV in av.reason and "adefossez/HTDemucs" in av.reason
    monkeypatch.setenv(ENV, str(tmp_path))
    assert "no Demucs bag .yaml" in DemucsStems.availability().reason
    monkeypatch.delenv(ENV)
    tools = {t["name"]: t for t in App().registry.describe()}
    backs = {b["name"]: b for b in tools["sound_extraction"]["backends"]}
    assert backs["demucs"]["available"] is False and ENV in backs["demucs"]["reason"]
    song = shared_file("eval-audio/music_singing/vocadito_1.wav")
    r = cli("run", "sound_extraction", "--audio", str(song), "--query", "vocals",
            "--backend", "demucs", "--json")
    assert r.rc == 3 and ENV in r.stderr


def test_tiny_demucs_stems_through_app(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    """Stereo 44.1 kHz in, stereo 44.1 kHz out, same length; the complement of the vocals."""
    monkeypatch.setenv(ENV, str(tiny_model))
    applause = shared_file("eval-audio/events/maxaudio_applause.wav")  # 10.5 s stereo 44.1 kHz
    clip = Audio.from_file(applause).slice(2.0, 3.5).to_file(tmp_path / "applause_1.5s.wav")
    app = App()
    rec = app.run_tool("sound_extraction", {"audio": str(clip), "query": "the vocals"})
    assert rec.backend == "demucs" and rec.data["stems"] == ["vocals"]
    src, out = Audio.from_file(clip), Audio.from_file(rec.artifacts[0].path)
    assert (out.sample_rate, out.channels, out.frames) == (44100, 2, src.frames)
    assert float(abs(out.samples).max()) > 0
    rec = app.run_tool("sound_extraction", {"audio": str(clip), "query": "music without vocals"})
    assert rec.data["stems"] == ["drums", "bass", "other"] and rec.data["complement"] is True
    assert set(rec.data["rms"]) == set(SOURCES)


def test_mono_song_and_other_queries(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                     cli) -> None:
    """A mono 16 kHz input comes back mono 16 kHz; non-stem queries go to the DSP extractor;
    naming demucs for them is bad input (exit 2)."""
    monkeypatch.setenv(ENV, str(tiny_model))
    speech = shared_file("eval-audio/speech_en/pocketsphinx_misc/cards_001.wav")  # mono 16 kHz
    app = App()
    rec = app.run_tool("sound_extraction", {"audio": str(speech), "query": "guitar"})
    assert rec.backend == "demucs" and rec.data["stems"] == ["other"]  # 4-stem model
    out = Audio.from_file(rec.artifacts[0].path)
    assert (out.sample_rate, out.channels) == (16000, 1)
    assert out.duration == pytest.approx(Audio.from_file(speech).duration, abs=1e-3)
    rec = app.run_tool("sound_extraction", {"audio": str(speech), "query": "the man speaking"})
    assert rec.backend == "dsp"
    r = cli("run", "sound_extraction", "--audio", str(speech), "--query", "birds",
            "--backend", "demucs", "--json")
    assert r.rc == 2 and "music stems only" in r.stderr and "Traceback" not in r.stderr


def test_foreign_class_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("demucs")
    monkeypatch.setenv(ENV, str(build(tmp_path / "bad", klass="subprocess.Popen")))
    clip = shared_file("eval-audio/speech_en/pocketsphinx_misc/cards_001.wav")
    with pytest.raises(BackendError, match="not a Demucs model"):
        App().run_tool("sound_extraction", {"audio": str(clip), "query": "drums"})
