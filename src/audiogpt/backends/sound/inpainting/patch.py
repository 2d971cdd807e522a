"""Similarity-based patch filling of long gaps.

After Manilow & Pardo (2017, "Leveraging repetition to do audio imputation") and Perraudin
et al. (2018, "Inpainting of long audio segments with similarity graphs"): describe the
audio by short-time spectral features, find the places in the file whose surroundings look
most like the surroundings of the gap (log-mel + chroma distance over the context before
AND after), refine the best candidates to the sample by waveform cross-correlation at both
borders, keep the one with the best border match, and copy it in. The left-aligned copy and
the right-aligned copy are cross-faded across the gap, the level follows the
context on each side, and the first/last milliseconds blend from the LPC extrapolation of
the real signal into the patch so the borders have no click.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """One source region for the patch.

    Attributes:
        start: First sample of the left-aligned patch.
        end: One past the last sample of the right-aligned patch.
        feature_distance: Context feature distance (lower is better).
        ncc_left: Normalised cross-correlation of the waveform before the gap.
        ncc_right: Normalised cross-correlation of the waveform after the gap.
    """

    start: int
    end: int
    feature_distance: float
    ncc_left: float
    ncc_right: float

    @property
    def score(self) -> float:
        """Lower is better: feature distance plus border waveform mismatch."""
        return self.feature_distance + (1.0 - self.ncc_left) + (1.0 - self.ncc_right)


def _features(y: np.ndarray, sr: int, hop: int) -> np.ndarray:
    """Frame features (frames, dims): standardised log-mel (40) and chroma (12)."""
    import librosa
    import numpy as np

    n_fft = 4 * hop
    spec = np.abs(librosa.stft(y, n_fft=n_fft, hop_length=hop, center=True)) ** 2
    mel = librosa.feature.melspectrogram(S=spec, sr=sr, n_mels=40, fmax=sr / 2)
    logmel = np.log10(mel + 1e-10)
    chroma = librosa.feature.chroma_stft(S=spec, sr=sr, n_chroma=12)
    feats = np.vstack([logmel, 2.0 * chroma]).T
    mu, sd = feats.mean(axis=0), feats.std(axis=0) + 1e-6
    return (feats - mu) / sd


def _ncc(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    den = np.sqrt(np.sum(a * a) * np.sum(b * b))
    return float(np.sum(a * b) / den) if den > 0 else 0.0


def _align(y: np.ndarray, ref: np.ndarray, guess: int, search: int,
           forbid: tuple[int, int]) -> tuple[int, float]:
    """Best start of ``ref`` in ``y`` within ``guess ± search`` (not touching ``forbid``)."""
    import numpy as np
    from scipy.signal import correlate

    w = len(ref)
    a = max(0, guess - search)
    b = min(len(y) - w, guess + search)
    if b < a:
        return guess, 0.0
    region = y[a: b + w]
    num = correlate(region, ref, mode="valid")
    energy = np.convolve(region * region, np.ones(w), mode="valid")
    ncc = num / np.sqrt(np.maximum(energy * np.sum(ref * ref), 1e-20))
    starts = np.arange(a, a + len(ncc))
    bad = (starts < forbid[1]) & (starts + w > forbid[0])
    ncc[bad] = -np.inf
    k = int(np.argmax(ncc))
    return int(starts[k]), float(ncc[k]) if np.isfinite(ncc[k]) else 0.0


def find_candidates(y: np.ndarray, sr: int, lo: int, hi: int, *, context_s: float = 0.5,
                    top: int = 8) -> list[Candidate]:
    """Rank source regions for the gap ``y[lo:hi]`` by context similarity and border match.

    Args:
        y: Mono signal (1-D float64); the gap's content is ignored.
        sr: Sample rate.
        lo: First missing sample.
        hi: One past the last missing sample.
        context_s: Seconds of context compared on each side.
        top: How many feature-distance candidates are refined at the sample level.

    Returns:
        Candidates, best first (may be empty when the file is too short).
    """
    import numpy as np

    hop = 512 if sr >= 32000 else 256
    length = hi - lo
    masked = y.copy()
    masked[lo:hi] = 0.0
    feats = _features(masked.astype(np.float32), sr, hop)
    n = len(feats)
    g0, g1 = lo // hop, -(-hi // hop)
    kc = max(4, int(round(context_s * sr / hop)))
    kl = min(kc, g0 - 1)
    kr = min(kc, n - g1 - 1)
    if kl < 2 and kr < 2:
        return []
    # Frames closest to the gap count most.
    wl = np.exp(-np.arange(kl)[::-1] / (kl / 2.0)) if kl > 0 else np.zeros(0)
    wr = np.exp(-np.arange(kr) / (kr / 2.0)) if kr > 0 else np.zeros(0)
    left = feats[g0 - kl: g0] if kl > 0 else np.zeros((0, feats.shape[1]))
    right = feats[g1: g1 + kr] if kr > 0 else np.zeros((0, feats.shape[1]))
    span = g1 - g0
    dists = np.full(n, np.inf)
    for s in range(kl, n - span - kr):
        if s + span + kr > g0 - 1 and s - kl < g1 + 1:
            continue  # the candidate's patch or its context would overlap the gap
        d = 0.0
        if kl > 0:
            d += np.sum(wl * np.mean((feats[s - kl: s] - left) ** 2, axis=1)) / wl.sum()
        if kr > 0:
            d += np.sum(wr * np.mean((feats[s + span: s + span + kr] - right) ** 2, axis=1)) / wr.sum()
        dists[s] = d
    order = np.argsort(dists)
    picked: list[int] = []
    for s in order:
        if not np.isfinite(dists[s]) or len(picked) >= top:
            break
        if all(abs(int(s) - p) > 2 for p in picked):
            picked.append(int(s))
    if not picked:
        return []
    scale = float(np.median(dists[np.isfinite(dists)])) or 1.0
    win = min(int(0.03 * sr), max(32, lo), max(32, len(y) - hi))
    search = hop
    out = []
    for s in picked:
        guess = s * hop + (lo - g0 * hop)
        ncc_l, ncc_r = 0.0, 0.0
        start = guess
        if lo >= win:
            ref = y[lo - win: lo]
            pos, ncc_l = _align(y, ref, guess - win, search, (lo - win, hi + win))
            start = pos + win
        end = start + length
        if hi + win <= len(y):
            ref = y[hi: hi + win]
            pos, ncc_r = _align(y, ref, guess + length, search, (lo - win, hi + win))
            end = pos
        if lo < win:
            start = end - length
        if start < 0 or end > len(y) or start + length > len(y) or end - length < 0:
            continue
        if (start < hi and start + length > lo) or (end - length < hi and end > lo):
            continue
        out.append(Candidate(start, end, float(dists[s] / scale), ncc_l, ncc_r))
    out.sort(key=lambda c: c.score)
    return out


def _rms(v: np.ndarray) -> float:
    import numpy as np

    return float(np.sqrt(np.mean(v * v))) if len(v) else 0.0


def patch_fill(x: np.ndarray, lo: int, hi: int, cand: Candidate, sr: int) -> np.ndarray:
    """Build the fill of ``x[lo:hi]`` (one channel) from a chosen candidate.

    Args:
        x: One channel of the signal.
        lo: First missing sample.
        hi: One past the last missing sample.
        cand: The chosen source region.
        sr: Sample rate.

    Returns:
        The filled samples (length ``hi - lo``).
    """
    import numpy as np

    from audiogpt.backends.sound.inpainting.ar import extrapolate

    n = hi - lo
    left_patch = x[cand.start: cand.start + n].astype(np.float64)
    right_patch = x[cand.end - n: cand.end].astype(np.float64)
    lw = min(int(0.1 * sr), lo, cand.start)
    rw = min(int(0.1 * sr), len(x) - hi, len(x) - cand.end)
    gl = _rms(x[lo - lw: lo]) / max(_rms(x[cand.start - lw: cand.start]), 1e-9) if lw else 1.0
    gr = _rms(x[hi: hi + rw]) / max(_rms(x[cand.end: cand.end + rw]), 1e-9) if rw else 1.0
    gl, gr = float(np.clip(gl, 0.25, 4.0)), float(np.clip(gr, 0.25, 4.0))
    # Cross-fade from the left-aligned to the right-aligned copy over the whole gap (raised
    # cosine): each copy dominates next to the border it is phase-aligned with.
    t = np.arange(n) + 0.5
    w = np.sin(0.5 * np.pi * t / n) ** 2
    gain = gl * (1 - t / n) + gr * (t / n)
    fill = gain * ((1 - w) * left_patch + w * right_patch)
    # Borders: blend from the LPC continuation of the real signal into the patch.
    edge = min(int(0.01 * sr), n // 4)
    order = min(256, max(16, lo // 4, (len(x) - hi) // 4))
    if edge > 4:
        e = np.sin(0.5 * np.pi * (np.arange(edge) + 0.5) / edge) ** 2
        if lo > 4 * order // 2:
            fwd = extrapolate(x[max(0, lo - 4 * order): lo].astype(np.float64), edge, order)
            fill[:edge] = (1 - e) * fwd + e * fill[:edge]
        if len(x) - hi > 4 * order // 2:
            bwd = extrapolate(x[hi: hi + 4 * order].astype(np.float64), edge, order,
                              backward=True)
            fill[n - edge:] = (1 - e) * fill[n - edge:] + e * bwd
    return fill
