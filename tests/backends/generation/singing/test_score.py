"""Score parsing: note names, groups, syllables and pairing."""

from __future__ import annotations

import pytest

from audiogpt.backends.generation.singing.score import english_syllables, note_to_midi, parse_score
from audiogpt.core.errors import ToolInputError


@pytest.mark.parametrize(("name", "midi"), [
    ("C4", 60), ("A4", 69), ("C#4/Db4", 61), ("Db4", 61), ("Bb3", 58), ("B#3", 60), ("64", 64),
])
def test_note_names(name: str, midi: int) -> None:
    assert note_to_midi(name) == midi


@pytest.mark.parametrize("name", ["rest", "AP", "SP"])
def test_rests(name: str) -> None:
    assert note_to_midi(name) is None


@pytest.mark.parametrize(("word", "sylls"), [
    ("twinkle", ["twin", "kle"]), ("little", ["lit", "tle"]), ("star", ["star"]),
    ("baby", ["ba", "by"]), ("love", ["love"]), ("wonderful", ["won", "der", "ful"]),
    ("mother", ["mo", "ther"]),
])
def test_english_syllables(word: str, sylls: list[str]) -> None:
    assert english_syllables(word) == sylls


def test_chinese_with_breath_and_melisma() -> None:
    s = parse_score("你好AP世界", "C4 | D4 E4 | rest | G4 | A4", "0.5 | 0.25 0.25 | 0.3 | 0.5 | 1")
    assert [u.kind for u in s.units] == ["sing", "sing", "breath", "sing", "sing"]
    assert s.units[0].speak == "ni3" and s.units[1].notes == [62, 64]
    assert s.units[3].start == pytest.approx(1.3)
    assert s.total == pytest.approx(2.8)


def test_rests_without_lyric_tokens() -> None:
    s = parse_score("la la", "C4 rest D4", "0.5 0.5 0.5")
    assert [u.kind for u in s.units] == ["sing", "rest", "sing"]


def test_words_when_syllables_do_not_fit() -> None:
    s = parse_score("happy day", "C4 D4", "0.5 0.5")
    assert [u.text for u in s.units] == ["happy", "day"]


@pytest.mark.parametrize(("notes", "durs"), [("C4 D4", "1"), ("C4 | D4", "1 1 | 1"),
                                             ("C4", "-1"), ("C4", "x")])
def test_bad_scores(notes: str, durs: str) -> None:
    with pytest.raises(ToolInputError):
        parse_score("la", notes, durs)
