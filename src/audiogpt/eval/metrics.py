"""Signal metrics for speech tools: SI-SDR (and its improvement, best permutation), median F0,
semitone distance, and the lag between two signals (cross-correlation).

All functions take 1-D numpy arrays (or ``Audio`` where stated) and import numpy lazily.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)


def si_sdr(estimate: np.ndarray, reference: np.ndarray) -> float:
    """Scale-invariant signal-to-distortion ratio in dB (Le Roux et al., 2019).

    Args:
        estimate: The estimated signal.
        reference: The clean reference (same rate; the shorter length is used).

    Returns:
        SI-SDR in dB.
    """
    import numpy as np

    n = min(len(estimate), len(reference))
    est = np.asarray(estimate[:n], np.float64)
    ref = np.asarray(reference[:n], np.float64)
    est = est - est.mean()
    ref = ref - ref.mean()
    alpha = float(np.dot(est, ref) / (np.dot(ref, ref) + 1e-12))
    target = alpha * ref
    noise = est - target
    return float(10 * np.log10((np.sum(target**2) + 1e-12) / (np.sum(noise**2) + 1e-12)))


def si_sdr_improvement(estimate: np.ndarray, reference: np.ndarray, mixture: np.ndarray) -> float:
    """SI-SDR of ``estimate`` minus SI-SDR of the unprocessed ``mixture`` (dB)."""
    return si_sdr(estimate, reference) - si_sdr(mixture, reference)


def best_permutation_si_sdri(estimates: Sequence[np.ndarray], references: Sequence[np.ndarray],
                             mixture: np.ndarray) -> tuple[float, tuple[int, ...]]:
    """Mean SI-SDR improvement over the references under the best estimate permutation.

    Args:
        estimates: One signal per separated output (at least as many as references).
        references: The true sources.
        mixture: The input mixture.

    Returns:
        (mean SI-SDRi in dB, permutation: ``perm[i]`` is the estimate matched to reference i).
    """
    best = (-math.inf, ())
    for perm in itertools.permutations(range(len(estimates)), len(references)):
        val = sum(si_sdr_improvement(estimates[p], references[i], mixture)
                  for i, p in enumerate(perm)) / len(references)
        if val > best[0]:
            best = (val, tuple(perm))
    return best


def f0_track(audio: Audio, floor: float = 60.0, ceiling: float = 500.0) -> np.ndarray:
    """F0 per 10 ms frame (SwiftF0, the project's pitch tracker); 0 where unvoiced."""
    import numpy as np

    from audiogpt.backends.dsp.pitch import resample_track, track

    times, f0, _ = track(audio, floor, ceiling)
    frames = np.arange(int(audio.duration / 0.01)) * 0.01
    return resample_track(times, f0, frames)


def median_f0(audio: Audio, floor: float = 60.0, ceiling: float = 500.0) -> float:
    """Median F0 (Hz) over the voiced frames; NaN when nothing is voiced."""
    import numpy as np

    f0 = f0_track(audio, floor, ceiling)
    voiced = f0[f0 > 0]
    return float(np.median(voiced)) if voiced.size else math.nan


def semitones(f_a: float, f_b: float) -> float:
    """Signed distance from ``f_b`` to ``f_a`` in semitones (12 log2(a/b))."""
    return 12.0 * math.log2(f_a / f_b)


def lag_samples(output: np.ndarray, reference: np.ndarray, max_lag: int) -> int:
    """Lag of ``output`` relative to ``reference`` by cross-correlation (positive = delayed).

    Args:
        output: The processed signal.
        reference: The signal it should be aligned with.
        max_lag: The largest lag searched, in samples.
    """
    import numpy as np
    from scipy.signal import correlate

    n = min(len(output), len(reference))
    corr = correlate(np.asarray(output[:n], np.float64), np.asarray(reference[:n], np.float64),
                     mode="full", method="fft")
    mid = n - 1
    window = corr[mid - max_lag: mid + max_lag + 1]
    return int(np.argmax(window)) - max_lag
