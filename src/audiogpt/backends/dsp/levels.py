"""Recording levels: frame levels in dBFS, speech level, peak, clipping and a live meter.

One place for the level maths and the level thresholds of a recording. The enrollment
checks (:mod:`audiogpt.backends.speech.voice.enroll`) count clipped samples with
:data:`CLIP_LEVEL`; the web UI's take check and its live meter measure the speech level with
:func:`speech_level_db` and call it too quiet below :data:`QUIET_DB`. The live meter
(:class:`LevelTracker`) keeps the frame levels of a recording as its chunks arrive, so its
speech level at the end equals what :func:`speech_level_db` says of the whole take.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: A sample at or above this magnitude (full scale 1.0) is clipped.
CLIP_LEVEL = 0.999
#: Speech quieter than this (dBFS, :func:`speech_level_db`) is too quiet.
QUIET_DB = -40.0
#: Below this (dBFS) there is no usable signal at all (microphone off or muted).
SILENT_DB = -60.0
#: Frame length of the level measurements (seconds).
FRAME_S = 0.03
_EPS = 1e-12


def to_db(amplitude: float) -> float:
    """An amplitude (full scale 1.0) in dBFS."""
    import math

    return 20.0 * math.log10(max(float(amplitude), 0.0) + _EPS)


def frame_db(mono: np.ndarray, sample_rate: int) -> np.ndarray:
    """RMS level (dBFS) of consecutive :data:`FRAME_S` frames (a partial last frame is dropped)."""
    import numpy as np

    frame = max(int(FRAME_S * sample_rate), 1)
    n = mono.size // frame
    if n == 0:
        return np.zeros(0)
    x = np.asarray(mono[: n * frame], dtype=np.float64).reshape(n, frame)
    return 10.0 * np.log10(np.mean(x * x, axis=1) + _EPS)


def speech_level_db(levels: np.ndarray) -> float:
    """Speech level of a recording: the median of its loudest 30 % frames (dBFS)."""
    import numpy as np

    if levels.size == 0:
        return to_db(0.0)
    loud = levels[levels >= np.percentile(levels, 70)]
    return float(np.median(loud))


def floor_snr_db(levels: np.ndarray) -> float | None:
    """Signal-to-noise ratio from frame levels alone (no VAD model, cheap enough per chunk).

    The speech level (:func:`speech_level_db`) minus the noise floor, the 10th percentile of
    the frame levels (the pauses between words and phrases). ``None`` under 1 s of frames.
    On the shared recordings it agrees in kind with the enrollment check's Silero-gated SNR:
    21-38 dB for clean speech, 5-14 dB with white noise at -26 dBFS added (Silero: 2-7 dB).
    """
    import numpy as np

    if levels.size < int(1.0 / FRAME_S):
        return None
    return speech_level_db(levels) - float(np.percentile(levels, 10))


def clipped_count(mono: np.ndarray) -> int:
    """Number of clipped samples (magnitude >= :data:`CLIP_LEVEL`)."""
    import numpy as np

    return int(np.count_nonzero(np.abs(mono) >= CLIP_LEVEL))


def as_float(samples: np.ndarray) -> np.ndarray:
    """Samples as float32 mono in [-1, 1] (integer PCM is scaled; channels are averaged)."""
    import numpy as np

    x = np.asarray(samples)
    if np.issubdtype(x.dtype, np.integer):
        x = x.astype(np.float32) / float(np.iinfo(x.dtype).max + 1)
    x = x.astype(np.float32, copy=False)
    return x.mean(axis=1) if x.ndim == 2 else x


@dataclass(frozen=True)
class Reading:
    """The meter after one chunk.

    Attributes:
        level_db: RMS level of the chunk (dBFS).
        peak_db: peak of the chunk (dBFS).
        clipping: samples of this chunk, or of the last ``hold_s`` seconds, were clipped.
        seconds: length of the recording so far.
        speech_db: speech level of the recording so far (:func:`speech_level_db`).
        snr_db: signal-to-noise ratio so far (:func:`floor_snr_db`; ``None`` under 1 s).
        clipped: fraction of clipped samples so far.
    """

    level_db: float
    peak_db: float
    clipping: bool
    seconds: float
    speech_db: float
    snr_db: float | None
    clipped: float


class LevelTracker:
    """Levels of a recording that arrives in chunks (all at one sample rate).

    Args:
        sample_rate: the chunks' sample rate.
        hold_s: how long a clipped chunk keeps :attr:`Reading.clipping` on, so a short
            overload stays visible on a meter refreshed a few times a second.
    """

    def __init__(self, sample_rate: int, hold_s: float = 1.5) -> None:
        import numpy as np

        self.sample_rate = int(sample_rate)
        self.hold_s = hold_s
        self._frame = max(int(FRAME_S * self.sample_rate), 1)
        self._rest = np.zeros(0, dtype=np.float32)
        self._levels: list[np.ndarray] = []
        self._samples = 0
        self._clipped = 0
        self._last_clip_s: float | None = None

    @property
    def seconds(self) -> float:
        return self._samples / self.sample_rate

    def levels(self) -> np.ndarray:
        """Frame levels (dBFS) of everything so far."""
        import numpy as np

        return np.concatenate(self._levels) if self._levels else np.zeros(0)

    def add(self, mono: np.ndarray) -> Reading:
        """Measure one chunk (float mono, :func:`as_float`) and return the meter's reading."""
        import numpy as np

        x = np.asarray(mono, dtype=np.float32)
        self._samples += x.size
        clipped = clipped_count(x)
        self._clipped += clipped
        if clipped:
            self._last_clip_s = self.seconds
        joined = np.concatenate([self._rest, x])
        n = joined.size // self._frame
        if n:
            self._levels.append(frame_db(joined[: n * self._frame], self.sample_rate))
        self._rest = joined[n * self._frame:]
        levels = self.levels()
        held = self._last_clip_s is not None and self.seconds - self._last_clip_s <= self.hold_s
        rms = float(np.sqrt(np.mean(x.astype(np.float64) ** 2))) if x.size else 0.0
        return Reading(
            level_db=round(to_db(rms), 1),
            peak_db=round(to_db(float(np.max(np.abs(x))) if x.size else 0.0), 1),
            clipping=bool(clipped or held), seconds=round(self.seconds, 2),
            speech_db=round(speech_level_db(levels), 1),
            snr_db=None if (snr := floor_snr_db(levels)) is None else round(snr, 1),
            clipped=self._clipped / max(self._samples, 1))
