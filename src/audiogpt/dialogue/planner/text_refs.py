"""Which text a speaking step reads: words named as a text ("the transcript", "the French
version", "it"), placeholders that are no words yet ("read something"), asides and the asking
tails of Chinese/Japanese verbs that are not words to say, and the session's text artifact a
clause refers to."""

from __future__ import annotations

import re
from typing import Any

from audiogpt.agent import references
from audiogpt.dialogue.lexicon import LANGUAGES

LANGUAGE_NAMES = "|".join(sorted((w for w in LANGUAGES if w.isascii() and w.isalpha()), key=len, reverse=True))
TEXT_REF = re.compile(
    # "the lecture transcript", "the French translation", "the French" (the translated text)
    # "read back (to me) the transcript": the particle before the words named
    r"(?:(?:back|out|aloud|out loud|again)(?: to)? )?(?:(?:me|us|him|her|them) )?(?:the |this |that |your |my )?"
    r"(?:(?:[\w-]+ )?(?:description|caption|"
    r"transcript(?:ion)?|translation|translated text|result|output|answer|text|words|summary|notes?|reply|response)"
    r"(?: (?:that )?you (?:just )?(?:wrote|made|gave me|produced|generated|came up with|did))?|"
    rf"(?<=the )(?:{LANGUAGE_NAMES})(?: version)?|it|that|this)(?: (?:aloud|out loud|out|back|again|"
    r"(?:to|for) (?:me|us)|\w+ly|fast|slower|faster|please|"  # "read it back to me clearly"
    # a manner after the words named: "at 1.5x speed", "at double speed", "in a calm voice"
    r"(?:at|in|with) (?:an? |the )?[\w.]+(?: [\w.-]+){0,2}? (?:speed|pace|tempo|rate|voice|accent|tone)))*[.!?]?", re.I)


# "..., I can't read small print", "... because my eyes are tired": a remark, not words to say
ASIDE = re.compile(r"[,;:-]\s*(?:(?:i|i'm|i've|i'd|since|because|as|my)\b|cause\b).*$", re.I)

# "…読み上げてほしいです", "…读一下吧": the asking tail of a Chinese/Japanese verb, not words to say
CJK_ASK_TAIL = re.compile(r"(?:ほしい|欲しい|ください|下さい|くれ|もらえ|いただけ)\w*|吧|一下|好吗|好嗎|谢谢")
PLACEHOLDER = re.compile(
    r"(?:something|anything|some (?:text|words|thing)|a (?:sentence|line|few words|phrase)|"
    r"(?:(?:the|this|my) )?(?:announcement|script)|"
    r"(?:some|a) text)(?: (?:aloud|out loud|out|for me|please|nice|here))*[.!?]*", re.I)


_TEXT_BY_LANGUAGE = re.compile(rf"\bthe ({LANGUAGE_NAMES})(?: (?:version|translation|text|one|words|transcript))?\b",
                               re.I)


def text_named_by_language(clause: str) -> str | None:
    """The language of a session text named by it ("the Spanish version", "the French")."""
    m = _TEXT_BY_LANGUAGE.search(clause)
    return LANGUAGES.get(m.group(1).lower()) if m else None


def session_text(clause: str, arts: list[dict[str, Any]]) -> str | None:
    """The session's text artifact a clause refers to ("the transcript", "it"), newest first."""
    pool = [a for a in arts if a.get("kind") == "text"]
    if not pool:
        return None
    tools = references.producers(clause.lower())
    named = [a for a in pool if a.get("tool") in tools]
    return (named or pool)[-1]["id"]
