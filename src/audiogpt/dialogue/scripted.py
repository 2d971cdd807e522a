"""A scripted ChatModel for tests: answers with pre-written replies, in order."""

from __future__ import annotations

from typing import Any

from audiogpt.dialogue.base import ChatModel, ModelReply, StreamFn, ToolCall, TurnContext


def _reply(item: ModelReply | dict[str, Any] | str) -> ModelReply:
    """Normalise a script item."""
    if isinstance(item, ModelReply):
        return item
    if isinstance(item, str):
        return ModelReply(text=item)
    calls = [ToolCall(c["tool"], dict(c.get("args") or {})) for c in item.get("calls") or []]
    return ModelReply(text=item.get("text", ""), calls=calls,
                      unsupported=bool(item.get("unsupported")))


class ScriptedModel(ChatModel):
    """Replies from a list, one item per ``respond`` call: a ModelReply, a
    ``{"calls": [...], "text"}`` dict, a text, or None (= a summary of the turn's results).

    After a reply with calls the loop asks again, so follow each calls item with the reply for
    that turn (often None). When the script runs out, the model answers with the summary.
    Every context it was given is kept in ``seen`` for assertions.
    """

    name = "scripted"

    def __init__(self, script: list[ModelReply | dict[str, Any] | str | None]) -> None:
        self.script = list(script)
        self.seen: list[TurnContext] = []

    def respond(self, ctx: TurnContext, stream: StreamFn | None = None) -> ModelReply:
        self.seen.append(ctx)
        item = self.script.pop(0) if self.script else None
        if item is not None:
            reply = _reply(item)
        else:
            from audiogpt.agent.response import summarize

            reply = ModelReply(text=summarize(ctx.results))
        if stream and reply.text:
            stream(reply.text)
        return reply
