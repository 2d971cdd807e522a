"""The project's one F0 tracker: SwiftF0 (``swift-f0`` wheel, a 135 kB ONNX CNN, MIT licence).

The model file ships inside the wheel and is pinned by sha256: a different file makes
:func:`available` false with the exact fix, and :func:`track` raises
:class:`~audiogpt.core.errors.BackendUnavailable`.

Example::

    from audiogpt.backends.dsp.pitch import track
    times, f0, voiced = track(audio)          # 16 ms frames; f0 in Hz, 0 where unvoiced
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.core.errors import BackendUnavailable

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

RATE = 16000
HOP_S = 256 / RATE  # the model's frame period (16 ms)
MODEL_SHA256 = "6385e8c2ebc3872e82c9ff5946228de44cd3be77a750ea53698b7dbfe94b0a22"
INSTALL = "pip install 'swift-f0==0.3.0'"
FMIN, FMAX = 46.875, 2093.75

_LOCK = threading.Lock()
_DETECTOR: list = []
_CHECKED: dict[str, str | None] = {}


def model_path() -> Path | None:
    """Path of the ONNX model inside the installed ``swift_f0`` package, or None."""
    try:
        spec = importlib.util.find_spec("swift_f0")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        p = Path(root) / "model.onnx"
        if p.is_file():
            return p
    return None


def unavailable_reason() -> str | None:
    """None when SwiftF0 can run here, else why (with the exact fix)."""
    if "reason" in _CHECKED:
        return _CHECKED["reason"]
    path = model_path()
    if path is None or importlib.util.find_spec("onnxruntime") is None:
        reason: str | None = f"SwiftF0 is not installed ({INSTALL})"
    else:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        reason = None if digest == MODEL_SHA256 else (
            f"SwiftF0 model {path} has sha256 {digest[:12]}..., expected {MODEL_SHA256[:12]}... "
            f"(reinstall: pip install --force-reinstall 'swift-f0==0.3.0')")
    _CHECKED["reason"] = reason
    return reason


def available() -> bool:
    """Whether the pinned SwiftF0 model can be used."""
    return unavailable_reason() is None


def _detector():
    with _LOCK:
        if not _DETECTOR:
            reason = unavailable_reason()
            if reason:
                raise BackendUnavailable(f"pitch tracker: {reason}")
            from swift_f0 import SwiftF0

            _DETECTOR.append(SwiftF0(threads=1, spin=False))
        return _DETECTOR[0]


def track_array(y: np.ndarray, sample_rate: int, fmin: float = 60.0, fmax: float = 800.0,
                threshold: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """F0 of a mono float signal.

    Args:
        y: Mono samples.
        sample_rate: Their rate (resampled to 16 kHz inside).
        fmin: Lowest F0 searched (Hz).
        fmax: Highest F0 searched (Hz).
        threshold: Confidence at or above which a frame is voiced.

    Returns:
        (frame times in s, F0 in Hz with 0 where unvoiced, voiced mask), 16 ms frames.
    """
    import numpy as np

    y = np.asarray(y, dtype=np.float32)
    if y.size < 256:
        empty = np.zeros(0)
        return empty, empty, np.zeros(0, bool)
    res = _detector().detect(y, int(sample_rate), fmin=max(fmin, FMIN), fmax=min(fmax, FMAX))
    voiced = res.confidence >= threshold
    f0 = np.where(voiced, res.pitch_hz, 0.0)
    return res.timestamps, f0, voiced


def track(audio: Audio, fmin: float = 60.0, fmax: float = 800.0,
          threshold: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """F0 of an :class:`~audiogpt.core.audio.Audio` (mixed to mono). See :func:`track_array`."""
    return track_array(audio.mono, audio.sample_rate, fmin, fmax, threshold)


def resample_track(times: np.ndarray, f0: np.ndarray, frame_times: np.ndarray) -> np.ndarray:
    """F0 at other frame times: nearest frame's value (keeps unvoiced frames at 0)."""
    import numpy as np

    if times.size == 0:
        return np.zeros(len(frame_times))
    idx = np.clip(np.searchsorted(times, frame_times), 0, len(times) - 1)
    prev = np.clip(idx - 1, 0, len(times) - 1)
    closer = np.abs(times[prev] - frame_times) < np.abs(times[idx] - frame_times)
    return f0[np.where(closer, prev, idx)]
