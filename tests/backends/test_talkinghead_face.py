"""Haar cascade evaluator, rectangle grouping, face finding and visemes."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.backends import talkinghead_face as tf
from audiogpt.backends.talkinghead_visemes import alignment_targets, phonemes
from tests.conftest import shared_file


def test_group_rectangles_clusters_and_thresholds() -> None:
    rects = [(100, 100, 50, 50), (102, 101, 50, 50), (99, 98, 52, 52), (101, 100, 49, 49),
             (300, 300, 40, 40)]
    out = tf.group_rectangles(rects, min_neighbors=3)
    assert len(out) == 1
    x, y, w, h, k = out[0]
    assert abs(x - 100) <= 2 and abs(w - 50) <= 2 and k == 4


@pytest.mark.skipif(not tf.has_cascade(), reason="opencv-data cascades not installed")
def test_cascade_loads_and_rejects_flat_images() -> None:
    casc = tf.load_cascade(str(tf.cascade_path()))
    assert (casc.width, casc.height) == (24, 24) and len(casc.stages) == 25
    assert all(s.stumps is not None for s in casc.stages)
    assert tf.detect_faces(np.full((120, 120), 128, np.uint8)) == []
    rng = np.random.default_rng(0)
    assert tf.detect_faces(rng.integers(0, 255, (120, 120), dtype=np.uint8)) == []


def test_drawn_portrait_face_found() -> None:
    from audiogpt.backends.talkinghead_rig import find_face
    from audiogpt.media import Image

    img = Image.from_file(shared_file("eval-images/drawn_portrait.png"))
    geom = find_face(img.pixels)
    assert geom is not None
    x, y, w, h = geom.box
    assert 120 < x < 160 and 80 < y < 120 and 200 < w < 280
    assert 320 < geom.mouth[1] < 360  # the drawn mouth is at y ~ 340
    assert all(200 < e[1] < 230 for e in geom.eyes)


def test_visemes_from_timings() -> None:
    assert phonemes("country") == ["K", "AH", "N", "T", "R", "IY"]
    op, wd, inside = alignment_targets(
        [{"word": "AA", "start": 0.0, "end": 0.2}, {"word": "M", "start": 0.2, "end": 0.4}], 25, 20)
    assert op[2] == 1.0 and op[7] == 0.0 and inside[:10].all() and not inside[12:].any()
