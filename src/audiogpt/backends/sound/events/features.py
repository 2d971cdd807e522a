"""Frame-level sound-class posteriors from signal features (the offline event detector's core).

Everything runs at 16 kHz on a 32 ms hop (the Silero VAD chunk), so every class shares one
time grid. The classes and the evidence each one uses:

* ``speech``: Silero VAD probability (spectral fallback when not installed), minus singing
  and babble.
* ``singing``: voice (VAD) whose pitch is held on notes: long voiced runs with a steady
  pitch (normalised-autocorrelation pitch track, 10 ms hop).
* ``music``: singing, or sustained harmonic (HPSS) tonal content that is not speech.
* ``babble``: speech-like VAD evidence with a flat loudness envelope (many talkers).
* ``impulsive``: short bursts (< 0.8 s) rising well above the running background level
  (barks, knocks, claps, bangs).
* ``steady_noise``: a non-silent, spectrally flat, stationary background (rain, wind,
  engines); its spectral centroid says hiss vs rumble.
* ``tonal``: a narrow-band peak above 900 Hz that is not speech (birds, whistles, sirens).
* ``silence``: frame level below -50 dBFS.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from audiogpt.backends.dsp import vad as sed_vad

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

RATE = 16000
HOP = 512
HOP_S = HOP / RATE
CLASSES = ("speech", "singing", "music", "babble", "impulsive", "steady_noise", "tonal",
           "silence")
SILENCE_DB = -50.0


@dataclass
class Posteriors:
    """Class posteriors on a common grid.

    Attributes:
        probs: (classes, frames) array in [0, 1].
        hop_s: Seconds per frame; frame ``i`` starts at ``i * hop_s``.
        classes: Class names, one per row.
        features: Per-frame features used for descriptions (rms_db, centroid, f0, ...).
        vad_method: ``silero-onnx`` or ``spectral`` (which speech detector ran).
    """

    probs: np.ndarray
    hop_s: float
    classes: tuple[str, ...] = CLASSES
    features: dict[str, np.ndarray] = field(default_factory=dict)
    vad_method: str = "silero-onnx"

    def row(self, name: str) -> np.ndarray:
        """The posterior of one class."""
        return self.probs[self.classes.index(name)]


def _sig(x: np.ndarray) -> np.ndarray:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def _smooth(x: np.ndarray, n: int) -> np.ndarray:
    from scipy.ndimage import uniform_filter1d

    return uniform_filter1d(x.astype("float64"), size=max(1, n), mode="nearest")


def pitch_track(y: np.ndarray, sr: int = RATE, hop: int = 160, win: int = 640,
                fmin: float = 70.0, fmax: float = 1000.0) -> tuple[np.ndarray, np.ndarray]:
    """Normalised-autocorrelation pitch tracker.

    Args:
        y: Mono signal.
        sr: Its sample rate.
        hop: Hop in samples (10 ms at 16 kHz).
        win: Window in samples (40 ms at 16 kHz).
        fmin: Lowest pitch searched (Hz).
        fmax: Highest pitch searched (Hz).

    Returns:
        (f0 in Hz, clarity in [0, 1]) per hop; voicing is ``clarity > ~0.75``.
    """
    import numpy as np

    y = np.asarray(y, np.float32)
    n = 1 + max(0, len(y) - win) // hop
    idx = np.arange(win)[None, :] + hop * np.arange(n)[:, None]
    frames = y[np.minimum(idx, len(y) - 1)]
    frames = frames - frames.mean(1, keepdims=True)
    spec = np.fft.rfft(frames, 2 * win, axis=1)
    ac = np.fft.irfft(np.abs(spec) ** 2, 2 * win, axis=1)[:, :win]
    tail = np.cumsum(frames[:, ::-1] ** 2, axis=1)[:, ::-1]
    nacf = ac / (np.sqrt(ac[:, :1] * np.maximum(tail, 1e-12)) + 1e-9)
    lo, hi = int(sr / fmax), min(win - 1, int(sr / fmin))
    seg = nacf[:, lo:hi]
    k = seg.argmax(1)
    return (sr / (k + lo)).astype(np.float32), seg[np.arange(n), k].astype(np.float32)


def _to_grid(x: np.ndarray, n: int, src_hop_s: float) -> np.ndarray:
    """Resample a per-hop series to the 32 ms grid (mean over each grid frame)."""
    import numpy as np

    t = (np.arange(len(x)) * src_hop_s / HOP_S).astype(int)
    t = np.minimum(t, n - 1)
    sums = np.bincount(t, weights=x.astype("float64"), minlength=n)
    counts = np.bincount(t, minlength=n)
    out = sums / np.maximum(counts, 1)
    empty = counts == 0
    if empty.any() and (~empty).any():
        out[empty] = np.interp(np.flatnonzero(empty), np.flatnonzero(~empty), out[~empty])
    return out


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Start/stop indices of the True runs of a boolean array."""
    import numpy as np

    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1), strict=True))


def _voice_features(y: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """Voicing, held-pitch ratio and voiced-run length on the grid."""
    import numpy as np

    f0, clarity = pitch_track(y)
    voiced = clarity > 0.75
    semis = 12 * np.log2(np.maximum(f0, 1.0) / 100.0)
    step = 5  # 50 ms
    held = np.zeros_like(voiced)
    both = voiced[step:] & voiced[:-step]
    held[step:] = both & (np.abs(semis[step:] - semis[:-step]) < 0.5)
    run_len = np.zeros(len(voiced), np.float32)
    for a, b in _runs(voiced):
        run_len[a:b] = (b - a) * 0.01
    return {
        "voiced": _to_grid(voiced.astype(float), n, 0.01),
        "held": _to_grid(held.astype(float), n, 0.01),
        "run_s": _to_grid(run_len, n, 0.01),
        "f0": _to_grid(np.where(voiced, f0, 0.0), n, 0.01),
    }


def _spectral_vad(rms_db: np.ndarray, voiced: np.ndarray, speech_band: np.ndarray,
                  flat: np.ndarray) -> np.ndarray:
    """Fallback speech detector: voiced, speech-band-dominant, non-flat, loud enough."""
    import numpy as np

    score = (_sig((_smooth(voiced, 15) - 0.25) / 0.08) * _sig((speech_band - 0.5) / 0.1)
             * _sig((0.1 - flat) / 0.03) * _sig((rms_db - SILENCE_DB) / 3))
    return np.clip(score, 0, 1)


def compute(y: np.ndarray, *, use_silero: bool = True) -> Posteriors:
    """Compute the class posteriors of a 16 kHz mono signal.

    Args:
        y: Mono float signal at 16 kHz.
        use_silero: Use the Silero VAD when installed (else the spectral fallback).

    Returns:
        The posteriors on the 32 ms grid.
    """
    import librosa
    import numpy as np
    from scipy.ndimage import maximum_filter1d, median_filter, percentile_filter

    y = np.asarray(y, np.float32)
    n = max(1, int(np.ceil(len(y) / HOP)))
    pad = np.pad(y, (0, n * HOP - len(y)))
    S = np.abs(librosa.stft(pad, n_fft=1024, hop_length=HOP, center=True))[:, :n]
    P = S ** 2 + 1e-12
    freqs = librosa.fft_frequencies(sr=RATE, n_fft=1024)
    rms_db = librosa.amplitude_to_db(
        librosa.feature.rms(y=pad, frame_length=1024, hop_length=HOP, center=True)[0][:n]
        + 1e-10)
    band = (freqs > 100) & (freqs < 7000)
    flat = np.exp(np.mean(np.log(P[band]), 0)) / P[band].mean(0)
    centroid = (freqs[:, None] * P).sum(0) / P.sum(0)
    speech_band = P[(freqs > 250) & (freqs < 3500)].sum(0) / P[band].sum(0)
    hb = (freqs > 500) & (freqs < 7500)
    peak_db = 10 * np.log10(P[hb].max(0) / np.median(P[hb], 0))
    dom_hz = freqs[hb][P[hb].argmax(0)]
    kmax = P[hb].argmax(0)
    cum = np.vstack([np.zeros((1, n)), np.cumsum(P[hb], 0)])
    lo_k, hi_k = np.maximum(kmax - 2, 0), np.minimum(kmax + 3, hb.sum())
    conc = (cum[hi_k, np.arange(n)] - cum[lo_k, np.arange(n)]) / cum[-1]  # one-sinusoid share
    H, Pc = librosa.decompose.hpss(S, margin=1.0)
    harm = (H ** 2).sum(0) / ((H ** 2).sum(0) + (Pc ** 2).sum(0) + 1e-12)

    nonsilent = _sig((rms_db - SILENCE_DB) / 2.5)
    silence = 1.0 - nonsilent
    voice = _voice_features(y, n)

    vad = sed_vad.speech_probability(y) if use_silero else None
    vad_method = "silero-onnx"
    if vad is None:
        vad = _spectral_vad(rms_db, voice["voiced"], speech_band, flat)
        vad *= 1 - _sig((_smooth(conc, 15) - 0.6) / 0.05)  # a lone sinusoid is not a voice
        vad_method = "spectral"
    vad = np.pad(vad, (0, max(0, n - len(vad))))[:n]
    win = round(1.0 / HOP_S)  # ~1 s
    vad_s = _smooth(median_filter(vad, size=5, mode="nearest"), 3)

    # Singing: held notes (steady pitch over 50 ms) and long voiced runs, on voice frames.
    held_ratio = _smooth(voice["held"], 2 * win) / np.maximum(_smooth(voice["voiced"], 2 * win),
                                                              0.05)
    long_runs = _smooth(np.minimum(voice["run_s"], 1.0), 2 * win)
    sing_ev = _sig((held_ratio - 0.62) / 0.05) * _sig((long_runs - 0.22) / 0.05)
    voice_w = maximum_filter1d(vad_s, size=win)
    singing = np.clip(sing_ev * voice_w * _sig((_smooth(voice["voiced"], 2 * win) - 0.35) / 0.06),
                      0, 1)

    # Babble: voice evidence with a flat loudness envelope (gaps filled by other talkers).
    env_std = np.sqrt(np.maximum(_smooth(rms_db ** 2, 2 * win) - _smooth(rms_db, 2 * win) ** 2,
                                 0))
    vad_w = _smooth(vad, 2 * win)
    flat_w = percentile_filter(flat, 50, size=2 * win, mode="nearest")
    babble = np.clip(_sig((vad_w - 0.3) / 0.08) * _sig((3.5 - env_std) / 0.7)
                     * _sig((0.04 - flat_w) / 0.01) * nonsilent, 0, 1)
    speech = np.clip(vad_s * (1 - singing) * (1 - babble), 0, 1)

    # Background level and impulsive bursts.
    bg_db = percentile_filter(rms_db, 20, size=3 * win, mode="nearest")
    excess = rms_db - bg_db
    impulsive = np.zeros(n)
    burst = excess > 6.0
    for a, b in _runs(burst):
        dur = (b - a) * HOP_S
        rise = excess[a:b].max() - excess[max(0, a - 3):a + 1].min()
        if dur <= 0.8 and rise > 8.0:
            lo, hi = max(0, a - 1), min(n, b + 1)
            impulsive[lo:hi] = _sig((excess[a:b].max() - 12.0) / 3.0)
    impulsive *= (1 - np.maximum(speech, singing)) * nonsilent

    # Steady broadband background: flat spectrum, stable level, measured on the floor frames.
    bg_std = np.sqrt(np.maximum(_smooth(bg_db ** 2, 2 * win) - _smooth(bg_db, 2 * win) ** 2, 0))
    steady = np.clip(_sig((flat_w - 0.06) / 0.02) * _sig((4.0 - bg_std) / 1.0)
                     * _sig((bg_db - SILENCE_DB) / 3.0), 0, 1)

    # Instrumental music: sustained harmonic tonal content with a stable chroma (held chords)
    # that is not voice or noise.
    chroma = librosa.feature.chroma_stft(S=P, sr=RATE)
    chroma = chroma / (np.linalg.norm(chroma, axis=0, keepdims=True) + 1e-9)
    lag = 2
    stab = np.ones(n)
    if n > lag:
        stab[lag:] = (chroma[:, lag:] * chroma[:, :-lag]).sum(0)
    harm_w = _smooth(harm, win)
    peak_w = _smooth(peak_db, win)
    instr = (_sig((harm_w - 0.8) / 0.03) * _sig((peak_w - 28.0) / 3.0)
             * _sig((_smooth(stab, win) - 0.88) / 0.015) * (1 - vad_s))
    instr = instr * (1 - _sig((_smooth(conc, win) - 0.7) / 0.05))  # a lone sinusoid is a tone
    instr = np.clip(instr * (1 - steady) * _smooth(nonsilent, win), 0, 1)

    # Tonal: narrow-band high peak, not speech, singing or music.
    tonal = _smooth(_sig((peak_db - 30.0) / 3.0) * _sig((dom_hz - 900.0) / 150.0), 5)
    tonal = np.clip(tonal * (1 - np.maximum(vad_s, singing)) * (1 - instr) * nonsilent, 0, 1)
    music = np.clip(np.maximum(instr, 0.9 * singing), 0, 1)

    probs = np.vstack([speech, singing, music, babble, impulsive, steady, tonal, silence])
    feats = {"rms_db": rms_db, "centroid": centroid, "f0": voice["f0"], "flatness": flat,
             "vad": vad, "harmonic": harm, "excess_db": excess, "bg_db": bg_db}
    return Posteriors(np.clip(probs, 0, 1).astype(np.float32), HOP_S, CLASSES, feats, vad_method)
