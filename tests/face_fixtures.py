"""Synthetic face images for the face-detection tests.

``shaded_face`` draws a blurred, shaded frontal face (skin oval, dark eye sockets and pupils,
eyebrows, a nose shadow, a mouth, hair) that OpenCV's frontal-face Haar cascade detects;
``features=False`` draws the same head without any facial features as a negative control.
"""

from __future__ import annotations

import numpy as np


def shaded_face(size: int = 200, features: bool = True, background: int = 140) -> np.ndarray:
    """An RGB uint8 image of a frontal face centred in a ``size`` x ``size`` frame.

    Args:
        size: Side of the square image in pixels.
        features: Draw eyes, brows, nose and mouth (False: a blank head).
        background: Grey level of the background.

    Returns:
        (size, size, 3) uint8 RGB image; the face oval spans about 0.6 x 0.8 of the frame.
    """
    import cv2

    s, c = size, size // 2
    skin = np.array([225.0, 185.0, 160.0])
    img = np.full((s, s, 3), float(background), np.float32)
    cv2.ellipse(img, (c, c + 5), (int(s * 0.30), int(s * 0.40)), 0, 0, 360, skin.tolist(), -1)
    cv2.ellipse(img, (c, c - int(s * 0.2)), (int(s * 0.32), int(s * 0.2)), 0, 180, 360,
                (60, 40, 30), -1)
    if features:
        ey, ex = c - int(s * 0.05), int(s * 0.12)
        for side in (-1, 1):
            cv2.ellipse(img, (c + side * ex, ey), (int(s * 0.08), int(s * 0.05)), 0, 0, 360,
                        (skin * 0.5).tolist(), -1)
            cv2.circle(img, (c + side * ex, ey), int(s * 0.025), (30, 30, 30), -1)
            cv2.line(img, (c + side * int(s * 0.05), ey - int(s * 0.08)),
                     (c + side * int(s * 0.2), ey - int(s * 0.09)), (60, 40, 30), int(s * 0.025))
        cv2.line(img, (c + int(s * 0.03), ey + int(s * 0.05)), (c + int(s * 0.03), c + int(s * 0.12)),
                 (skin * 0.75).tolist(), int(s * 0.02))
        cv2.ellipse(img, (c, c + int(s * 0.22)), (int(s * 0.1), int(s * 0.03)), 0, 0, 360,
                    (150, 60, 70), -1)
    img = cv2.GaussianBlur(img, (0, 0), s / 60)
    return np.clip(img, 0, 255).astype(np.uint8)
