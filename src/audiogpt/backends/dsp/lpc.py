"""Linear prediction by the autocorrelation method: one LPC for inpainting and formant tracking."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def lpc(x: np.ndarray, order: int, *, ridge: float = 1e-6) -> np.ndarray:
    """LPC coefficients ``[1, a1..ap]`` of ``x`` by the autocorrelation method.

    Args:
        x: Signal (already windowed if wanted).
        order: Model order p.
        ridge: Relative white-noise correction added to r[0] (keeps the system stable).

    Returns:
        The prediction-error filter, length ``order + 1``.
    """
    return levinson(autocorr(x, order), ridge)


def autocorr(x: np.ndarray, order: int) -> np.ndarray:
    """Autocorrelation lags 0..order of ``x`` (via the FFT)."""
    import numpy as np

    n = len(x)
    nfft = 1 << int(np.ceil(np.log2(2 * n + 1)))
    spec = np.fft.rfft(x, nfft)
    return np.fft.irfft(np.abs(spec) ** 2, nfft)[: order + 1]


def levinson(r: np.ndarray, ridge: float = 1e-6) -> np.ndarray:
    """Prediction-error filter ``[1, a1..ap]`` from autocorrelation lags (Toeplitz solve)."""
    import numpy as np
    from scipy.linalg import solve_toeplitz

    r = r.astype(np.float64).copy()
    if r[0] <= 0:
        return np.concatenate([[1.0], np.zeros(len(r) - 1)])
    r[0] *= 1.0 + ridge
    coef = solve_toeplitz(r[:-1], -r[1:])
    return np.concatenate([[1.0], coef])
