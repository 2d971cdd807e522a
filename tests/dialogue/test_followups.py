"""Follow-up requests in a session: spatial directions, background layers (generate + mix),
removing a span (audio_edit cut vs trim), and ordinal references ("the first one")."""


from __future__ import annotations

import pytest

from audiogpt.dialogue.layering import background_layer, trajectory
from audiogpt.dialogue.planner import Planner

ARTS = [
    {"id": "tts00001", "kind": "audio", "tool": "text_to_speech", "rendered": False, "duration": 3.2},
    {"id": "img00001", "kind": "image", "tool": "text_to_speech", "rendered": True},
    {"id": "bin00002", "kind": "audio", "tool": "mono_to_binaural", "rendered": False, "duration": 3.2},
    {"id": "jfk00003", "kind": "audio", "tool": None, "rendered": False, "duration": 11.0},
]


@pytest.fixture(scope="module")
def planner() -> Planner:
    return Planner(use_embeddings=False)


def _steps(planner: Planner, text: str, arts: list | None = None) -> list[tuple[str, dict]]:
    plan = planner.plan(text, [], ARTS if arts is None else arts)
    assert not plan.missing, plan.missing
    return [(s["tool"], s["args"]) for s in plan.steps]


@pytest.mark.parametrize(("text", "azimuth"), [
    ("now make it sound like it comes from my left", -90),
    ("make it come from my right", 90),
    ("can you make it sound like it's coming from the right side?", 90),
    ("put it behind me", 180),
    ("make it sound like it's in front of me", 0),
    ("让它听起来从左边传来", -90),
    ("让它从右边传来", 90),
])
def test_direction_follow_up_is_binaural_on_latest_audio(planner: Planner, text: str,
                                                         azimuth: float) -> None:
    (tool, args), = _steps(planner, text)
    assert tool == "mono_to_binaural"
    assert args["audio"] == "jfk00003" and args["azimuth"] == azimuth


@pytest.mark.parametrize(("text", "path"), [
    ("make it move from left to right", "0:-90,11:90"),
    ("pan it from the right to the left", "0:90,11:-90"),
    ("让它从左到右移动", "0:-90,11:90"),
])
def test_moving_source_is_a_trajectory_over_the_audio_length(planner: Planner, text: str,
                                                             path: str) -> None:
    (tool, args), = _steps(planner, text)
    assert tool == "mono_to_binaural" and args["trajectory"] == path and "azimuth" not in args


def test_trajectory_without_known_length_uses_default() -> None:
    assert trajectory("moving from front to back", None) == "0:0,5:180"
    assert trajectory("from left to left", 3.0) is None


@pytest.mark.parametrize(("text", "tool", "layer"), [
    ("can you put some rain behind it?", "text_to_audio", "rain"),
    ("add background music to it", "music_generation", "background music"),
    ("add birds under this", "text_to_audio", "birds"),
    ("add traffic noise under this recording", "text_to_audio", "traffic noise"),
    ("lay some crowd noise behind it", "text_to_audio", "crowd noise"),
    ("add some soft piano in the background", "music_generation", "piano"),
    ("给它加点雨声背景", "text_to_audio", "rain"),
    ("加点背景音乐", "music_generation", "background music"),
    ("给这段录音加上鸟叫声", "text_to_audio", "birds chirping"),
])
def test_background_layer_is_generate_then_mix(planner: Planner, text: str, tool: str,
                                               layer: str) -> None:
    (gen, gargs), (edit, eargs) = _steps(planner, text)
    assert (gen, gargs["text"], gargs["duration"]) == (tool, layer, 11.0)
    assert edit == "audio_edit" and eargs["operation"] == "mix"
    assert eargs["audio"] == "jfk00003" and eargs["audio2"] == "$1" and eargs["gain_db"] < 0


def test_background_layer_after_an_earlier_step_uses_its_output(planner: Planner) -> None:
    plan = planner.plan("say 'hello' and then put some rain behind it", [], [])
    steps = [(s["tool"], s["args"]) for s in plan.steps]
    assert [t for t, _ in steps] == ["text_to_speech", "text_to_audio", "audio_edit"]
    assert "duration" not in steps[1][1]  # length of "$1" unknown when planning: tool default
    assert steps[2][1]["audio"] == "$1" and steps[2][1]["audio2"] == "$2"


@pytest.mark.parametrize("text", ["add reverb to it", "put the voice behind me",
                                  "add a fade out to it", "put it behind me"])
def test_not_a_background_layer(text: str) -> None:
    assert background_layer(text) is None


def test_layer_level_follows_the_words() -> None:
    assert background_layer("add some rain behind it at -20 dB").gain_db == -20
    assert background_layer("add some very quiet rain behind it").gain_db == -18


@pytest.mark.parametrize(("text", "op", "span"), [
    ("remove the part between 2 and 4 seconds", "cut", (2, 4)),
    ("delete 2 to 4 s", "cut", (2, 4)),
    ("cut out the section from 1 to 3 seconds", "cut", (1, 3)),
    ("get rid of the bit between 5 and 6.5 seconds", "cut", (5, 6.5)),
    ("删掉第2秒到第4秒", "cut", (2, 4)),
    ("去掉2到4秒的部分", "cut", (2, 4)),
    ("keep only the part between 2 and 4 seconds", "trim", (2, 4)),
    ("just keep seconds 2 to 4", "trim", (2, 4)),
    ("crop it to 1-3 seconds", "trim", (1, 3)),
])
def test_remove_span_is_cut_keep_span_is_trim(planner: Planner, text: str, op: str,
                                              span: tuple[float, float]) -> None:
    (tool, args), = _steps(planner, text)
    assert tool == "audio_edit" and args["operation"] == op
    assert (args["start"], args["end"]) == span and args["audio"] == "jfk00003"


@pytest.mark.parametrize(("text", "ref"), [
    ("make the first one slower", "tts00001"),
    ("make the second one louder", "bin00002"),
    ("make the last one slower", "jfk00003"),
    ("speed up the previous one", "jfk00003"),
    ("把第一个变慢", "tts00001"),
])
def test_ordinal_refers_to_session_audio(planner: Planner, text: str, ref: str) -> None:
    (tool, args), = _steps(planner, text)
    assert tool == "audio_edit" and args["audio"] == ref


def test_ordinal_prefers_this_turns_attachments(planner: Planner) -> None:
    atts = [{"ref": "a.wav", "kind": "audio"}, {"ref": "b.wav", "kind": "audio"}]
    plan = planner.plan("make the first one slower", atts, ARTS)
    assert plan.steps[0]["args"]["audio"] == "a.wav"
