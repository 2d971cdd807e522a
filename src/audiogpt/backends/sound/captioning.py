"""Offline audio captioning: one or two sentences composed from real analysis: the event
detector's classes and times, voice pitch (gender when clear), first recognised words
(Whisper base, else pocketsphinx), music tempo and key (beat tracking, Krumhansl-Schmuckler
key profiles), loudness (EBU R128) and background character."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.backends.sound.events.features import Posteriors
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

KEYS = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
MAJOR = (6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88)
MINOR = (6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17)


def estimate_key(y: np.ndarray, sr: int) -> tuple[str, float]:
    """Key by correlating the mean chroma with the Krumhansl-Kessler profiles."""
    import librosa
    import numpy as np

    chroma = librosa.feature.chroma_cqt(y=y, sr=sr, hop_length=512).mean(1)
    best, name = -2.0, "C major"
    for mode, prof in (("major", MAJOR), ("minor", MINOR)):
        for k in range(12):
            r = float(np.corrcoef(chroma, np.roll(prof, k))[0, 1])
            if r > best:
                best, name = r, f"{KEYS[k]} {mode}"
    return name, best


def estimate_tempo(y: np.ndarray, sr: int) -> tuple[float, float]:
    """Tempo in BPM and the beat strength (mean onset strength on beats / overall)."""
    import librosa
    import numpy as np

    onset = librosa.onset.onset_strength(y=y, sr=sr)
    tempo, beats = librosa.beat.beat_track(onset_envelope=onset, sr=sr)
    tempo = float(np.atleast_1d(tempo)[0])
    strength = float(onset[beats].mean() / (onset.mean() + 1e-9)) if len(beats) > 2 else 0.0
    return tempo, strength


def _spans(evs: list[dict[str, Any]], label: str) -> list[tuple[float, float]]:
    return [(e["start"], e["end"]) for e in evs if e["label"] == label]


def _when(spans: list[tuple[float, float]], duration: float) -> str:
    total = sum(e - s for s, e in spans)
    if total >= 0.85 * duration:
        return "throughout"
    if len(spans) == 1:
        return f"from {spans[0][0]:.1f} to {spans[0][1]:.1f} s"
    return f"between {spans[0][0]:.1f} and {spans[-1][1]:.1f} s"


def _voice(post: Posteriors, label: str, low: float = 150.0,
           high: float = 190.0) -> tuple[str, float | None]:
    """Who is speaking/singing by median pitch (pitch of the frames where the class is on)."""
    import numpy as np

    f0 = post.features["f0"]
    on = (post.row(label) > 0.5) & (f0 > 0)
    if on.sum() < 10:
        return "someone", None
    med = float(np.median(f0[on]))
    who = "a man" if med < low else "a woman" if med > high else "someone"
    return who, med


def _first_words(audio: Audio, start: float, end: float) -> str | None:
    """First words heard: the embedded Whisper base (any language), else pocketsphinx
    (English); None when neither is available or nothing is heard."""
    clip = audio.slice(start, min(end, start + 5.0))
    try:
        from audiogpt.backends.speech.recognition.whisper_base import WhisperBaseASR

        if WhisperBaseASR.availability().available:
            from audiogpt.backends.speech.recognition.whisper_embedded import transcribe

            text = transcribe(clip, word_timestamps=False).get("text", "")
        else:
            from audiogpt.backends.speech.recognition.pocketsphinx import transcribe

            text = transcribe(clip, language="en").get("text", "")
    except Exception:
        logger.debug("caption ASR failed", exc_info=True)
        return None
    words = text.split()
    return " ".join(words[:8]).rstrip(".,;:!?。，") if words else None


def caption(audio: Audio, with_words: bool = True) -> tuple[str, dict[str, Any]]:
    """Compose the caption and the analysis it was built from."""
    import numpy as np

    from audiogpt.backends.edit.dsp import loudness_lufs
    from audiogpt.backends.sound.events.features_backend import analyze, events

    dur = audio.duration
    post = analyze(audio)
    evs = events(post, dur)
    info: dict[str, Any] = {"events": evs, "duration": round(dur, 3)}
    parts: list[str] = []
    speech, singing = _spans(evs, "speech"), _spans(evs, "singing")
    sung = sum(e - s for s, e in singing)
    if singing and sum(e - s for s, e in speech) < sung:
        # Voice onsets inside sung passages also trigger the VAD: keep speech outside them.
        speech = [(s, e) for s, e in speech if e - s >= 3.0
                  and not any(a - 0.5 <= s and e <= b + 0.5 for a, b in singing)]
    music = _spans(evs, "music")
    if singing:
        who, f0 = _voice(post, "singing", 120.0, 220.0)  # sung pitch says less about who
        parts.append(f"{who.capitalize()} sings {_when(singing, dur)}"
                     + (f" (median pitch {f0:.0f} Hz)" if f0 else ""))
        info["singing_f0_hz"] = f0 and round(f0, 1)
    if speech:
        who, f0 = _voice(post, "speech")
        text = f"{who.capitalize()} speaks {_when(speech, dur)}"
        if f0:
            text += f" (median pitch {f0:.0f} Hz)"
            info["speech_f0_hz"] = round(f0, 1)
        noisy = bool(_spans(evs, "steady_noise") or _spans(evs, "babble"))
        words = (_first_words(audio, speech[0][0], speech[-1][1])
                 if with_words and not noisy else None)
        if words:
            text += f', starting "{words}..."'
            info["first_words"] = words
        parts.append(text)
    if music:
        y = audio.to_mono().resampled(22050).mono
        key, kr = estimate_key(y, 22050)
        tempo, strength = estimate_tempo(y, 22050)
        desc = "music" if not singing else "the music"
        bits = []
        if strength > 1.3:
            bits.append(f"about {tempo:.0f} BPM")
        if kr > 0.6:
            bits.append(f"in {key}")
        info.update(key=key, key_corr=round(kr, 3), tempo_bpm=round(tempo, 1),
                    beat_strength=round(strength, 2))
        parts.append(f"{desc.capitalize()} plays {_when(music, dur)}"
                     + (" (" + ", ".join(bits) + ")" if bits else ""))
    for label, phrase in (("babble", "crowd babble"), ("impulsive", "impulsive sounds"),
                          ("tonal", "tonal sounds such as birds or whistles")):
        spans = _spans(evs, label)
        if spans:
            count = f" {len(spans)} times" if len(spans) > 1 else ""
            parts.append(f"{phrase} occur{count} {_when(spans, dur)}")
    steady = _spans(evs, "steady_noise")
    if steady:
        on = (post.row("steady_noise") > 0.5) & (post.row("speech") < 0.3)
        on &= post.row("music") < 0.3
        cen = float(np.median(post.features["centroid"][on])) if on.any() else 0.0
        kind = ("a hiss-like broadband noise (rain, water or wind)" if cen > 1400
                else "a low rumbling noise (engine, traffic or wind)")
        parts.append(f"there is {kind} in the background {_when(steady, dur)}")
        info["background_centroid_hz"] = round(cen, 1)
    if not parts:
        parts.append("The recording is silent" if _spans(evs, "silence") else
                     "No clear sound events are detected")
    lufs = loudness_lufs(audio)
    level = ("very quiet" if lufs < -40 else "quiet" if lufs < -28 else
             "moderately loud" if lufs < -16 else "loud") if np.isfinite(lufs) else "silent"
    info["loudness_lufs"] = round(lufs, 1) if np.isfinite(lufs) else None
    first = parts[0][0].upper() + parts[0][1:]
    rest = "; ".join(parts[1:])
    sentence1 = first + (f"; {rest}" if rest else "") + "."
    sentence2 = f"The {dur:.1f}-second recording is {level} ({lufs:.0f} LUFS)." \
        if np.isfinite(lufs) else f"The {dur:.1f}-second recording is silent."
    return f"{sentence1} {sentence2}", info


class AnalysisCaption(Backend):
    """Captions composed from event detection, pitch, ASR, tempo/key and loudness."""

    name = "analysis"
    tool = "audio_captioning"
    summary = ("template caption from sound_event_detection classes, voice pitch, Whisper base "
               "first words, beat/key estimation and EBU R128 loudness")
    requires = (module("librosa", "sound"), module("pyloudnorm", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        audio = req.audio("audio")
        text, info = caption(audio)
        info["method"] = "analysis-template"
        if req.get("question"):  # a template cannot answer; say so and describe instead
            info["question"] = req.get("question")
            info["question_answered"] = False
            text = ("The analysis backend cannot answer questions (an audio-language model "
                    f"backend such as qwen2-audio can); it describes the audio: {text}")
        return ToolResult(outputs=[Output("text", text, "caption")], text=text, data=info)
