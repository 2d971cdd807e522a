"""The LLM path end to end against a local OpenAI-compatible server: tool calls, tool results,
multi-step, malformed tool-call JSON, server errors, unreachable server, JSON fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audiogpt.agent.loop import Agent
from audiogpt.app import App
from audiogpt.core.audio import Audio
from audiogpt.dialogue.openai_compat import OpenAIChatModel
from tests.conftest import sine
from tests.dialogue.fake_openai import FakeOpenAI


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "tone.wav"
    Audio(sine(440, 2.0), 16000).to_file(path)
    return path


def _agent(url: str, mode: str = "auto") -> Agent:
    return Agent(App(), OpenAIChatModel(url, "fake-model", api_key="sk-secret-123",
                                        timeout=10, max_retries=0, mode=mode))


def test_tool_call_result_and_reply(clip: Path) -> None:
    script = [{"content": None, "tool_calls": [
                  ("audio_edit", json.dumps({"audio": "ATT", "operation": "reverse"}))]},
              {"content": "Reversed it for you."}]
    with FakeOpenAI(script) as srv:
        agent = _agent(srv.url)
        # the model must name the attachment id: patch the script once we know it
        att = agent.app.store.import_file(clip, "s")
        srv.script[0]["tool_calls"] = [("audio_edit", json.dumps(
            {"audio": att.id, "operation": "reverse"}))]
        line = agent.turn("s", "reverse this", [att.id])
    assert line["reply"] == "Reversed it for you."
    step = line["steps"][0]
    assert step["tool"] == "audio_edit" and step["args"]["audio"] == att.id and "error" not in step
    first = srv.requests[0]["body"]
    assert {t["function"]["name"] for t in first["tools"]} >= {"audio_edit"}
    assert srv.requests[0]["auth"] == "Bearer sk-secret-123"
    tool_msgs = [m for m in srv.requests[1]["body"]["messages"] if m["role"] == "tool"]
    assert tool_msgs and step["outputs"][0] in tool_msgs[0]["content"]
    assert Path(line["artifacts"][0]["path"]).is_file()


def test_multi_step_with_step_reference_and_malformed_json(clip: Path) -> None:
    script = [
        {"content": None, "tool_calls": [("audio_edit", '{"audio": "ATT", "operation": ')]},
        {"content": None, "tool_calls": [
            ("audio_edit", json.dumps({"audio": "ATT", "operation": "gain", "gain_db": -6})),
            ("audio_edit", json.dumps({"audio": "$1", "operation": "reverse"}))]},
        {"content": "Done: quieter, then reversed."},
    ]
    with FakeOpenAI(script) as srv:
        agent = _agent(srv.url)
        att = agent.app.store.import_file(clip, "m")
        for step in srv.script:
            step["tool_calls"] = [(n, a.replace("ATT", att.id)) for n, a in
                                  step.get("tool_calls") or []]
        line = agent.turn("m", "make it quieter then reverse it", [att.id])
    assert [s["tool"] for s in line["steps"]] == ["audio_edit", "audio_edit"]
    s1, s2 = line["steps"]
    assert s2["args"]["audio"] == s1["outputs"][0], "$1 must resolve to step 1's output id"
    retry = srv.requests[1]["body"]["messages"]
    assert any(m["role"] == "tool" and "not valid JSON" in m["content"] for m in retry)
    assert line["reply"].startswith("Done")


def test_server_error_then_next_turn_works(clip: Path) -> None:
    with FakeOpenAI([{"status": 500, "message": "model crashed"}, {"content": "Hi again!"}]) as srv:
        agent = _agent(srv.url)
        bad = agent.turn("e", "hello")
        good = agent.turn("e", "hello?")
    assert "HTTP 500" in bad["reply"] and bad["steps"] == []
    assert good["reply"] == "Hi again!" and good["turn"] == 2
    assert "sk-secret-123" not in json.dumps(bad)


def test_unreachable_server_is_explained() -> None:
    agent = _agent("http://127.0.0.1:9/v1")
    line = agent.turn("u", "transcribe this")
    assert "cannot reach the LLM server" in line["reply"]


def test_json_fallback_when_tools_rejected(clip: Path) -> None:
    script = [{"status": 400, "message": "tools are not supported by this model"},
              {"content": "Sure! {\"calls\": [{\"tool\": \"audio_edit\", \"args\": "
                          "{\"audio\": \"ATT\", \"operation\": \"bogus\"}}], \"reply\": \"\"}"},
              {"content": '{"calls": [{"tool": "audio_edit", "args": {"audio": "ATT", '
                          '"operation": "reverse"}}], "reply": ""}'},
              {"content": '{"calls": [], "reply": "Reversed."}'}]
    with FakeOpenAI(script) as srv:
        agent = _agent(srv.url)
        att = agent.app.store.import_file(clip, "j")
        for step in srv.script:
            if step.get("content"):
                step["content"] = step["content"].replace("ATT", att.id)
        line = agent.turn("j", "reverse it", [att.id])
    assert line["steps"][0]["args"] == {"audio": att.id, "operation": "reverse"}
    assert "error" not in line["steps"][0] and line["reply"] == "Reversed."
    assert "tools" not in srv.requests[1]["body"]
    assert any("not valid" in m["content"] for m in srv.requests[2]["body"]["messages"]
               if m["role"] == "user")


def test_streaming_reply_and_streamed_tool_call(clip: Path) -> None:
    script = [{"content": None, "tool_calls": [
                  ("audio_edit", json.dumps({"audio": "ATT", "operation": "reverse"}))]},
              {"content": "All reversed now."}]
    pieces: list[str] = []
    with FakeOpenAI(script) as srv:
        agent = _agent(srv.url)
        att = agent.app.store.import_file(clip, "st")
        srv.script[0]["tool_calls"] = [("audio_edit", json.dumps(
            {"audio": att.id, "operation": "reverse"}))]
        line = agent.turn("st", "reverse it", [att.id], stream=pieces.append)
    assert srv.requests[0]["body"]["stream"] is True
    assert line["steps"][0]["args"] == {"audio": att.id, "operation": "reverse"}
    assert "error" not in line["steps"][0]
    assert len(pieces) == 2 and "".join(pieces) == "All reversed now." == line["reply"]
