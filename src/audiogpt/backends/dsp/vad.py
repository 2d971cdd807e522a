"""Speech activity: the Silero VAD ONNX model (shipped in the ``silero-vad`` wheel), run with
onnxruntime and numpy only (no torch, no torchaudio).

``silero-vad`` declares torch as a dependency but its ONNX model needs only onnxruntime, so it
is installed with ``pip install --no-deps silero-vad`` (see ``scripts/setup-python.sh``).
When it is missing, :func:`speech_probability` returns ``None`` and callers fall back to the
spectral speech detector of :mod:`audiogpt.backends.sound.events.features`.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.backends.pinned import PinnedFile

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

WEIGHTS = PinnedFile("silero_vad", "data/silero_vad.onnx",
                     "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3",
                     "pip install --no-deps 'silero-vad==6.2.3'")

RATE = 16000
CHUNK = 512  # 32 ms at 16 kHz
CONTEXT = 64
HOP_S = CHUNK / RATE
INSTALL = "pip install --no-deps silero-vad"

_LOCK = threading.Lock()
_SESSION: list = []


def model_path() -> Path | None:
    """Path of the bundled ``silero_vad.onnx``, or None when the wheel is not installed or the
    file fails its pinned sha256 (callers then use the spectral speech detector)."""
    problem = WEIGHTS.problem()
    if problem:
        _warn_once(problem)
        return None
    return WEIGHTS.path()


@functools.lru_cache(maxsize=1)
def _warn_once(problem: str) -> None:
    logger.warning("Silero VAD unavailable: %s", problem)


def available() -> bool:
    """Whether the Silero ONNX model and onnxruntime can be used."""
    return model_path() is not None and importlib.util.find_spec("onnxruntime") is not None


def _session():
    with _LOCK:
        if not _SESSION:
            import onnxruntime

            opts = onnxruntime.SessionOptions()
            opts.inter_op_num_threads = 1
            opts.intra_op_num_threads = 1
            _SESSION.append(onnxruntime.InferenceSession(
                str(model_path()), sess_options=opts, providers=["CPUExecutionProvider"]))
        return _SESSION[0]


def speech_probability(y16k: np.ndarray) -> np.ndarray | None:
    """Per-chunk speech probability of a 16 kHz mono signal.

    Args:
        y16k: Mono float signal at 16 kHz.

    Returns:
        One probability per 32 ms chunk (chunk ``i`` covers ``[i*0.032, (i+1)*0.032)`` s), or
        None when the model is not installed.
    """
    import numpy as np

    if not available():
        return None
    sess = _session()
    x = np.asarray(y16k, dtype=np.float32)
    n = int(np.ceil(len(x) / CHUNK)) or 1
    x = np.pad(x, (0, n * CHUNK - len(x)))
    state = np.zeros((2, 1, 128), np.float32)
    context = np.zeros((1, CONTEXT), np.float32)
    sr = np.array(RATE, dtype=np.int64)
    out = np.empty(n, np.float32)
    for i in range(n):
        chunk = x[None, i * CHUNK:(i + 1) * CHUNK]
        inp = np.concatenate([context, chunk], axis=1)
        prob, state = sess.run(None, {"input": inp, "state": state, "sr": sr})
        out[i] = float(np.asarray(prob).reshape(-1)[0])
        context = inp[:, -CONTEXT:]
    return out
