"""kokoro (text_to_speech): a Kokoro model folder with random weights (the package's fixed
decoder widths, a shrunk ALBERT and predictor) and two voice packs, served by the local fake hub
as ``hexgrad/Kokoro-82M``, pulled, then speaking through the tool with misaki's offline espeak-ng
front end. Random weights speak noise; the test checks what a user sees: the pull command while
missing, Kokoro preferred once pulled, the voice and G2P named, 24 kHz output, and the languages
it does not serve refused with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fake_hub import HubServer

pytestmark = pytest.mark.slow  # builds a tiny model and pulls it from the fake hub

NAME = "kokoro-82m"


@pytest.fixture(scope="module")
def tiny_kokoro(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tiny_models_found import build_kokoro

    return build_kokoro(tmp_path_factory.mktemp("kokoro") / "tiny")


def test_unavailable_until_pulled() -> None:
    from audiogpt.backends.speech.synthesis.kokoro_tts import KokoroTTS

    av = KokoroTTS.availability()
    assert not av.available and f"audiogpt models pull {NAME}" in av.reason


def test_pulled_model_speaks(tiny_kokoro: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.app import App
    from audiogpt.backends.models import hub, store
    from audiogpt.core.audio import Audio
    from audiogpt.core.errors import ToolInputError

    with HubServer() as fake:
        fake.add("hexgrad/Kokoro-82M", tiny_kokoro)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        rec = hub.pull(NAME, echo=lambda m: None)
    assert {"config.json", "kokoro-v1_0.pth", "voices/af_heart.pt"} <= set(rec["files"])
    out = App().run_tool("text_to_speech", {"text": "Hello world. This is a test."})
    assert out.backend == "kokoro"  # preferred over the embedded voices once pulled
    assert out.data["voice"] == "af_heart" and out.data["model"] == str(store.status(NAME).path)
    assert out.data["g2p"].startswith("misaki")
    audio = Audio.from_file(out.artifacts[0].path)
    assert audio.sample_rate == 24000 and audio.duration > 0.1
    out = App().run_tool("text_to_speech", {"text": "Hola.", "language": "es",
                                            "sample_rate": 16000})
    assert out.backend == "kokoro" and out.data["voice"] == "ef_dora"
    assert Audio.from_file(out.artifacts[0].path).sample_rate == 16000
    with pytest.raises(ToolInputError, match="not 'ja'"):
        App().run_tool("text_to_speech", {"text": "konnichiwa", "language": "ja"},
                       backend="kokoro")
    with pytest.raises(ToolInputError, match="no voice 'bf_alice'"):
        App().run_tool("text_to_speech", {"text": "Hello.", "voice": "bf_alice"},
                       backend="kokoro")
