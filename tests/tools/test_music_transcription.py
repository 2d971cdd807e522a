"""music_transcription through the CLI: vocadito_1 notes vs its annotation, the MIDI file,
the piano roll, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.eval.transcription import load_note_csv, note_scores
from tests.conftest import shared_file


def test_vocadito_notes_midi_and_piano_roll(cli) -> None:
    wav = shared_file("eval-audio/music_singing/vocadito_1.wav")
    res = cli("run", "music_transcription", "--audio", wav, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == "basic-pitch"
    notes = out["data"]["notes"]
    for k in ("A1", "A2"):
        ref = load_note_csv(shared_file(f"eval-audio/music_singing/vocadito_1_notes{k}.csv"))
        _, _, f1 = note_scores(ref, notes)
        assert f1 >= 0.4, (k, f1)
    kinds = {a["kind"]: a["path"] for a in out["artifacts"]}
    assert set(kinds) == {"midi", "image"}
    import pretty_midi

    midi = pretty_midi.PrettyMIDI(kinds["midi"])
    assert sum(len(i.notes) for i in midi.instruments) == len(notes)
    assert {n.pitch for i in midi.instruments for n in i.notes} == {n["pitch"] for n in notes}
    assert all(40 <= n["pitch"] <= 84 and 1 <= n["velocity"] <= 127 for n in notes[:20])
    assert Path(kinds["image"]).stat().st_size > 5000


def test_score_matching_rules() -> None:
    ref = [(1.0, 1.5, 440.0), (2.0, 2.5, 220.0)]
    exact = [{"pitch": 69, "start": 1.02, "end": 1.4}, {"pitch": 57, "start": 2.0, "end": 2.6}]
    assert note_scores(ref, exact)[2] == pytest.approx(1.0)
    late = [{"pitch": 69, "start": 1.08, "end": 1.4}, {"pitch": 58, "start": 2.0, "end": 2.6}]
    assert note_scores(ref, late)[2] == 0.0  # onset 80 ms late; pitch 100 cents off


def test_bad_input_exit_2(cli, tmp_path: Path) -> None:
    res = cli("run", "music_transcription", "--json")
    assert res.rc == 2 and len(res.stderr.strip().splitlines()) == 1
    empty = tmp_path / "x.mp3"
    empty.write_bytes(b"")
    res = cli("run", "music_transcription", "--audio", empty, "--json")
    assert res.rc == 2 and len(res.stderr.strip().splitlines()) == 1
