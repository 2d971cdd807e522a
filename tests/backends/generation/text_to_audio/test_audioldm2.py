"""audioldm2 (text_to_audio): a diffusers AudioLDM2 pipeline of tiny random components, served
by the local fake hub as ``cvssp/audioldm2`` (a folder tree: unet/, vae/, vocoder/...), pulled
with the licence accepted, and generating through the tool. The sound is noise from random
weights; the test checks the output contract (length, rate, model folder, steps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fake_hub import HubServer

NAME = "audioldm2"


@pytest.fixture(scope="module")
def tiny_ldm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tiny_models import build_audioldm2

    return build_audioldm2(tmp_path_factory.mktemp("ldm") / "tiny")


def test_unavailable_until_pulled() -> None:
    from audiogpt.backends.generation.text_to_audio.audioldm2 import AudioLDM2

    av = AudioLDM2.availability()
    assert not av.available
    assert f"audiogpt models pull {NAME} --accept-license" in av.reason


def test_pulled_pipeline_generates(tiny_ldm: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.app import App
    from audiogpt.backends.models import hub, store
    from audiogpt.core.audio import Audio

    with HubServer() as fake:
        fake.add("cvssp/audioldm2", tiny_ldm)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        rec = hub.pull(NAME, accept_license=True, echo=lambda m: None)
    assert "unet/diffusion_pytorch_model.safetensors" in rec["files"]
    folder = store.status(NAME).path
    monkeypatch.setenv("AUDIOGPT_AUDIOLDM2_STEPS", "2")
    out = App().run_tool("text_to_audio", {"text": "rain on a tin roof", "duration": 1.5})
    assert out.backend == "audioldm2"  # preferred over procedural synthesis once pulled
    assert out.data["model"] == str(folder) and out.data["steps"] == 2
    audio = Audio.from_file(out.artifacts[0].path)
    assert audio.sample_rate == 16000 and audio.duration == pytest.approx(1.5, abs=0.01)
