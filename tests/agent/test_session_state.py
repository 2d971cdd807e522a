"""Conversation state through the Agent with the offline planner, on a real recording: the
transcript is referable ("read it aloud" speaks it), questions about earlier results are
answered from the session, a file path typed in a CLI message is the file analysed, and a
pending step asks for its missing argument and takes it from the next turn."""

from __future__ import annotations

from pathlib import Path

from audiogpt.agent.loop import Agent
from audiogpt.app import App
from audiogpt.core.access import FileAccess
from audiogpt.core.audio import Audio
from audiogpt.dialogue.planner import Planner, PlannerModel


def test_transcript_is_read_aloud_and_questions_use_the_session(jfk: Path) -> None:
    app = App()
    agent = Agent(app, PlannerModel(Planner(use_embeddings=False)))
    t1 = agent.turn("s1", "transcribe this", [str(jfk)])
    (asr,) = t1["steps"]
    assert asr["tool"] == "speech_recognition" and "country" in asr["text"].lower()

    t2 = agent.turn("s1", "what did he say?")
    assert t2["steps"] == [] and asr["text"].strip()[:40] in t2["reply"]
    t3 = agent.turn("s1", "how long is it?")
    assert t3["steps"] == [] and "11.0" in t3["reply"]

    t4 = agent.turn("s1", "now read it aloud in a female voice")
    (tts,) = t4["steps"]
    assert tts["tool"] == "text_to_speech" and "error" not in tts
    assert tts["args"]["text"].strip() == asr["text"].strip()  # the transcript, not "it aloud"
    spoken = Audio.from_file(app.store.get(tts["outputs"][0]).path)
    assert spoken.duration > 3.0


def test_path_typed_in_text_is_analysed_and_inpainting_region_asked(jfk: Path,
                                                                   tmp_path: Path) -> None:
    app = App()
    agent = Agent(app, PlannerModel(Planner(use_embeddings=False)))
    short = tmp_path / "other.wav"
    Audio.from_file(jfk).slice(0.0, 3.0).to_file(short)
    agent.turn("s2", "make it louder", [str(short)])
    t3 = agent.turn("s2", f"reverse {jfk}", access=FileAccess.local())
    (rev,) = t3["steps"]
    assert rev["tool"] == "audio_edit" and rev["args"]["operation"] == "reverse"
    out = Audio.from_file(app.store.get(rev["outputs"][0]).path)
    assert abs(out.duration - 11.0) < 0.1  # the typed file, not the 3-second session audio
    assert app.store.db.turns("s2")[-1].attachments  # the typed path was imported
    agent.turn("s2", f"reverse {jfk}", access=FileAccess.remote())  # HTTP/MCP: a typed path is never read
    assert app.store.db.turns("s2")[-1].attachments == []

    t5 = agent.turn("s2", "I want to inpaint the audio.")
    assert t5["steps"] == [] and "start and end" in t5["reply"]
    t6 = agent.turn("s2", "The mask region as follow: 1.0 s to 1.5 s")
    (inp,) = t6["steps"]
    assert inp["tool"] == "audio_inpainting" and (inp["args"]["start"], inp["args"]["end"]) == (
        1.0, 1.5)
