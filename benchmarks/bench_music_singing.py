"""Music generation and singing synthesis: pitch accuracy, durations, tempo, key, RTF, memory.

Singing: share of voiced frames (Harvest and pYIN on the output) within 50 cents of the
score's note at that time, and total duration versus the score. Music: tempo measured with
librosa beat tracking versus the planned tempo, share of pitched MIDI notes in the key, how
calm and happy requests differ (tempo, mode, note density, onset rate, brightness), RTF.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import cli, peak_rss_mb, timed

PAPER = (
    "小酒窝长睫毛AP是你最美的记号",
    ("C#4/Db4 | F#4/Gb4 | G#4/Ab4 | A#4/Bb4 F#4/Gb4 | F#4/Gb4 C#4/Db4 | C#4/Db4 | rest | "
    "C#4/Db4 | A#4/Bb4 | G#4/Ab4 | A#4/Bb4 | G#4/Ab4 | F4 | C#4/Db4"),
    ("0.407140 | 0.376190 | 0.242180 | 0.509550 0.183420 | 0.315400 0.235020 | 0.361660 | "
    "0.223070 | 0.377270 | 0.340550 | 0.299620 | 0.344510 | 0.283770 | 0.323390 | 0.360340"),
)
SONGS = {
    "paper_zh": PAPER,
    "twinkle_en": ("twinkle twinkle little star how I wonder what you are",
                   "C4 C4 G4 G4 A4 A4 G4 F4 F4 E4 E4 D4 D4 C4",
                   "0.4 0.4 0.4 0.4 0.4 0.4 0.8 0.4 0.4 0.4 0.4 0.4 0.4 0.8"),
    "low_male_zh": ("我爱你中国SP我爱你", "A2 C3 E3 G3 A3 rest G3 E3 A2",
                    "0.5 0.5 0.5 0.5 1.0 0.3 0.5 0.5 1.0"),
}
MUSIC = {
    "tired": "I am tired today, can you generate a music for me?",
    "sad": "a sad melancholic piano piece",
    "happy": "make an upbeat happy dance song",
    "energetic": "energetic rock music for my workout",
    "jazz": "a relaxed jazz tune with saxophone",
    "epic": "epic cinematic battle music in D minor",
}
MUSIC_SECONDS = 15.0


def _pitch_share(audio: Any, score: Any, method: str) -> float:
    """Share of voiced frames within 50 cents of the score (Harvest or pYIN)."""
    import librosa

    from audiogpt.backends.generation.singing.voice import pyworld

    x = audio.mono.astype(np.float64)
    sr = audio.sample_rate
    if method == "harvest":
        f0, t = pyworld().harvest(x, sr, f0_floor=60, f0_ceil=1000, frame_period=5)
    else:
        f0, voiced, _ = librosa.pyin(x, fmin=60, fmax=1000, sr=sr, hop_length=256)
        f0 = np.where(voiced, f0, 0.0)
        t = librosa.times_like(f0, sr=sr, hop_length=256)
    target = np.full(len(t), np.nan)
    for start, end, note in score.note_events():
        if note is not None:
            target[(t >= start) & (t < end)] = note
    sel = (np.nan_to_num(f0) > 0) & ~np.isnan(target)
    cents = 1200 * np.log2(f0[sel] / (440 * 2 ** ((target[sel] - 69) / 12)))
    return round(float(np.mean(np.abs(cents) <= 50)), 4) if sel.any() else 0.0


def bench_singing() -> dict[str, Any]:
    """Pitch accuracy, duration and RTF of the WORLD singer on three scores."""
    from audiogpt.backends.generation.singing.score import parse_score
    from audiogpt.backends.generation.singing.world import sing

    sing(parse_score("啊", "C4", "0.3"))  # warm-up: imports, pypinyin dictionary
    out: dict[str, Any] = {}
    for name, (lyrics, notes, durs) in SONGS.items():
        score = parse_score(lyrics, notes, durs)
        (audio, _), secs = timed(lambda s=score: sing(s))
        out[name] = {
            "score_s": round(score.total, 3), "output_s": round(audio.duration, 3),
            "duration_ratio": round(audio.duration / score.total, 4),
            "within_50c_harvest": _pitch_share(audio, score, "harvest"),
            "within_50c_pyin": _pitch_share(audio, score, "pyin"),
            "rtf": round(secs / audio.duration, 4),
        }
    lyrics, notes, durs = PAPER
    _data, secs, rc = cli("run", "singing_synthesis", "--lyrics", lyrics, "--notes", notes,
                         "--durations", durs, "--json")
    direct = out["paper_zh"]["rtf"] * out["paper_zh"]["output_s"]
    out["cli_paper_s"] = round(secs, 3)
    out["cli_overhead_s"] = round(secs - direct, 3)
    out["cli_rc"] = rc
    return out


def _in_key(midi: Path, key: str, mode: str) -> float:
    import pretty_midi

    from audiogpt.backends.generation.music.plan import NOTE_PC

    # minor: natural minor plus the raised leading tone of the dominant (harmonic minor)
    steps = (0, 2, 4, 5, 7, 9, 11) if mode == "major" else (0, 2, 3, 5, 7, 8, 10, 11)
    scale = {(NOTE_PC[key] + s) % 12 for s in steps}
    pitches = [n.pitch for i in pretty_midi.PrettyMIDI(str(midi)).instruments if not i.is_drum
               for n in i.notes]
    return round(float(np.mean([p % 12 in scale for p in pitches])), 4)


def bench_music() -> dict[str, Any]:
    """Tempo accuracy, key, density and RTF of the algorithmic composer."""
    import librosa
    import pretty_midi

    from audiogpt.backends.generation.music.algorithmic import generate
    from audiogpt.backends.generation.music.plan import make_plan

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as td:
        for name, text in MUSIC.items():
            plan = make_plan(text, MUSIC_SECONDS, seed=0)
            work = Path(td) / name
            work.mkdir()
            (result, secs) = timed(lambda p=plan, w=work: generate(p, w))
            audio, midi, _ = result
            y = audio.resampled(22050).mono
            tempo = float(np.atleast_1d(librosa.beat.beat_track(y=y, sr=22050)[0])[0])
            ratio = tempo / plan.tempo
            onsets = librosa.onset.onset_detect(y=y, sr=22050, units="time")
            pm = pretty_midi.PrettyMIDI(str(midi))
            out[name] = {
                "mood": plan.mood, "genre": plan.genre, "key": f"{plan.key} {plan.mode}",
                "tempo_planned": plan.tempo, "tempo_measured": round(tempo, 1),
                "tempo_ratio": round(ratio, 3),
                "tempo_ok_octave_tolerant": bool(min(abs(ratio - r) for r in (.5, 1, 2)) < .08),
                "in_key_share": _in_key(midi, plan.key, plan.mode),
                "notes_per_s": round(sum(len(i.notes) for i in pm.instruments) / plan.duration, 2),
                "onsets_per_s": round(len(onsets) / audio.duration, 2),
                "centroid_hz": round(float(np.mean(librosa.feature.spectral_centroid(
                    y=y, sr=22050))), 1),
                "duration_s": round(audio.duration, 3),
                "rtf": round(secs / audio.duration, 4),
            }
        data, secs, rc = cli("run", "music_generation", "--text", MUSIC["tired"], "--duration",
                             str(MUSIC_SECONDS), "--seed", "0", "--json")
        out["cli_tired_s"] = round(secs, 3)
        out["cli_overhead_s"] = round(secs - out["tired"]["rtf"] * MUSIC_SECONDS, 3)
        out["cli_rc"] = rc
        out["cli_artifact_kinds"] = [a["kind"] for a in (data or {}).get("artifacts", [])]
    calm, happy = out["tired"], out["happy"]
    out["calm_vs_happy"] = {
        "tempo": [calm["tempo_planned"], happy["tempo_planned"]],
        "mode": [calm["key"], happy["key"]],
        "notes_per_s": [calm["notes_per_s"], happy["notes_per_s"]],
        "onsets_per_s": [calm["onsets_per_s"], happy["onsets_per_s"]],
        "centroid_hz": [calm["centroid_hz"], happy["centroid_hz"]],
    }
    return out


def main() -> dict[str, Any]:
    """Run both benchmarks."""
    result = {"singing": bench_singing(), "music": bench_music()}
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result
