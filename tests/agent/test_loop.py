"""The shared turn loop, driven by the scripted model: chains, parallel steps, failures,
persistence, callbacks, the artifact index handed to the model, spoken queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.agent.loop import Agent
from audiogpt.app import App
from audiogpt.core.audio import Audio
from audiogpt.dialogue.scripted import ScriptedModel
from tests.conftest import sine


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "tone.wav"
    Audio(sine(330, 1.5), 16000).to_file(path)
    return path


def test_chain_parallel_and_persistence(clip: Path) -> None:
    model = ScriptedModel([{"calls": [
        {"tool": "audio_edit", "args": {"audio": "ATT", "operation": "reverse"}},
        {"tool": "audio_edit", "args": {"audio": "ATT", "operation": "gain", "gain_db": -6}},
        {"tool": "audio_edit", "args": {"audio": "$1", "operation": "speed", "speed": 2}},
    ]}, None])
    agent = Agent(App(), model)
    events: list[dict] = []
    att = agent.app.store.import_file(clip, "p")
    for c in model.script[0]["calls"]:
        if c["args"]["audio"] == "ATT":
            c["args"]["audio"] = att.id
    line = agent.turn("p", "do three edits", [att.id], on_step=events.append)
    assert set(line) == {"turn", "steps", "reply", "artifacts"}
    s1, s2, s3 = line["steps"]
    assert s1["args"]["audio"] == att.id and s2["args"]["audio"] == att.id
    assert s3["args"]["audio"] == s1["outputs"][0]
    assert abs(Audio.from_file(line["artifacts"][0]["path"]).duration - 1.5) < 0.01
    kinds = [a["kind"] for a in line["artifacts"]]
    assert kinds.count("audio") == 3 and kinds.count("image") == 3  # waveform per audio
    assert [e["status"] for e in events].count("running") == 3
    assert {e["status"] for e in events} == {"running", "done"}
    turns = agent.app.store.db.turns("p")
    assert len(turns) == 1 and turns[0].steps == line["steps"] and turns[0].reply == line["reply"]


def test_failure_explained_and_next_turn_works(clip: Path, tmp_path: Path) -> None:
    model = ScriptedModel([
        {"calls": [{"tool": "audio_edit", "args": {"audio": "BROKEN", "operation": "reverse"}},
                   {"tool": "audio_edit", "args": {"audio": "$1", "operation": "reverse"}}]},
        None,
        {"calls": [{"tool": "no_such_tool", "args": {}}]},
        None,
        {"calls": [{"tool": "audio_edit", "args": {"audio": str(clip), "operation": "reverse"}}]},
    ])
    broken = tmp_path / "broken.wav"
    broken.write_text("not audio at all\n" * 30)
    model.script[0]["calls"][0]["args"]["audio"] = str(broken)
    agent = Agent(App(), model)
    bad = agent.turn("f", "reverse twice", [])
    assert "error" in bad["steps"][0] and "error" in bad["steps"][1]
    assert "failed" in bad["reply"] and "valid audio file" in bad["reply"]
    assert "step 1" in bad["steps"][1]["error"]
    unknown = agent.turn("f", "use a tool that does not exist")
    assert "not registered" in unknown["steps"][0]["error"]
    good = agent.turn("f", "reverse it")
    assert good["turn"] == 3 and "error" not in good["steps"][0]


def test_model_sees_history_and_artifacts(clip: Path) -> None:
    model = ScriptedModel([
        {"calls": [{"tool": "audio_edit", "args": {"audio": str(clip), "operation": "reverse"}}]},
        "first done", "second turn reply"])
    agent = Agent(App(), model)
    first = agent.turn("h", "reverse")
    second = agent.turn("h", "what did you make?")
    assert second["reply"] == "second turn reply"
    ctx = model.seen[-1]
    assert ctx.history[0]["turn"] == first["turn"]
    made = first["steps"][0]["outputs"][0]
    assert any(a["id"] == made and a["tool"] == "audio_edit" for a in ctx.artifacts)


def test_missing_attachment_reported_without_stopping(tmp_path: Path) -> None:
    agent = Agent(App(), ScriptedModel(["ok, nothing to do"]))
    line = agent.turn("m", "look at this", [str(tmp_path / "nope.wav")])
    assert "could not use the attachment nope.wav" in line["reply"]
    assert line["turn"] == 1


def test_spoken_query_is_transcribed(jfk: Path) -> None:
    app = App()
    model = ScriptedModel(["heard you"])
    line = Agent(app, model).turn("v", "", [str(jfk)])
    assert line["steps"][0]["tool"] == "speech_recognition"
    assert model.seen[0].user_text and "country" in model.seen[0].user_text.lower()
    assert model.seen[0].attachments == []  # the spoken query is not a resource


def test_default_model_is_offline_planner() -> None:
    from audiogpt.dialogue.planner import PlannerModel

    assert isinstance(Agent(App()).model, PlannerModel)
