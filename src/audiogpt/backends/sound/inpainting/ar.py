"""Autoregressive gap interpolation: Janssen's iterative AR method and LPC extrapolation.

Janssen, Veldhuis & Vries (1986), "Adaptive interpolation of discrete-time signals that can
be modeled as autoregressive processes": alternate between estimating AR coefficients from
the current signal estimate and solving for the missing samples that minimise the
prediction-error energy given those coefficients (a Toeplitz system solved by Levinson
recursion). Also LPC forward/backward extrapolation with a cross-fade (Etter 1996), with
either the autocorrelation method (to smooth the borders of patches) or Burg's method
(Burg 1975; the coherent part of the long-gap fill, see ``inpaint_hybrid``).

All functions work on 1-D float64 numpy arrays and never modify samples outside the gap.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

from audiogpt.backends.dsp.lpc import autocorr, levinson, lpc

logger = logging.getLogger(__name__)



def _fill_given_ar(y: np.ndarray, a: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Missing samples ``y[lo:hi]`` that minimise the prediction-error energy for filter ``a``.

    The normal equations are Toeplitz with the autocorrelation of ``a``; the right-hand side
    is the known signal (gap zeroed) filtered by that autocorrelation.
    """
    import numpy as np
    from scipy.linalg import solve_toeplitz
    from scipy.signal import fftconvolve

    p = len(a) - 1
    length = hi - lo
    ra = np.correlate(a, a, mode="full")  # lags -p..p
    col = np.zeros(length)
    m = min(length, p + 1)
    col[:m] = ra[p: p + m]
    known = y.copy()
    known[lo:hi] = 0.0
    # rhs_i = -sum_j ra(j - i) y_known[j] for i in the gap: a correlation with the symmetric ra.
    seg = known[max(0, lo - p): hi + p]
    conv = fftconvolve(seg, ra, mode="full")
    off = p + (lo - max(0, lo - p))
    rhs = -conv[off: off + length]
    col[0] *= 1.0 + 1e-9
    return solve_toeplitz(col, rhs)


def janssen(x: np.ndarray, lo: int, hi: int, *, order: int | None = None,
            iterations: int = 8, context: int | None = None) -> tuple[np.ndarray, dict]:
    """Fill ``x[lo:hi]`` by Janssen's iterative AR interpolation.

    Args:
        x: The whole signal (1-D).
        lo: First missing sample.
        hi: One past the last missing sample.
        order: AR order (default: about 3 x gap, within [32, 1600]).
        iterations: Number of estimate/solve rounds.
        context: Known samples used on each side (default: 4 x order, at least 2 x gap).

    Returns:
        (the filled samples, info dict with the order, context and iterations used).
    """
    import numpy as np

    length = hi - lo
    if order is None:
        order = int(np.clip(3 * length + 2, 32, 1600))
    if context is None:
        context = max(4 * order, 2 * length)
    s0 = max(0, lo - context)
    s1 = min(len(x), hi + context)
    y = np.asarray(x[s0:s1], dtype=np.float64).copy()
    glo, ghi = lo - s0, hi - s0
    # A model order that the available context cannot support is reduced.
    order = int(max(4, min(order, (glo + len(y) - ghi) // 3)))
    left, right = y[:glo], y[ghi:]
    # First estimate: AR model of the known context on both sides (no zeros from the gap).
    r = np.zeros(order + 1)
    for part in (left, right):
        if len(part) > order:
            r += autocorr(part * np.hanning(len(part)), order)

    a = levinson(r, 1e-6)
    y[glo:ghi] = 0.0
    for it in range(iterations):
        y[glo:ghi] = _fill_given_ar(y, a, glo, ghi)
        if it + 1 < iterations:
            a = lpc(y * np.hanning(len(y)), order)
    fill = y[glo:ghi]
    limit = 4.0 * max(np.abs(left).max(initial=0.0), np.abs(right).max(initial=0.0), 1e-6)
    fill = np.clip(fill, -limit, limit)
    return fill, {"method": "janssen_ar", "order": order, "context_samples": int(len(y) - length),
                  "iterations": iterations}


def burg(x: np.ndarray, order: int) -> np.ndarray:
    """AR coefficients ``[1, a1..ap]`` of ``x`` by Burg's method (maximum-entropy).

    Burg's recursion minimises the forward plus backward prediction-error energy over the
    data actually present (no windowing, no zero padding), so a long, unwindowed context
    gives sharper spectral lines than the autocorrelation method and a guaranteed stable
    predictor (every reflection coefficient has magnitude < 1). That makes it the better
    choice for extrapolating voiced/tonal audio far into a gap.

    Args:
        x: Signal (1-D, not windowed).
        order: Model order p (at most ``len(x) - 1``).

    Returns:
        The prediction-error filter, length ``order + 1``.
    """
    import numpy as np

    x = np.asarray(x, dtype=np.float64)
    order = int(max(1, min(order, len(x) - 1)))
    f, b = x[1:].copy(), x[:-1].copy()
    a = np.zeros(order + 1)
    a[0] = 1.0
    for m in range(order):
        den = float(np.dot(f, f) + np.dot(b, b))
        k = -2.0 * float(np.dot(f, b)) / den if den > 0 else 0.0
        a[: m + 2] = a[: m + 2] + k * a[: m + 2][::-1]
        f, b = f[1:] + k * b[1:], b[:-1] + k * f[:-1]
    return a


def extrapolate(context: np.ndarray, n: int, order: int, *, backward: bool = False,
                method: str = "autocorr") -> np.ndarray:
    """Continue ``context`` by ``n`` samples with an LPC predictor (backward: predict the past).

    Args:
        context: Known samples next to the gap (ending at the gap, or starting after it).
        n: Number of samples to predict.
        order: LPC order.
        backward: Predict the samples before ``context`` instead of after it.
        method: ``autocorr`` (Hann-windowed autocorrelation method) or ``burg``.

    Returns:
        The ``n`` predicted samples, in natural time order.
    """
    import numpy as np
    from scipy.signal import lfilter, lfiltic

    c = np.asarray(context, dtype=np.float64)
    if backward:
        c = c[::-1]
    order = max(1, min(order, len(c) // 3))
    a = burg(c, order) if method == "burg" else lpc(c * np.hanning(len(c)), order)
    # Run the all-pole synthesis filter 1/A(z) on zero excitation, seeded with the context.
    zi = lfiltic([1.0], a, c[::-1][:order])
    out, _ = lfilter([1.0], a, np.zeros(n), zi=zi)
    return out[::-1] if backward else out


def lpc_crossfade(x: np.ndarray, lo: int, hi: int, *, order: int = 512,
                  context: int | None = None, method: str = "autocorr") -> np.ndarray:
    """Fill ``x[lo:hi]`` with forward and backward LPC extrapolations, cross-faded.

    Args:
        x: The whole signal.
        lo: First missing sample.
        hi: One past the last missing sample.
        order: LPC order.
        context: Samples of context on each side (default 4 x order).
        method: ``autocorr`` or ``burg`` (see :func:`extrapolate`).

    Returns:
        The filled samples.
    """
    import numpy as np

    n = hi - lo
    context = context or 4 * order
    left = x[max(0, lo - context): lo]
    right = x[hi: hi + context]
    fwd = extrapolate(left, n, order, method=method) if len(left) > 8 else np.zeros(n)
    bwd = (extrapolate(right, n, order, backward=True, method=method) if len(right) > 8
           else np.zeros(n))
    w = np.sin(0.5 * np.pi * (np.arange(n) + 0.5) / n) ** 2
    return (1 - w) * fwd + w * bwd
