"""Plan repairs from what steps consume (dialogue/planner/dataflow.py): words to be heard through
an effect, with no recording anywhere, are spoken first. Requests written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from audiogpt.dialogue.planner import Planner
from audiogpt.dialogue.planner.dataflow import _shifted
from tests.dialogue.plan_checks import assert_plan


@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    ("I need 'Platform four is now closed' spoken through a megaphone effect", [],
     ["text_to_speech", "audio_edit"],
     {0: {"text": "Platform four is now closed"}, 1: {"audio": "$1", "preset": "megaphone"}}),
    ("make 'ghost story time' sound like it's coming from behind me", [],
     ["text_to_speech", "mono_to_binaural"], {0: {"text": "ghost story time"}, 1: {"audio": "$1"}}),
    # A recording is at hand: the effect works on it, nothing is spoken.
    ("make this sound like it's coming through a megaphone", ["speech"], ["audio_edit"],
     {0: {"preset": "megaphone", "audio": ".wav"}}),
])
def test_words_are_spoken_before_an_effect_that_needs_sound(
        planner: Planner, query: str, kinds: list[str], tools: list[str], want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)


def test_step_references_move_with_the_new_first_step() -> None:
    assert _shifted("$1", 1) == "$2"
    assert _shifted("$2.1", 1) == "$3.1"
    assert _shifted("a5000001", 1) == "a5000001"
    assert _shifted(3.5, 1) == 3.5
