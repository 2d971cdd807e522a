"""stable-audio (text_to_audio, music_generation): a diffusers Stable Audio pipeline of tiny random
components (44.1 kHz stereo, 1.49 s per generation) served by the local fake hub as
``stabilityai/stable-audio-open-1.0`` (gated: the licence flag is needed), pulled, and generating
through both tools. The sound is noise from random weights; the test checks the output contract
(rate, channels, length, steps, model folder) and the refusal of a too-long request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fake_hub import HubServer

pytestmark = pytest.mark.slow  # builds a tiny model and pulls it from the fake hub

NAME = "stable-audio-open-1.0"


@pytest.fixture(scope="module")
def tiny_sa(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tiny_models_found import build_stable_audio

    return build_stable_audio(tmp_path_factory.mktemp("sa") / "tiny")


def test_unavailable_until_pulled() -> None:
    from audiogpt.backends.generation.text_to_audio.stable_audio import (
        StableAudioMusic,
        StableAudioSound,
    )

    for backend in (StableAudioSound, StableAudioMusic):
        av = backend.availability()
        assert not av.available
        assert f"audiogpt models pull {NAME} --accept-license" in av.reason


def test_pulled_pipeline_generates_sound_and_music(tiny_sa: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.app import App
    from audiogpt.backends.models import hub, store
    from audiogpt.core.audio import Audio
    from audiogpt.core.errors import ToolInputError

    with HubServer() as fake:
        fake.add("stabilityai/stable-audio-open-1.0", tiny_sa)
        (tiny_sa / "model.safetensors").write_bytes(b"not pulled")  # the single-file checkpoint
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        with pytest.raises(ToolInputError, match="--accept-license"):
            hub.pull(NAME, echo=lambda m: None)
        rec = hub.pull(NAME, accept_license=True, echo=lambda m: None)
    assert "transformer/diffusion_pytorch_model.safetensors" in rec["files"]
    assert "model.safetensors" not in rec["files"]  # only the diffusers folders are pulled
    folder = store.status(NAME).path
    monkeypatch.setenv("AUDIOGPT_STABLE_AUDIO_STEPS", "2")
    out = App().run_tool("text_to_audio", {"text": "rain on a tin roof", "duration": 1.2})
    assert out.backend == "stable-audio"  # preferred over the embedded synthesis once pulled
    assert out.data["model"] == str(folder) and out.data["steps"] == 2
    audio = Audio.from_file(out.artifacts[0].path)
    assert audio.sample_rate == 44100 and audio.channels == 2
    assert audio.duration == pytest.approx(1.2, abs=0.01)
    music = App().run_tool("music_generation", {"text": "calm piano", "duration": 1.0},
                           backend="stable-audio")
    assert Audio.from_file(music.artifacts[0].path).duration == pytest.approx(1.0, abs=0.01)
    with pytest.raises(ToolInputError, match="1.5 s"):
        App().run_tool("text_to_audio", {"text": "wind", "duration": 5}, backend="stable-audio")
