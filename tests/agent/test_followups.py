"""Multi-turn follow-ups through the Agent with the offline planner: "from my left" is binaural
on the previous audio, "put some rain behind it" generates rain and mixes it under that audio,
"remove the part between X and Y" cuts, "the first one" is the session's first audio."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.agent.loop import Agent
from audiogpt.app import App
from audiogpt.core.audio import Audio
from audiogpt.dialogue.planner import Planner, PlannerModel
from tests.conftest import sine


def _audio_out(step: dict) -> str | None:
    return step["outputs"][0] if step.get("outputs") and "error" not in step else None


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "voice.wav"
    Audio(sine(220, 2.0), 16000).to_file(path)
    return path


def test_follow_up_session(clip: Path) -> None:
    app = App()
    agent = Agent(app, PlannerModel(Planner(use_embeddings=False)))
    t1 = agent.turn("f", "make it louder", [str(clip)])
    att = app.store.db.turns("f")[0].attachments[0]
    assert [s["tool"] for s in t1["steps"]] == ["audio_edit"]
    loud = _audio_out(t1["steps"][0])
    assert loud

    t2 = agent.turn("f", "now make it sound like it comes from my left")
    (s,) = t2["steps"]
    assert s["tool"] == "mono_to_binaural" and s["args"]["audio"] == loud
    assert s["args"]["azimuth"] == -90
    spatial = _audio_out(s)
    assert spatial and Audio.from_file(app.store.get(spatial).path).channels == 2
    latest = spatial

    t3 = agent.turn("f", "can you put some rain behind it?")
    gen, mix = t3["steps"]
    assert gen["tool"] == "text_to_audio" and gen["args"]["text"] == "rain"
    assert abs(gen["args"]["duration"] - 2.0) < 0.01  # the referenced audio's length
    assert mix["tool"] == "audio_edit" and mix["args"]["operation"] == "mix"
    assert mix["args"]["audio"] == latest and mix["args"]["gain_db"] < 0
    assert mix["args"]["audio2"] == _audio_out(gen)  # "$1" resolved to the rain
    mixed = _audio_out(mix)
    assert mixed and abs(Audio.from_file(app.store.get(mixed).path).duration - 2.0) < 0.05
    latest = mixed

    t4 = agent.turn("f", "remove the part between 0.5 and 1 seconds")
    (cut,) = t4["steps"]
    assert cut["tool"] == "audio_edit" and cut["args"]["audio"] == latest
    assert (cut["args"]["operation"], cut["args"]["start"], cut["args"]["end"]) == ("cut", 0.5, 1.0)
    out = _audio_out(cut)
    assert out and abs(Audio.from_file(app.store.get(out).path).duration - 1.5) < 0.02

    t5 = agent.turn("f", "make the first one slower")
    (slow,) = t5["steps"]
    assert slow["tool"] == "audio_edit" and slow["args"]["audio"] == att
    assert slow["args"]["operation"] == "speed" and slow["args"]["speed"] < 1

    t6 = agent.turn("f", "给它加点雨声背景")
    assert [s["tool"] for s in t6["steps"]] == ["text_to_audio", "audio_edit"]
    assert t6["steps"][1]["args"]["audio"] == _audio_out(slow)
    t7 = agent.turn("f", "让它听起来从右边传来")
    assert t7["steps"][0]["tool"] == "mono_to_binaural" and t7["steps"][0]["args"]["azimuth"] == 90
