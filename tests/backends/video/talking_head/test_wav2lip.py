"""wav2lip (talking_head): a random-initialised Wav2Lip generator at a quarter of the released
width (the loader reads the width from the checkpoint), saved the way the released
``wav2lip_gan.pth`` is (``{"state_dict": ...}`` with DataParallel's ``module.`` prefix) and
served by the local fake hub as ``Nekochu/Wav2Lip``; ``models pull`` -> ``models verify`` ->
``audiogpt run talking_head`` on the shared drawn portrait and a shared 1.6 s speech clip.
Random weights do not lip-sync; the test checks the pull/licence flow, that the pulled
checkpoint is the one loaded, and the video contract (frames, duration, H.264 + AAC)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import shared_file
from tests.fake_hub import HubServer

pytestmark = pytest.mark.slow  # builds a model, pulls it from the fake hub, renders a video

SPEECH = "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_axb_a0005.wav"  # 1.565 s, 16 kHz
PORTRAIT = "eval-images/drawn_portrait.png"


@pytest.fixture(scope="module")
def tiny_wav2lip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch

    from audiogpt.backends.video.talking_head.wav2lip_net import Wav2Lip

    torch.manual_seed(0)
    net = Wav2Lip(width=0.25)
    state = {f"module.{k}": v for k, v in net.state_dict().items()}
    d = tmp_path_factory.mktemp("wav2lip")
    torch.save({"state_dict": state, "global_step": 0}, d / "wav2lip_gan.pth")
    return d


def frame_count(path: str) -> int:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                          "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def test_pull_verify_and_lip_sync_a_portrait(cli, tiny_wav2lip: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.core.audio import Audio
    from audiogpt.core.media import Video

    speech, portrait = shared_file(SPEECH), shared_file(PORTRAIT)
    tools = {t["name"]: t for t in json.loads(cli("tools", "--json").stdout)}
    backs = {b["name"]: b for b in tools["talking_head"]["backends"]}
    assert not backs["wav2lip"]["available"]
    assert "audiogpt models pull wav2lip-gan --accept-license" in backs["wav2lip"]["reason"]
    with HubServer() as fake:
        fake.add("Nekochu/Wav2Lip", tiny_wav2lip)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        refused = cli("models", "pull", "wav2lip-gan")
        assert refused.rc == 2 and "--accept-license" in refused.stderr
        pulled = cli("models", "pull", "wav2lip-gan", "--accept-license")
        assert pulled.rc == 0, pulled.stderr
    verified = cli("models", "verify", "wav2lip-gan")
    assert verified.rc == 0, verified.stderr
    r = cli("run", "talking_head", "--image", str(portrait), "--audio", str(speech),
            "--backend", "wav2lip", "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert out["backend"] == "wav2lip"
    data = out["data"]
    assert data["model"].endswith("wav2lip_gan.pth") and data["device"] in ("cpu", "cuda")
    duration = Audio.from_file(speech).duration
    assert data["frames"] == data["mel_windows"] == 40  # ceil(1.565 s * 25 fps)
    assert data["mean_pixel_change"] > 0  # the generated mouth region was pasted back
    video = Video.probe(out["artifacts"][0]["path"])
    assert video.stream("video").codec == "h264" and video.stream("audio").codec == "aac"
    assert abs(video.duration - duration) <= 0.1
    # ffmpeg cuts the stream at the audio's end: 39 or 40 frames of 25 fps for 1.565 s
    assert frame_count(out["artifacts"][0]["path"]) in (int(duration * 25), 40)
    # without a portrait the request goes to the embedded backend, which draws a face
    auto = cli("run", "talking_head", "--audio", str(speech), "--json")
    assert auto.rc == 0, auto.stderr
    assert auto.json()["backend"] == "viseme_warp"
