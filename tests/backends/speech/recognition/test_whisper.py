"""Whisper backend: loading and inference code on a tiny random Whisper built from a config
(real weights cannot be downloaded here); unavailable with a clear hint when not configured."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from audiogpt.app import App
from audiogpt.backends.speech.recognition.whisper import ENV, WhisperASR
from audiogpt.core.audio import Audio


def build(d: Path):
    import torch
    from transformers import (
        WhisperConfig,
        WhisperFeatureExtractor,
        WhisperForConditionalGeneration,
        WhisperProcessor,
        WhisperTokenizer,
    )
    from transformers.convert_slow_tokenizer import bytes_to_unicode
    d.mkdir(parents=True, exist_ok=True)
    chars = list(bytes_to_unicode().values())
    vocab = {c: i for i, c in enumerate(chars)}
    (d / "vocab.json").write_text(json.dumps(vocab))
    (d / "merges.txt").write_text("#version: 0.2\n")
    specials = ["<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|fr|>", "<|translate|>",
                "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>"]
    tok = WhisperTokenizer(str(d / "vocab.json"), str(d / "merges.txt"), unk_token="<|endoftext|>",
                           bos_token="<|endoftext|>", eos_token="<|endoftext|>", pad_token="<|endoftext|>")
    tok.add_special_tokens({"additional_special_tokens": specials[1:]})
    ids = {s: tok.convert_tokens_to_ids(s) for s in specials}
    cfg = WhisperConfig(vocab_size=len(tok), num_mel_bins=80, d_model=16, encoder_layers=1, decoder_layers=1,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
                        decoder_ffn_dim=32, max_source_positions=1500, max_target_positions=64,
                        decoder_start_token_id=ids["<|startoftranscript|>"], eos_token_id=ids["<|endoftext|>"],
                        pad_token_id=ids["<|endoftext|>"], bos_token_id=ids["<|endoftext|>"])
    torch.manual_seed(0)
    model = WhisperForConditionalGeneration(cfg)
    model.save_pretrained(d)
    WhisperProcessor(WhisperFeatureExtractor(feature_size=80), tok).save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    pytest.importorskip("torch")
    return build(tmp_path_factory.mktemp("whisper") / "tiny")


def test_unavailable_without_model_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = WhisperASR.availability()
    assert not av.available and ENV in av.reason


def test_tiny_model_runs_through_the_tool(tiny_model: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    assert WhisperASR.availability().available
    rng = np.random.default_rng(0)
    speechy = np.concatenate([rng.standard_normal(16000 * 3) * 0.1, np.zeros(8000),
                              rng.standard_normal(16000 * 2) * 0.1]).astype(np.float32)
    path = Audio(speechy[None, :], 16000).resampled(44100).to_file(tmp_path / "x.wav")
    rec = App().run_tool("speech_recognition", {"audio": str(path), "language": "fr"},
                         backend="whisper")
    assert rec.backend == "whisper"
    assert rec.data["language"] == "fr" and rec.data["word_timestamps"] is False
    assert isinstance(rec.text, str)
    for seg in rec.data["segments"]:
        assert 0 <= seg["start"] < seg["end"] <= 5.6


def test_chunks_long_audio(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    backend = WhisperASR()
    backend.ensure_loaded()
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.standard_normal(16000 * 20) * 0.1, np.zeros(16000),
                        rng.standard_normal(16000 * 20) * 0.1]).astype(np.float32)
    seen: list[float] = []
    res = backend.transcribe(x, "en", progress=lambda f, m: seen.append(f), max_new_tokens=5)
    assert res["chunks"] == 2 and seen == [0.5, 1.0]
