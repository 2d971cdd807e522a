"""Energy voice-activity detection and pause-based chunking for long recordings.

The recogniser decodes one chunk at a time; chunks end in pauses so no word is cut. The
threshold adapts to the recording: a frame is speech when its log energy is above the
noise floor (10th percentile) by a margin, with hangover to bridge short gaps.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

FRAME_S = 0.01


def frame_energy_db(x: np.ndarray, sr: int, frame_s: float = FRAME_S) -> np.ndarray:
    """Log energy (dB) of non-overlapping frames of ``frame_s`` seconds (25 ms windows)."""
    import numpy as np

    hop = max(1, int(sr * frame_s))
    win = int(sr * 0.025)
    n = max(1, (len(x) - win) // hop + 1) if len(x) >= win else 1
    padded = np.pad(x.astype(np.float64), (0, max(0, (n - 1) * hop + win - len(x))))
    idx = np.arange(win)[None, :] + hop * np.arange(n)[:, None]
    frames = padded[idx]
    return 10 * np.log10(np.mean(frames**2, axis=1) + 1e-10)


def speech_mask(x: np.ndarray, sr: int, margin_db: float = 12.0,
                hangover_s: float = 0.2) -> np.ndarray:
    """Boolean speech/non-speech decision per 10 ms frame."""
    import numpy as np
    from scipy.ndimage import binary_closing, binary_dilation

    e = frame_energy_db(x, sr)
    floor = np.percentile(e, 10)
    peak = np.percentile(e, 98)
    thr = max(floor + margin_db, peak - 45.0)
    if peak - floor < 6:  # flat energy: either all speech or all noise
        return np.full(len(e), peak > -60.0)
    mask = e > thr
    k = max(1, int(hangover_s / FRAME_S))
    padded = np.pad(mask, k, mode="edge")  # closing must not erode at the borders
    mask = binary_closing(padded, structure=np.ones(k))[k:-k]
    mask = binary_dilation(mask, structure=np.ones(max(1, k // 2)))
    return mask


def pause_chunks(x: np.ndarray, sr: int, max_s: float = 20.0,
                 min_s: float = 4.0) -> list[tuple[int, int]]:
    """Split a signal into chunks of at most ``max_s`` seconds, cut at pauses.

    Each cut is placed at the middle of the longest non-speech run found between ``min_s``
    and ``max_s`` after the chunk start (or at the frame of lowest energy when there is no
    pause). Returns (start, end) sample indices covering the whole signal.
    """
    import numpy as np

    total = len(x)
    if total <= max_s * sr:
        return [(0, total)]
    mask = speech_mask(x, sr)
    energy = frame_energy_db(x, sr)
    hop = int(sr * FRAME_S)
    chunks = []
    start_f = 0
    n_f = len(mask)
    max_f, min_f = int(max_s / FRAME_S), int(min_s / FRAME_S)
    while (n_f - start_f) > max_f:
        lo, hi = start_f + min_f, min(n_f, start_f + max_f)
        seg = ~mask[lo:hi]
        cut = None
        if seg.any():
            # longest run of non-speech in [lo, hi)
            padded = np.concatenate([[0], seg.astype(np.int8), [0]])
            d = np.diff(padded)
            starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
            j = int(np.argmax(ends - starts))
            cut = lo + (starts[j] + ends[j]) // 2
        if cut is None:
            cut = lo + int(np.argmin(energy[lo:hi]))
        chunks.append((start_f * hop, cut * hop))
        start_f = cut
    chunks.append((start_f * hop, total))
    return chunks
