"""The offline planner as a ChatModel."""

from __future__ import annotations

from audiogpt.dialogue.base import ChatModel, ModelReply, StreamFn, ToolCall, TurnContext
from audiogpt.dialogue.planner.plan import Planner


class PlannerModel(ChatModel):
    """The offline planner as a ChatModel: plans on the first call, summarises after."""

    name = "offline-planner"

    def __init__(self, planner: Planner | None = None) -> None:
        self.planner = planner or Planner()

    def respond(self, ctx: TurnContext, stream: StreamFn | None = None) -> ModelReply:
        from audiogpt.agent.response import summarize

        if ctx.results:
            text = summarize(ctx.results)
            if stream:
                stream(text)
            return ModelReply(text=text)
        plan = self.planner.plan(ctx.user_text, ctx.attachments, ctx.artifacts,
                                 tools=sorted(ctx.tools) or None)
        if plan.missing or not plan.steps:
            text = plan.reply if not plan.missing else (
                "I need more to do that: " + "; ".join(plan.missing) + ".")
            if stream:
                stream(text)
            return ModelReply(text=text, unsupported=plan.unsupported)
        calls = [ToolCall(s["tool"], dict(s["args"]), id=f"call_{i + 1}")
                 for i, s in enumerate(plan.steps)]
        return ModelReply(text="", calls=calls)
