"""whisper-ct2 (faster-whisper on pulled CTranslate2 Whisper models): a tiny random Whisper
converted with ctranslate2's converter is served by the local fake hub as
``Systran/faster-whisper-small``, pulled with `audiogpt models pull whisper-small`, and
transcribes a real recording through the tool. Its words are noise from random weights; the
test checks the output contract and where the model was loaded from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_file
from tests.fake_hub import HubServer

REPO = "Systran/faster-whisper-small"


@pytest.fixture(scope="module")
def tiny_ct2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tiny_models import build_whisper_ct2

    return build_whisper_ct2(tmp_path_factory.mktemp("ct2") / "tiny")


def test_unavailable_until_pulled(monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.backends.speech.recognition.whisper_ct2 import ENV, WhisperCT2ASR

    monkeypatch.delenv(ENV, raising=False)
    av = WhisperCT2ASR.availability()
    assert not av.available and "audiogpt models pull whisper-small" in av.reason
    assert "whisper-large-v3" in av.reason and ENV in av.reason


def test_pulled_model_transcribes(tiny_ct2: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.app import App
    from audiogpt.backends.models import hub

    clip = shared_file("eval-audio/speech_en/pocketsphinx_misc/cards_001.wav")
    with HubServer() as fake:
        commit = fake.add(REPO, tiny_ct2)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        rec = hub.pull("whisper-small")
    assert rec["commit"] == commit
    assert sorted(rec["files"]) == ["config.json", "model.bin", "preprocessor_config.json",
                                    "tokenizer.json", "vocabulary.json"]
    folder = Path(cli("models", "path", "whisper-small").stdout.strip())
    assert folder.name == commit and (folder / "model.bin").is_file()
    out = App().run_tool("speech_recognition", {"audio": str(clip), "language": "en"})
    assert out.backend == "whisper-ct2"  # preferred over the embedded recognisers once pulled
    data = out.data
    assert data["model"] == str(folder) and data["language"] == "en"
    assert data["duration"] == pytest.approx(1.095, abs=0.01) and data["word_timestamps"]
    assert isinstance(out.text, str)
    for w in data["words"]:
        assert 0 <= w["start"] <= w["end"] <= 1.2 and 0 <= w["probability"] <= 1
