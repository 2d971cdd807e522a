"""The ChatModel interface shared by every dialogue engine.

The agent loop (:mod:`audiogpt.agent.loop`) asks a model for a :class:`ModelReply` given a
:class:`TurnContext`. A reply either calls tools (one batch; calls may refer to the outputs of
earlier steps of the same turn as ``"$n"`` / ``"$n.k"``) or answers in text. The loop runs
the calls, appends :class:`StepResult` objects to the context and asks again, until the model
answers without calls. The offline planner, the OpenAI-compatible LLM and the scripted test
model all implement this one interface, so the loop has no special case for any of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ToolCall:
    """One tool invocation chosen by a model.

    Attributes:
        tool: Tool name (DESIGN.md).
        args: Arguments; file arguments are artifact ids, paths, or ``"$n"`` references.
        id: The model's call id (OpenAI ``tool_call_id``); filled by the loop when empty.
    """

    tool: str
    args: dict[str, Any] = field(default_factory=dict)
    id: str = ""


@dataclass
class ModelReply:
    """What a model answers: tool calls, or a final text.

    Attributes:
        text: The reply to the user (may be empty when calls are made).
        calls: Tool calls to run next (one batch).
        unsupported: True when the request was declined because no tool can do it.
    """

    text: str = ""
    calls: list[ToolCall] = field(default_factory=list)
    unsupported: bool = False


@dataclass
class StepResult:
    """The outcome of one step of the current turn, as the model sees it.

    Attributes:
        index: 1-based step number within the turn (what ``"$n"`` refers to).
        call: The call as the model made it.
        args: The arguments after reference resolution (artifact ids).
        outputs: Artifact refs ``{"id", "kind", "path"}`` produced by the step.
        text: The tool's text answer, if any.
        data: The tool's structured data, if any.
        error: The error message when the step failed.
        backend: The backend that ran.
    """

    index: int
    call: ToolCall
    args: dict[str, Any] = field(default_factory=dict)
    outputs: list[dict[str, str]] = field(default_factory=list)
    text: str | None = None
    data: dict[str, Any] | None = None
    error: str | None = None
    backend: str = ""

    def observation(self) -> dict[str, Any]:
        """Compact JSON-able summary sent back to a model as the tool result."""
        obs: dict[str, Any] = {"step": self.index, "tool": self.call.tool}
        if self.error:
            obs["error"] = self.error
            return obs
        obs["outputs"] = [{"id": o["id"], "kind": o["kind"]} for o in self.outputs]
        if self.text:
            obs["text"] = self.text[:2000]
        if self.data:
            obs["data"] = _trim(self.data)
        return obs


def _trim(data: Any, depth: int = 0) -> Any:
    """Shorten long lists in tool data so observations stay small."""
    if isinstance(data, dict):
        return {k: _trim(v, depth + 1) for k, v in data.items()}
    if isinstance(data, list):
        items = [_trim(v, depth + 1) for v in data[:20]]
        return items + (["..."] if len(data) > 20 else [])
    return data


@dataclass
class TurnContext:
    """Everything a model may use to answer one user turn.

    Attributes:
        session: Session name.
        user_text: The user's request (a spoken query is already transcribed).
        attachments: Files attached to this turn: ``{"ref", "kind", "name"}`` where ``ref``
            is what a tool argument must contain to name the file (artifact id in chat, the
            path in ``plan``).
        artifacts: The session's artifact index, oldest first: ``{"id", "kind", "tool",
            "turn", "name", "source", "step"}`` (``tool`` is None for user files).
        history: Earlier turns: ``{"turn", "user", "reply", "steps"}``.
        tools: Registered tools by name (Tool classes), for schemas and availability.
        results: Steps already run in this turn.
        notes: Problems found before planning (e.g. an unreadable attachment).
    """

    session: str
    user_text: str
    attachments: list[dict[str, str]] = field(default_factory=list)
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    tools: dict[str, Any] = field(default_factory=dict)
    results: list[StepResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


StreamFn = Callable[[str], None]


class ChatModel(ABC):
    """A dialogue engine that chooses tools and writes replies.

    Attributes:
        name: Shown in logs.
        languages: ISO 639-1 codes of the requests it reads; None = any. A spoken query in
            another language is translated into English before it reaches the model.
    """

    name: str = "model"
    languages: tuple[str, ...] | None = None

    @abstractmethod
    def respond(self, ctx: TurnContext, stream: StreamFn | None = None) -> ModelReply:
        """Answer the turn so far: call tools or reply.

        Args:
            ctx: The turn context, including results of the steps already run.
            stream: Called with pieces of the reply text as they are generated (optional).

        Returns:
            The model's reply.
        """
