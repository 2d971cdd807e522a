"""Speaker embeddings with Resemblyzer (GE2E, weights shipped in the ``Resemblyzer`` wheel).

Used for the one-speaker check of enrollment and stored in the voice profile. The weight
file is pinned by sha256; a mismatch makes :func:`unavailable_reason` say how to fix it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.core.errors import BackendUnavailable

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

WEIGHTS_SHA256 = "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"
INSTALL = "pip install --force-reinstall 'Resemblyzer==0.1.4'"
_LOCK = threading.Lock()
_ENC: list = []
_REASON: dict[str, str | None] = {}


def weights_path() -> Path | None:
    """The ``pretrained.pt`` inside the installed package, or None."""
    try:
        spec = importlib.util.find_spec("resemblyzer")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(next(iter(spec.submodule_search_locations))) / "pretrained.pt"
    return p if p.is_file() else None


def unavailable_reason() -> str | None:
    """None when the encoder can run, else why (with the fix)."""
    if "r" not in _REASON:
        path = weights_path()
        if path is None:
            _REASON["r"] = f"Resemblyzer is not installed ({INSTALL})"
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            _REASON["r"] = None if digest == WEIGHTS_SHA256 else (
                f"Resemblyzer weights {path} have sha256 {digest[:12]}..., expected "
                f"{WEIGHTS_SHA256[:12]}... ({INSTALL})")
    return _REASON["r"]


def _encoder():
    with _LOCK:
        if not _ENC:
            reason = unavailable_reason()
            if reason:
                raise BackendUnavailable(f"speaker encoder: {reason}")
            import torch
            from resemblyzer import VoiceEncoder

            torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
            _ENC.append(VoiceEncoder("cpu", verbose=False))
        return _ENC[0]


def embed(audio: Audio) -> np.ndarray:
    """Unit-norm 256-d speaker embedding of a recording (16 kHz inside)."""
    import numpy as np
    from resemblyzer import preprocess_wav

    y = audio.to_mono().resampled(16000).mono.astype(np.float32)
    wav = preprocess_wav(y, 16000)
    if wav.size < 1600:
        wav = y
    return np.asarray(_encoder().embed_utterance(wav), np.float32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two embeddings."""
    import numpy as np

    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
