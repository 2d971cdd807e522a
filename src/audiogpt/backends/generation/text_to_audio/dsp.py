"""Signal-processing building blocks of the sound-design recipes.

Filters (Butterworth second-order sections), spectrally shaped noise (STFT-domain gain that may
vary over time), slowly varying random control curves, damped resonators, event placement and
a short synthetic reverb. All functions take and return float arrays; numpy/scipy are imported
inside functions so importing this module stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from audiogpt.backends.dsp.curves import control, control_at  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    import numpy as np

GainFn = Callable[["np.ndarray", "np.ndarray"], "np.ndarray"]


def _sos(kind: str, sr: int, freq: float | tuple[float, float], order: int = 2) -> np.ndarray:
    from scipy.signal import butter

    nyq = sr / 2
    if isinstance(freq, tuple):
        lo, hi = max(1.0, freq[0]), min(nyq * 0.98, freq[1])
        return butter(order, [lo, hi], btype="bandpass", fs=sr, output="sos")
    return butter(order, min(max(1.0, freq), nyq * 0.98), btype=kind, fs=sr, output="sos")


def lowpass(x: np.ndarray, sr: int, freq: float, order: int = 2) -> np.ndarray:
    """Butterworth low-pass along the last axis."""
    from scipy.signal import sosfilt

    return sosfilt(_sos("lowpass", sr, freq, order), x, axis=-1)


def highpass(x: np.ndarray, sr: int, freq: float, order: int = 2) -> np.ndarray:
    """Butterworth high-pass along the last axis."""
    from scipy.signal import sosfilt

    return sosfilt(_sos("highpass", sr, freq, order), x, axis=-1)


def bandpass(x: np.ndarray, sr: int, lo: float, hi: float, order: int = 2) -> np.ndarray:
    """Butterworth band-pass along the last axis."""
    from scipy.signal import sosfilt

    return sosfilt(_sos("bandpass", sr, (lo, hi), order), x, axis=-1)


def shaped_noise(n: int, sr: int, rng: np.random.Generator, gain: GainFn,
                 nfft: int = 1024) -> np.ndarray:
    """White noise whose short-time spectrum is multiplied by ``gain(freqs, times)``.

    Args:
        n: Number of samples.
        sr: Sample rate.
        rng: Random generator.
        gain: Maps frequencies (F,) and frame times (T,) to a magnitude array (F, T)
            (or anything broadcastable to it).
        nfft: STFT size (hop = nfft / 4).

    Returns:
        float64 array of ``n`` samples.
    """
    import numpy as np
    from scipy.signal import istft, stft

    pad = nfft
    white = rng.standard_normal(n + 2 * pad)
    freqs, times, spec = stft(white, fs=sr, nperseg=nfft, noverlap=3 * nfft // 4)
    g = np.asarray(gain(freqs, times - pad / sr), dtype=np.float64)
    if g.ndim == 1:  # a fixed spectral shape
        g = g[:, None]
    g = np.broadcast_to(g, spec.shape)
    _, y = istft(spec * g, fs=sr, nperseg=nfft, noverlap=3 * nfft // 4)
    y = y[pad: pad + n]
    if y.size < n:
        y = np.pad(y, (0, n - y.size))
    return y



def damped_sine(sr: int, freq: float, decay: float, length: float | None = None,
                phase: float = 0.0, glide: float = 0.0) -> np.ndarray:
    """A sine of ``freq`` Hz decaying with time constant ``decay`` s (optional frequency glide).

    Args:
        sr: Sample rate.
        freq: Start frequency.
        decay: Exponential time constant in seconds.
        length: Length in seconds (default 5 time constants).
        phase: Start phase.
        glide: Relative frequency change per second (e.g. 2.0 rises, as a water bubble).
    """
    import numpy as np

    length = length or 5 * decay
    t = np.arange(max(1, int(round(length * sr)))) / sr
    f = freq * (1 + glide * t)
    ph = phase + 2 * np.pi * np.cumsum(f) / sr
    return np.sin(ph) * np.exp(-t / decay)


def env_adsr(n: int, sr: int, attack: float, release: float) -> np.ndarray:
    """Linear attack, sustain at 1, raised-cosine release, over ``n`` samples."""
    import numpy as np

    e = np.ones(n)
    a = min(n, max(1, int(attack * sr)))
    r = min(n - a, max(1, int(release * sr)))
    e[:a] = np.linspace(0, 1, a)
    if r > 0:
        e[n - r:] = 0.5 * (1 + np.cos(np.linspace(0, np.pi, r)))
    return e


def add_at(out: np.ndarray, ev: np.ndarray, start: int, gain: float = 1.0) -> None:
    """Add ``ev`` into ``out`` (last axis) from sample ``start``, clipped to the bounds."""
    n = out.shape[-1]
    if start >= n or start + ev.shape[-1] <= 0:
        return
    a = max(0, start)
    b = min(n, start + ev.shape[-1])
    out[..., a:b] += gain * ev[..., a - start: b - start]


def impulse_train(n: int, rng: np.random.Generator, rate_per_sample: float,
                  amp_spread: float = 1.0) -> np.ndarray:
    """Sparse Poisson impulses with log-normally spread amplitudes."""
    import numpy as np

    count = rng.poisson(rate_per_sample * n)
    x = np.zeros(n)
    if count:
        pos = rng.integers(0, n, count)
        amps = rng.lognormal(0.0, amp_spread, count) * rng.choice([-1.0, 1.0], count)
        np.add.at(x, pos, amps)
    return x


def convolve(x: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """FFT convolution trimmed to the length of ``x``."""
    from scipy.signal import fftconvolve

    return fftconvolve(x, kernel, mode="full", axes=-1)[..., : x.shape[-1]]


def reverb_ir(sr: int, rng: np.random.Generator, seconds: float = 1.2,
              damping_hz: float = 4000.0) -> np.ndarray:
    """A stereo synthetic room response: decaying, low-passed noise (2, samples)."""
    import numpy as np

    m = int(seconds * sr)
    t = np.arange(m) / sr
    ir = rng.standard_normal((2, m)) * np.exp(-6.9 * t / seconds)
    ir = lowpass(ir, sr, damping_hz)
    ir[:, : int(0.01 * sr)] *= np.linspace(0, 1, int(0.01 * sr))
    return ir / np.sqrt(np.sum(ir**2) / 2)


def fm_tone(sr: int, freqs: np.ndarray, harmonics: tuple[float, ...] = (1.0,),
            phase: float = 0.0) -> np.ndarray:
    """A tone following the per-sample frequency track ``freqs`` with harmonic amplitudes."""
    import numpy as np

    ph = phase + 2 * np.pi * np.cumsum(freqs) / sr
    out = np.zeros_like(ph)
    nyq = sr / 2
    for k, amp in enumerate(harmonics, start=1):
        if amp:
            out += amp * np.sin(k * ph) * (k * freqs < nyq)
    return out


def hann_env(m: int, attack_frac: float = 0.5) -> np.ndarray:
    """An asymmetric raised-cosine envelope of ``m`` samples peaking at ``attack_frac``."""
    import numpy as np

    a = max(1, int(m * attack_frac))
    r = max(1, m - a)
    up = 0.5 * (1 - np.cos(np.linspace(0, np.pi, a)))
    down = 0.5 * (1 + np.cos(np.linspace(0, np.pi, r)))
    return np.concatenate([up, down])[:m]
