"""Qwen2-Audio captioning backend: loading, chat prompt, generation and decoding on a tiny
randomly-initialised Qwen2-Audio the test builds from a config (real weights cannot be downloaded
here), run on real recordings. Its words are random; the tests check what a user sees: the
backend chosen, a non-empty text answer stored as an artifact, the question passed to the model,
long files heard window by window, and the unavailable path with its configuration hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.app import App
from audiogpt.backends.sound import qwen2_audio
from audiogpt.backends.sound.qwen2_audio import ENV, Qwen2AudioCaption
from tests.conftest import shared_file

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|AUDIO|>", "<|audio_bos|>",
            "<|audio_eos|>"]


def build(d: Path) -> Path:
    """Save a tiny random Qwen2-Audio (1-layer Whisper-style encoder, 1-layer Qwen2 decoder)
    with a character-level tokenizer carrying the Qwen2-Audio special tokens."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import (
        PreTrainedTokenizerFast,
        Qwen2AudioConfig,
        Qwen2AudioEncoderConfig,
        Qwen2AudioForConditionalGeneration,
        Qwen2AudioProcessor,
        Qwen2Config,
        WhisperFeatureExtractor,
    )

    chars = "abcdefghijklmnopqrstuvwxyz0123456789.,?!' "
    core = Tokenizer(models.WordLevel(vocab={c: i for i, c in enumerate(chars)}, unk_token="?"))
    core.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    core.decoder = decoders.Fuse()
    tok = PreTrainedTokenizerFast(tokenizer_object=core, eos_token="<|im_end|>",
                                  pad_token="<|endoftext|>", additional_special_tokens=SPECIALS)
    processor = Qwen2AudioProcessor(feature_extractor=WhisperFeatureExtractor(feature_size=128),
                                    tokenizer=tok)
    audio_cfg = Qwen2AudioEncoderConfig(num_mel_bins=128, encoder_layers=1, d_model=16,
                                        encoder_attention_heads=2, encoder_ffn_dim=32)
    text_cfg = Qwen2Config(vocab_size=len(tok), hidden_size=16, intermediate_size=32,
                           num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=1)
    cfg = Qwen2AudioConfig(audio_config=audio_cfg.to_dict(), text_config=text_cfg.to_dict(),
                           audio_token_index=tok.convert_tokens_to_ids("<|AUDIO|>"))
    torch.manual_seed(0)
    model = Qwen2AudioForConditionalGeneration(cfg)
    model.generation_config.eos_token_id = tok.eos_token_id
    model.generation_config.pad_token_id = tok.pad_token_id
    d.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(d)
    processor.save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    pytest.importorskip("torch")
    return build(tmp_path_factory.mktemp("qwen2audio") / "tiny")


@pytest.fixture(autouse=True)
def short_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random weights rarely emit the end token: cap answers at 8 tokens to keep tests fast."""
    monkeypatch.setattr(qwen2_audio, "MAX_NEW_TOKENS", 8)


def test_unavailable_without_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli,
                                   jfk: Path) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = Qwen2AudioCaption.availability()
    assert not av.available and ENV in av.reason and "Qwen2-Audio-7B-Instruct" in av.reason
    monkeypatch.setenv(ENV, str(tmp_path))  # a folder without config.json
    assert "no config.json" in Qwen2AudioCaption.availability().reason
    monkeypatch.delenv(ENV)
    tools = {t["name"]: t for t in App().registry.describe()}  # as `tools --json`
    backs = {b["name"]: b for b in tools["audio_captioning"]["backends"]}
    assert backs["qwen2-audio"]["available"] is False and ENV in backs["qwen2-audio"]["reason"]
    assert "question" in tools["audio_captioning"]["inputs"]["properties"]
    r = cli("run", "audio_captioning", "--audio", str(jfk), "--backend", "qwen2-audio", "--json")
    assert r.rc == 3 and ENV in r.stderr
    # the embedded default keeps working, and says it cannot answer a question
    short = shared_file("eval-audio/speech_en/pocketsphinx_misc/cards_001.wav")
    rec = App().run_tool("audio_captioning", {"audio": str(short), "question": "who speaks?"})
    assert rec.backend == "analysis" and rec.data["question_answered"] is False
    assert "cannot answer questions" in rec.text


def test_tiny_model_captions_through_app(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                         jfk: Path) -> None:
    """Preferred over the embedded backend once configured; the caption is stored as text."""
    monkeypatch.setenv(ENV, str(tiny_model))
    rec = App().run_tool("audio_captioning", {"audio": str(jfk)})
    assert rec.backend == "qwen2-audio"
    assert rec.text and rec.text == Path(rec.artifacts[0].path).read_text().strip()
    assert rec.data["windows"][0] == {"start": 0.0, "end": 11.0, "text": rec.text}
    assert rec.data["question_answered"] is False and rec.data["seconds_heard"] == 11.0


def test_question_reaches_the_model(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    backend = Qwen2AudioCaption()
    backend.ensure_loaded()
    prompt = backend.prompt("which animal is this?")
    assert "which animal is this?" in prompt and prompt.count("<|AUDIO|>") == 1
    assert "Describe this audio" in backend.prompt(None)
    whale = shared_file("eval-audio/events/librosa_glacier-bay-humpback.ogg")  # 64.8 s
    rec = App().run_tool("audio_captioning", {"audio": str(whale),
                                              "question": "which animal is this?"})
    assert rec.backend == "qwen2-audio" and rec.data["question"] == "which animal is this?"
    spans = [(w["start"], w["end"]) for w in rec.data["windows"]]
    assert spans[:2] == [(0.0, 30.0), (30.0, 60.0)] and spans[2][0] == 60.0
    assert spans[2][1] == pytest.approx(64.8, abs=0.05)
    assert rec.text.startswith("[0-30 s] ") and rec.artifacts[0].kind == "text"


def test_cli_empty_question_is_bad_input(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                         cli, jfk: Path) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    r = cli("run", "audio_captioning", "--audio", str(jfk), "--question", "", "--json")
    assert r.rc == 2 and "question" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
