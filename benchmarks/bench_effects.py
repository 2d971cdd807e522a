"""audio_edit effects: real-time factor of each effect on a 60 s file (speech at 22.05 kHz and
singing at 44.1 kHz, both real recordings tiled to 60 s), next to the edits that existed
before (gain, speed); plus measured accuracy: pitch shift in cents by YIN on the singing, and
the RT60 of each reverb room.

Run: ``python -m benchmarks effects`` (results in bench-output/effects.json).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import EVAL, timed

SECONDS = 60
# (operation, arguments) in the order of the notes' table; gain and speed are the old edits.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("gain", {"gain_db": -3}),
    ("speed", {"speed": 1.25}),
    ("pitch_shift", {"semitones": 2}),
    ("reverb", {"room": "small"}),
    ("reverb", {"room": "hall"}),
    ("reverb", {"room": "church"}),
    ("echo", {"delay": 0.3, "feedback": 0.4}),
    ("eq", {"bass_db": 6, "treble_db": -3}),
    ("lowpass", {"cutoff_hz": 3000}),
    ("highpass", {"cutoff_hz": 300}),
    ("compress", {"threshold_db": -24, "ratio": 4}),
    ("gate", {}),
] + [("voice_preset", {"preset": p})
     for p in ("telephone", "radio", "robot", "megaphone", "chipmunk", "deep")]


def _sixty_seconds(paths: list[Path]) -> Any:
    from audiogpt.core.audio import Audio

    clips = [Audio.from_file(p) for p in paths]
    sr = clips[0].sample_rate
    joined = np.concatenate([c.resampled(sr).to_mono().samples for c in clips], axis=1)
    reps = int(np.ceil(SECONDS * sr / joined.shape[1]))
    return Audio(np.tile(joined, reps)[:, : SECONDS * sr], sr)


def _pitch_accuracy(app: Any, path: Path) -> dict[str, float]:
    """Median measured shift minus the asked shift, in cents (YIN on loud frames)."""
    import librosa

    from audiogpt.core.audio import Audio

    src = Audio.from_file(path).slice(0, 10)
    with tempfile.TemporaryDirectory() as td:
        clip = src.to_file(Path(td) / "ten.wav")
        f_in = librosa.yin(src.mono, fmin=80, fmax=1000, sr=src.sample_rate, frame_length=2048)
        rms = librosa.feature.rms(y=src.mono, frame_length=2048)[0]
        out: dict[str, float] = {}
        for st in (-12, -5, -3, 2, 7, 12):
            rec = app.run_tool("audio_edit", {"audio": str(clip), "operation": "pitch_shift",
                                              "semitones": st})
            y = Audio.from_file(rec.artifacts[0].path)
            f_out = librosa.yin(y.mono, fmin=50, fmax=2000, sr=y.sample_rate, frame_length=2048)
            n = min(len(f_in), len(f_out), len(rms))
            loud = rms[:n] > 0.1 * rms.max()
            cents = np.median(1200 * np.log2(f_out[:n][loud] / f_in[:n][loud]))
            out[f"{st:+d}"] = round(float(cents - 100 * st), 1)
            out[f"{st:+d}_duration_error_pct"] = round(100 * (y.duration / src.duration - 1), 3)
    return out


def main() -> dict[str, Any]:
    """Time every effect through the engine on two 60 s files; measure pitch and RT60."""
    from audiogpt.app import App
    from audiogpt.backends.edit.effects import room_rt60

    speech = sorted((EVAL / "speech_en" / "ljspeech").glob("LJ001-000*.wav"))
    singing = [EVAL / "music_singing" / "vocadito_1.wav"]
    if not speech or not singing[0].exists():
        return {"error": "../shared/eval-audio is absent"}
    app = App()
    result: dict[str, Any] = {"file_seconds": SECONDS,
                              "note": "2 shared CPU cores, loaded by other jobs; RTF = "
                                      "processing time / 60 s, through app.run_tool "
                                      "(decode + effect + encode), one run each"}
    with tempfile.TemporaryDirectory() as td:
        for label, paths in (("speech_22k", speech), ("singing_44k", singing)):
            src = _sixty_seconds(paths).to_file(Path(td) / f"{label}.wav")
            app.run_tool("audio_edit", {"audio": str(src), "operation": "gain", "gain_db": 0})
            rtf: dict[str, float] = {}
            for op, args in CASES:
                key = op if op not in ("reverb", "voice_preset") else \
                    f"{op}:{args.get('room') or args.get('preset')}"
                _, secs = timed(lambda op=op, args=args, src=src: app.run_tool(
                    "audio_edit", {"audio": str(src), "operation": op, **args}))
                rtf[key] = round(secs / SECONDS, 4)
            result[f"rtf_{label}"] = rtf
        result["pitch_shift_error_cents_singing"] = _pitch_accuracy(app, singing[0])
    result["reverb_rt60_s"] = {room: {str(sr): room_rt60(room, sr) for sr in (16000, 44100)}
                               for room in ("small", "medium", "hall", "church")}
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
