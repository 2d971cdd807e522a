"""The LLM path as a user configures it: ``--llm`` / ``AUDIOGPT_LLM`` specs (ollama, llama.cpp,
OpenAI, any OpenAI-compatible URL) resolved through Settings, and ``plan``, ``eval`` and
``chat`` driven by an LLM, all against the local fake server (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audiogpt.core.config import load_settings, resolve_llm
from audiogpt.core.errors import BackendUnavailable, ToolInputError
from audiogpt.dialogue.llm_planner import LLMPlanner, chat_model
from audiogpt.dialogue.openai_compat import OpenAIChatModel
from audiogpt.registry import get_registry
from tests.dialogue.fake_openai import FakeOpenAI


@pytest.mark.parametrize(
    ("spec", "provider", "url", "model"),
    [
        ("ollama:qwen2.5:7b", "ollama", "http://127.0.0.1:11434/v1", "qwen2.5:7b"),
        ("llamacpp:http://10.0.0.5:8080", "llamacpp", "http://10.0.0.5:8080/v1", "default"),
        ("llamacpp:localhost:9000/v1", "llamacpp", "http://localhost:9000/v1", "default"),
        ("llamacpp:", "llamacpp", "http://127.0.0.1:8080/v1", "default"),
        ("openai:gpt-4o-mini", "openai", "https://api.openai.com/v1", "gpt-4o-mini"),
        ("http://gpu-box:8000/v1#Qwen/Qwen2.5-7B-Instruct", "url", "http://gpu-box:8000/v1",
         "Qwen/Qwen2.5-7B-Instruct"),
        ("https://example.org/v1/", "url", "https://example.org/v1", "default"),
        ("offline", "offline", "", ""),
    ],
)
def test_specs_resolve(spec: str, provider: str, url: str, model: str) -> None:
    target = resolve_llm(spec)
    assert (target.provider, target.base_url, target.model) == (provider, url, model)


@pytest.mark.parametrize("spec", ["gpt4", "ollama:", "openai:", "ftp://x/v1", "http://", "llamacpp:http://"])
def test_bad_specs_are_one_line_errors(spec: str) -> None:
    with pytest.raises(ToolInputError) as err:
        resolve_llm(spec)
    assert "\n" not in err.value.message


def test_settings_read_the_spec_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIOGPT_LLM", "ollama:llama3.2")
    monkeypatch.setenv("OLLAMA_HOST", "127.0.0.1:11500")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-not-for-ollama")
    s = load_settings()
    assert (s.llm_base_url, s.llm_model) == ("http://127.0.0.1:11500/v1", "llama3.2")
    assert s.llm_api_key == ""  # the OpenAI key is never sent to Ollama
    assert load_settings(llm="offline").llm_base_url == ""  # the argument wins
    monkeypatch.setenv("AUDIOGPT_LLM", "openai:gpt-4o-mini")
    assert load_settings().llm_api_key == "sk-not-for-ollama"


def test_openai_without_a_key_is_unavailable() -> None:
    with pytest.raises(BackendUnavailable, match="OPENAI_API_KEY"):
        chat_model(load_settings(llm="openai:gpt-4o-mini"))


def test_llm_planner_follows_a_chain_with_step_references(jfk: Path) -> None:
    script = [
        {"content": None, "tool_calls": [("speech_enhancement", json.dumps({"audio": str(jfk)}))]},
        {"content": None, "tool_calls": [("speech_recognition", json.dumps({"audio": "$1"}))]},
        {"content": "I will denoise it, then transcribe it."},
        {"content": "Sorry, I can't book restaurants. I can transcribe, translate, ..."},
        {"status": 500, "message": "out of memory"},
    ]
    with FakeOpenAI(script) as srv:
        model = OpenAIChatModel.from_settings(load_settings(llm=f"{srv.url}#fake-7b"))
        planner = LLMPlanner(model, get_registry().tools)
        att = [{"ref": str(jfk), "kind": "audio", "name": jfk.name}]
        plan = planner.plan("clean this up and tell me what he says", att)
        declined = planner.plan("book a table for two", [])
        model._client = model._client.with_options(max_retries=0)
        failed = planner.plan("transcribe this", att)
    assert [s["tool"] for s in plan.steps] == ["speech_enhancement", "speech_recognition"]
    assert plan.steps[1]["args"]["audio"] == "$1" and not plan.unsupported
    assert declined.unsupported and not declined.steps and "can't" in declined.reply
    assert not failed.steps and not failed.unsupported and "HTTP 500" in failed.reply
    assert srv.requests[0]["body"]["model"] == "fake-7b"
    # the placeholder result told the model how to name step 1's output
    tool_msg = [m for m in srv.requests[1]["body"]["messages"] if m["role"] == "tool"][0]
    assert '"$1"' in tool_msg["content"]


def _call(tool: str, **args) -> dict:
    return {"content": None, "tool_calls": [(tool, json.dumps(args))]}


def test_cli_plan_eval_and_chat_with_llm(cli, jfk: Path, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in [
        {"id": "a", "query": "transcribe this", "attachments": ["speech"],
         "tools": ["speech_recognition"], "checks": []},
        {"id": "b", "query": "lower the pitch by two semitones", "attachments": ["speech"],
         "tools": ["audio_edit"], "checks": [
             {"step": 0, "arg": "operation", "op": "eq", "value": "pitch_shift"},
             {"step": 0, "arg": "semitones", "op": "num", "value": -2}]},
        {"id": "c", "query": "order me a pizza", "attachments": [], "tools": None},
    ]) + "\n")
    script = [
        _call("audio_edit", audio=str(jfk), operation="pitch_shift", semitones=-2),
        {"content": "Lowered by two semitones."},
        # eval: case a (right), case b (wrong semitones), case c (declined)
        _call("speech_recognition", audio="x.wav"), {"content": "ok"},
        _call("audio_edit", audio="x.wav", operation="pitch_shift", semitones=2), {"content": "ok"},
        {"content": "I can't order food."},
    ]
    with FakeOpenAI(script) as srv:
        port = srv.url.split(":")[2].split("/")[0]
        res = cli("plan", "lower the pitch by two semitones", "--attach", jfk, "--json",
                  "--llm", f"llamacpp:127.0.0.1:{port}")
        assert res.rc == 0, res.stderr
        assert res.json()["steps"] == [{"tool": "audio_edit", "args": {
            "audio": str(jfk), "operation": "pitch_shift", "semitones": -2}}]
        assert srv.requests[0]["path"] == "/v1/chat/completions"
        ev = cli("eval", "capability", "--cases", cases, "--llm", srv.url, "--json")
        assert ev.rc == 0, ev.stderr
        out = ev.json()
        assert out["engine"].startswith("llm http://127.0.0.1")
        assert out["tool_sequence_accuracy"] == 1.0 and out["argument_accuracy"] == 0.5
        assert out["unsupported_declined"] == 1.0
    bad = cli("plan", "hello", "--llm", "gpt4")
    assert bad.rc == 2 and "unknown --llm" in bad.stderr and "Traceback" not in bad.stderr
    bad = cli("serve", "--llm", "ollama:")
    assert bad.rc == 2 and "needs a model" in bad.stderr
    down = cli("plan", "hello", "--llm", "openai:gpt-4o-mini")
    assert down.rc == 3 and "OPENAI_API_KEY" in down.stderr


def test_chat_script_through_ollama_spec(cli, jfk: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """AUDIOGPT_LLM=ollama:MODEL with OLLAMA_HOST pointing at the fake server runs a turn."""
    script_file = tmp_path / "turns.jsonl"
    script_file.write_text(json.dumps({"say": "make it sound like a church",
                                       "attach": [str(jfk)]}) + "\n")
    script = [_call("audio_edit", audio=str(jfk), operation="reverb", room="church"),
              {"content": "Added a church reverb."}]
    with FakeOpenAI(script) as srv:
        monkeypatch.setenv("AUDIOGPT_LLM", "ollama:qwen2.5:7b")
        monkeypatch.setenv("OLLAMA_HOST", srv.url.removesuffix("/v1"))
        monkeypatch.setenv("OPENAI_API_KEY", "sk-must-not-leak")
        res = cli("chat", "--script", script_file, "--json", "--session", "probe")
    assert res.rc == 0, res.stderr
    assert srv.requests[0]["body"]["model"] == "qwen2.5:7b"
    assert all("sk-must-not-leak" not in str(r["auth"]) for r in srv.requests)
    line = json.loads(res.stdout.splitlines()[-1])
    assert line["reply"] == "Added a church reverb."
    step = line["steps"][0]
    assert step["tool"] == "audio_edit" and "error" not in step
    assert any(a["kind"] == "audio" and a["id"] in step["outputs"] for a in line["artifacts"])


def test_llama_server_without_jinja_falls_back_to_json(jfk: Path) -> None:
    """llama-server started without --jinja answers HTTP 500 to ``tools``; JSON mode works."""
    answer = json.dumps({"calls": [{"tool": "audio_edit", "args": {
        "audio": str(jfk), "operation": "voice_preset", "preset": "robot"}}], "reply": ""})
    script = [{"status": 500, "message": "tools param requires --jinja flag"},
              {"content": answer}, {"content": '{"calls": [], "reply": "Done."}'}]
    with FakeOpenAI(script) as srv:
        model = OpenAIChatModel(srv.url, "local", max_retries=0)  # the SDK retries 5xx
        plan = LLMPlanner(model, get_registry().tools).plan(
            "make my voice sound like a robot", [{"ref": str(jfk), "kind": "audio",
                                                  "name": jfk.name}])
    assert plan.steps == [{"tool": "audio_edit", "args": {
        "audio": str(jfk), "operation": "voice_preset", "preset": "robot"}}]
    assert "tools" in srv.requests[0]["body"] and "tools" not in srv.requests[1]["body"]
