"""Smooth random control curves (amplitude, rate, mouth opening) shared by the generators."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

def control(n: int, sr: int, rng: np.random.Generator, rate: float,
            lo: float = 0.0, hi: float = 1.0) -> np.ndarray:
    """A smooth random curve in [lo, hi] changing about ``rate`` times per second."""
    import numpy as np

    dur = n / sr
    k = max(4, int(np.ceil(dur * rate)) + 3)
    pts = rng.random(k)
    xs = np.linspace(-1.0 / rate, dur + 1.0 / rate, k)
    t = np.arange(n) / sr
    from scipy.interpolate import CubicSpline

    curve = np.clip(CubicSpline(xs, pts)(t), 0.0, 1.0)
    return lo + (hi - lo) * curve


def control_at(times: np.ndarray, n: int, sr: int, curve: np.ndarray) -> np.ndarray:
    """Sample a per-sample control curve at frame ``times`` (seconds)."""
    import numpy as np

    idx = np.clip((np.asarray(times) * sr).astype(int), 0, n - 1)
    return curve[idx]
