"""Binaural rendering: Brown & Duda's spherical-head model and time-varying HRIR convolution.

Brown & Duda (1998), "A structural model for binaural sound synthesis": each ear gets
  * a head-shadow one-pole/one-zero filter H(w) = (1 + j a(t) w / 2w0) / (1 + j w / 2w0),
    w0 = c / r, a(t) = (1 + amin/2) + (1 - amin/2) cos(t / tmin * 180 deg), amin = 0.1,
    tmin = 150 deg, where t is the angle between the source and the ear's axis;
  * the Woodworth delay tau(t) = -(r/c) cos t for t < 90 deg, (r/c)(t - pi/2) beyond;
  * optionally a shoulder echo (gain 0.5) delayed by
    1.2 (180 - az)/180 (1 - 0.00004 ((el - 80) 180/(180 + az))^2) ms.
The HRIR pair for a direction is built by sampling that response on an FFT grid. Fixed
directions are rendered by one convolution; moving sources by overlap-added Hann blocks,
each convolved with the HRIR of its centre time.

Convention: azimuth +90 = listener's right, 0 = front, elevation +90 = above.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

HEAD_RADIUS_M = 0.0875
SPEED_OF_SOUND = 343.0
ALPHA_MIN, THETA_MIN_DEG = 0.1, 150.0
SHOULDER_GAIN = 0.5

HRIRFn = Callable[[float, float], "np.ndarray"]


def unit_vector(azimuth: float, elevation: float) -> tuple[float, float, float]:
    """(front, right, up) unit vector of a direction in degrees (azimuth +90 = right)."""
    az, el = math.radians(azimuth), math.radians(elevation)
    return math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)


def ear_angles(azimuth: float, elevation: float) -> tuple[float, float]:
    """Angles in radians between the source and the left and the right ear axes."""
    _, y, _ = unit_vector(azimuth, elevation)
    y = max(-1.0, min(1.0, y))
    return math.acos(-y), math.acos(y)


def woodworth_delay(theta: float, radius: float = HEAD_RADIUS_M) -> float:
    """Arrival time (s) at an ear relative to the head centre, for ear angle ``theta`` (rad)."""
    if theta < math.pi / 2:
        return -(radius / SPEED_OF_SOUND) * math.cos(theta)
    return (radius / SPEED_OF_SOUND) * (theta - math.pi / 2)


def theoretical_itd(azimuth: float, elevation: float = 0.0) -> float:
    """Woodworth ITD in seconds: left arrival minus right arrival (> 0: right ear leads)."""
    tl, tr = ear_angles(azimuth, elevation)
    return woodworth_delay(tl) - woodworth_delay(tr)


def shadow_response(freqs: np.ndarray, theta: float) -> np.ndarray:
    """Brown-Duda head-shadow response at ``freqs`` (Hz) for ear angle ``theta`` (rad)."""
    import numpy as np

    w0 = SPEED_OF_SOUND / HEAD_RADIUS_M
    alpha = (1 + ALPHA_MIN / 2) + (1 - ALPHA_MIN / 2) * np.cos(
        math.degrees(theta) / THETA_MIN_DEG * np.pi)
    jw = 1j * 2 * np.pi * freqs / (2 * w0)
    return (1 + alpha * jw) / (1 + jw)


def shoulder_delay(azimuth: float, elevation: float) -> float:
    """Brown-Duda shoulder-echo delay in seconds (azimuth measured towards this ear)."""
    az = min(abs(azimuth), 180.0)
    return 1.2e-3 * (180 - az) / 180 * (1 - 0.00004 * ((elevation - 80) * 180 / (180 + az)) ** 2)


def spherical_head_hrir(azimuth: float, elevation: float, sample_rate: int, *,
                        shoulder: bool = False, taps: int = 256) -> np.ndarray:
    """HRIR pair (2, taps) of the spherical-head model; row 0 left, row 1 right.

    A common bulk delay of 1 ms keeps both ears causal (the nearer ear is *earlier* than the
    head centre by up to r/c).
    """
    import numpy as np

    nfft = 4 * taps
    freqs = np.fft.rfftfreq(nfft, 1 / sample_rate)
    bulk = 1e-3
    out = np.zeros((2, taps))
    for ear, theta in enumerate(ear_angles(azimuth, elevation)):
        resp = shadow_response(freqs, theta) * np.exp(
            -2j * np.pi * freqs * (woodworth_delay(theta) + bulk))
        if shoulder:
            # Azimuth seen from this ear: 0 when the source faces the ear's side of the head.
            side = math.degrees(math.pi / 2 - (math.pi - theta))
            resp = resp * (1 + SHOULDER_GAIN * np.exp(
                -2j * np.pi * freqs * shoulder_delay(side, elevation)))
        ir = np.fft.irfft(resp, nfft)[:taps]
        fade = max(8, taps // 8)
        ir[-fade:] *= np.hanning(2 * fade)[fade:]
        out[ear] = ir
    return out


def directions_at(keys: list[tuple[float, float, float]], times: np.ndarray) -> np.ndarray:
    """Interpolated (azimuth, elevation) in degrees at ``times`` (seconds), shape (n, 2)."""
    import numpy as np

    t = np.array([k[0] for k in keys])
    az = np.interp(times, t, [k[1] for k in keys])
    el = np.interp(times, t, [k[2] for k in keys])
    return np.stack([az, el], axis=1)


def render_fixed(mono: np.ndarray, hrir: np.ndarray) -> np.ndarray:
    """Convolve ``mono`` with one HRIR pair; output (2, len(mono))."""
    import numpy as np
    from scipy.signal import fftconvolve

    return np.stack([fftconvolve(mono, h)[: len(mono)] for h in hrir])


def render_moving(mono: np.ndarray, sample_rate: int, keys: list[tuple[float, float, float]],
                  hrir_fn: HRIRFn, *, block: int = 1024, resolution_deg: float = 1.0) -> np.ndarray:
    """Render a moving source by overlap-adding Hann-windowed blocks.

    Args:
        mono: The source signal.
        sample_rate: Its rate.
        keys: Trajectory keyframes (time s, azimuth, elevation).
        hrir_fn: Maps (azimuth, elevation) to an HRIR pair (2, taps).
        block: Block length (hop = block / 2; periodic Hann sums to one).
        resolution_deg: Directions are rounded to this grid to reuse HRIRs.

    Returns:
        (2, len(mono)) binaural signal.
    """
    import numpy as np

    hop = block // 2
    n = len(mono)
    win = np.hanning(block + 1)[:block]
    nblocks = int(np.ceil((n + hop) / hop))
    padded = np.zeros(nblocks * hop + block)
    padded[hop: hop + n] = mono  # block k covers padded[k*hop : k*hop + block]
    centres = (np.arange(nblocks) * hop + block / 2 - hop) / sample_rate
    dirs = np.round(directions_at(keys, centres) / resolution_deg) * resolution_deg
    cache: dict[tuple[float, float], np.ndarray] = {}
    taps = len(hrir_fn(float(dirs[0, 0]), float(dirs[0, 1]))[0])
    nfft = 1 << int(np.ceil(np.log2(block + taps - 1)))
    out = np.zeros((2, len(padded) + nfft))
    for k in range(nblocks):
        key = (float(dirs[k, 0]), float(dirs[k, 1]))
        if key not in cache:
            cache[key] = np.fft.rfft(hrir_fn(*key), nfft, axis=1)
        seg = np.fft.rfft(padded[k * hop: k * hop + block] * win, nfft)
        out[:, k * hop: k * hop + nfft] += np.fft.irfft(cache[key] * seg, nfft, axis=1)
    return out[:, hop: hop + n]
