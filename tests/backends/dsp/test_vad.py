"""The Silero VAD model file is sha256-pinned: a file that fails its hash is not loaded, and the
callers fall back to the spectral speech detector."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.backends.dsp import vad
from audiogpt.backends.pinned import PinnedFile


def test_pinned_model_loads_and_a_wrong_hash_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert vad.WEIGHTS.problem() is None and vad.model_path() == vad.WEIGHTS.path()
    tampered = PinnedFile(vad.WEIGHTS.package, vad.WEIGHTS.relpath, "0" * 64, vad.WEIGHTS.install)
    monkeypatch.setattr(vad, "WEIGHTS", tampered)
    assert vad.model_path() is None and not vad.available()
    assert "sha256" in (tampered.problem() or "")
    monkeypatch.setattr(vad, "_SESSION", [])
    assert vad.speech_probability(np.zeros(16000, np.float32)) is None
