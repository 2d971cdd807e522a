"""Spoken syllables for the singing synthesizer: TTS per word, WORLD analysis, syllable cuts.

Each word (a Chinese character, or an English word sung over one or more notes) is spoken
by a TTS engine, analysed with the WORLD vocoder (DIO + StoneMask F0, CheapTrick envelope,
D4C aperiodicity) and cut into syllables at energy minima. Each syllable is described by its
unvoiced onset (consonant), voiced nucleus (vowel and voiced consonants) and unvoiced coda.
"""

from __future__ import annotations

import itertools
import logging
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import BackendError, BackendUnavailable

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

FRAME_PERIOD = 5.0  # ms
FS = 22050


def pyworld() -> Any:
    """Import pyworld (it warns about pkg_resources on import; that is not ours to fix)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyworld as pw
    return pw


@dataclass
class Syllable:
    """WORLD parameters of one spoken syllable.

    Attributes:
        f0: F0 per frame (Hz, 0 = unvoiced).
        sp: Spectral envelope (frames, bins).
        ap: Aperiodicity (frames, bins).
        onset: Frames of the unvoiced onset.
        coda: Frames of the unvoiced coda (the nucleus is what lies between).
    """

    f0: np.ndarray
    sp: np.ndarray
    ap: np.ndarray
    onset: int
    coda: int

    @property
    def frames(self) -> int:
        """Number of frames."""
        return len(self.f0)


def espeak(text: str, voice: str, fs: int = FS, rate: int = 120) -> np.ndarray:
    """Speak ``text`` with espeak-ng and return mono float64 samples at ``fs``.

    Raises:
        BackendUnavailable: espeak-ng is not installed.
        BackendError: espeak-ng failed.
    """
    import numpy as np
    import soundfile as sf
    import soxr

    exe = shutil.which("espeak-ng")
    if not exe:
        raise BackendUnavailable("singing_synthesis: espeak-ng is missing "
                                 "(sudo apt-get install espeak-ng)")
    with tempfile.TemporaryDirectory(prefix="audiogpt-sing-") as td:
        out = Path(td) / "s.wav"
        proc = subprocess.run([exe, "-v", voice, "-s", str(rate), "-w", str(out), text],
                              capture_output=True, text=True, timeout=60, check=False)
        if proc.returncode != 0 or not out.exists():
            raise BackendError(f"singing_synthesis: espeak-ng failed on {text!r}: "
                               f"{proc.stderr.strip()[-200:]}")
        x, sr = sf.read(out, dtype="float64", always_2d=True)
    x = x.mean(axis=1)
    if sr != fs:
        x = soxr.resample(x, sr, fs)
    return np.ascontiguousarray(x)


def speak(text: str, language: str, fs: int = FS) -> tuple[np.ndarray, str]:
    """Speak one word: Chinese pinyin (with tone digit) or English text.

    English goes through the project's TTS (``audiogpt.backends.speech.synthesis.offline.synthesize``) when it is
    available, else espeak-ng; Chinese goes to espeak-ng's pinyin voice, which reads the
    context-resolved pinyin from pypinyin.

    Returns:
        (samples at ``fs``, name of the engine used).
    """
    import numpy as np

    if language == "zh":
        return espeak(text, "cmn-latn-pinyin", fs), "espeak-ng cmn-latn-pinyin"
    try:
        from audiogpt.backends.speech.synthesis.offline import synthesize  # A1's TTS, when present
    except ImportError:
        synthesize = None
    if synthesize is not None:
        try:
            audio = synthesize(text, language="en", sample_rate=fs)
            x = np.asarray(audio.mono, dtype="float64")
            if audio.sample_rate == fs and x.size and np.abs(x).max() > 1e-4:
                return x, "audiogpt tts"
        except Exception as exc:
            logger.warning("project TTS failed on %r (%s); using espeak-ng", text, exc)
    return espeak(text, "en-us", fs), "espeak-ng en-us"


def analyze(x: np.ndarray, fs: int = FS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """WORLD analysis: SwiftF0 F0 (the project's tracker), CheapTrick envelope, D4C."""
    import numpy as np

    from audiogpt.backends.dsp.pitch import resample_track, track_array

    pw = pyworld()
    x = np.ascontiguousarray(x, dtype=np.float64)
    t = np.arange(int(len(x) * 1000 // (fs * FRAME_PERIOD)) + 1) * FRAME_PERIOD / 1000.0
    ft, f0s, _ = track_array(x, fs, 60.0, 500.0)
    f0 = np.ascontiguousarray(resample_track(ft, f0s, t))
    sp = pw.cheaptrick(x, f0, t, fs)
    ap = pw.d4c(x, f0, t, fs)
    return f0, sp, ap


def _frame_db(sp: np.ndarray) -> np.ndarray:
    import numpy as np

    return 10 * np.log10(sp.sum(axis=1) + 1e-20)


def _cut_points(db: np.ndarray, start: int, end: int, k: int) -> list[int]:
    """k-1 cut frames between ``start`` and ``end`` at local energy minima near equal parts."""
    import numpy as np

    smooth = np.convolve(db, np.ones(5) / 5, mode="same")
    length = end - start
    cuts = []
    for i in range(1, k):
        ideal = start + length * i // k
        lo = max(start + 1, ideal - length // (3 * k))
        hi = min(end - 1, ideal + length // (3 * k))
        cuts.append(int(lo + np.argmin(smooth[lo:hi + 1])) if hi > lo else ideal)
    return cuts


def word_syllables(x: np.ndarray, k: int, fs: int = FS) -> list[Syllable]:
    """Analyse a spoken word and cut it into ``k`` syllables.

    Silence (more than 45 dB under the loudest frame) is trimmed first; cuts are placed at
    energy minima near equal divisions of the voiced span.
    """
    import numpy as np

    peak = np.abs(x).max()
    if peak <= 0:
        raise BackendError("singing_synthesis: the TTS returned silence")
    f0, sp, ap = analyze(x / peak * 0.5, fs)
    db = _frame_db(sp)
    loud = np.flatnonzero(db > db.max() - 45)
    start, end = int(loud[0]), int(loud[-1]) + 1
    voiced = np.flatnonzero(f0[start:end] > 0) + start
    if k > 1 and len(voiced) >= 2 * k:
        cuts = _cut_points(db, int(voiced[0]), int(voiced[-1]) + 1, k)
    else:
        cuts = [start + (end - start) * i // k for i in range(1, k)]
    bounds = [start, *cuts, end]
    out = []
    for a, b in itertools.pairwise(bounds):
        b = max(b, a + 1)
        f, s, p = f0[a:b], sp[a:b], ap[a:b]
        v = np.flatnonzero(f > 0)
        if len(v) == 0:  # no voicing found: sing the whole chunk as the nucleus
            onset, coda = 0, 0
        else:
            onset, coda = int(v[0]), int(len(f) - 1 - v[-1])
        out.append(Syllable(f.copy(), s.copy(), p.copy(), onset, coda))
    return out
