"""The offline planner: turns a request into tool steps without any LLM server.

Pipeline: protect quoted text -> chit-chat check -> split into clauses -> choose a tool per
clause (lexicon triggers + context rules, sentence embeddings as the fallback) -> extract
arguments -> wire inputs (attachments, ``"$n"`` outputs of earlier steps, session artifacts)
-> a :class:`Plan`. :class:`PlannerModel` wraps it as a :class:`ChatModel`.
"""

from audiogpt.dialogue.planner.model import PlannerModel
from audiogpt.dialogue.planner.plan import Plan, Planner
from audiogpt.dialogue.planner.replies import abilities, chitchat

__all__ = ["Plan", "Planner", "PlannerModel", "abilities", "chitchat"]
