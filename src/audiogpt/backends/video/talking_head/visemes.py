"""Mouth shapes from speech, one value per video frame.

Two sources, combined when both are there:

- **Alignment**: word timings from the pocketsphinx recognizer
  (:func:`audiogpt.backends.speech.recognition.pocketsphinx.transcribe`), each word expanded to phonemes with
  CMUdict (shipped in the pocketsphinx wheel) and the phonemes spread over the word's span
  (vowels twice as long as consonants). Each phoneme maps to a viseme: jaw opening and lip
  width (rounded /uw/ /ow/ /w/ narrow, /iy/ /eh/ spread, /m b p/ closed, /f v/ lip-bite).
- **Acoustics**: short-time energy (how much the mouth moves) and LPC formants: F1 rises with
  jaw opening, F2 falls with lip rounding.

Without alignment the acoustic track alone drives the mouth.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: ARPAbet phoneme (no stress) -> (jaw opening 0-1, lip width -1 rounded .. +1 spread)
VISEMES: dict[str, tuple[float, float]] = {
    "AA": (1.0, 0.1), "AE": (0.85, 0.4), "AH": (0.7, 0.1), "AO": (0.85, -0.4),
    "AW": (0.85, -0.3), "AY": (0.9, 0.2), "EH": (0.6, 0.5), "ER": (0.45, -0.2),
    "EY": (0.55, 0.6), "IH": (0.4, 0.5), "IY": (0.3, 0.8), "OW": (0.6, -0.7),
    "OY": (0.7, -0.5), "UH": (0.4, -0.6), "UW": (0.3, -0.9),
    "B": (0.0, 0.0), "P": (0.0, 0.0), "M": (0.0, 0.0), "F": (0.12, 0.2), "V": (0.12, 0.2),
    "W": (0.2, -0.9), "R": (0.3, -0.4), "L": (0.35, 0.2), "Y": (0.3, 0.6),
    "TH": (0.2, 0.3), "DH": (0.2, 0.3), "S": (0.15, 0.6), "Z": (0.15, 0.6),
    "SH": (0.2, -0.4), "ZH": (0.2, -0.4), "CH": (0.2, -0.3), "JH": (0.2, -0.3),
    "T": (0.2, 0.3), "D": (0.2, 0.3), "N": (0.2, 0.3), "NG": (0.25, 0.2),
    "K": (0.3, 0.2), "G": (0.3, 0.2), "HH": (0.45, 0.2),
}
VOWELS = {p for p in VISEMES if p[0] in "AEIOU"}


@dataclass
class MouthTrack:
    """Per-frame mouth parameters.

    Attributes:
        open: Jaw opening, 0 (closed) to 1 (wide open).
        wide: Lip width, -1 (rounded) to +1 (spread).
        energy: Normalised speech energy (0-1).
        method: How the track was obtained.
        words: Aligned words used, if any.
    """

    open: np.ndarray
    wide: np.ndarray
    energy: np.ndarray
    method: str
    words: list[dict[str, Any]] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _cmudict() -> dict[str, list[str]]:
    """CMUdict from the pocketsphinx wheel (word -> phonemes without stress)."""
    try:
        import pocketsphinx
    except ImportError:
        return {}
    path = Path(pocketsphinx.__file__).parent / "model" / "en-us" / "cmudict-en-us.dict"
    out: dict[str, list[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            parts = line.split()
            if len(parts) > 1 and "(" not in parts[0]:
                out[parts[0]] = [re.sub(r"\d", "", p) for p in parts[1:]]
    return out


def phonemes(word: str) -> list[str]:
    """CMUdict phonemes of ``word``; letters mapped to rough phonemes when unknown."""
    w = re.sub(r"[^a-z']", "", word.lower())
    found = _cmudict().get(w)
    if found:
        return found
    letters = {"a": "AE", "e": "EH", "i": "IH", "o": "OW", "u": "AH", "y": "IY", "m": "M",
               "b": "B", "p": "P", "f": "F", "v": "V", "w": "W", "r": "R", "l": "L",
               "s": "S", "z": "Z", "t": "T", "d": "D", "n": "N", "k": "K", "c": "K", "g": "G",
               "h": "HH", "j": "JH", "q": "K", "x": "K"}
    return [letters[c] for c in w if c in letters] or ["AH"]


def energy_track(x: np.ndarray, sr: int, fps: float, frames: int) -> np.ndarray:
    """Normalised short-time energy per video frame (0 = silence floor, 1 = loud speech)."""
    import numpy as np

    hop = sr / fps
    win = int(2 * hop)
    centers = ((np.arange(frames) + 0.5) * hop).astype(int)
    pad = np.pad(x, (win, win))
    idx = centers[:, None] + np.arange(-win // 2, win // 2)[None, :] + win
    seg = pad[np.clip(idx, 0, pad.size - 1)] * np.hanning(idx.shape[1])
    db = 10 * np.log10(np.mean(seg**2, axis=1) + 1e-10)
    top = np.percentile(db, 95)
    floor = max(np.percentile(db, 10), top - 45)
    return np.clip((db - floor - 6) / max(1e-6, top - floor - 6), 0, 1)



def formant_track(x: np.ndarray, sr: int, fps: float, frames: int) -> tuple[np.ndarray, np.ndarray]:
    """F1 and F2 (Hz) per video frame from LPC roots (order 12 at 10 kHz); NaN when unclear."""
    import numpy as np
    from scipy.signal import resample_poly

    from audiogpt.backends.dsp.lpc import lpc

    sr2 = 10000
    y = x if sr == sr2 else resample_poly(x, sr2, sr)
    y = np.append(y[0], y[1:] - 0.97 * y[:-1])  # pre-emphasis
    hop = sr2 / fps
    win = int(0.03 * sr2)
    f1 = np.full(frames, np.nan)
    f2 = np.full(frames, np.nan)
    ham = np.hamming(win)
    for i in range(frames):
        c = int((i + 0.5) * hop)
        seg = y[max(0, c - win // 2): c - win // 2 + win]
        if seg.size < win or np.sum(seg**2) < 1e-8:
            continue
        try:
            a = lpc(seg * ham, 12, ridge=1e-4)
        except np.linalg.LinAlgError:
            continue
        roots = [r for r in np.roots(a) if np.imag(r) > 0]
        freqs = sorted(f for r in roots
                       if 90 < (f := np.angle(r) * sr2 / (2 * np.pi)) < 4500
                       and -np.log(np.abs(r)) * sr2 / np.pi < 500)
        if len(freqs) >= 2:
            f1[i], f2[i] = freqs[0], freqs[1]
    return f1, f2


def phone_alignment(audio: Audio) -> list[dict[str, Any]]:
    """Phoneme segments from pocketsphinx's phone-loop decoder (en-us acoustic model and its
    phonetic language model): ``[{word: PHONE, start, end}]`` (silences and fillers dropped)."""
    import os

    import numpy as np
    import pocketsphinx

    md = os.path.join(os.path.dirname(pocketsphinx.__file__), "model", "en-us")
    dec = pocketsphinx.Decoder(hmm=os.path.join(md, "en-us"), lm=None,
                               allphone=os.path.join(md, "en-us-phone.lm.bin"), beam=1e-20,
                               pbeam=1e-20, lw=2.0, samprate=16000, loglevel="FATAL")
    pcm = (np.clip(audio.to_mono().resampled(16000).mono, -1, 1) * 32767).astype("<i2")
    dec.start_utt()
    dec.process_raw(pcm.tobytes(), full_utt=True)
    dec.end_utt()
    return [{"word": seg.word, "start": seg.start_frame / 100, "end": (seg.end_frame + 1) / 100}
            for seg in dec.seg() if seg.word in VISEMES]


def alignment_targets(words: list[dict[str, Any]], fps: float, frames: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Viseme opening/width per frame from word timings, and a mask of frames in words."""
    import numpy as np

    op = np.zeros(frames)
    wd = np.zeros(frames)
    inside = np.zeros(frames, bool)
    for w in words:
        token = str(w.get("word", ""))
        ph = [token] if token in VISEMES else [p for p in phonemes(token) if p in VISEMES]
        start, end = float(w["start"]), float(w["end"])
        if not ph or end <= start:
            continue
        weights = np.array([2.0 if p in VOWELS else 1.0 for p in ph])
        bounds = start + (end - start) * np.concatenate([[0], np.cumsum(weights) / weights.sum()])
        for p, a, b in zip(ph, bounds[:-1], bounds[1:]):
            fa, fb = int(np.floor(a * fps)), max(int(np.floor(a * fps)) + 1, int(np.ceil(b * fps)))
            sl = slice(max(0, fa), min(frames, fb))
            op[sl] = np.maximum(op[sl], VISEMES[p][0])
            wd[sl] = VISEMES[p][1]
            inside[sl] = True
    return op, wd, inside


def _smooth(v: np.ndarray, attack: float = 0.6, release: float = 0.45) -> np.ndarray:
    """Asymmetric one-pole smoothing (coarticulation: opens fast, closes a bit slower)."""
    import numpy as np

    out = np.empty_like(v)
    acc = 0.0
    for i, x in enumerate(v):
        k = attack if x > acc else release
        acc += k * (x - acc)
        out[i] = acc
    return out


def mouth_track(audio: Audio, fps: float, frames: int, *, alignment: str = "phones"
                ) -> MouthTrack:
    """Per-frame mouth opening and width for ``audio``.

    Args:
        audio: The speech.
        fps: Video frame rate.
        frames: Number of video frames.
        alignment: ``phones`` (pocketsphinx phone decoder, default), ``words`` (the speech
            recognizer's word timings expanded with CMUdict; slower), or ``none`` (acoustics).
    """
    import numpy as np

    mono = audio.to_mono().resampled(16000).mono.astype(np.float64)
    sr = 16000
    energy = energy_track(mono, sr, fps, frames)
    f1, f2 = formant_track(mono, sr, fps, frames)
    voiced = energy > 0.15
    f1_open = np.where(np.isnan(f1), 0.5, np.clip((f1 - 250) / 550, 0.1, 1.0))
    f2_wide = np.where(np.isnan(f2), 0.0, np.clip((f2 - 1400) / 600, -1.0, 1.0))
    acoustic_open = energy * (0.5 + 0.5 * f1_open) * voiced
    units: list[dict[str, Any]] = []
    method = "energy + LPC formants (F1 opening, F2 rounding)"
    try:
        if alignment == "phones":
            units = phone_alignment(audio)
            kind = "pocketsphinx phone-loop decoding (ARPAbet phonemes)"
        elif alignment == "words":
            from audiogpt.backends.speech.recognition.pocketsphinx import transcribe

            units = [w for w in transcribe(audio.to_mono().resampled(16000)).get("words", [])
                     if not str(w.get("word", "")).startswith(("<", "["))]
            kind = "pocketsphinx word alignment + CMUdict phonemes"
    except ImportError:
        logger.debug("pocketsphinx not available; acoustic visemes only")
    except Exception as exc:
        logger.warning("alignment failed (%s); acoustic visemes only", exc)
        units = []
    if units:
        v_open, v_wide, inside = alignment_targets(units, fps, frames)
        gate = np.clip(energy * 1.6, 0, 1)
        open_ = np.where(inside, 0.65 * v_open * gate + 0.35 * acoustic_open, acoustic_open * 0.5)
        wide = np.where(inside, 0.7 * v_wide + 0.3 * f2_wide, f2_wide * voiced)
        method = f"{kind} -> visemes, scaled by energy and LPC formants"
    else:
        open_, wide = acoustic_open, f2_wide * voiced
    return MouthTrack(np.clip(_smooth(open_), 0, 1), np.clip(_smooth(wide, .5, .5), -1, 1),
                      energy, method, units)
