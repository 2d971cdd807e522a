"""Prompt manager: tool schemas and system prompt from the registry, context folding."""

from __future__ import annotations

from audiogpt.app import App
from audiogpt.dialogue.base import TurnContext
from audiogpt.dialogue.prompts import build_messages, system_prompt, tool_schemas


def _ctx(turns: int) -> TurnContext:
    history = [{"turn": i, "user": f"request {i}", "reply": f"reply {i}", "attachments": [],
                "steps": [{"tool": "audio_edit", "outputs": [f"out{i:05d}"]}]}
               for i in range(1, turns + 1)]
    arts = [{"id": "abcd1234", "kind": "audio", "tool": None, "name": "a.wav", "turn": 1}]
    return TurnContext(session="s", user_text="now this", history=history, artifacts=arts,
                       tools=dict(App().registry.tools),
                       attachments=[{"ref": "abcd1234", "kind": "audio", "name": "a.wav"}])


def test_schemas_and_system_prompt_from_registry() -> None:
    ctx = _ctx(0)
    schemas = tool_schemas(ctx.tools)
    edit = next(s for s in schemas if s["function"]["name"] == "audio_edit")
    assert edit["type"] == "function"
    assert "operation" in edit["function"]["parameters"]["properties"]
    text = system_prompt(ctx, json_mode=True)
    assert "abcd1234 audio from user file a.wav" in text and "audio_edit:" in text
    msgs = build_messages(ctx)
    assert msgs[-1]["role"] == "user" and "abcd1234" in msgs[-1]["content"]


def test_long_sessions_are_folded() -> None:
    msgs = build_messages(_ctx(30))
    summaries = [m for m in msgs if m["role"] == "system" and "earlier turns" in m["content"]]
    assert len(summaries) == 1 and "out00001" in summaries[0]["content"]
    users = [m for m in msgs if m["role"] == "user"]
    assert len(users) == 6 + 1  # the last six turns in full + the current request
