"""singing_synthesis through the CLI: the paper's score, simple forms, count mismatches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from audiogpt.core.audio import Audio

LYRICS = "小酒窝长睫毛AP是你最美的记号"
NOTES = ("C#4/Db4 | F#4/Gb4 | G#4/Ab4 | A#4/Bb4 F#4/Gb4 | F#4/Gb4 C#4/Db4 | C#4/Db4 | rest | "
         "C#4/Db4 | A#4/Bb4 | G#4/Ab4 | A#4/Bb4 | G#4/Ab4 | F4 | C#4/Db4")
DURS = ("0.407140 | 0.376190 | 0.242180 | 0.509550 0.183420 | 0.315400 0.235020 | 0.361660 | "
        "0.223070 | 0.377270 | 0.340550 | 0.299620 | 0.344510 | 0.283770 | 0.323390 | 0.360340")
NOTE_MIDI = [[61], [66], [68], [70, 66], [66, 61], [61], [None], [61], [70], [68], [70], [68],
             [65], [61]]


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, AUDIOGPT_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "audiogpt", "run", "singing_synthesis", *args,
                           "--json"], capture_output=True, text=True, env=env, timeout=300,
                          check=False)


@pytest.fixture(scope="module")
def paper_song(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The paper's example sung once for the module."""
    proc = _run(tmp_path_factory.mktemp("home"), "--lyrics", LYRICS, "--notes", NOTES,
                "--durations", DURS)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _score_timeline() -> list[tuple[float, float, int | None]]:
    events, t = [], 0.0
    for notes, durs in zip(NOTE_MIDI, DURS.split("|"), strict=True):
        for n, d in zip(notes, map(float, durs.split()), strict=True):
            events.append((t, t + d, n))
            t += d
    return events


def test_paper_example_duration_and_pitch(paper_song: dict) -> None:
    from audiogpt.backends.generation.singing.voice import (
        pyworld,  # the import, quiet about pkg_resources
    )

    total = sum(float(d) for g in DURS.split("|") for d in g.split())
    arts = paper_song["artifacts"]
    assert paper_song["backend"] == "world"
    assert [a["kind"] for a in arts] == ["audio"]
    audio = Audio.from_file(arts[0]["path"])
    assert abs(audio.duration - total) <= 0.15 * total
    x = audio.mono.astype(np.float64)
    assert np.sqrt(np.mean(x ** 2)) > 0.01  # not silent
    # independent measurement: Harvest F0 of the output against the score's timeline
    f0, t = pyworld().harvest(x, audio.sample_rate, f0_floor=60, f0_ceil=1000, frame_period=5)
    target = np.full(len(t), np.nan)
    for start, end, note in _score_timeline():
        if note is not None:
            target[(t >= start) & (t < end)] = note
    sel = (f0 > 0) & ~np.isnan(target)
    assert sel.sum() > 0.5 * (~np.isnan(target)).sum()  # most of the sung time is voiced
    cents = 1200 * np.log2(f0[sel] / (440 * 2 ** ((target[sel] - 69) / 12)))
    assert np.mean(np.abs(cents) <= 50) >= 0.70


def test_paper_example_reports_syllables(paper_song: dict) -> None:
    sylls = paper_song["data"]["syllables"]
    assert len(sylls) == 14
    assert sylls[0]["text"] == "小" and sylls[0]["say"].startswith("xiao")
    assert sylls[6]["kind"] == "breath"
    assert sylls[3]["notes"] == [70.0, 66.0]


def test_rest_is_quiet(paper_song: dict) -> None:
    audio = Audio.from_file(paper_song["artifacts"][0]["path"])
    x, sr = audio.mono, audio.sample_rate
    rest_start = sum(float(d) for g in DURS.split("|")[:6] for d in g.split())
    sung = x[int(0.1 * sr):int(0.35 * sr)]
    rest = x[int((rest_start + 0.02) * sr):int((rest_start + 0.08) * sr)]
    assert np.sqrt(np.mean(rest ** 2)) < 0.3 * np.sqrt(np.mean(sung ** 2))


def test_simple_english_form(cli) -> None:
    res = cli("run", "singing_synthesis", "--lyrics", "twinkle twinkle little star",
              "--notes", "C4 C4 G4 G4 A4 A4 G4", "--durations", "0.4 0.4 0.4 0.4 0.4 0.4 0.8",
              "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    audio = Audio.from_file(out["artifacts"][0]["path"])
    assert abs(audio.duration - 3.2) < 0.05
    assert [s["text"] for s in out["data"]["syllables"]][:2] == ["twin", "kle"]


@pytest.mark.parametrize(("notes", "durs", "words"), [
    ("C4 D4 E4", "0.5 0.5", ("3 notes", "2 durations")),
    ("C4 | D4 E4", "0.5 | 0.5", ("group 2", "2 notes", "1 durations")),
    ("C4 D4", "0.5 0.5", ("3 syllables", "2 groups")),
    ("C4 H4 E4", "0.5 0.5 0.5", ("H4",)),
])
def test_mismatched_counts_exit_2(cli, notes: str, durs: str, words: tuple[str, ...]) -> None:
    res = cli("run", "singing_synthesis", "--lyrics", "la la la", "--notes", notes,
              "--durations", durs, "--json")
    assert res.rc == 2
    msg = res.stderr.strip()
    assert len(msg.splitlines()) == 1
    for w in words:
        assert w in msg
