"""Offline sound extraction: a text query mapped to a classical separation method.

* speech/voice: VAD-gated Wiener denoising (noise PSD from the non-speech frames, decision-
  directed a-priori SNR), non-speech frames attenuated.
* percussion/drums: HPSS percussive part. Tonal instruments/singing/birds: HPSS harmonic part
  (birds/whistles also high-passed at 1 kHz).
* low / high sounds: 8th-order Butterworth low-pass (300 Hz) / high-pass (2 kHz).
* an example clip: the clip is found by log-mel template matching and the mixture is
  Wiener-masked inside the matches against the noise spectrum measured outside them.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

RATE = 16000
N_FFT, HOP = 512, 128

#: method -> words of the query that select it (checked in this order).
QUERY_WORDS: dict[str, tuple[str, ...]] = {
    "low": ("low", "bass", "rumble", "lows", "sub"),
    "high": ("high", "hiss", "treble", "highs"),
    "percussive": ("drum", "drums", "percussion", "percussive", "beat", "beats", "clap",
                   "claps", "knock", "knocks", "footsteps", "hits", "transients", "kick",
                   "snare"),
    "tonal_high": ("bird", "birds", "chirp", "chirping", "whistle", "whistling", "tweet"),
    "harmonic": ("sing", "singing", "singer", "song", "vocals", "piano", "guitar", "violin",
                 "instrument", "instruments", "melody", "music", "tonal", "harmonic", "flute",
                 "organ", "synth", "strings"),
    "speech": ("speech", "speak", "speaking", "speaker", "voice", "talk", "talking", "man",
               "woman", "person", "someone", "dialogue", "narrator", "words", "vocal"),
}


def query_method(query: str) -> str | None:
    """The method a text query selects (None when nothing matches)."""
    words = re.findall(r"[a-z]+", query.lower())
    for method, vocab in QUERY_WORDS.items():
        if any(w in vocab or w.rstrip("s") in vocab for w in words):
            return method
    return None


def _stft(y: np.ndarray) -> np.ndarray:
    import librosa

    return librosa.stft(y, n_fft=N_FFT, hop_length=HOP)


def _istft(X: np.ndarray, n: int) -> np.ndarray:
    import librosa

    return librosa.istft(X, hop_length=HOP, n_fft=N_FFT, length=n)


def wiener(X: np.ndarray, noise_psd: np.ndarray, gate: np.ndarray | None = None,
           alpha: float = 0.98, floor_db: float = -20.0) -> np.ndarray:
    """Decision-directed Wiener gain (Ephraim-Malah a-priori SNR) applied to ``X``.

    Args:
        X: STFT (bins, frames).
        noise_psd: Noise power per bin.
        gate: Optional per-frame weight in [0, 1] (1 = target active).
        alpha: Decision-directed smoothing.
        floor_db: Lowest gain.
    """
    import numpy as np

    P = np.abs(X) ** 2
    post = P / noise_psd[:, None]
    gains = np.empty_like(P)
    prev = np.ones(P.shape[0])
    floor = 10 ** (floor_db / 20)
    for t in range(P.shape[1]):
        prio = alpha * prev ** 2 * post[:, max(0, t - 1)] + (1 - alpha) * np.maximum(
            post[:, t] - 1, 0)
        g = prio / (1 + prio)
        gains[:, t] = np.maximum(g, floor)
        prev = gains[:, t]
    if gate is not None:
        gains *= np.maximum(gate, floor)[None, :]
    return X * gains


def extract_speech(y: np.ndarray) -> tuple[np.ndarray, dict]:
    """VAD-gated Wiener denoising of speech."""
    import numpy as np
    from scipy.ndimage import maximum_filter1d, uniform_filter1d

    from audiogpt.backends.dsp import vad as sed_vad

    X = _stft(y)
    P = np.abs(X) ** 2
    n_frames = X.shape[1]
    vad = sed_vad.speech_probability(y)
    method = "silero-gated-wiener"
    if vad is None:
        from audiogpt.backends.sound.events.features import compute

        vad = compute(y, use_silero=False).row("speech")
        method = "spectral-vad-gated-wiener"
    # VAD chunks (512 samples) -> STFT frames (128 samples).
    idx = np.minimum((np.arange(n_frames) * HOP) // sed_vad.CHUNK, len(vad) - 1)
    v = vad[idx]
    speechy = maximum_filter1d((v > 0.5).astype(float), size=int(0.3 * RATE / HOP))
    quiet = speechy < 0.5
    if quiet.sum() >= 20:
        noise_psd = P[:, quiet].mean(1)
    else:  # minimum statistics: a low percentile of each bin
        noise_psd = np.percentile(P, 15, axis=1)
        method += "+percentile-noise"
    gate = uniform_filter1d(np.clip(speechy, 0.1, 1.0), size=9)
    out = _istft(wiener(X, noise_psd + 1e-12, gate), len(y))
    return out, {"method": method, "speech_fraction": round(float(speechy.mean()), 3)}


def extract_hpss(y: np.ndarray, part: str, highpass: float | None = None) -> np.ndarray:
    """HPSS (median filtering, margin 2) harmonic or percussive part."""
    import librosa

    X = librosa.stft(y, n_fft=2048, hop_length=512)
    H, P = librosa.decompose.hpss(X, margin=2.0)
    out = librosa.istft(H if part == "harmonic" else P, hop_length=512, n_fft=2048,
                        length=len(y))
    if highpass:
        out = band(out, highpass, "highpass")
    return out


def band(y: np.ndarray, cutoff: float, kind: str) -> np.ndarray:
    """Zero-phase 8th-order Butterworth filter."""
    from scipy.signal import butter, sosfiltfilt

    sos = butter(8, cutoff, btype=kind, fs=RATE, output="sos")
    return sosfiltfilt(sos, y)


def extract_example(y: np.ndarray, example: np.ndarray) -> tuple[np.ndarray, dict]:
    """Wiener-mask the mixture inside the matches of ``example``."""
    import numpy as np

    from audiogpt.backends.sound.target_detection import match_example

    segs, best = match_example(y, example, RATE)
    X = _stft(y)
    P = np.abs(X) ** 2
    t = np.arange(X.shape[1]) * HOP / RATE
    inside = np.zeros(X.shape[1], bool)
    for s in segs:
        inside |= (t >= s["start"] - 0.05) & (t <= s["end"] + 0.05)
    noise_psd = P[:, ~inside].mean(1) if (~inside).sum() >= 20 else np.percentile(P, 15, 1)
    out = _istft(wiener(X, noise_psd + 1e-12, inside.astype(float), floor_db=-30), len(y))
    return out, {"method": "example:ncc-gated-wiener", "segments": segs,
                 "best_score": round(best, 3)}


class DSPExtraction(Backend):
    """Query -> VAD-gated Wiener / HPSS / band filters / example-gated Wiener masking."""

    name = "dsp"
    tool = "sound_extraction"
    summary = ("speech: Silero-gated Wiener; drums: HPSS percussive; tonal: HPSS harmonic; "
               "low/high: Butterworth; example clip: NCC-gated Wiener mask")
    requires = (module("librosa", "sound"), module("scipy", "core"))
    sample_rate = RATE
    priority = 10

    def run(self, req: Request) -> ToolResult:
        import numpy as np

        from audiogpt.core.audio import Audio

        query = str(req.get("query"))
        example = req.has("query")  # an example clip, imported by the runner (never opened here)
        method = None if example else query_method(query)
        if not example and method is None:
            raise ToolInputError(
                f"sound_extraction: cannot extract {query!r} offline; ask for speech/voice, "
                "drums/percussion, singing/instruments/music (harmonic part), birds/whistles, "
                "low sounds, high sounds, or give an example audio file of the sound")
        y = req.audio("audio").to_mono().mono.astype(np.float32)
        data: dict = {"query": query}
        if example:
            ex = req.audio("query").to_mono().mono
            out, info = extract_example(y, ex)
            data.update(info)
        elif method == "speech":
            out, info = extract_speech(y)
            data.update(info)
        elif method in ("percussive", "harmonic"):
            out = extract_hpss(y, method)
            data["method"] = f"hpss-{method}"
        elif method == "tonal_high":
            out = extract_hpss(y, "harmonic", highpass=1000.0)
            data["method"] = "hpss-harmonic+highpass-1k"
        elif method == "low":
            out = band(y, 300.0, "lowpass")
            data["method"] = "butterworth-lowpass-300Hz"
        else:
            out = band(y, 2000.0, "highpass")
            data["method"] = "butterworth-highpass-2kHz"
        audio = Audio(np.asarray(out, np.float32), RATE)
        return ToolResult(outputs=[Output("audio", audio, "extracted")],
                          text=f"Extracted {query!r} with {data['method']}.", data=data)
