"""The offline planner as a ChatModel, with conversation state: a step that lacks a required
argument asks for it, and the next turn fills it (the pending request is the previous turn's
words, read together with the answer)."""

from __future__ import annotations

from typing import Any

from audiogpt.dialogue.base import ChatModel, ModelReply, StreamFn, ToolCall, TurnContext
from audiogpt.dialogue.planner.plan import Plan, Planner
from audiogpt.dialogue.planner.recall import recall

ASK = "I need more to do that: "


def ask_for(plan: Plan) -> str:
    """The question for a plan that lacks arguments ("Please enter the region to inpaint")."""
    return ASK + "; ".join(plan.missing) + "."


def pending_request(history: list[dict[str, Any]]) -> str | None:
    """The previous turn's request when that turn asked for a missing argument."""
    if not history:
        return None
    last = history[-1]
    if last.get("steps") or not str(last.get("reply") or "").startswith(ASK):
        return None
    return str(last.get("user") or "") or None


class PlannerModel(ChatModel):
    """The offline planner as a ChatModel: plans on the first call, summarises after."""

    name = "offline-planner"
    languages = ("en", "zh")

    def __init__(self, planner: Planner | None = None) -> None:
        self.planner = planner or Planner()

    def _plan(self, ctx: TurnContext) -> Plan:
        tools = sorted(ctx.tools) or None
        plan = self.planner.plan(ctx.user_text, ctx.attachments, ctx.artifacts, tools=tools)
        pending = pending_request(ctx.history)
        if pending and (plan.missing or not plan.steps or plan.clarify):
            # "Please enter the mask region" -> "from 1 to 2 s": the answer fills the pending step.
            answer = ctx.user_text.strip()
            joined_text = f"{pending.rstrip(' .!?。')}, {answer[:1].lower()}{answer[1:]}"
            joined = self.planner.plan(joined_text, ctx.attachments, ctx.artifacts, tools=tools)
            if joined.steps and len(joined.missing) < max(1, len(plan.missing) or 99):
                return joined
        return plan

    def respond(self, ctx: TurnContext, stream: StreamFn | None = None) -> ModelReply:
        from audiogpt.agent.response import summarize

        if ctx.results:
            text = summarize(ctx.results)
            if stream:
                stream(text)
            return ModelReply(text=text)
        answer = None if ctx.attachments else recall(ctx.user_text, ctx.history, ctx.artifacts)
        if answer:
            if stream:
                stream(answer)
            return ModelReply(text=answer)
        plan = self._plan(ctx)
        absent = [s["tool"] for s in plan.steps if ctx.tools and s["tool"] not in ctx.tools]
        if absent:
            text = (f"That needs the {absent[0]} tool, which is not installed here. "
                    "`audiogpt tools` lists what is.")
            if stream:
                stream(text)
            return ModelReply(text=text, unsupported=True)
        if plan.missing or not plan.steps:
            text = plan.reply if not plan.missing else ask_for(plan)
            if stream:
                stream(text)
            return ModelReply(text=text, unsupported=plan.unsupported)
        calls = [ToolCall(s["tool"], dict(s["args"]), id=f"call_{i + 1}")
                 for i, s in enumerate(plan.steps)]
        return ModelReply(text="", calls=calls)
