"""Issue 12 section 4: tool and turn failures are logged at WARNING with their traceback in
the server log (while HTTP clients get one line without internal paths)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from audiogpt.agent.loop import Agent
from audiogpt.app import App
from audiogpt.core.config import load_settings
from audiogpt.dialogue.scripted import ScriptedModel
from tests.interfaces.server_util import start_server, write_tone


def test_tool_failure_is_in_the_serve_log_with_traceback(tmp_path: Path) -> None:
    tone = write_tone(tmp_path / "tone.wav", 1.0)
    server = start_server(tmp_path / "home", "--no-ui")
    try:
        resp = httpx.post(server.url + "/api/tools/audio_edit", timeout=60,
                          files={"audio": ("tone.wav", tone.read_bytes(), "audio/wav")},
                          data={"args": json.dumps({"operation": "trim", "start": 5,
                                                    "end": 8})})
    finally:
        server.stop()
    assert resp.status_code == 400, resp.text
    message = resp.json()["error"]["message"]
    assert "Traceback" not in message and str(tmp_path) not in message
    log = server.log.read_text()
    assert "WARNING audiogpt.failures: audio_edit call from a http client failed" in log, log
    assert "Traceback (most recent call last)" in log and "ToolInputError" in log


def test_turn_step_failure_is_logged_with_traceback(caplog: pytest.LogCaptureFixture,
                                                    tmp_path: Path) -> None:
    app = App(load_settings(home=tmp_path / "home"))
    model = ScriptedModel([{"calls": [{"tool": "audio_edit",
                                       "args": {"audio": "zzzzzzzz", "operation": "reverse"}}]},
                           None])
    with caplog.at_level(logging.WARNING, logger="audiogpt.failures"):
        line = Agent(app, model).turn("logged", "reverse zzzzzzzz")
    assert "unknown artifact id" in line["steps"][0]["error"]
    (record,) = [r for r in caplog.records if r.name == "audiogpt.failures"]
    assert record.levelno == logging.WARNING and record.exc_info is not None
    assert "audio_edit" in record.getMessage()
