"""Unit selection of the user's own frames for the world-map voice mapping.

The exemplar mapping of :mod:`world_map` adds an averaged local difference to each base-voice
frame: the words stay the base voice's, but the averaging over neighbours smooths away the
user's own spectral detail. Here each base frame instead picks one real frame of the user's
enrollment speech by a Viterbi search with two costs:

* target cost: the distance of the frame's lookup key (cepstrum plus context) to the key of
  the base-voice frame aligned with that user frame (base against base, the same speaker, so
  the phonetic match is reliable), i.e. the distance the exemplar lookup already uses;
* join cost: zero when the user frame continues the previous pick (same or next frame of the
  enrollment speech, a real unit), else ``W_JOIN`` x (1 + the spectral jump, in units of the
  typical frame-to-frame change of the user's speech).

The picked frames are smoothed and blended with the exemplar mapping (``ALPHA`` of the user's
frames), which keeps the words when the enrollment lacks a good unit.

OFF by default (``ALPHA = 0``): with ALPHA 0.7 it raised the similarity of the development
speaker aew (0.741 -> 0.783) but on the held-out speakers, enrolled from 3-17 s, it lost words
(mean Whisper WER 0.595, similarity 0.670 vs 0.665 without it); see notes/clonesim.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: Share of the selected user frames in the output cepstra (0: selection off, the default;
#: 0.7 was the setting measured in notes/clonesim.md).
ALPHA = 0.0
#: Candidates per frame (nearest enrollment keys).
N_CAND = 16
#: Weight of the join cost against the target cost.
W_JOIN = 3.0
#: Smoothing of the selected frames (frames of 5 ms).
SMOOTH = 5


def select(dist: np.ndarray, idx: np.ndarray, tgt: np.ndarray) -> np.ndarray:
    """Viterbi path over the candidates.

    Args:
        dist: (T, N) target costs (key distances) of the candidates of each frame.
        idx: (T, N) indices of the candidates into ``tgt`` (enrollment order).
        tgt: (n, D) the user's enrollment frames (without c0), in time order.

    Returns:
        (T,) the index into ``tgt`` picked for each frame.
    """
    import numpy as np

    n_frames = len(idx)
    step = np.linalg.norm(np.diff(tgt[: min(len(tgt), 4000)], axis=0), axis=1)
    scale = float(np.median(step)) + 1e-6 if step.size else 1.0
    acc = dist[0].astype(np.float64).copy()
    back = np.zeros(idx.shape, dtype=np.int32)
    for t in range(1, n_frames):
        prev, cur = idx[t - 1], idx[t]
        jump = np.linalg.norm(tgt[cur][:, None, :] - tgt[prev][None, :, :], axis=2) / scale
        gap = cur[:, None] - prev[None, :]
        join = np.where((gap == 0) | (gap == 1), 0.0, W_JOIN * (1.0 + jump))
        total = acc[None, :] + join
        back[t] = total.argmin(axis=1)
        acc = total.min(axis=1) + dist[t]
    path = np.zeros(n_frames, dtype=np.int64)
    k = int(acc.argmin())
    for t in range(n_frames - 1, -1, -1):
        path[t] = idx[t, k]
        k = back[t, k]
    return path


def blend(mapped: np.ndarray, dist: np.ndarray, idx: np.ndarray,
          tgt: np.ndarray) -> np.ndarray:
    """Mix the selected user frames into the exemplar-mapped frames (both without c0)."""
    from scipy.ndimage import uniform_filter1d

    if ALPHA <= 0 or len(idx) < 2:
        return mapped
    path = select(dist, idx, tgt)
    picked = uniform_filter1d(tgt[path], size=SMOOTH, axis=0, mode="nearest")
    return ALPHA * picked + (1.0 - ALPHA) * mapped
