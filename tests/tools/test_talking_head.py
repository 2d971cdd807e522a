"""talking_head through the CLI: mp4 with video + audio lasting the audio; fallbacks."""

from __future__ import annotations

import numpy as np

from audiogpt.core.audio import Audio
from audiogpt.core.media import Video
from tests.conftest import shared_file, sine


def test_jfk_with_drawn_portrait(cli, jfk) -> None:
    portrait = shared_file("eval-images/drawn_portrait.png")
    r = cli("run", "talking_head", "--audio", str(jfk), "--image", str(portrait), "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    art = out["artifacts"][0]
    assert art["kind"] == "video" and art["path"].endswith(".mp4")
    video = Video.probe(art["path"])
    assert video.has_video and video.has_audio
    assert video.stream("video").codec == "h264" and video.stream("audio").codec == "aac"
    assert abs(video.duration - 11.0) <= 0.3
    data = out["data"]
    assert data["mouth_energy_correlation"] > 0.5
    assert "face" in data


def test_no_face_falls_back_to_drawn_face(cli, tmp_path) -> None:
    from audiogpt.core.media import Image

    tone = Audio(sine(220, 1.0, 16000, 0.3), 16000).to_file(tmp_path / "tone.wav")
    plain = Image(np.full((64, 96, 3), 90, np.uint8)).to_file(tmp_path / "wall.png")
    r = cli("run", "talking_head", "--audio", str(tone), "--image", str(plain), "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert "notice" in out["data"] and "drawn face" in out["data"]["notice"]
    assert abs(Video.probe(out["artifacts"][0]["path"]).duration - 1.0) <= 0.3


def test_synthetic_face_photo_uses_haar_cascade(cli, tmp_path) -> None:
    from audiogpt.core.media import Image
    from tests.face_fixtures import shaded_face

    tone = Audio(sine(220, 1.0, 16000, 0.3), 16000).to_file(tmp_path / "tone.wav")
    face = Image(shaded_face(320)).to_file(tmp_path / "face.png")
    r = cli("run", "talking_head", "--audio", str(tone), "--image", str(face), "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert out["data"]["face"]["detector"].startswith("haar cascade")
    assert "notice" not in out["data"]
    video = Video.probe(out["artifacts"][0]["path"])
    assert video.has_video and video.has_audio and abs(video.duration - 1.0) <= 0.3


def test_unreadable_image_exit_2(cli, tmp_path) -> None:
    tone = Audio(sine(220, 0.5, 16000, 0.3), 16000).to_file(tmp_path / "tone.wav")
    bad = tmp_path / "face.jpg"
    bad.write_bytes(b"\x00\x01 not an image")
    r = cli("run", "talking_head", "--audio", str(tone), "--image", str(bad), "--json")
    assert r.rc == 2
    assert "not a readable image" in r.stderr
