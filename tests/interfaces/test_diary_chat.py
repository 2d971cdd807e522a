"""The voice diary in chat, as a user runs it: asking chat to add a voice is refused (consent is
given only through `voices add --consent`); after enrolling, "read this entry in my voice"
speaks the entry in the enrolled voice, and the result carries the watermark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shared_file

LJ = ["eval-audio/speech_en/ljspeech/LJ001-0001.wav",
      "eval-audio/speech_en/ljspeech/LJ001-0002.wav"]


@pytest.mark.slow
def test_diary_flow_in_chat(cli, tmp_path: Path) -> None:
    files = [str(shared_file(f)) for f in LJ]
    script = tmp_path / "diary.jsonl"
    script.write_text(json.dumps({"say": "add my voice from these files", "attach": files}) + "\n")
    (refused,) = [json.loads(x) for x in cli("chat", "--script", script, "--json",
                                             "--session", "diary").stdout.splitlines()]
    assert refused["steps"] == [] and "--consent" in refused["reply"]
    assert cli("voices", "list", "--json").json() == []  # nothing was enrolled by chat

    added = cli("voices", "add", "me", "--from", files[0], "--from", files[1], "--consent",
                "--json")
    assert added.rc == 0, added.stderr
    entry = "Today I walked by the sea and the wind was cold."
    script.write_text(json.dumps({"say": f"read this entry in my voice: {entry}"}) + "\n")
    (turn,) = [json.loads(x) for x in cli("chat", "--script", script, "--json",
                                          "--session", "diary").stdout.splitlines()]
    (step,) = turn["steps"]
    assert step["tool"] == "voice_clone" and "error" not in step, turn
    assert step["args"]["reference"] == "me" and "walked by the sea" in step["args"]["text"]
    audio = next(a for a in turn["artifacts"] if a["id"] == step["outputs"][0])
    mark = cli("watermark", "detect", audio["path"], "--json").json()
    assert mark["watermarked"] is True and mark["tool"] == "voice_clone"
