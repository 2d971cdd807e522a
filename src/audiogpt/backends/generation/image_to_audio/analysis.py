"""Scene analysis of an image for sonification.

Pixels are classified in HSV with position cues: a horizon row (the strongest change of mean
row colour in the middle band), sky (blue or bright grey above it), water (saturated blue/teal
below it), vegetation (green), sand (pale yellow-beige low in the frame), fire (bright
saturated orange), snow, built/urban areas (grey with dense straight edges), the sun (a
compact very bright yellow blob up high) and night (low overall brightness). Texture (edge
density) grades water from calm to rough. Faces come from the Haar cascade detector. The
result maps to sound layers with intensities and stereo positions taken from where each
region sits in the frame.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.backends.generation.text_to_audio.parser import Layer
    from audiogpt.core.media import Image

logger = logging.getLogger(__name__)


@dataclass
class SceneAnalysis:
    """What the image shows.

    Attributes:
        fractions: Share of the image per region class (sky, water, vegetation, ...).
        centres: Horizontal centre (0 left .. 1 right) per region class.
        horizon: Horizon row as a fraction of the height, or None.
        brightness: Mean value (0-1).
        water_texture: Edge density inside the water region (0 calm .. 1 rough).
        sun: Whether a sun-like blob was found.
        faces: Number of faces.
        cues: Human-readable findings.
    """

    fractions: dict[str, float] = field(default_factory=dict)
    centres: dict[str, float] = field(default_factory=dict)
    horizon: float | None = None
    brightness: float = 0.0
    water_texture: float = 0.0
    sun: bool = False
    faces: int = 0
    cues: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {"regions": {k: round(v, 3) for k, v in self.fractions.items() if v > 0.005},
                "horizon": None if self.horizon is None else round(self.horizon, 3),
                "brightness": round(self.brightness, 3), "water_texture": round(self.water_texture, 3),
                "sun": self.sun, "faces": self.faces, "night": self.brightness < 0.25}


def _horizon(hsv: np.ndarray) -> float | None:
    """Row (fraction) of the strongest change in mean row colour within the middle band."""
    import numpy as np

    rows = hsv.astype(np.float32).mean(axis=1)  # (H, 3)
    rows[:, 0] *= 2.0  # hue matters most between sky and sea
    h = rows.shape[0]
    k = max(2, h // 50)
    diffs = np.array([np.abs(rows[i + k] - rows[i - k]).sum() if k <= i < h - k else 0.0
                      for i in range(h)])
    lo, hi = int(0.15 * h), int(0.85 * h)
    if hi <= lo:
        return None
    band = diffs[lo:hi]
    if band.max() <= 20:
        return None
    # the top-most strong transition: where the sky ends (lower ones are shore lines etc.)
    strong = np.nonzero(band > 0.4 * band.max())[0]
    first = strong[0]
    run = first
    while run + 1 < band.size and band[run + 1] >= band[run]:  # climb to the local peak
        run += 1
    return (lo + run) / h


def analyze(img: Image) -> SceneAnalysis:
    """Analyse an image (any size; it is reduced to 256 px first)."""
    import cv2
    import numpy as np

    small = img.resized(256) if max(img.width, img.height) > 256 else img
    rgb = small.pixels
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    H, S, V = (hsv[..., i].astype(np.float32) for i in range(3))
    h, w = H.shape
    yy = np.repeat(np.arange(h)[:, None], w, axis=1) / h
    xx = np.repeat(np.arange(w)[None, :], h, axis=0) / w
    horizon = _horizon(hsv)
    hz = horizon if horizon is not None else 0.5
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    edges = cv2.Canny(gray, 60, 150) > 0
    edge_density = cv2.blur(edges.astype(np.float32), (9, 9))
    blue = (H >= 85) & (H <= 130)
    masks = {
        "sky": ((blue & (S < 200) & (V > 110)) | ((S < 35) & (V > 150))) & (yy < hz + 0.02)
        & (edge_density < 0.2),
        "water": blue & (S >= 60) & (V > 40) & (yy >= hz - 0.02),
        "vegetation": (H >= 35) & (H < 85) & (S > 50) & (V > 35),
        "sand": (H >= 8) & (H < 32) & (S > 25) & (S < 150) & (V > 140) & (yy > hz),
        "fire": ((H < 20) | (H > 170)) & (S > 150) & (V > 180),
        "snow": (S < 25) & (V > 200) & (yy > hz),
        "urban": (S < 45) & (V > 40) & (V < 200) & (edge_density > 0.12),
    }
    masks["water"] &= ~masks["sky"]
    res = SceneAnalysis(horizon=horizon, brightness=float(V.mean() / 255))
    for name, m in masks.items():
        frac = float(m.mean())
        res.fractions[name] = frac
        res.centres[name] = float(xx[m].mean()) if m.any() else 0.5
    if masks["water"].any():
        res.water_texture = float(min(1.0, edge_density[masks["water"]].mean() * 5))
    sunny = (H >= 18) & (H <= 35) & (S > 120) & (V > 220) & (yy < hz)
    if sunny.any():
        n, _, stats, _ = cv2.connectedComponentsWithStats(sunny.astype(np.uint8))
        areas = stats[1:, cv2.CC_STAT_AREA] if n > 1 else np.array([0])
        res.sun = bool(0.002 < areas.max() / (h * w) < 0.1)
    from audiogpt.backends.dsp.faces import detect_faces

    big = img.resized(400) if max(img.width, img.height) > 400 else img
    res.faces = len(detect_faces(big.gray(), min_size=24, max_side=400))
    if not res.faces:
        from audiogpt.backends.dsp.faces import skin_face

        res.faces = int(skin_face(big.pixels) is not None)  # drawn/illustrated faces
    return res


def scene_layers(a: SceneAnalysis) -> tuple[list[Layer], list[str]]:
    """Sound layers for an analysed scene, with the reasons."""
    from audiogpt.backends.generation.text_to_audio.parser import Layer, default_level

    f = a.fractions
    night = a.brightness < 0.25
    layers: list[Layer] = []
    why: list[str] = []

    def add(recipe: str, intensity: float, reason: str, pan: float | None = None,
            mods: tuple[str, ...] = (), count: int | None = None) -> None:
        layer = Layer(recipe, max(0.0, min(1.0, intensity)), count, frozenset(mods), 0.0, 1.0,
                      pan, phrase=reason)
        layer.level_db = default_level(layer)
        layers.append(layer)
        why.append(f"{reason} -> {recipe}")

    sea = f.get("water", 0) > 0.06 and a.horizon is not None
    if sea:
        add("waves", 0.3 + 0.5 * a.water_texture + 0.3 * f["water"],
            f"water below the horizon ({f['water']:.0%})")
    elif f.get("water", 0) > 0.03:
        add("stream", 0.5, f"water ({f['water']:.0%})", pan=a.centres["water"])
    if f.get("sky", 0) > 0.15:
        add("wind", 0.15 + 0.3 * (f["sky"] > 0.5), f"open sky ({f['sky']:.0%})",
            mods=("distant",) if not sea else ())
    if sea and (f.get("sky", 0) > 0.15 or f.get("sand", 0) > 0.05) and not night:
        add("seagulls", 0.3, "sea under open sky" + (" with a beach" if f.get("sand", 0) > 0.05
                                                     else ""), mods=("distant",))
    if f.get("vegetation", 0) > 0.1:
        if night:
            add("crickets", 0.4 + f["vegetation"], f"vegetation at night ({f['vegetation']:.0%})")
        else:
            add("birdsong", 0.3 + f["vegetation"], f"vegetation ({f['vegetation']:.0%})",
                pan=a.centres["vegetation"])
            add("wind", 0.15, "leaves", mods=("leaves",)) if not any(
                la.recipe == "wind" for la in layers) else None
    elif night:
        add("crickets", 0.3, "dark (night) scene")
    if f.get("fire", 0) > 0.02:
        add("fire", 0.3 + 2 * f["fire"], f"flame colours ({f['fire']:.0%})", pan=a.centres["fire"])
    if f.get("urban", 0) > 0.15:
        add("traffic", 0.3 + f["urban"], f"built, edge-dense grey areas ({f['urban']:.0%})",
            mods=("distant",))
    if a.faces >= 5:
        add("crowd", 0.5, f"{a.faces} faces")
    elif a.faces:
        add("babble", 0.3, f"{a.faces} face(s)", count=min(a.faces, 4))
    if f.get("snow", 0) > 0.2 and not any(la.recipe == "wind" for la in layers):
        add("wind", 0.5, f"snow ({f['snow']:.0%})")
    if not layers:
        add("wind", 0.1, "no strong outdoor cue; a quiet air ambience", mods=("distant",))
    return layers, why
