"""Dialogue-engine evaluation (the paper's section 4): consistency, capability, robustness."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audiogpt.app import App


def run_eval(kind: str, app: App, cases: Path | None = None,
             planner: Any | None = None) -> dict[str, Any]:
    """Run one evaluation and return its JSON-ready result.

    Args:
        kind: ``consistency``, ``capability`` or ``robustness``.
        app: The application (robustness runs its configured dialogue engine).
        cases: Routing case file (default ``../shared/routing-dev.jsonl``).
        planner: Anything with the offline planner's ``plan(query, attachments)``, e.g. an
            :class:`~audiogpt.dialogue.llm_planner.LLMPlanner`; default the offline planner.

    Raises:
        ToolInputError: No case file for capability/consistency and ../shared is absent.
    """
    from audiogpt.core.errors import ToolInputError
    from audiogpt.eval.routing import SHARED, evaluate, load_cases

    if kind in ("capability", "consistency"):
        path = cases or SHARED / "routing-dev.jsonl"
        if not Path(path).is_file():
            raise ToolInputError(f"no routing cases at {path}; pass --cases FILE.jsonl")
        data = load_cases(path)
        if kind == "capability":
            return {"kind": kind, "file": str(path), **evaluate(data, planner)}
        from audiogpt.eval.consistency import consistency

        return {"kind": kind, "file": str(path), **consistency(data, planner)}
    if kind == "robustness":
        from audiogpt.eval.robustness import robustness

        return {"kind": kind, **robustness(app)}
    raise ToolInputError(f"unknown evaluation {kind!r}")
