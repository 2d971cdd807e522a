"""qwen2-audio (audio_captioning): a tiny random Qwen2-Audio served by the local fake hub as
``Qwen/Qwen2-Audio-7B-Instruct``, pulled, and captioning a real 10.5 s recording through the
tool. Its words are noise from random weights; the test checks the output contract (one
30-second piece, the model folder, the text) and the unavailable path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_file
from tests.fake_hub import HubServer

NAME = "qwen2-audio-7b-instruct"


@pytest.fixture(scope="module")
def tiny_qwen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tiny_models import build_qwen2_audio

    return build_qwen2_audio(tmp_path_factory.mktemp("qwen") / "tiny")


def test_unavailable_until_pulled() -> None:
    from audiogpt.backends.sound.qwen2_audio import Qwen2AudioCaption

    av = Qwen2AudioCaption.availability()
    assert not av.available and f"audiogpt models pull {NAME}" in av.reason


def test_pulled_model_captions(tiny_qwen: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.app import App
    from audiogpt.backends.models import hub, store

    clip = shared_file("eval-audio/events/maxaudio_applause.wav")
    with HubServer() as fake:
        fake.add("Qwen/Qwen2-Audio-7B-Instruct", tiny_qwen)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        hub.pull(NAME, echo=lambda m: None)
    folder = store.status(NAME).path
    rec = App().run_tool("audio_captioning", {"audio": str(clip)})
    assert rec.backend == "qwen2-audio"  # preferred over the embedded analysis once pulled
    d = rec.data
    assert d["model"] == str(folder) and d["method"] == "qwen2-audio"
    assert d["duration"] == pytest.approx(10.5, abs=0.01)
    assert len(d["windows"]) == 1 and d["windows"][0]["end"] == pytest.approx(10.5, abs=0.01)
    assert isinstance(rec.text, str) and rec.text == d["windows"][0]["text"]
