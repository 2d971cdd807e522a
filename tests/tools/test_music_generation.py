"""music_generation through the CLI: duration, MIDI artifact, mood contrasts, seeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from audiogpt.core.audio import Audio

CALM = "I am tired today, can you generate a music for me?"
HAPPY = "make an upbeat happy dance song"


def _run(home: Path, *args: str) -> dict:
    env = dict(os.environ, AUDIOGPT_HOME=str(home))
    proc = subprocess.run([sys.executable, "-m", "audiogpt", "run", "music_generation", *args,
                           "--json"], capture_output=True, text=True, env=env, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def pieces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """A calm and a happy piece of 8 s, rendered once for the module."""
    home = tmp_path_factory.mktemp("home")
    return {"calm": _run(home, "--text", CALM, "--duration", "8"),
            "happy": _run(home, "--text", HAPPY, "--duration", "8")}


def _midi(out: dict):
    import pretty_midi

    (path,) = [a["path"] for a in out["artifacts"] if a["kind"] == "midi"]
    return pretty_midi.PrettyMIDI(path)


@pytest.mark.parametrize("name", ["calm", "happy"])
def test_duration_and_midi_artifact(pieces: dict, name: str) -> None:
    out = pieces[name]
    assert out["backend"] == "algorithmic"
    kinds = [a["kind"] for a in out["artifacts"]]
    assert kinds == ["audio", "midi"]
    audio = Audio.from_file(out["artifacts"][0]["path"])
    assert abs(audio.duration - 8.0) <= 1.0
    assert np.sqrt(np.mean(audio.mono ** 2)) > 0.01  # not silent
    pm = _midi(out)
    assert sum(len(i.notes) for i in pm.instruments) > 10


@pytest.mark.parametrize("name", ["calm", "happy"])
def test_notes_in_key(pieces: dict, name: str) -> None:
    data = pieces[name]["data"]
    names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
    flats = {"Db": "C#", "Eb": "D#", "Gb": "F#", "Ab": "G#", "Bb": "A#"}
    tonic = names.index(flats.get(data["key"], data["key"]))
    steps = (0, 2, 4, 5, 7, 9, 11) if data["mode"] == "major" else (0, 2, 3, 5, 7, 8, 10, 11)
    scale = {(tonic + s) % 12 for s in steps}
    pitched = [n.pitch for i in _midi(pieces[name]).instruments if not i.is_drum for n in i.notes]
    assert np.mean([p % 12 in scale for p in pitched]) == 1.0


def test_calm_differs_from_happy(pieces: dict) -> None:
    import librosa

    calm, happy = pieces["calm"]["data"], pieces["happy"]["data"]
    assert calm["mood"] == "calm" and happy["mood"] == "happy"
    assert calm["tempo"] < 90
    assert happy["tempo"] > 110
    assert "drums" not in calm["notes"] and happy["notes"]["drums"] > 0

    def density(out: dict) -> float:
        pm = _midi(out)
        return sum(len(i.notes) for i in pm.instruments) / pm.get_end_time()

    assert density(pieces["happy"]) > 2 * density(pieces["calm"])
    # the rendered audio: measured tempo follows the plan (octave errors allowed)
    for out in pieces.values():
        y = Audio.from_file(out["artifacts"][0]["path"]).resampled(22050).mono
        tempo = float(np.atleast_1d(librosa.beat.beat_track(y=y, sr=22050)[0])[0])
        ratio = tempo / out["data"]["tempo"]
        assert min(abs(ratio - r) for r in (0.5, 1.0, 2.0)) < 0.08


def test_plan_from_words(cli) -> None:
    res = cli("run", "music_generation", "--text",
              "a sad piece in D minor at 60 bpm with cello and piano", "--duration", "3",
              "--seed", "7", "--json")
    assert res.rc == 0, res.stderr
    data = res.json()["data"]
    assert (data["mood"], data["key"], data["mode"], data["tempo"]) == ("sad", "D", "minor", 60)
    assert data["instruments"]["melody"] == "cello"
    assert data["instruments"]["chords"] == "grand piano"
    audio = Audio.from_file(res.json()["artifacts"][0]["path"])
    assert abs(audio.duration - 3.0) < 0.05


def test_seed_reproducible(cli) -> None:
    def notes(seed: str) -> list:
        out = cli("run", "music_generation", "--text", "jazz", "--duration", "4", "--seed", seed,
                  "--json").json()
        return [(n.pitch, round(n.start, 4)) for i in _midi(out).instruments for n in i.notes]

    first = notes("3")
    assert notes("3") == first
    assert notes("4") != first


def test_bad_duration_exit_2(cli) -> None:
    res = cli("run", "music_generation", "--text", "happy", "--duration", "-3", "--json")
    assert res.rc == 2
    assert "duration" in res.stderr
