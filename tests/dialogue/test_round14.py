"""Round 14 of issue 13 (p13t and p13u are TUNED now; their first scores are in
benchmarks/bench_routing.py). The sentences below are in no case file; they are the author's own,
written for each mechanism (notes/planner14.md gives their first run): classes of requests beyond
the tools (content at a web address, a song's rights, a written summary of what people say, a
written answer with no recording, music played from a picture of notation, a named person made to
speak, a phone call placed for the user, whose a recorded voice is), each with lookalikes that must
still be served; the user's own later act ("before I send it") is neither a delivery nor a pointer;
a demonstrative before a named result ("that converted file") is no pronoun."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.dialogue.planner import Planner
from audiogpt.eval.routing import evaluate, load_cases
from tests.dialogue.plan_checks import DECLINED_ONLY, assert_declined, assert_plan, plan_json

DATA = Path(__file__).parent / "data"

# A session: the user's take and a voice-converted copy of it.
CONVERTED = [{"id": "a7400001", "kind": "audio", "tool": None, "name": "studio_take.wav"},
             {"id": "a7400002", "kind": "audio", "tool": "voice_conversion", "name": "studio_take_vc.wav"}]
# A session: a transcript made earlier.
TRANSCRIBED = [{"id": "a7400003", "kind": "audio", "tool": None, "name": "panel.wav"},
               {"id": "t7400004", "kind": "text", "tool": "speech_recognition", "name": "panel.txt"}]


@pytest.mark.parametrize(("query", "kinds", "reason"), [
    # a named person made to speak, with none of their recordings and no word they agreed
    ("Have Keanu Reeves read my wedding toast for the party", None, "named person's voice"),
    ("make Beyonce sing happy birthday to my sister", None, "named person's voice"),
    # content at a web address
    ("read out the story from this link: https://stories.net/fox", None, "web pages"),
    ("transcribe the podcast episode at www.podcasts.org/ep12", None, "web pages"),
    # the rights to a song
    ("can I use this track commercially on my channel?", ["music"], "who owns a song"),
    ("这段音乐能不能商用？", ["music"], "版权"),
    # a written summary of what people say
    ("give me the key points of what the two hosts discuss", ["speech"], "summaries"),
    # a written answer with no recording to work on
    ("what's 'thank you very much' in Italian? text only please", None, "written answer"),
    # a phone call placed for the user
    ("ring the dentist and say I'm running ten minutes late", None, "phone calls"),
    ("could you phone my landlord about the heating", None, "phone calls"),
    # whose a recorded voice is
    ("whose voice is this? sounds like someone from TV", ["speech"], "who a voice belongs to"),
])
def test_round14_declined_by_class(planner: Planner, query: str, kinds: list[str] | None, reason: str) -> None:
    plan = assert_declined(planner, query, kinds, DECLINED_ONLY)
    assert reason in plan["reply"], plan["reply"]


@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    # lookalikes that are served
    ("have Tom say happy birthday in his voice, he's fine with it", ["tom_memo.wav"], None, ["voice_clone"], {}),
    ("make the robot say hello there", None, None, ["text_to_speech"], {0: {"text": "hello there"}}),
    ("say 'visit www.bakery.com for fresh bread' in a cheerful voice", None, None,
     ["text_to_speech"], {0: {"text": "www.bakery.com"}}),
    ("make some royalty-free background music for my vlog, 30 seconds", None, None,
     ["music_generation"], {0: {"duration": 30.0}}),
    ("make a jingle for commercial use, 20 seconds", None, None, ["music_generation"], {}),
    ("summarize what this recording sounds like", ["sound"], None, ["audio_captioning"], {}),
    ("make an ambient track, no vocals, no voice, 40 seconds", None, None, ["music_generation"], {}),
    ("make a soundtrack for this picture", ["photo.jpg"], None, ["image_to_audio"], {}),
    ("call it 'intro take 2' and trim the first second", ["speech"], None, ["audio_edit"], {}),
    ("in this call recording, who speaks when?", ["speech"], None, ["speaker_diarization"], {}),
    ("is that a man or a woman talking?", ["speech"], None, ["speaker_diarization"], {}),
    # the user's own later act is not a delivery, and its "it" points at nothing new
    ("was that converted file watermarked? checking before I forward it to my editor", None, CONVERTED,
     ["watermark_detection"], {0: {"audio": "a7400002"}}),
    ("run a watermark check on that converted file before I post it", None, CONVERTED,
     ["watermark_detection"], {0: {"audio": "a7400002"}}),
    # "N seconds each" after the notes gives every note that length
    ("sing 'la la la' on C4 D4 E4, half a second apiece", None, None,
     ["singing_synthesis"], {0: {"notes": "C4 D4 E4", "durations": "0.5 0.5 0.5"}}),
    # "me and N others": the user is one of the speakers
    ("mark who speaks when in this chat, it's only me and two colleagues", ["speech"], None,
     ["speaker_diarization"], {0: {"num_speakers": 3.0}}),
    # "turn the whole/entire X down by N dB"
    ("this is blasting, bring the entire recording down by 4 dB", ["speech"], None,
     ["audio_edit"], {0: {"operation": "gain", "gain_db": -4.0}}),
    # the conversation's language, stated after the ask
    ("please transcribe it. Note that the discussion is in French.", ["speech"], None,
     ["speech_recognition"], {0: {"language": "fr"}}),
    # "swap her voice for mine": the enrolled voice
    ("here's my sister's take; swap her voice for mine", ["speech"], None,
     ["voice_conversion"], {0: {"reference": "me"}}),
    # a person's voice as the means of speaking is a cloned voice
    ("now read that transcript out in the first speaker's voice", None, TRANSCRIBED,
     ["voice_clone"], {0: {"text": "t7400004"}}),
    ("この文章を自分の声で読み上げて: おはようございます", None, None,
     ["voice_clone"], {0: {"reference": "me"}}),
])
def test_round14_served(planner: Planner, query: str, kinds: list[str] | None, arts: list | None,
                        tools: list[str], want: dict) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


def test_music_from_a_photo_of_notation_is_declined(planner: Planner) -> None:
    plan = plan_json(planner, "here's a snapshot of a lead sheet, could you perform it for me?", ["photo.jpg"])
    assert plan["unsupported"] and not plan["steps"], plan


@pytest.mark.parametrize("name", ["p13t", "p13u"])
def test_p13t_p13u_tuned_sets(planner: Planner, name: str) -> None:
    """TUNED on in round 14 (first scores in benchmarks/bench_routing.py); they must not slip back."""
    r = evaluate(load_cases(DATA / f"routing_heldout_{name}.jsonl"), planner)
    assert r["tool_sequence_accuracy"] >= 0.90 and r["argument_accuracy"] >= 0.90, r
    assert r["unsupported_declined"] >= 0.90, r
