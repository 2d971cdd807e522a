"""Checks shared by the planner tests: plan a request, compare its tools and arguments, or
check that it was declined (or answered with a question)."""

from __future__ import annotations

from typing import Any

from audiogpt.dialogue.planner import Planner
from audiogpt.eval.routing import attachments_for

# How a declined request may look (see :func:`assert_declined`).
DECLINED_ONLY = "declined"
OR_CLARIFIED = "or_clarified"
NO_STEPS = "no_steps"


def plan_json(planner: Planner, query: str, kinds: list[str] | None = None,
              arts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Plan ``query`` with attachments of ``kinds`` and session artifacts ``arts``.

    Args:
        planner: The planner under test.
        query: The user's request.
        kinds: Attachment kinds or file names for ``attachments_for``.
        arts: Session artifacts (``id``, ``kind``, ``tool``, ``name``).

    Returns:
        The plan's JSON form (``steps``, ``unsupported``, ``reply``, ...).
    """
    return planner.plan(query, attachments_for(kinds or []), arts or []).to_json()


def near(got: Any, want: Any) -> bool:
    """Whether an argument matches: floats within 0.02, anything else as a substring (any case)."""
    if isinstance(want, float):
        return got is not None and abs(float(got) - want) < 0.02
    return str(want).lower() in str(got).lower()


def assert_plan(planner: Planner, query: str, kinds: list[str] | None, arts: list[dict[str, Any]] | None,
                tools: list[str], want: dict[int, dict[str, Any]]) -> None:
    """Assert the plan's tool sequence is ``tools`` and step ``i``'s args are :func:`near` ``want[i]``."""
    plan = plan_json(planner, query, kinds, arts)
    steps = plan["steps"]
    assert [s["tool"] for s in steps] == tools, plan
    for i, args in want.items():
        for arg, value in args.items():
            assert near(steps[i]["args"].get(arg), value), (arg, steps[i]["args"])


def assert_declined(planner: Planner, query: str, kinds: list[str] | None = None,
                    how: str = OR_CLARIFIED) -> dict[str, Any]:
    """Assert the request was declined; return the plan.

    Args:
        planner: The planner under test.
        query: The user's request.
        kinds: Attachment kinds or file names.
        how: ``DECLINED_ONLY``: unsupported with no steps; ``OR_CLARIFIED``: that, or a
            clarifying question; ``NO_STEPS``: no steps, and unsupported or a question.

    Returns:
        The plan's JSON form.
    """
    plan = plan_json(planner, query, kinds)
    if how == DECLINED_ONLY:
        assert plan["unsupported"] and not plan["steps"], plan
    elif how == OR_CLARIFIED:
        assert (plan["unsupported"] and not plan["steps"]) or plan.get("clarify"), plan
    elif how == NO_STEPS:
        assert plan["steps"] == [] and (plan["unsupported"] or plan.get("clarify")), plan
    else:
        raise ValueError(f"unknown decline check {how!r}")
    return plan
