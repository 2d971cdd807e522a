"""AST sound event detection backend: loading and sliding-window code on a tiny
randomly-initialised Audio Spectrogram Transformer built from a config (real weights cannot be
downloaded here). Its labels and scores are noise from random weights; the tests check the
output contract (events named by id2label, times inside the clip, posteriorgram PNG, backend
name) and the unavailable path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogpt.app import App
from audiogpt.backends.sound.events.ast_model import ASTSED, ENV, bin_scores, window_starts
from audiogpt.core.audio import Audio

LABELS = {0: "Speech", 1: "Music", 2: "Dog", 3: "Rain", 4: "Siren"}


def build(d: Path) -> Path:
    """Save a tiny random AST: 16 mel bins, 1-second windows (100 frames), 5 labels."""
    import torch
    from transformers import ASTConfig, ASTFeatureExtractor, ASTForAudioClassification

    cfg = ASTConfig(hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=32, num_mel_bins=16, max_length=100, id2label=LABELS,
                    label2id={v: k for k, v in LABELS.items()})
    torch.manual_seed(0)
    d.mkdir(parents=True, exist_ok=True)
    ASTForAudioClassification(cfg).save_pretrained(d)
    ASTFeatureExtractor(num_mel_bins=16, max_length=100).save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    pytest.importorskip("torch")
    return build(tmp_path_factory.mktemp("ast") / "tiny")


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3.5 s at 44.1 kHz stereo: noise, then a tone (resampled to 16 kHz mono by the backend)."""
    rng = np.random.default_rng(0)
    sr = 44100
    t = np.arange(int(1.5 * sr)) / sr
    x = np.concatenate([0.1 * rng.standard_normal(2 * sr), 0.5 * np.sin(2 * np.pi * 880 * t)])
    return Audio(np.tile(x, (2, 1)).astype(np.float32), sr).to_file(
        tmp_path_factory.mktemp("clip") / "mix.wav")


def test_window_grid_covers_every_bin() -> None:
    starts = window_starts(56000, 16000, 4000)
    assert starts[0] == 0 and starts[-1] == 40000 and len(starts) == 11
    assert window_starts(8000, 16000, 4000) == [0]
    scores = np.zeros((len(starts), 2), np.float32)
    scores[-1] = [1.0, 0.0]  # only the last window (40000-56000) hears class 0
    grid = bin_scores(scores, starts, 16000, 4000, 56000)
    assert grid.shape == (2, 14)
    assert np.all(grid[0, :10] == 0) and np.all(grid[0, 10:] > 0) and np.all(grid[1] == 0)
    assert grid[0, -1] == pytest.approx(1.0)  # the last bin is covered by the last window only


def test_unavailable_without_model(monkeypatch: pytest.MonkeyPatch, cli, clip: Path) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = ASTSED.availability()
    assert not av.available and ENV in av.reason and "audiogpt[foundation]" in av.reason
    r = cli("run", "sound_event_detection", "--audio", clip, "--backend", "ast", "--json")
    assert r.rc == 3 and ENV in r.stderr


def test_tiny_ast_through_app(tiny_model: Path, clip: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    rec = App().run_tool("sound_event_detection", {"audio": str(clip)})
    assert rec.backend == "ast"
    d = rec.data
    assert d["method"] == "ast" and d["window_s"] == 1.0 and d["hop_s"] == 0.25
    assert d["duration"] == pytest.approx(3.5, abs=1e-3)
    assert sorted(d["classes"]) == sorted(LABELS.values())
    assert d["events"]  # random weights score ~0.5 everywhere: above the 0.3 threshold
    for ev in d["events"]:
        assert ev["label"] in LABELS.values()
        assert 0 <= ev["start"] < ev["end"] <= 3.5 and 0 <= ev["score"] <= 1
    png = rec.artifacts[0]
    assert png.kind == "image" and png.path.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.slow
def test_tiny_ast_cli(tiny_model: Path, clip: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    r = cli("run", "sound_event_detection", "--audio", clip, "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert out["backend"] == "ast" and isinstance(out["data"]["events"], list)
    assert out["artifacts"][0]["kind"] == "image" and out["text"]
