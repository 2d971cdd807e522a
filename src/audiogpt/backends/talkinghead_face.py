"""Viola-Jones face detection with OpenCV's trained Haar cascades, evaluated in numpy.

The opencv-python wheel installed here (OpenCV 5) no longer ships ``CascadeClassifier`` nor
the cascade files, so this module reads the cascade XML shipped by Debian's ``opencv-data``
package (``/usr/share/opencv4/haarcascades``; ``cv2.data.haarcascades`` when a wheel still has
them) and evaluates it the way OpenCV's ``detectMultiScale`` does: an image pyramid, integral
images, variance-normalised Haar features, boosted stages with early rejection, and
``groupRectangles`` clustering. Every window of a pyramid level is evaluated at once (numpy
fancy indexing), so a 512-pixel portrait takes well under a second.
"""

from __future__ import annotations

import functools
import logging
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

SEARCH_DIRS = ("/usr/share/opencv4/haarcascades", "/usr/share/opencv/haarcascades",
               "/usr/local/share/opencv4/haarcascades")
FRONTAL = "haarcascade_frontalface_default.xml"
INSTALL_HINT = "sudo apt-get install opencv-data"


def cascade_path(name: str = FRONTAL) -> Path | None:
    """Where the cascade file ``name`` is installed, or None."""
    dirs: list[str] = []
    try:
        import cv2

        if getattr(cv2, "data", None) is not None and getattr(cv2.data, "haarcascades", ""):
            dirs.append(cv2.data.haarcascades)
    except ImportError:  # pragma: no cover - opencv is a core dependency
        pass
    for d in [*dirs, *SEARCH_DIRS]:
        p = Path(d) / name
        if p.exists():
            return p
    return None


@dataclass(frozen=True)
class Stage:
    """One boosted stage: weak classifiers as node arrays and leaf values."""

    threshold: float
    nodes: np.ndarray  # (weak, nodes, 4): left, right, feature index, threshold
    leaves: np.ndarray  # (weak, leaves)
    stumps: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True)
class Cascade:
    """A Haar cascade: window size, stages and features (rects as x, y, w, h, weight)."""

    width: int
    height: int
    stages: tuple[Stage, ...]
    features: tuple[np.ndarray, ...]


@functools.lru_cache(maxsize=4)
def load_cascade(path: str) -> Cascade:
    """Parse an OpenCV (new-format) Haar cascade XML file."""
    import numpy as np

    root = ET.parse(path).getroot().find("cascade")
    if root is None or (root.findtext("featureType") or "").strip() != "HAAR":
        raise ValueError(f"{path}: not a HAAR cascade in OpenCV's format")
    width, height = int(root.findtext("width")), int(root.findtext("height"))
    stages = []
    for st in root.find("stages"):
        nodes, leaves = [], []
        for wc in st.find("weakClassifiers"):
            vals = [float(v) for v in wc.findtext("internalNodes").split()]
            nodes.append(np.array(vals, dtype=np.float64).reshape(-1, 4))
            leaves.append(np.array([float(v) for v in wc.findtext("leafValues").split()]))
        depth = max(x.shape[0] for x in nodes)
        nl = max(x.size for x in leaves)
        node_arr = np.zeros((len(nodes), depth, 4))
        leaf_arr = np.zeros((len(leaves), nl))
        for i, (nd, lf) in enumerate(zip(nodes, leaves)):
            node_arr[i, : nd.shape[0]] = nd
            leaf_arr[i, : lf.size] = lf
        stages.append((float(st.findtext("stageThreshold")), node_arr, leaf_arr))
    features = []
    for ft in root.find("features"):
        if (ft.findtext("tilted") or "0").strip() not in ("0", ""):
            raise ValueError(f"{path}: tilted Haar features are not supported")
        rects = [[float(v) for v in r.text.split()] for r in ft.find("rects")]
        features.append(np.array(rects))
    nr = max(f.shape[0] for f in features)
    rects = np.zeros((len(features), nr, 5))
    for i, f in enumerate(features):
        rects[i, : f.shape[0]] = f
    built = []
    for thr, node_arr, leaf_arr in stages:
        stumps = None
        if node_arr.shape[1] == 1 and np.all(node_arr[:, 0, 0] == 0) and np.all(
                node_arr[:, 0, 1] == -1):
            idx = node_arr[:, 0, 2].astype(int)
            stumps = (rects[idx], node_arr[:, 0, 3], leaf_arr[:, 0], leaf_arr[:, 1])
        built.append(Stage(thr, node_arr, leaf_arr, stumps))
    return Cascade(width, height, tuple(built), tuple(features))


def _rect_sum(ii: np.ndarray, x: np.ndarray, y: np.ndarray, w: float, h: float) -> np.ndarray:
    xi, yi, wi, hi = x, y, int(w), int(h)
    return ii[yi + hi, xi + wi] - ii[yi, xi + wi] - ii[yi + hi, xi] + ii[yi, xi]


def _tree_stage(casc: Cascade, stage: Stage, ii: np.ndarray, x: np.ndarray, y: np.ndarray,
                nf: np.ndarray) -> np.ndarray:
    """Sum of a stage's tree-classifier outputs for each window (generic, slower path)."""
    import numpy as np

    def feature(idx: int, sel: np.ndarray) -> np.ndarray:
        val = np.zeros(sel.size)
        for rx, ry, rw, rh, wt in casc.features[idx]:
            val += wt * _rect_sum(ii, x[sel] + int(rx), y[sel] + int(ry), rw, rh)
        return val / nf[sel]

    total = np.zeros(x.size)
    for nodes, leaves in zip(stage.nodes, stage.leaves):
        node = np.zeros(x.size, int)  # walk the tree; a non-positive index is a leaf
        done = np.zeros(x.size, bool)
        for _ in range(nodes.shape[0] + 1):
            for nid in np.unique(node[~done]):
                sel = np.nonzero((node == nid) & ~done)[0]
                left, right, fi, thr = nodes[nid]
                nxt = np.where(feature(int(fi), sel) < thr, left, right).astype(int)
                leaf = nxt <= 0
                total[sel[leaf]] += leaves[-nxt[leaf]]
                done[sel[leaf]] = True
                node[sel[~leaf]] = nxt[~leaf]
            if done.all():
                break
    return total


def _evaluate_level(casc: Cascade, gray: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Window origins (x, y) of one pyramid level that pass every stage."""
    import numpy as np

    h, w = gray.shape
    if h < casc.height or w < casc.width:
        return np.zeros(0, int), np.zeros(0, int)
    g = gray.astype(np.float64)
    ii = np.zeros((h + 1, w + 1))
    ii[1:, 1:] = g.cumsum(0).cumsum(1)
    ii2 = np.zeros((h + 1, w + 1))
    ii2[1:, 1:] = (g * g).cumsum(0).cumsum(1)
    ys, xs = np.mgrid[0: h - casc.height + 1: step, 0: w - casc.width + 1: step]
    x, y = xs.ravel(), ys.ravel()
    nw, nh = casc.width - 2, casc.height - 2
    s = _rect_sum(ii, x + 1, y + 1, nw, nh)
    sq = _rect_sum(ii2, x + 1, y + 1, nw, nh)
    nf = nw * nh * sq - s * s
    nf = np.sqrt(np.maximum(nf, 0))
    # OpenCV skips nearly flat windows (pixel std <= 10 grey levels): area / nf >= 0.1
    keep = nf * 0.1 > nw * nh
    x, y, nf = x[keep], y[keep], nf[keep]

    base = y * (w + 1) + x
    flat = ii.ravel()
    sign = np.array([1.0, -1.0, -1.0, 1.0])
    for stage in casc.stages:
        if stage.stumps is not None:
            rects, thr, lo, hi = stage.stumps
            x0, y0 = rects[..., 0].astype(int), rects[..., 1].astype(int)
            x1, y1 = x0 + rects[..., 2].astype(int), y0 + rects[..., 3].astype(int)
            offs = np.stack([y1 * (w + 1) + x1, y0 * (w + 1) + x1,
                             y1 * (w + 1) + x0, y0 * (w + 1) + x0], axis=-1)  # (F, R, 4)
            total = np.zeros(x.size)
            chunk = max(1, 4_000_000 // offs.size)
            for a in range(0, x.size, chunk):
                corners = flat[base[a: a + chunk, None, None, None] + offs[None]]
                vals = ((corners @ sign) * rects[None, :, :, 4]).sum(-1) / nf[a: a + chunk, None]
                total[a: a + chunk] = np.where(vals < thr, lo, hi).sum(1)
        else:
            total = _tree_stage(casc, stage, ii, x, y, nf)
        keep = total >= stage.threshold
        x, y, nf, base = x[keep], y[keep], nf[keep], base[keep]
        if x.size == 0:
            break
    return x, y


def group_rectangles(rects: list[tuple[int, int, int, int]], min_neighbors: int = 3,
                     eps: float = 0.2) -> list[tuple[int, int, int, int, int]]:
    """OpenCV's ``groupRectangles``: cluster similar boxes, keep clusters with more than
    ``min_neighbors`` members, average them; returns (x, y, w, h, members)."""
    n = len(rects)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            a, b = rects[i], rects[j]
            delta = eps * (min(a[2], b[2]) + min(a[3], b[3])) * 0.5
            if (abs(a[0] - b[0]) <= delta and abs(a[1] - b[1]) <= delta
                    and abs(a[0] + a[2] - b[0] - b[2]) <= delta
                    and abs(a[1] + a[3] - b[1] - b[3]) <= delta):
                parent[find(i)] = find(j)
    clusters: dict[int, list[tuple[int, int, int, int]]] = {}
    for i, r in enumerate(rects):
        clusters.setdefault(find(i), []).append(r)
    out = []
    for members in clusters.values():
        if len(members) <= min_neighbors:
            continue
        k = len(members)
        out.append(tuple(int(round(sum(m[d] for m in members) / k)) for d in range(4)) + (k,))
    # drop boxes inside a stronger one
    final = []
    for r in out:
        inside = any(o is not r and o[4] >= r[4] and r[0] >= o[0] - 0.2 * o[2]
                     and r[1] >= o[1] - 0.2 * o[3] and r[0] + r[2] <= o[0] + 1.2 * o[2]
                     and r[1] + r[3] <= o[1] + 1.2 * o[3] for o in out)
        if not inside:
            final.append(r)
    return sorted(final, key=lambda r: -r[2] * r[3])


def detect_faces(gray: np.ndarray, min_size: int = 40, scale_factor: float = 1.1,
                 min_neighbors: int = 3, cascade: str = FRONTAL,
                 max_side: int = 400) -> list[tuple[int, int, int, int, int]]:
    """Detect frontal faces in a grayscale uint8 image.

    Args:
        gray: 2-D uint8 image.
        min_size: Smallest face side in pixels (of the given image).
        scale_factor: Pyramid step.
        min_neighbors: Detections a face needs (OpenCV's ``minNeighbors``).
        cascade: Cascade file name.
        max_side: The image is first reduced so its longer side is at most this.

    Returns:
        Boxes (x, y, w, h, neighbours) in the given image's pixels, largest first; empty when
        the cascade file is not installed (logged) or nothing is found.
    """
    import cv2

    path = cascade_path(cascade)
    if path is None:
        logger.warning("Haar cascade %s not found (%s)", cascade, INSTALL_HINT)
        return []
    casc = load_cascade(str(path))
    base = max(1.0, max(gray.shape) / max_side)
    img = gray if base == 1.0 else cv2.resize(
        gray, (int(gray.shape[1] / base), int(gray.shape[0] / base)), interpolation=cv2.INTER_AREA)
    rects: list[tuple[int, int, int, int]] = []
    factor = max(1.0, (min_size / base) / casc.width)
    while True:
        w, h = int(round(img.shape[1] / factor)), int(round(img.shape[0] / factor))
        if w < casc.width or h < casc.height:
            break
        level = cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)
        xs, ys = _evaluate_level(casc, level, 1 if factor > 2 else 2)
        size = casc.width * factor * base
        for x0, y0 in zip(xs, ys):
            rects.append((int(x0 * factor * base), int(y0 * factor * base), int(size), int(size)))
        factor *= scale_factor
    found = group_rectangles(rects, min_neighbors)
    logger.debug("haar: %d raw windows, %d faces", len(rects), len(found))
    return [tuple(int(v) for v in r) for r in found] if found else []  # type: ignore[misc]


def has_cascade() -> bool:
    """Whether the frontal-face cascade is installed."""
    return cascade_path() is not None


__all__ = ["cascade_path", "detect_faces", "group_rectangles", "has_cascade", "load_cascade"]
