"""Prompt manager: system prompt, tool schemas and few-shot examples built from the registry,
and context management that keeps long sessions within the model's window."""

from __future__ import annotations

import json
from typing import Any

from audiogpt.dialogue.base import TurnContext

SYSTEM = """You are AudioGPT, an assistant that understands and creates speech, music, sound and \
talking-head video by calling tools. Everything runs locally.
Rules:
- Choose tools only from the list; if no tool can do the request, say so briefly and list what \
you can do. Answer small talk without tools.
- File arguments take artifact ids (8 characters, e.g. "a1b2c3d4") from the artifact index or \
the attachments. To use the output of a step of this turn before it has run, write "$n" \
(n = the step number, 1-based) or "$n.k" for its k-th output; for text arguments "$n" means \
the step's text answer.
- "it", "the result" mean the most recent relevant file; "the synthesized audio" the latest \
text_to_speech output; "the first file" the first attachment.
- Languages are ISO 639-1 codes (en, zh, es, ...). Times are seconds.
- When a tool fails, explain the problem and suggest a fix.
- After the tools ran, reply with a short summary naming the output ids."""

FEW_SHOT = [
    ("Denoise this and then transcribe it (attachment a1b2c3d4)",
     [{"tool": "speech_enhancement", "args": {"audio": "a1b2c3d4"}},
      {"tool": "speech_recognition", "args": {"audio": "$1"}}]),
    ("Say 'good night' in French", [{"tool": "text_to_speech",
                                     "args": {"text": "bonne nuit", "language": "fr"}}]),
]
KEEP_TURNS = 6


def tool_schemas(tools: dict[str, Any]) -> list[dict[str, Any]]:
    """OpenAI ``tools`` entries (function JSON Schemas) for the registered tools."""
    out = []
    for name in sorted(tools):
        t = tools[name]
        out.append({"type": "function", "function": {
            "name": name, "description": t.description, "parameters": t.input_schema()}})
    return out


def artifact_lines(ctx: TurnContext, limit: int = 40) -> list[str]:
    """The artifact index as short lines (newest last), skipping rendered images."""
    rows = [a for a in ctx.artifacts if not a.get("rendered")][-limit:]
    return [f"{a['id']} {a['kind']} from {a.get('tool') or 'user file ' + str(a.get('name'))}"
            f" (turn {a.get('turn') or '?'})" for a in rows]


def system_prompt(ctx: TurnContext, json_mode: bool = False) -> str:
    """The system prompt with examples, artifact index and (in JSON mode) the tool list."""
    parts = [SYSTEM, "Examples:"]
    for q, calls in FEW_SHOT:
        parts.append(f"User: {q}\nCalls: {json.dumps(calls)}")
    arts = artifact_lines(ctx)
    if arts:
        parts.append("Artifact index (oldest first):\n" + "\n".join(arts))
    if json_mode:
        parts.append("Tools (name: description; JSON Schema of arguments):")
        for s in tool_schemas(ctx.tools):
            f = s["function"]
            parts.append(f"- {f['name']}: {f['description']} {json.dumps(f['parameters'])}")
        parts.append('Answer ONLY with one JSON object: {"calls": [{"tool": NAME, "args": {...}}], '
                     '"reply": TEXT}. Use an empty "calls" list to just reply.')
    return "\n\n".join(parts)


def history_messages(ctx: TurnContext, keep: int = KEEP_TURNS) -> list[dict[str, Any]]:
    """Earlier turns: the last ``keep`` in full, older ones folded into one summary message."""
    msgs: list[dict[str, Any]] = []
    older = ctx.history[:-keep] if keep else ctx.history
    recent = ctx.history[-keep:] if keep else []
    if older:
        lines = [f"turn {t['turn']}: user asked {t['user'][:80]!r}; tools "
                 f"{[s['tool'] for s in t['steps']]}; outputs "
                 f"{[o for s in t['steps'] for o in s.get('outputs', [])]}" for t in older]
        msgs.append({"role": "system", "content": "Summary of earlier turns:\n" + "\n".join(lines)})
    for t in recent:
        user = t["user"] or "(spoken query)"
        if t.get("attachments"):
            user += f"\n[attachments: {', '.join(t['attachments'])}]"
        msgs.append({"role": "user", "content": user})
        msgs.append({"role": "assistant", "content": t["reply"] or "(done)"})
    return msgs


def user_message(ctx: TurnContext) -> dict[str, Any]:
    """The current request with its attachments."""
    text = ctx.user_text
    if ctx.attachments:
        text += "\n[attachments: " + ", ".join(
            f"{a['ref']} ({a['kind']}, {a.get('name', '')})" for a in ctx.attachments) + "]"
    return {"role": "user", "content": text}


def build_messages(ctx: TurnContext, json_mode: bool = False) -> list[dict[str, Any]]:
    """The full message list for the current round (native tool-calling form)."""
    msgs = [{"role": "system", "content": system_prompt(ctx, json_mode)}]
    msgs += history_messages(ctx)
    msgs.append(user_message(ctx))
    for r in ctx.results:
        obs = json.dumps(r.observation(), ensure_ascii=False)
        if json_mode:
            msgs.append({"role": "assistant", "content": json.dumps(
                {"calls": [{"tool": r.call.tool, "args": r.call.args}], "reply": ""})})
            msgs.append({"role": "user", "content": f"Tool result: {obs}"})
        else:
            msgs.append({"role": "assistant", "content": None, "tool_calls": [{
                "id": r.call.id or f"call_{r.index}", "type": "function",
                "function": {"name": r.call.tool,
                             "arguments": json.dumps(r.call.args, ensure_ascii=False)}}]})
            msgs.append({"role": "tool", "tool_call_id": r.call.id or f"call_{r.index}",
                         "content": obs})
    return msgs
