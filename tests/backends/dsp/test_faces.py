"""Face detection (OpenCV Haar cascade, skin-colour fallback), face features and visemes."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.backends.dsp import faces as tf
from audiogpt.backends.video.talking_head.visemes import alignment_targets, phonemes
from tests.conftest import shared_file
from tests.face_fixtures import shaded_face


def _gray(rgb: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def test_frontal_cascade_is_available() -> None:
    assert tf.has_cascade(), "opencv-python-headless<5 with cv2.data.haarcascades is required"
    assert tf.cascade_path().name == "haarcascade_frontalface_default.xml"


@pytest.mark.parametrize("size", [200, 480])
def test_haar_detects_synthetic_face_not_blank_head(size: int) -> None:
    faces = tf.detect_faces(_gray(shaded_face(size)), min_size=24)
    assert len(faces) == 1
    x, y, w, h, neighbours = faces[0]
    # the face oval is centred, 0.6 x 0.8 of the frame
    assert abs(x + w / 2 - size / 2) < 0.05 * size and 0.6 * size < w < 0.9 * size
    assert abs(y + h / 2 - size / 2) < 0.1 * size and h == w
    assert neighbours >= 3
    # same head without eyes, brows, nose and mouth: not a face
    assert tf.detect_faces(_gray(shaded_face(size, features=False)), min_size=24) == []


def test_haar_rejects_flat_and_noise_images() -> None:
    assert tf.detect_faces(np.full((120, 120), 128, np.uint8)) == []
    rng = np.random.default_rng(0)
    assert tf.detect_faces(rng.integers(0, 255, (240, 240), dtype=np.uint8), min_size=24) == []


def test_find_face_uses_haar_and_locates_features() -> None:
    from audiogpt.backends.video.talking_head.rig import find_face

    geom = find_face(shaded_face(320))
    assert geom is not None and geom.detector.startswith("haar cascade")
    assert abs(geom.mouth[1] - 230) < 12  # mouth drawn at y = 230
    assert sorted(round(e[0]) for e in geom.eyes) == pytest.approx([122, 198], abs=8)
    assert all(abs(e[1] - 144) < 8 for e in geom.eyes)  # eyes drawn at y = 144
    assert find_face(shaded_face(320, features=False)) is None


def test_drawn_portrait_face_found_by_skin_fallback() -> None:
    from audiogpt.backends.video.talking_head.rig import find_face
    from audiogpt.core.media import Image

    img = Image.from_file(shared_file("eval-images/drawn_portrait.png"))
    geom = find_face(img.pixels)
    assert geom is not None
    assert geom.detector.startswith("skin-colour")  # the cartoon is not a Haar frontal face
    x, y, w, h = geom.box
    assert 120 < x < 160 and 80 < y < 120 and 200 < w < 280 and 260 < h < 340
    assert 320 < geom.mouth[1] < 360  # the drawn mouth is at y ~ 340
    assert all(200 < e[1] < 230 for e in geom.eyes)


def test_visemes_from_timings() -> None:
    assert phonemes("country") == ["K", "AH", "N", "T", "R", "IY"]
    op, _wd, inside = alignment_targets(
        [{"word": "AA", "start": 0.0, "end": 0.2}, {"word": "M", "start": 0.2, "end": 0.4}], 25, 20)
    assert op[2] == 1.0 and op[7] == 0.0 and inside[:10].all() and not inside[12:].any()
