"""MMS-TTS backend: loading and synthesis code on tiny randomly-initialised VITS models built
from a config, with a character tokenizer made from a small vocabulary (real weights cannot
be downloaded here). The "speech" is noise from random weights; the tests check the contract:
per-language checkpoint choice, mono audio at the model's rate, resampling, backend name, and
the unavailable path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audiogpt.app import App
from audiogpt.backends.speech.synthesis.mms import ENV, MMSTTS, catalogue
from audiogpt.core.audio import Audio
from audiogpt.core.errors import ToolInputError


def build(d: Path, language: str) -> Path:
    """Save a tiny random VITS (hop 64 samples at 16 kHz) and its character tokenizer."""
    import torch
    from transformers import VitsConfig, VitsModel, VitsTokenizer

    d.mkdir(parents=True, exist_ok=True)
    chars = ["<pad>", "<unk>", " ", "'", *"abcdefghijklmnopqrstuvwxyzäöüß"]
    (d / "vocab.json").write_text(json.dumps({c: i for i, c in enumerate(chars)}))
    tok = VitsTokenizer(str(d / "vocab.json"), language=language, phonemize=False)
    cfg = VitsConfig(vocab_size=len(chars), hidden_size=16, num_hidden_layers=1,
                     num_attention_heads=2, ffn_dim=32, flow_size=16, spectrogram_bins=17,
                     upsample_initial_channel=16, upsample_rates=[8, 8],
                     upsample_kernel_sizes=[16, 16], resblock_kernel_sizes=[3],
                     resblock_dilation_sizes=[[1, 3]], duration_predictor_filter_channels=16,
                     duration_predictor_num_flows=1, prior_encoder_num_flows=1,
                     prior_encoder_num_wavenet_layers=1, posterior_encoder_num_wavenet_layers=1,
                     depth_separable_num_layers=1, sampling_rate=16000)
    torch.manual_seed(0)
    VitsModel(cfg).save_pretrained(d)
    tok.save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of two checkpoints, English and German."""
    pytest.importorskip("transformers")
    pytest.importorskip("torch")
    root = tmp_path_factory.mktemp("mms")
    build(root / "mms-tts-eng", "eng")
    build(root / "mms-tts-deu", "deu")
    return root


def test_unavailable_without_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = MMSTTS.availability()
    assert not av.available and ENV in av.reason and "audiogpt[foundation]" in av.reason
    monkeypatch.setenv(ENV, str(tmp_path))
    assert "holds no model" in MMSTTS.availability().reason
    monkeypatch.delenv(ENV)
    r = cli("run", "text_to_speech", "--text", "hello", "--backend", "mms-tts", "--json")
    assert r.rc == 3 and ENV in r.stderr


def test_tiny_mms_through_app(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(models))
    assert set(catalogue()) == {"eng", "deu"}
    rec = App().run_tool("text_to_speech", {"text": "Hello there. How are you?"})
    assert rec.backend == "mms-tts" and rec.data["voice"] == "mms-tts-eng"
    audio = Audio.from_file(rec.artifacts[0].path)
    assert audio.sample_rate == 16000 and audio.channels == 1 and audio.duration > 0.25
    de = App().run_tool("text_to_speech", {"text": "Guten Morgen", "language": "de",
                                           "sample_rate": 22050, "speed": 1.5})
    assert de.data["voice"] == "mms-tts-deu" and de.data["speed"] == 1.5
    assert Audio.from_file(de.artifacts[0].path).sample_rate == 22050
    with pytest.raises(ToolInputError, match="mms-tts-fra"):
        App().run_tool("text_to_speech", {"text": "bonjour", "language": "fr"})


@pytest.mark.slow
def test_tiny_mms_cli(models: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.setenv(ENV, str(models / "mms-tts-eng"))  # one checkpoint folder
    r = cli("run", "text_to_speech", "--text", "good morning", "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert out["backend"] == "mms-tts" and out["data"]["engine"] == "mms-tts"
    audio = Audio.from_file(out["artifacts"][0]["path"])
    assert audio.duration == pytest.approx(out["data"]["duration"], abs=1e-3)
