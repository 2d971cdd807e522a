"""Rules first, then the learned arbiter where the rules are weak.

The rule planner decides; the arbiter (:mod:`audiogpt.dialogue.arbiter`) predicts the request's
first tool (or none) on its own. When the two disagree, the arbiter's choice replaces the rules'
only where the rules' evidence is weak (a match with the example embeddings, the English gloss,
no evidence at all, a close call, or a trigger with confidence below 0.8) and the arbiter's
probability reaches 0.4 (0.8 to decline a plan the rules made). A confident trigger and an
explicit out-of-scope rule stand, and a tool that works on audio is never chosen when there is
no audio. These thresholds were chosen by leave-one-set-out cross-validation
(``scripts/train-intent.py --cv --grid``; notes/intentml.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from audiogpt.agent import references
from audiogpt.dialogue import arbiter as A
from audiogpt.dialogue import extract as X
from audiogpt.dialogue.lexicon import fix_spelling, is_cjk

logger = logging.getLogger(__name__)

# Rule decisions the arbiter may overturn with ``weak`` confidence.
WEAK_BASES = frozenset({"embedding", "gloss", "none", "clarify"})
# Rule decisions never overturned: fixed replies (small talk, consent, vague requests) and
# decisions made by structure (background layers, spans), not by a tool choice.
FIXED_BASES = frozenset({"", "rule"})


@dataclass(frozen=True)
class Combination:
    """When the arbiter's choice replaces the rules' choice.

    Attributes:
        weak: Probability needed where the rules' evidence is weak (see :data:`WEAK_BASES`).
        strong: Probability needed against a clear trigger or a scope rule (> 1: never).
        low_confidence: A lexicon decision below this confidence counts as weak.
        decline: Probability of "none" needed to decline a plan the rules made.
        feasible: Never choose a tool that works on audio when there is no audio.
        unsure: Probability needed against a trigger whose confidence is below ``low_confidence``.
        latin_only: Abstain on Chinese/Japanese requests (the sentence encoder is English-only).
    """

    weak: float = 0.4
    strong: float = 1.01
    low_confidence: float = 0.8
    decline: float = 0.8
    feasible: bool = True
    unsure: float = 0.4
    latin_only: bool = False


DEFAULT = Combination()


def read_request(text: str) -> tuple[str, bool]:
    """The request as the planner reads it (quotes protected, spelling fixed) and whether it quotes."""
    from audiogpt.dialogue.amounts import spelled_units
    from audiogpt.dialogue.planner.request_slots import protect_payload

    protected, quotes = X.protect_quotes(" ".join(text.split()))
    protected = protect_payload(protected, quotes)
    return spelled_units(fix_spelling(protected)), bool(quotes)


def needs_audio(tool: str) -> bool:
    """Whether ``tool`` works on an audio file (so a request with no audio anywhere cannot mean it)."""
    from audiogpt.dialogue.catalog import CATALOG

    return tool in CATALOG and tool != "talking_head" and CATALOG[tool].inputs[:1] == ("audio",)


def _unsure(plan: Any, rule: Combination) -> bool:
    return plan.basis == "lexicon" and plan.confidence < rule.low_confidence


def _weak(plan: Any, rule: Combination) -> bool:
    return plan.basis in WEAK_BASES or _unsure(plan, rule)


def could_overrule(plan: Any, rule: Combination = DEFAULT) -> bool:
    """Whether any arbiter choice could replace ``plan`` (else the encoder need not run)."""
    return plan.basis not in FIXED_BASES and (rule.strong <= 1.0 or _weak(plan, rule))


def overrules(plan: Any, choice: str, prob: float, rule: Combination = DEFAULT,
              has_audio: bool = True) -> bool:
    """Whether the arbiter's ``choice`` (probability ``prob``) replaces the rules' ``plan``.

    ``has_audio``: an audio or video file is attached or in the session; without one, a tool
    that works on audio is never chosen over the rules.
    """
    rules_tool = plan.steps[0]["tool"] if plan.steps else A.NONE
    if plan.basis in FIXED_BASES or choice == rules_tool or (choice == A.NONE and plan.clarify):
        return False
    if rule.feasible and not has_audio and needs_audio(choice):
        return False
    if rule.latin_only and is_cjk(plan.read):
        return False
    need = rule.unsure if _unsure(plan, rule) else rule.weak if _weak(plan, rule) else rule.strong
    if choice == A.NONE and rules_tool != A.NONE:
        need = max(need, rule.decline)
    return prob >= need


def has_audio(attachments: list[dict[str, Any]], artifacts: list[dict[str, Any]]) -> bool:
    """Whether an audio or video file is attached or an audio artifact is in the session."""
    return any(a.get("kind") in ("audio", "video") for a in attachments) or any(
        a.get("kind") == "audio" for a in artifacts)


def arbitrate(planner: Any, text: str, attachments: list[dict[str, str]] | None,
              artifacts: list[dict[str, Any]] | None, tools: list[str] | None,
              model: A.Arbiter | None = None, rule: Combination = DEFAULT) -> Any:
    """The rules' plan, or the arbiter's where it is confident and the rules are weak.

    Args:
        planner: The :class:`~audiogpt.dialogue.planner.plan.Planner`.
        text: The request.
        attachments: This turn's files.
        artifacts: The session's artifact index.
        tools: Registered tool names.
        model: An arbiter to use instead of the shipped one (cross-validation).
        rule: The combination thresholds.

    Returns:
        The :class:`~audiogpt.dialogue.planner.plan.Plan`; ``method`` says which path decided.
    """
    plan = planner.rules_plan(text, attachments, artifacts, tools)
    if not (model or planner.use_arbiter) or not could_overrule(plan, rule):
        return plan
    atts = list(attachments or []) or references.typed_attachments(text)
    arts = list(artifacts or [])
    read, quoted = read_request(text)
    guess = A.predict(read, [a.get("kind", "") for a in atts], [str(a.get("kind", "")) for a in arts],
                      quoted, model)
    if guess is None:
        return plan
    choice, prob = guess
    if not overrules(plan, choice, prob, rule, has_audio(atts, arts)):
        return plan
    logger.debug("arbiter %s (%.2f) over the rules' plan (%s) for %r", choice, prob, plan.basis, text)
    return overruled(planner, plan, text, attachments, artifacts, tools, choice, prob)


def overruled(planner: Any, plan: Any, text: str, attachments: list[dict[str, str]] | None,
              artifacts: list[dict[str, Any]] | None, tools: list[str] | None, choice: str,
              prob: float) -> Any:
    """The plan with the arbiter's ``choice`` (a declining plan for "none")."""
    if choice == A.NONE:
        from audiogpt.dialogue.planner.plan import Plan, abilities

        reply = ("抱歉，这个请求我做不到——我只处理音频。" if is_cjk(text) else
                 "Sorry, I can't help with that: I only work with speech, music and sound. ")
        return Plan(unsupported=True, confidence=round(prob, 3), method="arbiter",
                    basis=plan.basis, read=plan.read, reply=reply + abilities(tools))
    forced = planner.rules_plan(text, attachments, artifacts, tools, force=choice)
    if not forced.steps:
        return plan
    forced.method = "arbiter"
    forced.confidence = round(min(forced.confidence, prob), 3)
    return forced
