"""Keyed spectral watermark for synthesized voices: embed and detect.

The mark is a fixed, keyed fine-structure ripple of the magnitude spectrum between 1 and
4 kHz (chips 15.6 Hz wide, +-``ALPHA_DB`` per pattern), applied as one zero-phase filter
over the whole file. Being time-invariant it needs no synchronisation, so it survives
cutting, MP3 coding, gain changes and resampling (it lies below 8 kHz, inside a 16 kHz
file's band). Detection averages the log spectrum over the loud frames, removes the smooth
spectral envelope, and correlates the residual with the keyed patterns: one presence pattern
and ``N_BITS`` payload patterns (tool id, day of creation, checksum).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

RATE = 16000
N_FFT = 2048
CHIP_BINS = 1
DETECT_OVERSAMPLE = 2
LO_HZ, HI_HZ = 500.0, 7000.0
ALPHA_DB = 0.45
MAX_ALPHA_DB = 1.0
TARGET_SCORE = 0.28
KEY = b"audiogpt-voice-watermark-v1"
TOOLS = ("voice_clone", "voice_conversion", "text_to_speech", "singing_synthesis")
EPOCH = date(2024, 1, 1)
N_DAYS = 16 * 366
THRESHOLD = 0.15
#: The mark is in every frame: the first minute is enough to find it.
MAX_ANALYSIS_S = 60.0
PAYLOAD_THRESHOLD = 0.15
PAYLOAD_MARGIN = 0.04
_CACHE: dict[str, Any] = {}


def _band() -> tuple[int, int]:
    return int(LO_HZ * N_FFT / RATE), int(HI_HZ * N_FFT / RATE)


def _rng(*parts: object) -> np.random.Generator:
    import numpy as np

    seed = hashlib.sha256(KEY + repr(parts).encode()).digest()[:8]
    return np.random.default_rng(int.from_bytes(seed, "big"))


def _presence() -> np.ndarray:
    """The keyed +-1 presence pattern over the band's chips."""
    lo, hi = _band()
    if "presence" not in _CACHE:
        _CACHE["presence"] = _rng("presence").choice([-1.0, 1.0], size=(hi - lo) // CHIP_BINS)
    return _CACHE["presence"]


def _payloads() -> np.ndarray:
    """(tools x days, chips) keyed +-1 payload patterns, one per (tool, day) pair."""
    import numpy as np

    if "payload" not in _CACHE:
        lo, hi = _band()
        pats = _rng("payload").integers(0, 2, size=(len(TOOLS) * N_DAYS, (hi - lo) // CHIP_BINS),
                                         dtype=np.int8)
        _CACHE["payload"] = pats * 2 - 1
    return _CACHE["payload"]


def _payload_index(tool: str, day: date) -> int:
    tid = TOOLS.index(tool) if tool in TOOLS else 0
    days = max(0, min((day - EPOCH).days, N_DAYS - 1))
    return tid * N_DAYS + days


def _ripple_db(tool: str, day: date) -> np.ndarray:
    """The mark's per-chip pattern (times the strength in dB): presence + (tool, day)."""
    return _presence() + _payloads()[_payload_index(tool, day)]


def embed(audio: Audio, tool: str, day: date | None = None) -> Audio:
    """Return ``audio`` carrying the mark (same rate, channels and length).

    The strength starts at ``ALPHA_DB`` and is raised (up to ``MAX_ALPHA_DB``) when the
    mark's own detection score on this audio falls short of ``TARGET_SCORE``.
    """
    day = day or datetime.now(UTC).date()
    alpha = ALPHA_DB
    marked = _apply(audio, alpha * _ripple_db(tool, day))
    score = float(detect(marked, payload=False)["score"])
    if 0 < score < TARGET_SCORE and alpha < MAX_ALPHA_DB:
        alpha = min(MAX_ALPHA_DB, alpha * TARGET_SCORE / score)
        marked = _apply(audio, alpha * _ripple_db(tool, day))
    elif score <= 0:
        marked = _apply(audio, MAX_ALPHA_DB * _ripple_db(tool, day))
    return marked


def _apply(audio: Audio, ripple: np.ndarray) -> Audio:
    """Filter ``audio`` by the per-chip gains ``ripple`` (dB), zero phase, one FFT."""
    import numpy as np

    from audiogpt.core.audio import Audio

    lo, _ = _band()
    edges_hz = (lo + np.arange(len(ripple) + 1) * CHIP_BINS) * RATE / N_FFT
    x = np.asarray(audio.samples, np.float64)
    n = x.shape[-1]
    nfft = 1 << int(np.ceil(np.log2(max(n, 2))))
    freqs = np.fft.rfftfreq(nfft, 1.0 / audio.sample_rate)
    idx = np.searchsorted(edges_hz, freqs, side="right") - 1
    inside = (idx >= 0) & (idx < len(ripple))
    gain_db = np.zeros_like(freqs)
    gain_db[inside] = ripple[idx[inside]]
    spec = np.fft.rfft(x, n=nfft, axis=-1) * (10.0 ** (gain_db / 20.0))
    y = np.fft.irfft(spec, n=nfft, axis=-1)[..., :n]
    peak = float(np.max(np.abs(y))) if y.size else 0.0
    if peak > 0.999:
        y = y * (0.999 / peak)
    return Audio(y.astype(np.float32), audio.sample_rate)


def _residual(audio: Audio) -> np.ndarray | None:
    """Mean over loud frames of each frame's log spectrum minus its smooth envelope.

    The per-frame envelope is a 9-bin median across frequency; deviations are clipped to
    +-6 dB so harmonics and tonal peaks do not dominate the average.
    """
    import numpy as np
    from scipy.ndimage import median_filter
    from scipy.signal import stft

    y = audio.to_mono().resampled(RATE).mono.astype(np.float64)[: int(MAX_ANALYSIS_S * RATE)]
    if y.size < N_FFT * 2:
        return None
    up = DETECT_OVERSAMPLE
    if y.size < N_FFT * up * 2:
        up = 1
    _, _, z = stft(y, RATE, nperseg=N_FFT * up, noverlap=N_FFT * up * 3 // 4, boundary=None)
    lo, hi = _band()
    lo, hi = lo * up, hi * up
    power = np.abs(z[lo:hi]) ** 2
    energy = power.sum(axis=0)
    loud = energy > np.max(energy) * 1e-3
    if loud.sum() < 4:
        return None
    logspec = 10 * np.log10(power[:, loud] + 1e-12)
    dev = np.clip(logspec - median_filter(logspec, size=(9 * up, 1), mode="nearest"), -6.0, 6.0)
    resid = dev.mean(axis=1)
    width = CHIP_BINS * up
    resid = resid[: len(resid) // width * width].reshape(-1, width).mean(axis=1)
    norm = np.linalg.norm(resid)
    return resid / norm if norm > 0 else None


def detect(audio: Audio, *, payload: bool = True) -> dict[str, Any]:
    """Whether ``audio`` carries the mark, and if so which tool made it and when.

    Returns:
        ``{"watermarked": bool, "score": float}`` plus ``tool`` and ``created`` (ISO date)
        when the (tool, day) pattern is found too.
    """
    import numpy as np

    resid = _residual(audio)
    if resid is None:
        return {"watermarked": False, "score": 0.0}
    unit = resid / np.linalg.norm(resid)
    pres = _presence()
    score = float(pres @ unit / np.linalg.norm(pres))
    out: dict[str, Any] = {"watermarked": score >= THRESHOLD, "score": round(score, 3)}
    if not out["watermarked"] or not payload:
        return out
    days = min(N_DAYS, (datetime.now(UTC).date() - EPOCH).days + 2)
    pats = _payloads().reshape(len(TOOLS), N_DAYS, -1)[:, :days].reshape(len(TOOLS) * days, -1)
    corr = (pats @ unit.astype(np.float32)) / np.sqrt(pats.shape[1])
    order = np.argsort(corr)[::-1]
    best, second = int(order[0]), float(corr[order[1]])
    out["payload_score"] = round(float(corr[best]), 3)
    if corr[best] >= PAYLOAD_THRESHOLD and corr[best] - second >= PAYLOAD_MARGIN:
        out["tool"] = TOOLS[best // days]
        out["created"] = (EPOCH + timedelta(days=best % days)).isoformat()
    return out
