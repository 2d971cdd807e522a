"""How sure the planner is: confidence of a plan, close calls and vague requests that deserve
one short clarifying question instead of a wrong tool."""

from __future__ import annotations

import re

from audiogpt.dialogue.catalog import Catalog
from audiogpt.dialogue.intent import NONE, Intent

# A request that names the file but no task: "do something with this", "fix it", "process it".
VAGUE = re.compile(
    r"^(?:(?:can|could|would) you |please |pls |just |now )*(?:do (?:something|stuff|anything|whatever|your thing)"
    r"(?: \w+)?|fix|process|handle|work on|deal with|improve|check|look at|analy[sz]e|use|help me with|"
    r"take care of)\b(?: (?:it|this|that|the|my|file|clip|audio|one|recording|please|for me|with|on|out|up))*"
    r"\s*[.!?]*$|^(?:这个|这段|它)?(?:处理一下|弄一下|看看|帮我处理)|^(?:これ|この(?:ファイル|音声))?(?:を)?(?:処理して|なんとかして)",
    re.I)
LEXICON_CLEAR = 2.0
EMBED_CLOSE = 0.015


def confidence(intent: Intent) -> float:
    """0..1 from an intent's evidence: trigger weight /4 for the lexicon, cosine for examples."""
    if intent.method == "lexicon":
        ranked = sorted(intent.scores.values(), reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else ranked[0]
        return round(min(1.0, intent.score / 4.0) * (0.75 + 0.25 * min(1.0, margin / 1.5)), 3)
    return round(max(0.0, min(1.0, intent.score)), 3)


def close_call(intent: Intent, cat: Catalog) -> tuple[str, str] | None:
    """The two likeliest tools when the evidence cannot tell them apart, else None."""
    scores = {t: s for t, s in intent.scores.items() if t != NONE and t in cat}
    if len(scores) < 2 or intent.tool is None:
        return None
    (t1, s1), (t2, s2) = sorted(scores.items(), key=lambda kv: -kv[1])[:2]
    if intent.method == "lexicon" and s1 < LEXICON_CLEAR and s1 - s2 < 0.25:
        return t1, t2
    if intent.method == "embedding" and s1 - s2 < EMBED_CLOSE and s1 < 0.6:
        return t1, t2
    return None


def question(options: list[str], cat: Catalog, zh: bool = False) -> str:
    """One short question naming the likeliest options."""
    names = [cat[o].summary if o in cat else o for o in options]
    if zh:
        return "你想让我做哪一个：" + "，还是".join(names) + "？"
    if len(names) == 1:
        return f"Do you want me to {names[0]}?"
    return "Which do you mean: " + ", ".join(names[:-1]) + f", or {names[-1]}?"


def vague_options(kinds: list[str]) -> list[str]:
    """What is most often asked of a file of these kinds (for "do something with this")."""
    if "audio" in kinds:
        return ["speech_recognition", "speech_enhancement", "audio_captioning"]
    if "image" in kinds:
        return ["image_to_audio"]
    return ["text_to_speech", "text_to_audio", "music_generation"]
