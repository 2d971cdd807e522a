"""Timing from the user: per-class duration ratios learned from the enrollment's DTW path.

At enrollment the DTW path between the base voice and the user's recording of the same text
says how long the user held each base-voice frame. Base frames fall into broad classes:
pause (below the silence floor, inside the speech span), unvoiced speech, weak voiced speech
(voiced consonants, transitions) and strong voiced speech (vowels: voiced frames louder than
the utterance's voiced median). Summed over the enrollment, each class gets a duration
ratio (the user's frames per base frame). At synthesis the base voice's WORLD parameters are
time-warped frame by frame with the ratio of each frame's class, so the user's relative
vowel, consonant and pause lengths replace the single speaking-rate ratio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.backends.speech.voice.world_map import Analysis

#: Class indices: pause, unvoiced, weak voiced, strong voiced.
CLASSES = ("pause", "unvoiced", "voiced_weak", "voiced_strong")
#: Clamp of each class's ratio (pauses may stretch more than sounds).
CLAMP = {"pause": (0.5, 2.5), "unvoiced": (0.6, 1.6), "voiced_weak": (0.6, 1.6),
         "voiced_strong": (0.6, 1.6)}
#: A class seen in fewer base frames than this at enrollment keeps ratio ``fallback``.
MIN_FRAMES = 20
#: Smoothing of the per-frame rate (frames) so that class changes do not jump.
SMOOTH = 5


def classify(f0: np.ndarray, cep: np.ndarray, speech: np.ndarray) -> np.ndarray:
    """Class index (see :data:`CLASSES`) of every frame."""
    import numpy as np

    voiced = (f0 > 0) & speech
    out = np.where(speech, 1, 0)
    if voiced.any():
        loud = cep[:, 0] > np.median(cep[voiced, 0])
        out = np.where(voiced, np.where(loud, 3, 2), out)
    return out.astype(int)


def path_counts(cls: np.ndarray, ib: np.ndarray, iu: np.ndarray) -> np.ndarray:
    """(base frames, user frames) per class along one DTW path, shape (2, len(CLASSES)).

    ``cls`` are the classes of the aligned base frames; ``ib``/``iu`` the path (monotonic).
    Each base frame's user time is the step of the mean user index aligned to it.
    """
    import numpy as np

    n = len(cls)
    counts = np.zeros((2, len(CLASSES)))
    if n < 2 or len(ib) == 0:
        return counts
    pos = np.bincount(ib, weights=iu.astype(float), minlength=n)
    hits = np.bincount(ib, minlength=n)
    seen = hits > 0
    u = np.interp(np.arange(n), np.flatnonzero(seen), pos[seen] / hits[seen])
    du = np.diff(u, append=u[-1] + (u[-1] - u[0]) / max(n - 1, 1))
    for c in range(len(CLASSES)):
        sel = cls == c
        counts[0, c] = sel.sum()
        counts[1, c] = du[sel].sum()
    return counts


def ratios(counts: np.ndarray, fallback: float) -> tuple[float, ...]:
    """Clamped per-class ratios from summed :func:`path_counts` (``fallback`` when unseen)."""
    out = []
    for c, name in enumerate(CLASSES):
        lo, hi = CLAMP[name]
        base, user = float(counts[0, c]), float(counts[1, c])
        r = user / base if base >= MIN_FRAMES else fallback
        out.append(round(min(max(r, lo), hi), 4))
    return tuple(out)


def positions(base: Analysis, class_ratios: tuple[float, ...]) -> np.ndarray:
    """Fractional base-frame positions of the output frames (the time warp).

    Frames outside the speech span (leading and trailing silence) keep ratio 1.
    """
    import numpy as np
    from scipy.ndimage import uniform_filter1d

    n = len(base.f0)
    if n < 2:
        return np.arange(n, dtype=float)
    cls = classify(base.f0, base.cep, base.speech)
    rate = np.asarray(class_ratios, float)[cls]
    idx = np.flatnonzero(base.speech)
    if idx.size:
        rate[: idx[0]] = 1.0
        rate[idx[-1] + 1:] = 1.0
    rate = uniform_filter1d(rate, size=SMOOTH, mode="nearest")
    # output time at the start of each base frame; invert it at the output frame times
    t = np.concatenate([[0.0], np.cumsum(rate)])
    m = max(int(round(t[-1])), 2)
    return np.clip(np.interp(np.arange(m), t, np.arange(n + 1)), 0, n - 1)
