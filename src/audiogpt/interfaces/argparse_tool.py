"""Parse ``--ARG VALUE`` tokens of ``audiogpt run`` against a tool's argument model."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    from audiogpt.tools.base import Tool


def parse_tool_args(tool: type[Tool], tokens: list[str]) -> dict[str, Any]:
    """Turn ``["--target-language", "es", "--num_speakers=2"]`` into a dict.

    Dashes and underscores are both accepted in names. A value that looks like JSON
    (list, object) is decoded; other values stay strings for pydantic to convert. A name
    given without a value is ``true``. Repeating a name collects a list.

    Raises:
        ToolInputError: A stray token or an unknown argument name.
    """
    fields = tool.Args.model_fields
    out: dict[str, Any] = {}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.startswith("--") or tok == "--":
            raise ToolInputError(f"{tool.name}: unexpected argument {tok!r} (use --NAME VALUE)")
        name, eq, value = tok[2:].partition("=")
        key = name.replace("-", "_")
        if key not in fields:
            known = ", ".join("--" + f for f in fields)
            raise ToolInputError(f"{tool.name}: unknown argument --{name}; known: {known}")
        if not eq:
            if i + 1 < len(tokens) and not tokens[i + 1].startswith("--"):
                value = tokens[i + 1]
                i += 1
            else:
                value = "true"
        i += 1
        parsed: Any = value
        if value[:1] in "[{":
            try:
                parsed = json.loads(value)
            except json.JSONDecodeError:
                parsed = value
        if key in out:
            prev = out[key]
            out[key] = (prev if isinstance(prev, list) else [prev]) + [parsed]
        else:
            out[key] = parsed
    return out
