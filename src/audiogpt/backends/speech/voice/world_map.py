"""Few-shot voice mapping learned from parallel data ("world-map").

Enrollment: the user's recordings and their transcripts give parallel data for free: the
same text is synthesized with a stock base voice, both are analysed with WORLD (F0 from
SwiftF0, CheapTrick envelope, D4C aperiodicity), the envelopes are coded as 40 mel-cepstral
coefficients and aligned with DTW. The profile keeps the aligned pairs (base frame ->
the user's frame), log-F0 statistics and the speaking-rate ratio.

Conversion of a new base-voice sentence: each frame is looked up among the enrollment's
base frames (keys: its cepstrum plus context 30 ms either side); the ``K`` nearest give
the local difference between the two speakers (their user frames minus their base frames),
which is added to the frame (``BETA`` = 1: the base frame's own phonetic detail is kept, the
user's timbre is added), smoothed over time; the frame energy (c0) stays the base's; F0 is moved by the log-F0
mean/std transform; the frame rate is scaled to the user's speaking rate; WORLD renders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

RATE = 16000
FRAME_MS = 5.0
N_CEP = 40
K = 8
CTX = 3
CTX_DIMS = 12
SMOOTH = 5
#: The learned difference of c1..c``KEEP_LOW`` (spectral tilt and broad shape, most of the
#: voice) is always applied in full; ``Mapping.strength`` scales the rest (the finer detail,
#: where a mapping learned from noisy or mismatched speech loses words).
KEEP_LOW = 4
BETA = 1.0
#: Cepstra from c(BETA_SPLIT+1) up use BETA_HIGH (negative: same as BETA).
BETA_SPLIT = 12
BETA_HIGH = -1.0
RATE_CLAMP = (0.8, 1.25)
MAX_PAIRS = 20000


@dataclass
class Analysis:
    """WORLD parameters of one utterance."""

    f0: np.ndarray
    cep: np.ndarray  # (frames, N_CEP) coded spectral envelope
    ap: np.ndarray  # (frames, n_bins) aperiodicity
    speech: np.ndarray  # bool mask of frames above the silence floor


def _pw():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyworld as pw
    return pw


def analyse(audio: Audio) -> Analysis:
    """WORLD analysis at 16 kHz with SwiftF0 pitch (5 ms frames)."""
    import numpy as np

    from audiogpt.backends.dsp.pitch import resample_track, track_array

    pw = _pw()
    y = audio.to_mono().resampled(RATE).mono.astype(np.float64)
    n = len(y) // int(RATE * FRAME_MS / 1000) + 1
    times = np.arange(n) * FRAME_MS / 1000
    ft, f0s, _ = track_array(y, RATE, 60.0, 600.0)
    f0 = resample_track(ft, f0s, times)
    sp = pw.cheaptrick(y, f0, times, RATE)
    ap = pw.d4c(y, f0, times, RATE)
    cep = pw.code_spectral_envelope(sp, RATE, N_CEP)
    power = cep[:, 0]
    speech = power > (np.percentile(power, 95) - 6.0) if power.size else power.astype(bool)
    return Analysis(f0, cep, ap, speech)


def _dtw_path(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Frame pairs of the DTW alignment of two feature sequences (c1.. only)."""
    import librosa
    import numpy as np

    xa = a[:, 1:] - a[:, 1:].mean(0)
    xb = b[:, 1:] - b[:, 1:].mean(0)
    _, wp = librosa.sequence.dtw(X=xa.T, Y=xb.T, metric="euclidean", subseq=False)
    wp = np.asarray(wp[::-1])
    return wp[:, 0], wp[:, 1]


def _speech_span(mask: np.ndarray) -> slice:
    import numpy as np

    idx = np.flatnonzero(mask)
    return slice(int(idx[0]), int(idx[-1]) + 1) if idx.size else slice(0, len(mask))


def keys(cep: np.ndarray, offset: int) -> np.ndarray:
    """Lookup keys: c1.. of each frame plus c1..c``CTX_DIMS`` ``offset`` frames either side."""
    import numpy as np

    if CTX_DIMS <= 0 or offset <= 0:
        return cep[:, 1:]
    pad = np.pad(cep[:, 1:CTX_DIMS + 1], ((offset, offset), (0, 0)), mode="edge")
    n = len(cep)
    return np.concatenate([cep[:, 1:], pad[:n], pad[2 * offset:2 * offset + n]], axis=1)


STEP = 2


def pairs(base: Analysis, user: Analysis, step: int = STEP,
          first: Mapping | None = None) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """Aligned (base key, user cepstrum) pairs of speech frames, the duration ratio, and the
    per-class frame counts along the path (:func:`timing.path_counts`).

    DTW runs on every ``step``-th frame of the trimmed speech span (10 ms) for speed; with
    ``first`` (a first-pass mapping) the base frames are converted before aligning, which
    aligns like with like.
    """
    from audiogpt.backends.speech.voice import timing

    sb, su = _speech_span(base.speech), _speech_span(user.speech)
    cb, cu = base.cep[sb][::step], user.cep[su][::step]
    kb = keys(cb, CTX)
    probe = first.convert_cep(cb, base.speech[sb][::step], offset=CTX) if first else cb
    ib, iu = _dtw_path(probe, cu)
    keep = base.speech[sb][::step][ib] & user.speech[su][::step][iu]
    ratio = (su.stop - su.start) / max(sb.stop - sb.start, 1)
    cls = timing.classify(base.f0[sb][::step], cb, base.speech[sb][::step])
    return kb[ib[keep]], cu[iu[keep]], float(ratio), timing.path_counts(cls, ib, iu)


def logf0_stats(f0: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of log F0 over voiced frames."""
    import numpy as np

    v = np.log(f0[f0 > 0])
    return (float(v.mean()), float(v.std())) if v.size > 10 else (float("nan"), float("nan"))


_TREES: dict[int, object] = {}


def _tree(src: np.ndarray, mu: np.ndarray, sd: np.ndarray):
    from scipy.spatial import cKDTree

    key = id(src)
    if key not in _TREES:
        if len(_TREES) > 8:
            _TREES.clear()
        _TREES[key] = (src, cKDTree((src - mu) / sd))
    return _TREES[key][1]


@dataclass
class Mapping:
    """What enrollment learned: exemplar pairs, F0 statistics, speaking-rate ratio."""

    src: np.ndarray  # (n, N_CEP) base-voice frames
    tgt: np.ndarray  # (n, N_CEP) the user's frames aligned to them
    f0_src: tuple[float, float]
    f0_tgt: tuple[float, float]
    rate_ratio: float
    #: Share of the learned difference of c(KEEP_LOW+1).. applied (1: all; lowered at
    #: enrollment when the converted voice loses words, see :mod:`intelligibility`).
    strength: float = 1.0
    #: Duration ratio per broad class (:data:`timing.CLASSES`) learned at enrollment; empty
    #: for profiles enrolled before it was learned.
    durations: tuple[float, ...] = ()
    #: Render with the per-class time warp (``Settings.voice_timing``) instead of the single
    #: speaking-rate ratio.
    timing: bool = False

    def convert_cep(self, cep: np.ndarray, speech: np.ndarray,
                    offset: int | None = None) -> np.ndarray:
        """Map base-voice cepstra to the user's (c0 kept); ``offset``: context in frames."""
        import numpy as np
        from scipy.ndimage import uniform_filter1d

        offset = CTX * STEP if offset is None else offset
        out = cep.copy()
        if not speech.any():
            return out
        mu = self.src.mean(0)
        sd = self.src.std(0) + 1e-6
        tree = _tree(self.src, mu, sd)
        q = (keys(cep, offset)[speech] - mu) / sd
        dist, idx = tree.query(q, k=min(K, len(self.src)))
        dist, idx = dist.reshape(len(q), -1), idx.reshape(len(q), -1)
        w = 1.0 / (dist + 1e-3)
        w /= w.sum(1, keepdims=True)
        mapped = np.einsum("nk,nkd->nd", w, self.tgt[idx, 1:])
        if BETA > 0:  # keep part of the base frame's own detail (its offset from its matches)
            near = np.einsum("nk,nkd->nd", w, self.src[idx, : N_CEP - 1])
            beta = np.full(N_CEP - 1, BETA)
            beta[BETA_SPLIT:] = BETA_HIGH if BETA_HIGH >= 0 else BETA
            mapped += beta * (cep[speech, 1:] - near)
        mapped = uniform_filter1d(mapped, size=SMOOTH, axis=0, mode="nearest")
        if self.strength != 1.0:
            strength = np.full(N_CEP - 1, self.strength)
            strength[:KEEP_LOW] = 1.0
            mapped = cep[speech, 1:] + strength * (mapped - cep[speech, 1:])
        out[speech, 1:] = mapped
        return out

    def convert_f0(self, f0: np.ndarray) -> np.ndarray:
        """Log-F0 mean/variance transform to the user's statistics."""
        import numpy as np

        (ms, ss), (mt, st) = self.f0_src, self.f0_tgt
        if not np.isfinite([ms, ss, mt, st]).all() or ss <= 0:
            return f0
        out = np.zeros_like(f0)
        v = f0 > 0
        out[v] = np.exp((np.log(f0[v]) - ms) * (st / ss) + mt)
        return out


def learn(pairs_list: list[tuple[np.ndarray, np.ndarray, float, np.ndarray]], base_f0: np.ndarray, user_f0: np.ndarray,
          timing: bool = False) -> Mapping:
    """Build the mapping from the aligned pairs of every enrollment utterance.

    ``timing``: render with the per-class durations (they are learned either way).
    """
    import numpy as np

    from audiogpt.backends.speech.voice import timing as tm

    src = np.concatenate([p[0] for p in pairs_list]).astype(np.float32)
    tgt = np.concatenate([p[1] for p in pairs_list]).astype(np.float32)
    if len(src) > MAX_PAIRS:
        sel = np.linspace(0, len(src) - 1, MAX_PAIRS).astype(int)
        src, tgt = src[sel], tgt[sel]
    weights = np.array([len(p[0]) for p in pairs_list], float)
    ratio = float(np.average([p[2] for p in pairs_list], weights=weights))
    ratio = min(max(ratio, RATE_CLAMP[0]), RATE_CLAMP[1])
    durations = tm.ratios(np.sum([p[3] for p in pairs_list], axis=0), ratio)
    return Mapping(src, tgt, logf0_stats(base_f0), logf0_stats(user_f0), ratio,
                   durations=durations, timing=timing)


def render(base: Analysis, mapping: Mapping, *, match_rate: bool = True) -> Audio:
    """Convert an analysed base-voice utterance and render it with WORLD (16 kHz)."""
    import numpy as np

    from audiogpt.core.audio import Audio

    pw = _pw()
    cep = mapping.convert_cep(base.cep, base.speech)
    f0 = mapping.convert_f0(base.f0)
    ap = base.ap
    n = len(f0)
    pos = None
    if match_rate and mapping.timing and mapping.durations:
        from audiogpt.backends.speech.voice.timing import positions

        pos = positions(base, mapping.durations)
    elif match_rate and abs(mapping.rate_ratio - 1.0) > 0.02:
        m = max(int(round(n * mapping.rate_ratio)), 2)
        pos = np.linspace(0, n - 1, m)
    if pos is not None:
        near = np.rint(pos).astype(int)
        cep = np.stack([np.interp(pos, np.arange(n), cep[:, d]) for d in range(cep.shape[1])], 1)
        ap = ap[near]
        f0 = np.where(base.f0[near] > 0, np.interp(pos, np.arange(n), f0), 0.0)
    sp = pw.decode_spectral_envelope(np.ascontiguousarray(cep, np.float64), RATE,
                                     pw.get_cheaptrick_fft_size(RATE))
    y = pw.synthesize(np.ascontiguousarray(f0), sp, np.ascontiguousarray(ap), RATE, FRAME_MS)
    peak = float(np.max(np.abs(y))) if y.size else 0.0
    if peak > 0.95:
        y = y * (0.95 / peak)
    return Audio(y.astype(np.float32), RATE)
