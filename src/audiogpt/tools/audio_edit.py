"""audio_edit: trim, concat, mix, gain, loudness-normalize, fade, speed, reverse, convert, and
effects (pitch shift, reverb, echo, EQ, low-/high-pass, compressor, noise gate, voice presets)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs

EDITS = ("trim", "cut", "concat", "mix", "gain", "normalize", "fade", "speed", "reverse", "convert")
EFFECTS = ("pitch_shift", "reverb", "echo", "eq", "lowpass", "highpass", "compress", "gate",
           "voice_preset")
OPERATIONS = EDITS + EFFECTS
ROOMS = ("small", "medium", "hall", "church")
PRESETS = ("telephone", "radio", "robot", "megaphone", "chipmunk", "deep")
FORMATS = ("wav", "flac", "ogg", "mp3", "aiff", "m4a", "webm", "opus")


class AudioEditArgs(ToolArgs):
    """Arguments of audio_edit."""

    audio: AudioFile = Field(description="The audio file to edit.")
    operation: Literal[OPERATIONS] = Field(  # type: ignore[valid-type]
        description="One of: " + ", ".join(OPERATIONS) + "."
    )
    audio2: AudioFile | None = Field(None, description="Second audio for concat or mix.")
    start: float | None = Field(None, ge=0, description="Start in seconds (trim keeps, cut removes).")
    end: float | None = Field(None, ge=0, description="End in seconds (trim keeps, cut removes).")
    gain_db: float | None = Field(
        None, ge=-120, le=60,
        description="Gain in dB (gain), or the level of audio2 relative to audio (mix)."
    )
    target_lufs: float = Field(-23.0, ge=-70, le=0,
                               description="Loudness target for normalize (EBU R128, LUFS).")
    fade_in: float | None = Field(None, ge=0, description="Fade-in length in seconds.")
    fade_out: float | None = Field(None, ge=0, description="Fade-out length in seconds.")
    speed: float | None = Field(None, gt=0, description="Speed factor, pitch kept (2 = twice as fast).")
    sample_rate: int | None = Field(None, ge=1000, le=384000,
                                    description="Output sample rate for convert.")
    channels: int | None = Field(None, ge=1, le=8, description="Output channels for convert.")
    format: Literal[FORMATS] | None = Field(  # type: ignore[valid-type]
        None, description="Output file format for convert: " + ", ".join(FORMATS) + "."
    )
    semitones: float | None = Field(
        None, ge=-24, le=24,
        description="pitch_shift: semitones up (+) or down (-), duration kept (12 = an octave).")
    room: Literal[ROOMS] | None = Field(  # type: ignore[valid-type]
        None, description="reverb: room size, one of " + ", ".join(ROOMS) + " (default medium).")
    wet: float | None = Field(None, ge=0, le=1,
                              description="reverb: wet (reverberant) share 0-1 (default by room).")
    delay: float | None = Field(None, ge=0.01, le=2,
                                description="echo: seconds between repeats (default 0.3).")
    feedback: float | None = Field(
        None, ge=0, le=0.95, description="echo: each repeat's level relative to the previous "
                                         "(0-0.95, default 0.3).")
    bass_db: float | None = Field(None, ge=-24, le=24,
                                  description="eq: bass boost (+) or cut (-) in dB (shelf 250 Hz).")
    treble_db: float | None = Field(
        None, ge=-24, le=24, description="eq: treble boost (+) or cut (-) in dB (shelf 4 kHz).")
    cutoff_hz: float | None = Field(None, gt=0,
                                    description="lowpass/highpass: cutoff frequency in Hz.")
    threshold_db: float | None = Field(
        None, ge=-100, le=0, description="compress/gate: threshold in dBFS (default -20 "
                                         "for compress; for gate, 12 dB above the noise floor).")
    ratio: float | None = Field(None, ge=1, le=50,
                                description="compress: compression ratio (default 4).")
    preset: Literal[PRESETS] | None = Field(  # type: ignore[valid-type]
        None, description="voice_preset: one of " + ", ".join(PRESETS) + ".")


class AudioEdit(Tool):
    """Basic editing of audio files."""

    name = "audio_edit"
    description = (
        "Edit audio: trim to [start, end] seconds, cut (remove) [start, end], concat or mix with audio2, change gain, "
        "loudness-normalize (EBU R128), fade in/out, change speed keeping pitch, reverse, "
        "or convert sample rate / channels / file format. Effects: pitch_shift (semitones, "
        "duration kept), reverb (room small/medium/hall/church, wet), echo (delay, feedback), "
        "eq (bass_db, treble_db), lowpass/highpass (cutoff_hz), compress (threshold_db, ratio), "
        "gate (threshold_db), voice_preset (telephone, radio, robot, megaphone, chipmunk, deep)."
    )
    Args = AudioEditArgs
    outputs = ("audio",)
    examples = ("cut the audio from 1 to 3 seconds", "make it louder by 6 dB",
                "speed this up 1.5 times", "convert it to mp3", "mix these two files",
                "lower the pitch by two semitones", "make it sound like a big church",
                "add an echo", "boost the bass by 6 dB", "cut everything above 3 kHz",
                "make my voice sound like a robot", "make it sound like a telephone call")

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: AudioEditArgs = args  # type: ignore[assignment]
        op = a.operation
        if op in ("concat", "mix") and not a.audio2:
            raise ToolInputError(f"audio_edit: operation {op} needs --audio2 (the second file)")
        if op in ("trim", "cut"):
            if a.start is None and a.end is None:
                raise ToolInputError(f"audio_edit: {op} needs --start and/or --end (seconds)")
            if a.start is not None and a.end is not None and a.end <= a.start:
                raise ToolInputError(
                    f"audio_edit: --end ({a.end:g}) must be greater than --start ({a.start:g})"
                )
        if op == "gain" and a.gain_db is None:
            raise ToolInputError("audio_edit: gain needs --gain_db")
        if op == "fade" and not (a.fade_in or a.fade_out):
            raise ToolInputError("audio_edit: fade needs --fade_in and/or --fade_out (seconds)")
        if op == "speed":
            if a.speed is None:
                raise ToolInputError("audio_edit: speed needs --speed (e.g. 1.5)")
            if not 0.25 <= a.speed <= 4:
                raise ToolInputError(f"audio_edit: --speed {a.speed:g} is outside 0.25-4")
        if op == "pitch_shift" and a.semitones is None:
            raise ToolInputError("audio_edit: pitch_shift needs --semitones (e.g. 2 or -3)")
        if op == "eq" and not (a.bass_db or a.treble_db):
            raise ToolInputError("audio_edit: eq needs --bass_db and/or --treble_db (non-zero)")
        if op in ("lowpass", "highpass") and a.cutoff_hz is None:
            raise ToolInputError(f"audio_edit: {op} needs --cutoff_hz (e.g. 3000)")
        if op == "voice_preset" and a.preset is None:
            raise ToolInputError("audio_edit: voice_preset needs --preset (one of "
                                 + ", ".join(PRESETS) + ")")
        if op == "convert" and not (a.sample_rate or a.channels or a.format):
            raise ToolInputError(
                "audio_edit: convert needs --sample_rate, --channels and/or --format"
            )
