"""Offline target sound detection: a label mapped onto the event detector's classes, or query by
example (log-mel template matching with normalised cross-correlation).

The example clip reaches the backend as a file the runner imported (``req.files["target"]``);
the backend never opens a path named in an argument.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import ToolResult

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: Words of a label query -> detector class.
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "speech": ("speech", "speak", "speaking", "speaks", "talk", "talking", "voice", "man",
               "woman", "person", "someone", "conversation", "spoken", "narration", "words"),
    "singing": ("sing", "singing", "sings", "song", "vocal", "vocals", "singer", "choir"),
    "music": ("music", "musical", "instrument", "piano", "guitar", "violin", "melody", "band",
              "orchestra", "tune"),
    "babble": ("babble", "crowd", "chatter", "people", "cafe", "restaurant"),
    "impulsive": ("bark", "barks", "barking", "dog", "knock", "knocking", "door", "clap",
                  "claps", "bang", "gunshot", "shot", "footstep", "footsteps", "slam", "hit",
                  "click", "typing", "impulsive", "impact", "thud", "tick", "crack"),
    "steady_noise": ("rain", "wind", "engine", "car", "traffic", "noise", "hum", "helicopter",
                     "train", "water", "fan", "static", "hiss", "rumble", "waves", "sea",
                     "background"),
    "tonal": ("bird", "birds", "chirp", "chirping", "whistle", "whistling", "siren", "beep",
              "alarm", "tone", "tweet", "rooster"),
    "silence": ("silence", "silent", "quiet", "pause", "nothing"),
}
def label_class(text: str) -> str | None:
    """Map a label query onto a detector class (None when no word matches)."""
    words = re.findall(r"[a-z]+", text.lower())
    for cls, vocab in LABEL_WORDS.items():
        if any(w in vocab or w.rstrip("s") in vocab for w in words):
            return cls
    return None


def logmel(y: np.ndarray, sr: int = 16000, hop: int = 256, n_mels: int = 48) -> np.ndarray:
    """Log-mel features (n_mels, frames), with the per-band median floor of the file removed."""
    import librosa
    import numpy as np

    mel = librosa.feature.melspectrogram(y=y, sr=sr, n_fft=1024, hop_length=hop, n_mels=n_mels,
                                         fmin=50, fmax=sr / 2)
    return np.log(mel + 1e-8)


def ncc_curve(mix: np.ndarray, tmpl: np.ndarray) -> np.ndarray:
    """Normalised cross-correlation of a (bands, L) template at every frame of ``mix``."""
    import numpy as np
    from scipy.signal import fftconvolve

    bands, length = tmpl.shape
    n = mix.shape[1] - length + 1
    if n <= 0:
        return np.zeros(0)
    t = tmpl - tmpl.mean()
    t = t / (np.linalg.norm(t) + 1e-12)
    num = sum(fftconvolve(mix[b], t[b][::-1], mode="valid") for b in range(bands))
    col = mix.sum(0)
    col2 = (mix ** 2).sum(0)
    c1 = np.concatenate([[0], np.cumsum(col)])
    c2 = np.concatenate([[0], np.cumsum(col2)])
    s1 = c1[length:length + n] - c1[:n]
    s2 = c2[length:length + n] - c2[:n]
    var = np.maximum(s2 - s1 ** 2 / (bands * length), 1e-12)
    return np.asarray(num[:n] / np.sqrt(var))


def match_example(mix: np.ndarray, example: np.ndarray, sr: int = 16000,
                  min_score: float = 0.5, rel: float = 0.75) -> tuple[list[dict[str, Any]], float]:
    """Find where ``example`` occurs in ``mix`` (both mono at ``sr``).

    Returns:
        (segments [{start, end, score}] sorted by start, the best score found).
    """
    import numpy as np

    hop = 256
    example = _trim_silence(example)
    fm, fe = logmel(mix, sr, hop), logmel(example, sr, hop)
    if fe.shape[1] > fm.shape[1]:
        return [], 0.0
    curve = ncc_curve(fm, fe)
    if curve.size == 0:
        return [], 0.0
    best = float(curve.max())
    length = fe.shape[1]
    med = float(np.median(curve))
    mad = float(np.median(np.abs(curve - med)))
    # A match must stand out from the file's own similarity distribution and be near the best.
    thr = max(min_score, rel * best, med + 6.0 * mad)
    segs = []
    order = np.argsort(curve)[::-1]
    taken = np.zeros(len(curve), bool)
    for i in order:
        if curve[i] < thr:
            break
        if taken[i]:
            continue
        taken[max(0, i - length + 1): i + length] = True
        start = i * hop / sr
        segs.append({"start": round(start, 3), "end": round(start + len(example) / sr, 3),
                     "score": round(float(curve[i]), 3)})
    return sorted(segs, key=lambda s: s["start"]), best


def _trim_silence(x: np.ndarray, top_db: float = 40.0) -> np.ndarray:
    import librosa

    trimmed, _ = librosa.effects.trim(x, top_db=top_db, frame_length=512, hop_length=128)
    return trimmed if len(trimmed) >= 1600 else x


def detect_label(audio: Audio, cls: str) -> list[dict[str, Any]]:
    """Segments of one detector class."""
    from audiogpt.backends.sound.events.features_backend import EVENT_RULES, analyze, segments

    post = analyze(audio)
    on, off, gap, min_s = EVENT_RULES[cls]
    return [{"start": round(s, 3), "end": round(min(e, audio.duration), 3), "score": round(p, 3)}
            for s, e, p in segments(post.row(cls), post.hop_s, on, off, gap, min_s)]


class ClassicTSD(Backend):
    """Label -> event-detector class, or example clip -> log-mel NCC template matching."""

    name = "template"
    tool = "target_sound_detection"
    summary = "label -> sound_event_detection class; example clip -> log-mel NCC template matching"
    requires = (module("librosa", "sound"), module("scipy", "core"))
    sample_rate = 16000
    priority = 10

    def run(self, req: Request) -> ToolResult:
        target = str(req.get("target"))
        audio = req.audio("audio")
        if req.has("target"):  # an example clip, imported by the runner (never opened here)
            ex = req.audio("target").to_mono()
            if ex.duration > audio.duration:
                raise ToolInputError(
                    f"target_sound_detection: the example ({ex.duration:.2f} s) is longer than "
                    f"the audio ({audio.duration:.2f} s)")
            segs, best = match_example(audio.to_mono().mono, ex.mono)
            data = {"segments": segs, "method": "example:logmel-ncc", "target": target,
                    "best_score": round(best, 3)}
            what = f"the example sound ({Path(req.files['target']).name})"
        else:
            cls = label_class(target)
            if cls is None:
                known = ", ".join(sorted({w for v in LABEL_WORDS.values() for w in v[:4]}))
                raise ToolInputError(
                    f"target_sound_detection: unknown target {target!r}; give an example audio "
                    f"file or one of the labels: {known}")
            segs = detect_label(audio, cls)
            data = {"segments": segs, "method": f"label:{cls}", "target": target, "class": cls}
            what = f"{target} (class {cls})"
        times = ", ".join(f"{s['start']:.2f}-{s['end']:.2f} s" for s in segs[:10])
        text = (f"Found {what} {len(segs)} time(s): {times}" if segs
                else f"Did not find {what} in the audio.")
        return ToolResult(outputs=[], text=text, data=data)
