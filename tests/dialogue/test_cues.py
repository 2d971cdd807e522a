"""How the words are used, not only which words appear: questions about what a recording
says, singing described vs asked for, note sequences, people to isolate, genres, a recording
used as the voice, stories told before the request, payloads after a colon, percent speeds,
the language a recording is in, "the original", and inflections left alone by the spelling
fixer."""

from __future__ import annotations

import pytest

from audiogpt.dialogue.lexicon import fix_spelling
from audiogpt.dialogue.planner import Planner
from audiogpt.eval.routing import attachments_for

SPEECH = attachments_for(["speech"])
MUSIC = attachments_for(["music"])
MIX = attachments_for(["mix2"])
REF = attachments_for(["ref"])
TWO = attachments_for(["speech", "ref"])
PORTRAIT = attachments_for(["speech", "portrait"])


def _tools(plan) -> list[str]:
    return [s["tool"] for s in plan.steps]


@pytest.mark.parametrize(("query", "atts", "tools"), [
    ("so what is the woman on this tape saying?", SPEECH, ["speech_recognition"]),
    ("which chords does he play and what melody is he humming", MUSIC, ["music_transcription"]),
    ("sing 'good night' on E4 D4 C4 with half a second per note", [], ["singing_synthesis"]),
    ("I want every panelist on a separate track", MIX, ["speech_separation"]),
    ("make me a mellow bossa nova tune", [], ["music_generation"]),
    ("with the voice from this sample, say 'see you at the gate'", REF, ["voice_clone"]),
    ("I taped this at home, could I get the words of it", SPEECH, ["speech_recognition"]),
    ("I shot this on my phone; make it sound like the speaker in the second clip", TWO,
     ["voice_conversion"]),
    ("animate this portrait so it talks with my recording", PORTRAIT, ["talking_head"]),
    ("the wind wrecked my interview, can you salvage it", SPEECH, ["speech_enhancement"]),
    ("split the call so each caller gets a file of their own", MIX, ["speech_separation"]),
])
def test_sentence_cues_choose_the_tool(planner: Planner, query: str, atts: list,
                                       tools: list[str]) -> None:
    plan = planner.plan(query, atts)
    assert _tools(plan) == tools, plan.to_json()


def test_payload_after_a_colon_is_kept_whole(planner: Planner) -> None:
    plan = planner.plan("read this aloud for the museum guide: Room one. Early bronze tools.", [])
    assert _tools(plan) == ["text_to_speech"]
    assert plan.steps[0]["args"]["text"] == "Room one. Early bronze tools."


@pytest.mark.parametrize(("query", "speed"), [("play it at 90 percent speed", 0.9),
                                              ("make it 20 % faster", 1.2)])
def test_percent_speeds(planner: Planner, query: str, speed: float) -> None:
    (step,) = planner.plan(query, SPEECH).steps
    assert step["args"]["operation"] == "speed" and step["args"]["speed"] == pytest.approx(speed)


def test_the_language_a_recording_is_in_is_the_source(planner: Planner) -> None:
    (step,) = planner.plan("this interview in German, what does it say in French?", SPEECH).steps
    assert step["args"]["target_language"] == "fr"
    (step,) = planner.plan("この中国語の録音を英語に訳して", SPEECH).steps
    assert step["args"]["target_language"] == "en"


def test_the_original_is_the_users_file(planner: Planner) -> None:
    arts = [{"id": "a3000001", "kind": "audio", "tool": None, "name": "walk.wav"},
            {"id": "e3000001", "kind": "audio", "tool": "speech_enhancement", "name": "clean.wav"}]
    (step,) = planner.plan("caption the original recording", [], arts).steps
    assert step["args"]["audio"] == "a3000001"


def test_an_existing_transcript_is_not_made_again(planner: Planner) -> None:
    arts = [{"id": "a3000002", "kind": "audio", "tool": None, "name": "talk.wav"},
            {"id": "t3000002", "kind": "text", "tool": "speech_recognition", "name": "t.txt"}]
    plan = planner.plan("fax the transcript to my lawyer", [], arts)
    assert not plan.steps


def test_inflections_are_not_spelling_mistakes() -> None:
    assert fix_spelling("tell me who speaks when") == "tell me who speaks when"
    assert fix_spelling("transcirbe this") == "transcribe this"
