"""Consistency: does the planner give the same plan when the same request is worded with
surface changes (politeness, case, punctuation, filler)? The paper asks whether answers stay
consistent with the user's intent; here every case is perturbed and the plans compared."""

from __future__ import annotations

import re
from typing import Any

from audiogpt.dialogue.lexicon import is_cjk
from audiogpt.eval.routing import attachments_for

EN_VARIANTS = (
    lambda q: "Please " + q[0].lower() + q[1:],
    lambda q: "Could you " + q[0].lower() + q[1:].rstrip(".?!") + "?",
    lambda q: q.lower().rstrip(".?!"),
    lambda q: q.upper() if len(q) < 60 else q,
    lambda q: "Hey, " + q[0].lower() + q[1:] + " Thanks!",
    lambda q: re.sub(r"\s+", "  ", q) + " ",
)
ZH_VARIANTS = (
    lambda q: "请" + q,
    lambda q: "麻烦你" + q.rstrip("。？?") + "，谢谢",
    lambda q: q.rstrip("。？?！") + "吧",
)


def _signature(plan: Any) -> tuple:
    return (tuple(s["tool"] for s in plan.steps), plan.unsupported)


def consistency(cases: list[dict[str, Any]], planner: Any | None = None) -> dict[str, Any]:
    """Fraction of (case, variant) pairs whose plan equals the plan of the original wording."""
    if planner is None:
        from audiogpt.dialogue.planner import Planner

        planner = Planner()
    same = total = 0
    diffs: list[dict[str, Any]] = []
    for case in cases:
        atts = attachments_for(case.get("attachments") or [])
        base = _signature(planner.plan(case["query"], atts))
        variants = ZH_VARIANTS if is_cjk(case["query"]) else EN_VARIANTS
        for make in variants:
            text = make(case["query"])
            sig = _signature(planner.plan(text, atts))
            total += 1
            if sig == base:
                same += 1
            else:
                diffs.append({"id": case.get("id"), "original": case["query"], "variant": text,
                              "base": base, "got": sig})
    return {"pairs": total, "consistency": round(same / total, 4) if total else None,
            "differences": diffs[:20]}
