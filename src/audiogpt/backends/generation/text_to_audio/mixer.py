"""Mix rendered layers into a stereo scene: placement in time, panning, distance, per-layer
loudness balance (ITU-R BS.1770 via pyloudnorm), a shared reverb send and a look-ahead peak
limiter on the master."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from audiogpt.backends.generation.text_to_audio.dsp import convolve, lowpass, reverb_ir

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.backends.generation.text_to_audio.parser import Layer

logger = logging.getLogger(__name__)

REFERENCE_LUFS = -23.0
MASTER_LUFS = -18.0
CEILING = 10 ** (-1.0 / 20)  # -1 dBFS
FADE_S = 0.3


def loudness(x: np.ndarray, sr: int) -> float:
    """Integrated loudness (LUFS, gated) of a (2, n) or (n,) signal; -inf when silent."""
    import numpy as np
    import pyloudnorm

    data = np.atleast_2d(x).T
    if data.shape[0] < int(0.41 * sr):
        data = np.pad(data, ((0, int(0.41 * sr) - data.shape[0]), (0, 0)))
    if not np.any(data):
        return float("-inf")
    return float(pyloudnorm.Meter(sr).integrated_loudness(data))


def to_stereo(sig: np.ndarray, pan: float | None) -> np.ndarray:
    """Mono -> equal-power panned stereo; stereo -> balance toward ``pan`` when given."""
    import numpy as np

    if sig.ndim == 1:
        p = 0.5 if pan is None else pan
        return np.stack([sig * np.cos(p * np.pi / 2), sig * np.sin(p * np.pi / 2)]) * np.sqrt(2)
    if pan is None:
        return sig
    left, right = sig[0], sig[1]
    mono = 0.5 * (left + right)
    width = 0.3  # keep a little of the original image
    l2 = (width * left + (1 - width) * mono) * np.cos(pan * np.pi / 2) * np.sqrt(2)
    r2 = (width * right + (1 - width) * mono) * np.sin(pan * np.pi / 2) * np.sqrt(2)
    return np.stack([l2, r2])


def limit(x: np.ndarray, sr: int, ceiling: float = CEILING, lookahead_s: float = 0.005,
          release_s: float = 0.08) -> tuple[np.ndarray, float]:
    """Look-ahead peak limiter; returns (limited signal, max gain reduction in dB).

    The per-sample gain needed to keep the peak under ``ceiling`` is min-filtered over the
    look-ahead window, then smoothed, so the gain is already down when a peak arrives.
    """
    import numpy as np
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    peak = np.max(np.abs(x), axis=0)
    need = np.minimum(1.0, ceiling / np.maximum(peak, 1e-12))
    la = max(1, int(lookahead_s * sr))
    g = minimum_filter1d(need, size=2 * la + 1)
    g = uniform_filter1d(g, size=la)
    rel = max(1, int(release_s * sr))
    # hold and smooth over the release window (min-filter then average: never above `need`)
    g = uniform_filter1d(minimum_filter1d(g, size=rel), size=rel)
    y = np.clip(x * g, -ceiling, ceiling)
    return y, float(-20 * np.log10(max(g.min(), 1e-9)))


def mix(rendered: list[tuple[Layer, np.ndarray]], n: int, sr: int,
        rng: np.random.Generator) -> tuple[np.ndarray, dict[str, object]]:
    """Mix rendered layers (each covering its layer's span) into ``n`` stereo samples.

    Args:
        rendered: (layer, signal) pairs; a signal spans ``[start*n, end*n)``.
        n: Output length in samples (exact).
        sr: Sample rate.
        rng: Random generator (reverb).

    Returns:
        The (2, n) float32 mix and statistics (per-layer loudness, limiter reduction).
    """
    import numpy as np

    out = np.zeros((2, n))
    send = np.zeros((2, n))
    stats: dict[str, object] = {"layers": []}
    for layer, sig in rendered:
        a, b = int(round(layer.start * n)), int(round(layer.end * n))
        st = to_stereo(np.asarray(sig, dtype=np.float64), layer.pan)[:, : b - a]
        if "distant" in layer.mods:
            st = lowpass(st, sr, 2200)
        lufs = loudness(st, sr)
        if np.isfinite(lufs):
            st = st * 10 ** ((REFERENCE_LUFS + layer.level_db - lufs) / 20)
        else:
            logger.warning("layer %s rendered silence", layer.recipe)
        m = st.shape[1]
        fade = min(int(FADE_S * sr), m // 3)
        if fade and a > 0:
            st[:, :fade] *= np.linspace(0, 1, fade)
        if fade and b < n:
            st[:, m - fade:] *= np.linspace(1, 0, fade)
        out[:, a: a + m] += st
        send[:, a: a + m] += st * (0.45 if "distant" in layer.mods else 0.12)
        stats["layers"].append({"recipe": layer.recipe,
                                "loudness_lufs": round(lufs, 1) if np.isfinite(lufs) else None})
    if np.any(send):
        ir = reverb_ir(sr, rng, 1.3)
        wet = np.stack([convolve(send[0], ir[0]), convolve(send[1], ir[1])])
        out += wet * 0.5
    lufs = loudness(out, sr)
    if np.isfinite(lufs):
        out *= 10 ** ((MASTER_LUFS - lufs) / 20)
    out, reduction = limit(out, sr)
    stats.update(master_lufs_before=round(lufs, 1) if np.isfinite(lufs) else None,
                 limiter_reduction_db=round(reduction, 1),
                 peak_dbfs=round(float(20 * np.log10(np.abs(out).max() + 1e-12)), 1))
    return out.astype(np.float32), stats
