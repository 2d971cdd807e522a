"""pocket-tts (voice_clone): a Pocket TTS model with random weights in the architecture of the
package's 1.9M-parameter English config, and a tokenizer of its size, served by the local fake
hub as ``kyutai/pocket-tts`` and ``kyutai/pocket-tts-without-voice-cloning`` at the commits the
catalog pins, pulled, then cloning the JFK recording's voice through the tool. Random weights
speak noise; the test checks what a user sees: the pull commands while missing, the embedded
default meanwhile, the output's rate and watermark, and the English-only routing."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.backends.models.catalog import get_spec
from tests.fake_hub import HubServer

pytestmark = pytest.mark.slow  # builds a tiny model and pulls it from the fake hub

WEIGHTS = "pocket-tts-english-2m"
TOKENIZER = "pocket-tts-tokenizer-english-2m"


@pytest.fixture(scope="module")
def tiny_pocket(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from tests.tiny_models_found import build_pocket_tts

    return build_pocket_tts(tmp_path_factory.mktemp("pocket"))


def test_unavailable_until_both_files_are_pulled(cli) -> None:
    from audiogpt.backends.speech.voice.pocket_clone import PocketTTSVoiceClone

    av = PocketTTSVoiceClone.availability()
    assert not av.available
    assert "audiogpt models pull pocket-tts-english --accept-license" in av.reason
    assert "audiogpt models pull pocket-tts-tokenizer-english" in av.reason


def test_pulled_model_clones_the_reference(tiny_pocket: tuple[Path, Path], jfk: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.app import App
    from audiogpt.backends.dsp.watermark import detect
    from audiogpt.backends.models import hub
    from audiogpt.core.audio import Audio
    from audiogpt.core.errors import ToolInputError

    weights, tokenizer = tiny_pocket
    with HubServer() as fake:
        fake.add("kyutai/pocket-tts", weights, commit=get_spec(WEIGHTS).revision)
        fake.add("kyutai/pocket-tts-without-voice-cloning", tokenizer,
                 commit=get_spec(TOKENIZER).revision)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        hub.pull(WEIGHTS, accept_license=True, echo=lambda m: None)
        from audiogpt.backends.speech.voice.pocket_clone import PocketTTSVoiceClone

        reason = PocketTTSVoiceClone.availability().reason
        assert f"audiogpt models pull {TOKENIZER}" in reason  # the weights alone do not do
        hub.pull(TOKENIZER, echo=lambda m: None)
    out = App().run_tool("voice_clone", {"text": "Ask not what your country can do.",
                                         "reference": str(jfk)})
    assert out.backend == "pocket-tts"  # preferred over the embedded cloning once pulled
    assert out.data["model"] == WEIGHTS and out.data["watermark"] is True
    audio = Audio.from_file(out.artifacts[0].path)
    assert audio.sample_rate == 24000 and audio.channels == 1 and audio.duration > 0.5
    assert detect(audio)["watermarked"]
    with pytest.raises(ToolInputError, match="English"):
        App().run_tool("voice_clone", {"text": "Hola", "reference": str(jfk),
                                       "language": "es"}, backend="pocket-tts")
    hub.remove(TOKENIZER)  # the weights alone are not enough: the reason names the tokenizer
    assert "pull pocket-tts-tokenizer" in PocketTTSVoiceClone.availability().reason
