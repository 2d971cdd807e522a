"""An LLM (any :class:`~audiogpt.dialogue.base.ChatModel`) used as a planner: the same
``plan(query, attachments)`` interface as the offline planner, so ``audiogpt plan`` and
``audiogpt eval`` score an LLM on the same case files.

Nothing is run. A tool-calling model usually asks for one step, waits for its result and then
asks for the next; to see the whole chain, each planned step is answered with a placeholder
result whose outputs are named ``"$n"`` (``"$n.k"``), which is exactly how a plan refers to
the output of step n. The model's next calls then use those names.

Usage::

    from audiogpt.dialogue.llm_planner import LLMPlanner, chat_model
    planner = LLMPlanner(chat_model(settings), registry.tools)
    planner.plan("denoise this", [{"ref": "a.wav", "kind": "audio", "name": "a.wav"}])
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audiogpt.dialogue.base import StepResult, TurnContext

if TYPE_CHECKING:
    from audiogpt.core.config import Settings
    from audiogpt.dialogue.base import ChatModel

logger = logging.getLogger(__name__)
MAX_ROUNDS = 4
MAX_STEPS = 8


@dataclass
class LLMPlan:
    """A plan in the ``plan --json`` form."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    unsupported: bool = False
    reply: str = ""
    missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """``{"steps": [{"tool", "args"}], "unsupported", "reply"}``."""
        return {"steps": [{"tool": s["tool"], "args": s["args"]} for s in self.steps],
                "unsupported": self.unsupported, "reply": self.reply}


def chat_model(settings: Settings) -> ChatModel:
    """The dialogue engine the settings choose: the LLM when ``llm_base_url`` is set (from
    ``--llm`` / ``AUDIOGPT_LLM`` / ``AUDIOGPT_LLM_BASE_URL``), else the offline planner."""
    if settings.llm_base_url:
        from audiogpt.dialogue.openai_compat import OpenAIChatModel

        return OpenAIChatModel.from_settings(settings)
    from audiogpt.dialogue.planner import PlannerModel

    return PlannerModel()


def engine_name(settings: Settings) -> str:
    """A label of the configured engine for reports (never contains the API key)."""
    if not settings.llm_base_url:
        return "offline-planner"
    return f"llm {settings.llm or settings.llm_base_url} (model {settings.llm_model or 'default'})"


def _placeholder(index: int, tool: Any, call: Any) -> StepResult:
    kinds = tuple(getattr(tool, "outputs", ()) or ("audio",))
    outputs = [{"id": f"${index}" if k == 0 else f"${index}.{k + 1}", "kind": kind, "path": ""}
               for k, kind in enumerate(kinds)]
    return StepResult(index=index, call=call, args=dict(call.args), outputs=outputs,
                      text=f"(planned, not run; refer to its output as ${index})",
                      backend="plan")


class LLMPlanner:
    """Plans with a ChatModel, without running anything.

    Args:
        model: The chat model (e.g. :class:`~audiogpt.dialogue.openai_compat.OpenAIChatModel`).
        tools: Registered tools by name (Tool classes).
    """

    def __init__(self, model: ChatModel, tools: dict[str, Any]) -> None:
        self.model = model
        self.tools = dict(tools)

    def plan(self, text: str, attachments: list[dict[str, str]] | None = None,
             artifacts: list[dict[str, Any]] | None = None,
             tools: list[str] | None = None) -> LLMPlan:
        """Ask the model for the steps of ``text`` (same signature as the offline planner).

        A server error on one request (HTTP 5xx, a broken stream) ends this plan with the
        steps so far and the error in ``reply``, so one bad answer does not stop an evaluation.

        Raises:
            BackendUnavailable: The LLM server cannot be reached or lacks the model.
        """
        from audiogpt.core.errors import BackendError
        names = tools or sorted(self.tools)
        ctx = TurnContext(session="plan", user_text=text, attachments=list(attachments or []),
                          artifacts=list(artifacts or []),
                          tools={n: self.tools[n] for n in names if n in self.tools})
        steps: list[dict[str, Any]] = []
        reply_text = ""
        for _round in range(MAX_ROUNDS):
            try:
                reply = self.model.respond(ctx)
            except BackendError as exc:
                logger.warning("LLM planning failed: %s", exc.message)
                return LLMPlan(steps=steps, unsupported=False, reply=f"error: {exc.message}")
            reply_text = reply.text or reply_text
            if not reply.calls:
                break
            for call in reply.calls:
                if len(steps) >= MAX_STEPS:
                    break
                steps.append({"tool": call.tool, "args": dict(call.args)})
                ctx.results.append(_placeholder(len(steps), ctx.tools.get(call.tool), call))
            if len(steps) >= MAX_STEPS:
                break
        # An LLM declines (or asks back) by answering without calls.
        return LLMPlan(steps=steps, unsupported=not steps, reply=reply_text)
