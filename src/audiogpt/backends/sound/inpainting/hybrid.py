"""Long-gap fill: Burg AR extrapolation from both borders plus a level-limited texture patch.

A copied patch sounds right but is not phase-coherent with the lost audio, so on its own it
scores below silence by waveform SNR (an uncorrelated signal at full level doubles the error
energy). A high-order Burg AR predictor run forward from the left context and backward from
the right context (Etter 1996; Kauppinen & Roth 2002 for long gaps in music) continues the
partials coherently for tens to hundreds of milliseconds and then decays on its own as its
prediction loses confidence. The two extrapolations are cross-faded so that each dominates
next to the border it continues.

What the extrapolation leaves missing (the context level, interpolated across the gap, minus
the extrapolation's own short-time level) is supplied by the similarity patch, scaled by
``texture_gain``. The MMSE-optimal gain for a component that is uncorrelated with the lost
audio would be 0 (silence); full gain (1) restores the level but costs about 3 dB of SNR
where the patch is used. The default 0.4 keeps the spectral texture (log-spectral distance
better than either component alone) with at most an 8 dB level dip where the extrapolation
has fully decayed. On vocadito_1 (10 positions, 300 ms): gain 0 gives 9/10 positions above
0 dB SNR (LSD 20.7 dB), 0.3 gives 9/10 (14.8), 0.4 gives 8/10 (14.1), 0.5 gives 7/10 (14.0);
the patch alone 0/10 (15.5).

Only the known signal is used: the context on both sides of the gap and the patch source.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

#: Seconds of Burg AR order (2048 samples at 44.1 kHz: several pitch periods of a voice).
AR_ORDER_S = 0.0465
#: Context used on each side, in multiples of the order.
CONTEXT_ORDERS = 3
#: Gain on the patch's share of the missing level (see the module docstring).
TEXTURE_GAIN = 0.4


def _envelope(v: np.ndarray, width: int) -> np.ndarray:
    """Short-time RMS of ``v`` (Hann-weighted, ``width`` samples), same length as ``v``."""
    import numpy as np

    k = np.hanning(max(3, width))
    k /= k.sum()
    return np.sqrt(np.convolve(v * v, k, mode="same") + 1e-12)


def ar_extrapolation(x: np.ndarray, lo: int, hi: int, sr: int) -> tuple[np.ndarray, int]:
    """Forward and backward Burg AR extrapolations of ``x`` into [lo, hi), cross-faded.

    Args:
        x: One channel (1-D float64); samples in the gap are not read.
        lo: First missing sample.
        hi: One past the last missing sample.
        sr: Sample rate.

    Returns:
        (the cross-faded extrapolation, the AR order used).
    """
    from audiogpt.backends.sound.inpainting.ar import lpc_crossfade

    order = max(16, round(AR_ORDER_S * sr))
    avail = max(lo, len(x) - hi)
    order = int(min(order, max(16, avail // CONTEXT_ORDERS)))
    fill = lpc_crossfade(x, lo, hi, order=order, context=CONTEXT_ORDERS * order, method="burg")
    return fill, order


def hybrid_fill(x: np.ndarray, lo: int, hi: int, patch: np.ndarray, sr: int, *,
                texture_gain: float = TEXTURE_GAIN) -> tuple[np.ndarray, dict]:
    """Fill ``x[lo:hi]`` (one channel) with Burg AR extrapolation plus a scaled patch.

    Args:
        x: One channel of the signal (1-D float64).
        lo: First missing sample.
        hi: One past the last missing sample.
        patch: A similarity-patch fill of the same gap (``hi - lo`` samples).
        sr: Sample rate.
        texture_gain: Gain on the patch's share of the missing level (0 = AR only).

    Returns:
        (the filled samples, info: AR order, texture gain, mean patch weight).
    """
    import numpy as np

    n = hi - lo
    ar, order = ar_extrapolation(x, lo, hi, sr)
    width = max(8, int(0.02 * sr))
    left = x[max(0, lo - width): lo]
    right = x[hi: hi + width]
    lvl_l = float(np.sqrt(np.mean(left**2))) if len(left) else 0.0
    lvl_r = float(np.sqrt(np.mean(right**2))) if len(right) else 0.0
    if not len(left):
        lvl_l = lvl_r
    if not len(right):
        lvl_r = lvl_l
    t = (np.arange(n) + 0.5) / n
    target = lvl_l * (1 - t) + lvl_r * t
    missing = np.sqrt(np.maximum(0.0, target**2 - _envelope(ar, width) ** 2))
    weight = texture_gain * missing / np.maximum(_envelope(patch, width), 1e-9)
    weight = np.minimum(weight, 4.0)  # never blow up a near-silent stretch of the patch
    fill = ar + weight * patch
    return fill, {"ar_order": order, "ar_method": "burg", "texture_gain": texture_gain,
                  "ar_share_of_level": round(float(np.mean(_envelope(ar, width))
                                                   / max(np.mean(target), 1e-12)), 3)}
