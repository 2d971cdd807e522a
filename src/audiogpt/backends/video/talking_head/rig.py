"""Face localisation and per-frame face animation (portrait warp or a drawn face).

``find_face`` tries the Haar cascade (:mod:`~audiogpt.backends.dsp.faces`) and then a
colour method for illustrations (largest skin-toned blob in YCrCb with two dark eye blobs in
its upper half). ``PortraitRig`` animates a photo: the lower face below the mouth line is
pulled down with a smooth displacement field (``cv2.remap``), a dark mouth interior with a hint
of teeth is blended into the gap, the mouth is widened/narrowed for spread/rounded visemes,
eyelids close for blinks, and the whole head rolls/translates slightly (``cv2.warpAffine``).
``DrawnFace`` draws a face with the same controls when no portrait is usable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FaceGeometry:
    """Where the face parts are (pixels of the frame).

    Attributes:
        box: Face box (x, y, w, h).
        mouth: Mouth centre x, y and width.
        eyes: Eye ellipses (cx, cy, rx, ry).
        detector: Which method found the face.
    """

    box: tuple[int, int, int, int]
    mouth: tuple[float, float, float]
    eyes: tuple[tuple[float, float, float, float], ...]
    detector: str




def locate_features(rgb: np.ndarray, box: tuple[int, int, int, int], detector: str
                    ) -> FaceGeometry:
    """Refine mouth (lip colour / dark line) and eyes (dark blobs) inside a face box; fall back
    to face-proportion positions where the image gives no clear answer."""
    import cv2
    import numpy as np

    x, y, w, h = box
    H, W = rgb.shape[:2]
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb).astype(np.float32)
    mouth = (x + 0.5 * w, y + 0.78 * h, 0.42 * w)
    y0, y1 = min(H - 1, y + int(0.62 * h)), min(H, y + int(0.93 * h))
    x0, x1 = max(0, x + int(0.22 * w)), min(W, x + int(0.78 * w))
    if y1 - y0 > 4 and x1 - x0 > 4:
        cr = ycc[y0:y1, x0:x1, 1]
        g = gray[y0:y1, x0:x1]
        lips = (cr > np.median(cr) + 8) | (g < np.median(g) - 40)
        ys, xs = np.nonzero(lips)
        if xs.size > 0.002 * w * h:
            mw = float(np.percentile(xs, 98) - np.percentile(xs, 2))
            if 0.2 * w < mw < 0.7 * w:
                mouth = (x0 + float(np.median(xs)), y0 + float(np.median(ys)), mw)
    eyes = []
    for side in (0, 1):
        ex0 = x + int((0.12 if side == 0 else 0.52) * w)
        ex1 = x + int((0.48 if side == 0 else 0.88) * w)
        ey0, ey1 = y + int(0.25 * h), y + int(0.55 * h)
        reg = gray[max(0, ey0):ey1, max(0, ex0):ex1]
        cx, cy = (ex0 + ex1) / 2, y + 0.40 * h
        if reg.size:
            dark = reg < min(np.percentile(reg, 3) + 15, np.median(reg) * 0.6)
            ys, xs = np.nonzero(dark)
            if xs.size:
                cx, cy = ex0 + float(np.median(xs)), ey0 + float(np.median(ys))
        eyes.append((cx, cy, 0.10 * w, 0.065 * h))
    return FaceGeometry(box, mouth, tuple(eyes), detector)


def find_face(rgb: np.ndarray) -> FaceGeometry | None:
    """Find the main face: Haar cascade first, then the skin-colour method."""
    import cv2

    from audiogpt.backends.dsp.faces import detect_faces, skin_face

    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    faces = detect_faces(gray, min_size=max(24, int(0.12 * min(gray.shape))))
    if faces:
        x, y, w, h, _ = faces[0]
        return locate_features(rgb, (x, y, w, h), "haar cascade (frontalface_default)")
    box = skin_face(rgb)
    if box:
        return locate_features(rgb, box, "skin-colour blob with eye check (YCrCb)")
    return None


def _head_pose(frame: np.ndarray, pivot: tuple[float, float], roll: float, dx: float,
               dy: float) -> np.ndarray:
    import cv2

    m = cv2.getRotationMatrix2D(pivot, roll, 1.0)
    m[0, 2] += dx
    m[1, 2] += dy
    return cv2.warpAffine(frame, m, (frame.shape[1], frame.shape[0]), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


class PortraitRig:
    """Animates a portrait's mouth, eyelids and head pose."""

    def __init__(self, rgb: np.ndarray, geom: FaceGeometry) -> None:
        import numpy as np

        self.rgb = rgb
        self.geom = geom
        H, W = rgb.shape[:2]
        x, y, w, h = geom.box
        mx, my, mw = geom.mouth
        self.max_drop = 0.11 * h
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        self.xx, self.yy = xx, yy
        horiz = np.exp(-0.5 * ((xx - mx) / (0.24 * w)) ** 2)
        chin = y + h
        vert = np.clip((yy - my) / (0.06 * h), 0, 1) * np.where(
            yy > chin, np.exp(-((yy - chin) / (0.12 * h)) ** 2), 1.0)
        self.jaw = (horiz * vert).astype(np.float32)
        self.lips = np.exp(-0.5 * (((xx - mx) / (0.6 * mw)) ** 2 + ((yy - my) / (0.12 * h)) ** 2)
                           ).astype(np.float32)
        y_s = int(max(0, y + 0.05 * h))
        skin = rgb[y_s: y_s + max(2, int(0.12 * h)), x + int(0.3 * w): x + int(0.7 * w)]
        self.skin = np.median(skin.reshape(-1, 3), axis=0) if skin.size else np.array([200, 160, 140])
        self.pivot = (float(x + w / 2), float(min(H - 1, y + 1.1 * h)))

    def frame(self, open_: float, wide: float, blink: float, roll: float, dx: float,
              dy: float) -> np.ndarray:
        """Render one frame."""
        import cv2
        import numpy as np

        mx, my, mw = self.geom.mouth
        drop = float(open_) * self.max_drop
        scale = 1.0 + 0.12 * float(wide) - 0.05 * float(open_)
        map_x = mx + (self.xx - mx) / (1 + (scale - 1) * self.lips)
        map_y = self.yy - drop * self.jaw
        out = cv2.remap(self.rgb, map_x.astype(np.float32), map_y.astype(np.float32),
                        cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        if drop > 1.0:
            mask = np.zeros(out.shape[:2], np.float32)
            half_w = max(2, int(0.42 * mw * scale * (1 - 0.25 * max(0.0, -wide))))
            cy = int(my + drop * 0.5)
            cv2.ellipse(mask, (int(mx), cy), (half_w, max(1, int(drop * 0.55))), 0, 0, 360, 1.0, -1)
            mask = cv2.GaussianBlur(mask, (0, 0), 1.2)[..., None]
            inner = np.empty_like(out)
            inner[:] = (45, 18, 22)
            if open_ > 0.25:  # upper teeth
                t_h = max(1, int(drop * 0.22))
                cv2.rectangle(inner, (int(mx - half_w), int(my - drop * 0.05)),
                              (int(mx + half_w), int(my - drop * 0.05) + t_h), (225, 220, 210), -1)
            out = (out * (1 - mask) + inner * mask).astype(np.uint8)
        if blink > 0.05:
            for cx, cy, rx, ry in self.geom.eyes:
                lid = np.zeros(out.shape[:2], np.uint8)
                cv2.ellipse(lid, (int(cx), int(cy)), (int(rx * 1.3), int(ry * 1.6)), 0, 0, 360, 1, -1)
                cut = int(cy - ry * 1.6 + 2 * ry * 1.6 * min(1.0, blink))
                lid[cut:] = 0
                out[lid.astype(bool)] = self.skin.astype(np.uint8)
                if blink > 0.7:
                    cv2.ellipse(out, (int(cx), int(cy)), (int(rx * 1.2), int(ry * 0.4)), 0, 10,
                                170, (90, 60, 50), 2, cv2.LINE_AA)
        return _head_pose(out, self.pivot, roll, dx, dy)


class DrawnFace:
    """A drawn face (head, hair, eyes with lids, brows, nose, lips) with the same controls."""

    def __init__(self, width: int = 512, height: int = 512) -> None:
        self.w, self.h = width, height

    def frame(self, open_: float, wide: float, blink: float, roll: float, dx: float,
              dy: float) -> np.ndarray:
        """Render one frame."""
        import cv2
        import numpy as np

        w, h = self.w, self.h
        img = np.empty((h, w, 3), np.uint8)
        img[:] = (226, 232, 240)
        cx, cy = w // 2, int(h * 0.48)
        fw, fh = int(w * 0.27), int(h * 0.34)
        aa = cv2.LINE_AA
        cv2.rectangle(img, (cx - fw // 3, cy + fh - 10), (cx + fw // 3, h), (225, 180, 150), -1)
        cv2.ellipse(img, (cx, h + 40), (int(w * 0.42), int(h * 0.22)), 0, 180, 360, (70, 90, 140), -1)
        cv2.ellipse(img, (cx, cy), (fw, fh), 0, 0, 360, (240, 200, 170), -1, aa)
        cv2.ellipse(img, (cx, cy - int(fh * 0.35)), (fw + 4, int(fh * 0.75)), 0, 180, 360,
                    (70, 50, 40), -1, aa)
        for side in (-1, 1):
            ex, ey = cx + side * int(fw * 0.42), cy - int(fh * 0.08)
            rx, ry = int(fw * 0.2), int(fh * 0.09)
            cv2.ellipse(img, (ex, ey), (rx, ry), 0, 0, 360, (255, 255, 255), -1, aa)
            cv2.circle(img, (ex, ey), int(ry * 0.85), (70, 110, 150), -1, aa)
            cv2.circle(img, (ex, ey), int(ry * 0.4), (20, 20, 25), -1, aa)
            if blink > 0.05:
                lid = int(ey - ry + 2 * ry * min(1.0, blink))
                sub = img[ey - ry - 2: lid + 1, ex - rx - 2: ex + rx + 3]
                m = np.zeros(sub.shape[:2], np.uint8)
                cv2.ellipse(m, (rx + 2, ry + 2), (rx + 1, ry + 1), 0, 0, 360, 1, -1)
                sub[m.astype(bool)] = (240, 200, 170)
                cv2.line(img, (ex - rx, lid), (ex + rx, lid), (150, 100, 80), 2, aa)
            cv2.line(img, (ex - rx, ey - int(ry * 2.2)), (ex + rx, ey - int(ry * 2.4)),
                     (70, 50, 40), 4, aa)
        cv2.line(img, (cx, cy), (cx - 6, cy + int(fh * 0.25)), (190, 140, 120), 2, aa)
        my = cy + int(fh * 0.5)
        mw = int(fw * 0.42 * (1 + 0.18 * wide - 0.08 * open_))
        mh = int(2 + open_ * fh * 0.22)
        cv2.ellipse(img, (cx, my), (mw, mh + 3), 0, 0, 360, (170, 70, 80), -1, aa)
        cv2.ellipse(img, (cx, my), (max(1, mw - 5), max(1, mh)), 0, 0, 360, (60, 20, 30), -1, aa)
        if open_ > 0.25:
            cv2.ellipse(img, (cx, my - mh + 2), (max(1, mw - 8), max(1, mh // 3)), 0, 0, 180,
                        (235, 235, 230), -1, aa)
        return _head_pose(img, (cx, cy + fh), roll, dx, dy)
