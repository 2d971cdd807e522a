"""Request parsing and composition rules of the algorithmic music backend (no rendering)."""

from __future__ import annotations

import pytest

from audiogpt.backends.generation.music.compose import chord_pcs, compose, scale_pcs
from audiogpt.backends.generation.music.plan import make_plan, parse_duration, parse_instruments


@pytest.mark.parametrize(("text", "mood"), [
    ("I am tired today, can you generate a music for me?", "calm"),
    ("something for a rainy lonely evening, I feel sad", "sad"),
    ("party time! happy music", "happy"),
    ("epic battle music", "epic"),
    ("spooky halloween music", "mysterious"),
    ("play some music", "neutral"),
])
def test_moods(text: str, mood: str) -> None:
    assert make_plan(text).mood == mood


def test_explicit_values_override_defaults() -> None:
    p = make_plan("fast jazz in Eb major, 45 seconds, saxophone", seed=1)
    assert (p.genre, p.key, p.mode, p.duration) == ("jazz", "Eb", "major", 45.0)
    assert p.instruments["melody"] == 65 and p.sevenths and p.swing > 0.5
    assert make_plan("calm piano at 90 bpm").tempo == 90
    assert make_plan("happy song without drums").drums == "none"
    assert make_plan("slow happy song").tempo < make_plan("happy song").tempo


def test_helpers() -> None:
    assert parse_duration("a 2 minute song") == 120
    assert parse_duration("about 30 seconds") == 30
    assert parse_duration("happy") is None
    assert parse_instruments("violin, then piano and double bass") == [40, 0, 32]


def test_harmony_rules() -> None:
    p = make_plan("sad song in A minor", seed=0)
    assert scale_pcs(p) == [9, 11, 0, 2, 4, 5, 7]
    assert chord_pcs(p, 1) == [9, 0, 4]
    assert chord_pcs(p, 5) == [4, 8, 11]  # harmonic minor dominant


def test_compose_ends_on_tonic_and_fills_duration() -> None:
    p = make_plan("happy pop song", duration=10, seed=5)
    pm, stats = compose(p)
    assert stats["chord_degrees"][-1] == 1
    assert pm.get_end_time() >= 10 - 60 / p.tempo
    melody = next(i for i in pm.instruments if i.name == "melody")
    assert melody.notes[-1].pitch % 12 == scale_pcs(p)[0]
