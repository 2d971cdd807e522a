"""media: Image loading/validation and Video probing."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from audiogpt.core.errors import ToolInputError
from audiogpt.core.media import Image, Video


def test_image_roundtrip_and_resize(tmp_path) -> None:
    px = np.zeros((40, 60, 3), np.uint8)
    px[:, :30] = (255, 0, 0)
    p = Image(px).to_file(tmp_path / "a.png")
    img = Image.from_file(p)
    assert (img.width, img.height) == (60, 40)
    assert tuple(img.pixels[0, 0]) == (255, 0, 0)  # RGB order kept
    small = img.resized(30, even=True)
    assert small.width == 30 and small.height % 2 == 0


@pytest.mark.parametrize("content", [b"", b"GIF89a broken", b"plain text"])
def test_bad_images_raise(tmp_path, content: bytes) -> None:
    p = tmp_path / "x.png"
    p.write_bytes(content)
    with pytest.raises(ToolInputError):
        Image.from_file(p)
    with pytest.raises(ToolInputError, match="not found"):
        Image.from_file(tmp_path / "missing.png")


def test_video_probe(tmp_path) -> None:
    out = tmp_path / "v.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=64x48:d=1.5",
                    "-f", "lavfi", "-i", "sine=f=440:d=1.5", "-c:v", "libx264", "-pix_fmt",
                    "yuv420p", "-c:a", "aac", "-shortest", str(out)], check=True)
    v = Video.probe(out)
    assert v.has_video and v.has_audio
    assert v.stream("video").width == 64 and abs(v.duration - 1.5) < 0.15
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"nope")
    with pytest.raises(ToolInputError):
        Video.probe(bad)
