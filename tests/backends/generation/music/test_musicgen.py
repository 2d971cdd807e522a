"""MusicGen backend: loading and generation code on a tiny randomly-initialised MusicGen the
test builds from a config (real weights cannot be downloaded here). The music it makes is
noise from random weights; the tests check the contract: duration, rate, format, backend name,
and the unavailable path with its configuration hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.app import App
from audiogpt.backends.generation.music.musicgen import ENV, MusicGen
from audiogpt.core.audio import Audio


def build(d: Path) -> Path:
    """Save a tiny random MusicGen (T5 text encoder, EnCodec at 32 kHz / 50 Hz, 4 codebooks)."""
    import torch
    from transformers import (
        EncodecConfig,
        EncodecFeatureExtractor,
        MusicgenConfig,
        MusicgenDecoderConfig,
        MusicgenForConditionalGeneration,
        MusicgenProcessor,
        T5Config,
        T5Tokenizer,
    )

    letters = "▁abcdefghijklmnopqrstuvwxyz0123456789"
    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    vocab += [(c, -1.0 - 0.01 * i) for i, c in enumerate(letters)]
    tok = T5Tokenizer(vocab=vocab, extra_ids=0)
    text_cfg = T5Config(vocab_size=len(tok), d_model=16, d_kv=8, d_ff=32, num_layers=1,
                        num_heads=2)
    audio_cfg = EncodecConfig(sampling_rate=32000, audio_channels=1, num_filters=4,
                              codebook_size=16, codebook_dim=8, hidden_size=8,
                              upsampling_ratios=[8, 5, 4, 4], num_lstm_layers=1,
                              target_bandwidths=[0.8], num_residual_layers=1)
    dec_cfg = MusicgenDecoderConfig(vocab_size=16, hidden_size=16, num_hidden_layers=1,
                                    num_attention_heads=2, ffn_dim=32, num_codebooks=4,
                                    max_position_embeddings=256, pad_token_id=16,
                                    bos_token_id=16)
    cfg = MusicgenConfig(text_encoder=text_cfg.to_dict(), audio_encoder=audio_cfg.to_dict(),
                         decoder=dec_cfg.to_dict())
    torch.manual_seed(0)
    model = MusicgenForConditionalGeneration(cfg)
    model.generation_config.decoder_start_token_id = 16
    model.generation_config.pad_token_id = 16
    model.generation_config.bos_token_id = 16
    d.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(d)
    MusicgenProcessor(EncodecFeatureExtractor(feature_size=1, sampling_rate=32000),
                      tok).save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    pytest.importorskip("torch")
    return build(tmp_path_factory.mktemp("musicgen") / "tiny")


def test_unavailable_without_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = MusicGen.availability()
    assert not av.available and ENV in av.reason and "audiogpt[foundation]" in av.reason
    monkeypatch.setenv(ENV, str(tmp_path))  # a folder without config.json
    assert "no config.json" in MusicGen.availability().reason
    monkeypatch.delenv(ENV)
    tools = {t["name"]: t for t in cli("tools", "--json").json()}
    backs = {b["name"]: b for b in tools["music_generation"]["backends"]}
    assert backs["musicgen"]["available"] is False and ENV in backs["musicgen"]["reason"]
    r = cli("run", "music_generation", "--text", "calm piano", "--duration", "1",
            "--backend", "musicgen", "--json")
    assert r.rc == 3 and ENV in r.stderr


def test_tiny_musicgen_through_app(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Preferred over the embedded backend once configured; exact duration at 32 kHz."""
    monkeypatch.setenv(ENV, str(tiny_model))
    rec = App().run_tool("music_generation", {"text": "happy piano", "duration": 1.3, "seed": 1})
    assert rec.backend == "musicgen"
    audio = Audio.from_file(rec.artifacts[0].path)
    assert audio.sample_rate == 32000 and audio.channels == 1
    assert abs(audio.duration - 1.3) < 1e-3
    assert rec.data["tokens"] == 65 + 3 and rec.data["frame_rate"] == 50
    assert float(abs(audio.samples).max()) > 0
    assert rec.data["windows"] == 1


def test_long_piece_is_continued(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """256 decoder positions at 50 frames/s reach 5.04 s: 7 s takes a continuation window
    conditioned on the last 2.52 s."""
    monkeypatch.setenv(ENV, str(tiny_model))
    seen: list[float] = []
    rec = App().run_tool("music_generation", {"text": "slow strings", "duration": 7},
                         progress=lambda f, m: seen.append(f))
    assert rec.backend == "musicgen" and rec.data["windows"] == 2
    audio = Audio.from_file(rec.artifacts[0].path)
    assert audio.duration == pytest.approx(7.0, abs=1e-3)
    tail = audio.samples[0, int(5.5 * 32000):int(6.5 * 32000)]
    assert float(abs(tail).max()) > 0  # the continued part is not padding
    assert any(0.5 < f < 1 for f in seen)


@pytest.mark.slow
def test_tiny_musicgen_cli(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                     cli) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    r = cli("run", "music_generation", "--text", "sad song, 2 seconds", "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert out["backend"] == "musicgen" and out["data"]["duration"] == 2.0
    assert Audio.from_file(out["artifacts"][0]["path"]).duration == pytest.approx(2.0, abs=1e-3)
