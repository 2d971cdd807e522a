"""Round 10 of issue 13 (p13o is TUNED now; its first score is in benchmarks/bench_routing.py).
The sentences below are in no case file; they are the author's own, written for each mechanism
after building it (notes/planner10.md gives their first run): a file named in the words refers
to a file (its name is no format and no trigger), joins "back to back", a layer mixed over a
generated step, a span kept as its own clip, "fill that gap", "who spoke when" after another
step, a cleaned take converted to a reference voice, a translation read back after it is made
(with a remark after it, or a Japanese asking tail), and the recording's language stated in
Chinese ("是普通话的", "讲的是粤语")."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.dialogue.planner import Planner
from audiogpt.dialogue.planner.request_slots import mask_file_names
from audiogpt.eval.routing import evaluate, load_cases
from tests.dialogue.plan_checks import assert_plan

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    # a typed file name is a reference: "wav"/"mp3" in it is not a target format
    ("chop out 7 to 9.5 seconds from lecture_part2.wav please", ["lecture_part2.wav"],
     ["audio_edit"], {0: {"audio": "lecture_part2.wav", "operation": "cut", "start": 7.0, "end": 9.5}}),
    ("hold on to 1:10 through 2:00 of podcast_master.mp3 and drop everything else", ["podcast_master.mp3"],
     ["audio_edit"], {0: {"audio": "podcast_master.mp3", "operation": "trim", "start": 70.0, "end": 120.0}}),
    ("add 4 dB more bass to drumloop.wav", ["drumloop.wav"],
     ["audio_edit"], {0: {"audio": "drumloop.wav", "operation": "eq", "bass_db": 4.0}}),
    # ... and its words are not triggers ("rain" in rain_bed.wav is no request for rain)
    ("put the sting.wav first and outro_music.wav after it, back to back", ["sting.wav", "outro_music.wav"],
     ["audio_edit"], {0: {"operation": "concat", "audio": "sting.wav", "audio2": "outro_music.wav"}}),
    # a layer mixed over a step that made audio: the attached file is the second input
    ("say 'doors are closing' and lay it over station_noise.wav", ["station_noise.wav"],
     ["text_to_speech", "audio_edit"], {1: {"audio": "$1", "operation": "mix", "audio2": "station_noise.wav"}}),
    # a span kept as a clip of its own is a trim
    ("could I get only 3 to 11.5 s of this as a separate clip?", ["speech"],
     ["audio_edit"], {0: {"operation": "trim", "start": 3.0, "end": 11.5}}),
    # "fill that gap": a span repaired
    ("the tape goes silent from 6 to 6.8 s, can you fill this hole?", ["speech"],
     ["audio_inpainting"], {0: {"start": 6.0, "end": 6.8}}),
    # "who talked when" after another step is a step of its own
    ("take the hum out of it, after that show me who talked when", ["speech"],
     ["speech_enhancement", "speaker_diarization"], {1: {"audio": "$1"}}),
    # the cleaned take is what is converted; the reference is the other file
    ("first denoise raw_vocal.wav, then turn it into the voice from singer_ref.wav",
     ["raw_vocal.wav", "singer_ref.wav"],
     ["speech_enhancement", "voice_conversion"], {1: {"audio": "$1", "reference": "singer_ref.wav"}}),
    # a translation read back after it is made; a remark after it is not part of the text
    ("turn this Greek voice note into German and then say the German version out loud, my eyes are tired",
     ["speech"], ["speech_translation", "text_to_speech"], {0: {"target_language": "de"}, 1: {"text": "$1"}}),
    ("このスペイン語の録音を英語に翻訳して、音読してください", ["speech"],
     ["speech_translation", "text_to_speech"], {0: {"target_language": "en"}, 1: {"text": "$1"}}),
    # a room size written with a hyphen: the small room
    ("give it a tiny-room style reverb", ["speech"], ["audio_edit"], {0: {"operation": "reverb", "room": "small"}}),
    ("put some small-room ambience reverb on it", ["speech"], ["audio_edit"],
     {0: {"operation": "reverb", "room": "small"}}),
    # the language the recording is in, stated in Chinese, is the transcription language
    ("把这个采访转成文字吧,讲的是粤语", ["speech"], ["speech_recognition"], {0: {"language": "zh"}}),
    ("请帮我把这段语音转成文字,是用日语说的", ["speech"], ["speech_recognition"], {0: {"language": "ja"}}),
    # ... and the source of a translation, not its target
    ("把这个录音翻译成英文,是用日语讲的", ["speech"], ["speech_translation"],
     {0: {"target_language": "en", "source_language": "ja"}}),
])
def test_round10_files_spans_chains(planner: Planner, query: str, kinds: list[str], tools: list[str],
                                    want: dict[int, dict[str, object]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)


def test_round10_session_file_names_are_kept() -> None:
    """A session file's name stays (it is found by its words); a new file's name is masked."""
    arts = [{"id": "a1", "kind": "audio", "tool": None, "name": "rain.wav"}]
    assert mask_file_names("mix rain.wav under /tmp/talk-2.mp3", arts) == "mix rain.wav under the file"
    assert mask_file_names("把 meeting.m4a 转成文字", []) == "把 这个文件 转成文字"


def test_p13o_tuned_set(planner: Planner) -> None:
    """The p13o set (TUNED on it; first score 0.824 / 0.806 / 0.882) stays above its first score."""
    r = evaluate(load_cases(DATA / "routing_heldout_p13o.jsonl"), planner)
    assert r["tool_sequence_accuracy"] >= 0.89, r["failures"]
    assert r["argument_accuracy"] >= 0.90, r["failures"]
    assert r["unsupported_declined"] >= 0.85, r["failures"]
