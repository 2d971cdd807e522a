"""ChatModel for any OpenAI-compatible Chat Completions server (OpenAI, Ollama ``/v1``, vLLM,
llama.cpp ``llama-server``): native ``tools``/``tool_calls``, or a prompted-JSON fallback for
models without tool calling. Arguments are validated against the tool schemas with bounded
retries; timeouts and retries with backoff come from the SDK. The API key is never logged.
"""

from __future__ import annotations

import json
import logging
import re
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import BackendError, BackendUnavailable, ToolInputError
from audiogpt.dialogue.base import ChatModel, ModelReply, StreamFn, ToolCall, TurnContext
from audiogpt.dialogue.prompts import build_messages, tool_schemas

if TYPE_CHECKING:
    from audiogpt.core.config import Settings

logger = logging.getLogger(__name__)
MAX_FIX_ATTEMPTS = 2


class OpenAIChatModel(ChatModel):
    """An LLM behind an OpenAI-compatible endpoint.

    Args:
        base_url: Server URL, e.g. ``http://localhost:11434/v1``.
        model: Model name.
        api_key: Key (servers that need none accept any string).
        timeout: Seconds per request.
        max_retries: SDK retries (exponential backoff) on connection errors, 429 and 5xx.
        mode: ``auto`` (native tools, JSON fallback if the server rejects them), ``tools``
            or ``json``.
    """

    name = "openai-compatible"

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 120.0,
                 max_retries: int = 2, mode: str = "auto") -> None:
        import openai

        self.base_url = base_url
        self.spec = base_url
        self.model = model or "default"
        self.mode = mode
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed",
                                     timeout=timeout, max_retries=max_retries)

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIChatModel:
        """Build from ``llm_base_url``, ``llm_model``, ``llm_api_key``, ``llm_timeout_s``
        (the ``llm`` spec, e.g. ``ollama:qwen2.5:7b``, is resolved into them by
        :func:`audiogpt.core.config.load_settings`).

        Raises:
            BackendUnavailable: OpenAI's API is chosen but no API key is set.
        """
        from audiogpt.core.config import OPENAI_URL

        if settings.llm_base_url.rstrip("/") == OPENAI_URL and not settings.llm_api_key:
            raise BackendUnavailable(
                "OpenAI's API needs a key: export OPENAI_API_KEY=sk-... (or "
                "AUDIOGPT_LLM_API_KEY), or use a local model with --llm ollama:MODEL")
        mode = settings.llm_mode or "auto"
        model = cls(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                    timeout=settings.llm_timeout_s, mode=mode)
        model.spec = settings.llm or settings.llm_base_url
        return model

    # ------------------------------------------------------------------ transport
    def _create(self, **kwargs: Any) -> Any:
        import openai

        try:
            return self._client.chat.completions.create(model=self.model, **kwargs)
        except openai.APIConnectionError as exc:
            hint = ("start it with `ollama serve`" if self.spec.startswith("ollama:")
                    else "start it (e.g. `llama-server -m MODEL.gguf --jinja --port 8080`)"
                    if self.spec.startswith("llamacpp:") else "start it")
            raise BackendUnavailable(
                f"cannot reach the LLM server at {self.base_url} ({type(exc).__name__}); {hint}, "
                "fix --llm / AUDIOGPT_LLM, or use --llm offline for the offline planner"
            ) from None
        except openai.AuthenticationError:
            raise BackendUnavailable(
                f"the LLM server at {self.base_url} rejected the API key "
                "(set AUDIOGPT_LLM_API_KEY or OPENAI_API_KEY)") from None
        except openai.APIStatusError as exc:
            if exc.status_code == 404 and re.search(r"model.*not found|not found.*model|"
                                                    r"does not exist", str(exc.message), re.I):
                pull = (f" (run `ollama pull {self.model}`)"
                        if self.spec.startswith("ollama:") else "")
                raise BackendUnavailable(f"the LLM server at {self.base_url} has no model "
                                         f"{self.model!r}{pull}") from None
            raise BackendError(f"the LLM server returned HTTP {exc.status_code}: "
                               f"{_short(exc.message)}") from None

    # ------------------------------------------------------------------ respond
    def respond(self, ctx: TurnContext, stream: StreamFn | None = None) -> ModelReply:
        if self.mode in ("auto", "tools"):
            try:
                return self._respond_tools(ctx, stream)
            except BackendError as exc:
                if self.mode == "tools" or not _rejects_tools(exc.message):
                    raise
                logger.info("server rejected native tool calling (%s); using JSON mode",
                            exc.message)
                self.mode = "json"
        return self._respond_json(ctx, stream)

    def _respond_tools(self, ctx: TurnContext, stream: StreamFn | None) -> ModelReply:
        messages = build_messages(ctx)
        schemas = tool_schemas(ctx.tools)
        for _attempt in range(MAX_FIX_ATTEMPTS + 1):
            kwargs: dict[str, Any] = {"messages": messages}
            if schemas:
                kwargs.update(tools=schemas, tool_choice="auto")
            if stream is not None:
                text, raw_calls = self._stream(kwargs, stream)
            else:
                resp = self._create(**kwargs)
                msg = resp.choices[0].message
                text = msg.content or ""
                raw_calls = [(c.id, c.function.name, c.function.arguments)
                             for c in (msg.tool_calls or [])]
            calls, problem = self._parse_calls(raw_calls, ctx)
            if problem is None:
                return ModelReply(text=text, calls=calls)
            logger.info("invalid tool call from the model: %s", problem)
            messages = messages + [{"role": "assistant", "content": text or None, "tool_calls": [
                {"id": cid or "bad", "type": "function", "function": {"name": n, "arguments": a}}
                for cid, n, a in raw_calls]}] + [
                {"role": "tool", "tool_call_id": cid or "bad",
                 "content": json.dumps({"error": problem})} for cid, _n, _a in raw_calls]
        return ModelReply(text=f"The language model kept producing invalid tool calls ({problem}). "
                               "Please rephrase the request.")

    def _stream(self, kwargs: dict[str, Any], stream: StreamFn) -> tuple[str, list[tuple]]:
        chunks = self._create(stream=True, **kwargs)
        text = ""
        acc: dict[int, list[str]] = {}
        try:
            for chunk in chunks:
                if not chunk.choices:
                    continue
                delta = chunk.choices[0].delta
                if delta.content:
                    text += delta.content
                    stream(delta.content)
                for tc in delta.tool_calls or []:
                    slot = acc.setdefault(tc.index, ["", "", ""])
                    slot[0] = tc.id or slot[0]
                    if tc.function and tc.function.name:
                        slot[1] += tc.function.name
                    if tc.function and tc.function.arguments:
                        slot[2] += tc.function.arguments
        except Exception as exc:  # broken stream: report, keep the session
            raise BackendError(f"the LLM stream broke: {type(exc).__name__}: {exc}") from None
        return text, [tuple(acc[i]) for i in sorted(acc)]

    @staticmethod
    def _parse_calls(raw: list[tuple], ctx: TurnContext) -> tuple[list[ToolCall], str | None]:
        calls = []
        for cid, name, arguments in raw:
            if name not in ctx.tools:
                return [], f"unknown tool {name!r}; use one of {', '.join(sorted(ctx.tools))}"
            try:
                args = json.loads(arguments or "{}")
            except json.JSONDecodeError as exc:
                return [], f"arguments of {name} are not valid JSON ({exc.msg}); resend the call"
            if not isinstance(args, dict):
                return [], f"arguments of {name} must be a JSON object"
            problem = _validate(ctx, name, args)
            if problem:
                return [], problem
            calls.append(ToolCall(name, args, id=cid or ""))
        return calls, None

    def _respond_json(self, ctx: TurnContext, stream: StreamFn | None) -> ModelReply:
        messages = build_messages(ctx, json_mode=True)
        problem = ""
        for _attempt in range(MAX_FIX_ATTEMPTS + 1):
            resp = self._create(messages=messages)
            content = resp.choices[0].message.content or ""
            obj, problem = _parse_json_reply(content, ctx)
            if obj is not None:
                if stream and obj.text:
                    stream(obj.text)
                return obj
            messages = messages + [{"role": "assistant", "content": content},
                                   {"role": "user", "content": f"That was not valid: {problem}. "
                                    "Answer again with only the JSON object."}]
        return ModelReply(text=f"The language model's answer could not be understood ({problem}). "
                               "Please rephrase the request.")


def _validate(ctx: TurnContext, name: str, args: dict[str, Any]) -> str | None:
    """Check arguments against the tool schema ("$n" references are accepted as they are)."""
    tool = ctx.tools[name]
    probe = {k: v for k, v in args.items() if not (isinstance(v, str) and v.startswith("$"))}
    files = {**tool.file_args(), **tool.file_or_label_args()}
    try:
        tool.Args.model_validate({**{k: "x" for k in args if k not in probe and k in files},
                                  **probe})
    except Exception as exc:  # pydantic ValidationError
        errs = getattr(exc, "errors", lambda: [])()
        missing = [e for e in errs if e.get("type") == "missing"
                   and not any(str(x) in args for x in e.get("loc", ()))]
        other = [e for e in errs if e not in missing]
        first = (other or missing or [{"msg": str(exc), "loc": ()}])[0]
        loc = ".".join(str(x) for x in first.get("loc", ())) or "arguments"
        return f"{name}: invalid {loc}: {first.get('msg')}"
    return None


def _parse_json_reply(content: str, ctx: TurnContext) -> tuple[ModelReply | None, str]:
    """Parse the prompted-JSON answer ``{"calls": [...], "reply": ...}``."""
    m = re.search(r"\{.*\}", content, re.S)
    if not m:
        return (ModelReply(text=content.strip()), "") if content.strip() else (None, "empty answer")
    try:
        obj = json.loads(m.group(0))
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg})"
    calls = []
    for i, c in enumerate(obj.get("calls") or []):
        if not isinstance(c, dict) or c.get("tool") not in ctx.tools:
            name = c.get("tool") if isinstance(c, dict) else c
            return None, f"call {i + 1} names an unknown tool {name!r}"
        args = c.get("args") or {}
        if not isinstance(args, dict):
            return None, f"call {i + 1}: args must be an object"
        problem = _validate(ctx, c["tool"], args)
        if problem:
            return None, problem
        calls.append(ToolCall(c["tool"], args))
    return ModelReply(text=str(obj.get("reply") or ""), calls=calls), ""


def _rejects_tools(message: str) -> bool:
    """Whether an HTTP error says the server cannot do native tool calling: 400/404/422/501,
    or llama.cpp's ``tools param requires --jinja flag`` (HTTP 500 in some builds)."""
    return bool(re.search(r"HTTP (?:400|404|422|501)", message)
                or re.search(r"HTTP 500.*(?:--jinja|tools? (?:param|call)\w* (?:is )?not "
                             r"supported)", message, re.I))


def _short(text: str, n: int = 200) -> str:
    return " ".join(str(text).split())[:n]


__all__ = ["OpenAIChatModel", "ToolInputError"]
