"""Faces in images: Viola-Jones detection with OpenCV's ``CascadeClassifier`` and its trained
cascades, and a skin-colour detector for drawn faces (:func:`skin_face`).

The cascade XML files ship inside the opencv-python wheel (``cv2.data.haarcascades``; the
project pins ``opencv-python-headless<5`` because OpenCV 5 removed ``CascadeClassifier``).
Classifiers are loaded once per cascade file and cached.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

FRONTAL = "haarcascade_frontalface_default.xml"
INSTALL_HINT = "pip install 'opencv-python-headless>=4.8,<5'"


def cascade_path(name: str = FRONTAL) -> Path | None:
    """Where the cascade file ``name`` is installed (``cv2.data.haarcascades``), or None."""
    try:
        import cv2
    except ImportError:  # pragma: no cover - opencv is a core dependency of the backend
        return None
    base = getattr(getattr(cv2, "data", None), "haarcascades", "")
    p = Path(base) / name if base else None
    return p if p is not None and p.is_file() else None


@functools.lru_cache(maxsize=4)
def _classifier(name: str) -> Any:
    """A loaded ``cv2.CascadeClassifier`` for cascade file ``name``, or None."""
    import cv2

    path = cascade_path(name)
    if path is None or not hasattr(cv2, "CascadeClassifier"):
        logger.warning("Haar cascade %s unavailable in OpenCV %s (%s)", name, cv2.__version__,
                       INSTALL_HINT)
        return None
    clf = cv2.CascadeClassifier(str(path))
    if clf.empty():
        logger.warning("Haar cascade %s could not be loaded", path)
        return None
    return clf


def detect_faces(gray: np.ndarray, min_size: int = 40, scale_factor: float = 1.1,
                 min_neighbors: int = 3, cascade: str = FRONTAL,
                 max_side: int = 400) -> list[tuple[int, int, int, int, int]]:
    """Detect frontal faces in a grayscale uint8 image.

    Args:
        gray: 2-D uint8 image.
        min_size: Smallest face side in pixels (of the given image).
        scale_factor: Pyramid step (``detectMultiScale``'s ``scaleFactor``).
        min_neighbors: Detections a face needs (OpenCV's ``minNeighbors``).
        cascade: Cascade file name in ``cv2.data.haarcascades``.
        max_side: The image is first reduced so its longer side is at most this (speed).

    Returns:
        Boxes (x, y, w, h, neighbours) in the given image's pixels, largest first; empty when
        the cascade is unavailable (logged) or nothing is found.
    """
    import cv2

    clf = _classifier(cascade)
    if clf is None:
        return []
    base = max(1.0, max(gray.shape) / max_side)
    img = gray if base == 1.0 else cv2.resize(
        gray, (int(gray.shape[1] / base), int(gray.shape[0] / base)), interpolation=cv2.INTER_AREA)
    side = max(1, int(min_size / base))
    boxes, counts = clf.detectMultiScale2(img, scaleFactor=scale_factor,
                                          minNeighbors=min_neighbors, minSize=(side, side))
    found = [(int(x * base), int(y * base), int(w * base), int(h * base), int(k))
             for (x, y, w, h), k in zip(boxes, counts)]
    logger.debug("haar: %d faces", len(found))
    return sorted(found, key=lambda r: -r[2] * r[3])


def has_cascade() -> bool:
    """Whether the frontal-face cascade can be used."""
    return _classifier(FRONTAL) is not None


__all__ = ["cascade_path", "detect_faces", "has_cascade"]

def skin_face(rgb: np.ndarray) -> tuple[int, int, int, int] | None:
    """Largest skin-coloured, face-shaped blob containing two dark blobs (eyes) up top."""
    import cv2
    import numpy as np

    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    mask = ((ycc[..., 1] >= 133) & (ycc[..., 1] <= 180) & (ycc[..., 2] >= 77)
            & (ycc[..., 2] <= 127) & (ycc[..., 0] > 60)).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    if n <= 1:
        return None
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h, area = (int(v) for v in stats[best])
    if area < 0.02 * mask.size or not 0.8 <= h / max(w, 1) <= 1.8 or area < 0.5 * w * h:
        return None
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    band = gray[y + int(0.2 * h): y + int(0.55 * h), x + int(0.1 * w): x + int(0.9 * w)]
    dark = (band < 0.5 * np.median(band)).astype(np.uint8)
    k, _, st, cents = cv2.connectedComponentsWithStats(dark)
    blobs = [cents[i] for i in range(1, k) if st[i, cv2.CC_STAT_AREA] > 0.0003 * w * h]
    left = [b for b in blobs if b[0] < 0.4 * band.shape[1]]
    right = [b for b in blobs if b[0] > 0.4 * band.shape[1]]
    if not left or not right:
        return None
    return x, y, w, h
