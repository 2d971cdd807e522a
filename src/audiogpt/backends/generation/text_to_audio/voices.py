"""Recipes built from speech synthesis: people talking (babble), a crowd murmur, and a
spoken phrase quoted in the request.

Speech comes from :func:`audiogpt.backends.speech.synthesis.offline.synthesize` (flite/festival/espeak-ng voices);
if that module is unavailable, espeak-ng is called directly. Each recipe records the method in
``p.notes`` so the result says which ran.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.generation.text_to_audio.dsp import add_at, bandpass, lowpass

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

SENTENCES = (
    "Did you see the game last night?", "I think we should leave a little earlier.",
    "That sounds like a good idea to me.", "Where did you put the keys?",
    "Well, it depends on the weather tomorrow.", "I have not seen her in years.",
    "Could you pass me the menu, please?", "We could meet again next week.",
    "Honestly, I was not expecting that.", "It is much busier than usual today.",
    "Let me tell you what happened this morning.", "Yes, of course, no problem at all.",
    "The train was late again.", "I will call you when I get home.",
    "Have you tried the new place on the corner?", "Really? I had no idea.",
)
VOICES = (("slt", 1.0), ("rms", 1.0), ("awb", 1.05), ("kal16", 1.1), ("slt_hts", 0.95))


def speak(text: str, sr: int, voice: str | None = None, speed: float = 1.0) -> tuple[np.ndarray, str]:
    """Synthesize ``text`` at ``sr``; returns (mono samples, method name).

    Clips are cached per (text, rate, voice); ``speed`` is applied by resampling, which also
    shifts the pitch and so varies the voice.
    """
    import numpy as np

    sig, method = _speak_cached(text, sr, voice)
    if abs(speed - 1.0) > 1e-3:
        m = max(1, int(sig.size / speed))
        sig = np.interp(np.linspace(0, sig.size - 1, m), np.arange(sig.size), sig)
    return sig, method


@functools.lru_cache(maxsize=256)
def _speak_cached(text: str, sr: int, voice: str | None) -> tuple[np.ndarray, str]:
    speed = 1.0
    try:
        from audiogpt.backends.speech.synthesis.offline import synthesize

        audio = synthesize(text, voice=voice, language="en", speed=speed)
        return audio.resampled(sr).mono.astype("float64"), f"tts:{voice or 'default'}"
    except ImportError:
        logger.debug("audiogpt.backends.speech.synthesis.offline unavailable; calling espeak-ng directly")
    except Exception as exc:  # a missing voice engine: try the next method
        logger.debug("tts voice %s failed: %s", voice, exc)
    return _espeak(text, sr, speed), "espeak-ng"


def _espeak(text: str, sr: int, speed: float) -> np.ndarray:
    from audiogpt.core.audio import Audio
    from audiogpt.core.errors import BackendUnavailable

    if not shutil.which("espeak-ng"):
        raise BackendUnavailable("speech babble needs a TTS engine (sudo apt-get install espeak-ng)")
    with tempfile.TemporaryDirectory() as td:
        wav = Path(td) / "s.wav"
        subprocess.run(["espeak-ng", "-s", str(int(165 * speed)), "-w", str(wav), text],
                       check=True, capture_output=True, timeout=60)
        return Audio.from_file(wav).resampled(sr).mono.astype("float64")


def _talker(n: int, sr: int, rng: np.random.Generator, voice: str, speed: float,
            notes: list[str], start: float) -> np.ndarray:
    """One speaker saying random sentences with pauses until the clip is full."""
    import numpy as np

    out = np.zeros(n)
    t = start
    order = rng.permutation(len(SENTENCES))
    i = 0
    while t < n / sr:
        speech, method = speak(SENTENCES[order[i % len(order)]], sr, voice, speed)
        if method not in notes:
            notes.append(method)
        add_at(out, speech, int(t * sr))
        t += speech.size / sr + rng.uniform(0.4, 1.6)
        i += 1
    return out


def babble(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """People talking: 2-4 synthetic speakers (distinct voices, rates and positions) speaking
    overlapping sentences; a single ``man``/``woman``/``person`` gives one speaker."""
    import numpy as np

    notes: list[str] = getattr(p, "notes", [])
    single = bool(p.mods & {"man", "woman", "person", "someone", "voice"})
    speakers = p.count or (1 if single else int(round(2 + 2 * p.intensity)))
    pool = list(VOICES)
    if "woman" in p.mods:
        pool = [v for v in VOICES if v[0].startswith("slt")]
    elif "man" in p.mods:
        pool = [v for v in VOICES if not v[0].startswith("slt")]
    out = np.zeros((2, n))
    for k in range(speakers):
        voice, speed = pool[k % len(pool)]
        sig = _talker(n, sr, rng, voice, speed * rng.uniform(0.92, 1.08), notes,
                      rng.uniform(0.0, 0.3) if k == 0 else rng.uniform(0.2, 1.5))
        pan = 0.5 if speakers == 1 else 0.15 + 0.7 * k / max(1, speakers - 1)
        out[0] += np.cos(pan * np.pi / 2) * sig
        out[1] += np.sin(pan * np.pi / 2) * sig
    return out


def crowd(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Crowd murmur: 6-12 talkers summed, low-passed and blurred (unintelligible), over a
    band-limited room noise; ``cheering`` adds vowel-like shouts."""
    import numpy as np

    notes: list[str] = getattr(p, "notes", [])
    talkers = p.count or int(6 + 6 * p.intensity)
    out = np.zeros((2, n))
    for k in range(talkers):
        voice, speed = VOICES[k % 3]
        sig = _talker(n, sr, rng, voice, speed * rng.uniform(0.8, 1.25), notes,
                      rng.uniform(0.0, 1.0))
        pan = rng.uniform(0.0, 1.0)
        out[0] += np.cos(pan * np.pi / 2) * sig * rng.uniform(0.5, 1.0)
        out[1] += np.sin(pan * np.pi / 2) * sig * rng.uniform(0.5, 1.0)
    out = lowpass(out, sr, 2500)
    room = bandpass(rng.standard_normal((2, n)), sr, 150, 1500)
    out = out / (np.std(out) + 1e-9) + 0.3 * room / (np.std(room) + 1e-9)
    if p.mods & {"cheering", "cheer", "cheers"}:
        for _ in range(int(3 + 6 * p.intensity)):
            m = int(sr * rng.uniform(0.5, 1.2))
            x = np.arange(m) / m
            f0 = rng.uniform(180, 380) * (1 + 0.3 * np.sin(np.pi * x))
            from audiogpt.backends.generation.text_to_audio.dsp import fm_tone, hann_env

            src = fm_tone(sr, f0, tuple(1 / k for k in range(1, 16)))
            shout = bandpass(src, sr, 600, 1000) + 0.7 * bandpass(src, sr, 1100, 1600)
            add_at(out, np.stack([shout, shout]) * hann_env(m, 0.3), int(rng.integers(0, n)),
                   2.0 / (np.std(shout) + 1e-9) * 0.3)
    return out


def speech(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """A quoted phrase spoken once (then repeated after a pause while time remains)."""
    import numpy as np

    notes: list[str] = getattr(p, "notes", [])
    voice = "rms" if "man" in p.mods else "slt"
    sig, method = speak(p.text or "Hello.", sr, voice)
    notes.append(method)
    out = np.zeros(n)
    t = 0.2
    while t < n / sr:
        add_at(out, sig, int(t * sr))
        t += sig.size / sr + 1.0
    return out


RECIPES = {"babble": babble, "crowd": crowd, "speech": speech}
