"""Quoted text and the words to speak: quotes protected from splitting (``QTEXT0``...) and put
back, and the text a speaking request says ("say X", "read this out: X", "tell them that X")."""

from __future__ import annotations

import re

QUOTE_RE = re.compile(
    r"\"([^\"]+)\"|“([^”]+)”|「([^」]+)」|『([^』]+)』|‘([^’]+)’|《([^》]+)》|(?<![A-Za-z0-9_])'((?:[^']|(?<=\w)'(?=\w))+?)'(?![A-Za-z0-9_])"
)
PLACEHOLDER = "QTEXT{}"


def protect_quotes(text: str) -> tuple[str, list[str]]:
    """Replace quoted spans by placeholders (``QTEXT0``...) so splitting ignores them."""
    quotes: list[str] = []

    def repl(m: re.Match[str]) -> str:
        quotes.append(next(g for g in m.groups() if g is not None).strip())
        return PLACEHOLDER.format(len(quotes) - 1)

    return QUOTE_RE.sub(repl, text), quotes


def restore(text: str, quotes: list[str]) -> str:
    """Put the quoted spans back."""
    return re.sub(r"QTEXT(\d+)", lambda m: quotes[int(m.group(1))], text)


_SAY_LEAD = re.compile(
    r"^.*?(?:text[- ]to[- ]speech|tts|\bsay(?:ing)?\b|\bspeak\b|pronounce|\bread (?:out|aloud)?"
    # "tell everyone that dinner is ready", "let them know that ...": the words after "that"
    r"|\b(?:tell|remind|let)\b[^,.;:]{0,40}?\b(?:know )?that\b"
    r"|\bnarrate\b|\bread\b|朗读|念出来|读出来|说出来|念出|念|读出|读|说出|说|合成|読み上げて?|読んで|言って)\s*[:：,，]?\s*",
    re.IGNORECASE)
_SAY_TAIL = re.compile(
    r"\s*,?\s*(?:\bso (?:that )?(?:i|we|you|they|he|she|my \w+) (?:can|could|will|may|might)\b.*|"
    r"\bout loud|\baloud|\bfor me|\bplease|\bin (?:a|an|the|my|his|her|this|that) .*|"
    r"\b(?:in|with) [\w-]+(?:'s|s') (?:\w+ )?voice\b.*|"
    r"\bin \w+(?: language)?|\bwith .* voice.*|\busing .*|\bslowly|\bquickly)\s*[.!?。！]*$",
    re.IGNORECASE)


def spoken_text(clause: str, quotes: list[str]) -> str | None:
    """The text to speak: a quoted span, text after a colon, or the words after "say"."""
    q = re.search(r"QTEXT(\d+)", clause)
    if q:
        return quotes[int(q.group(1))]
    if re.search(r"[:：]", clause):
        after = re.split(r"[:：]", clause, maxsplit=1)[1].strip()
        if after:
            return restore(after, quotes)
    m = _SAY_LEAD.match(clause)
    if m and re.search(r"[，、；]\s*$", m.group(0)):
        return None  # "用中文语音读出来，我要给我妈听": what follows the comma is a remark, not the text
    if m:
        rest = clause[m.end():]
        rest = re.sub(r"^(?:the following|this|these words|the words|the sentence|out)\s*[:：]?\s*",
                      "", rest, flags=re.I)
        # "read this to me slowly": who hears it is not what is said
        rest = re.sub(r"^(?:back\s+)?(?:to|for)\s+(?:me|us|him|her|them)\b\s*|^(?:to|for)\s+[\w' ]{1,30}?\s+that\s+",
                      "", rest, flags=re.I)
        rest = _SAY_TAIL.sub("", rest).strip(" .,!?。！，")
        # "say them again properly", "read it back slowly once more": a pointer and how to say it
        if rest and not re.fullmatch(r"(?:(?:it|this|that|them|those|these|the result|the text|the words)"
                                     r"(?:\s+(?:again|back|over|once more|one more time|properly|right|\w+ly))*|"
                                     r"aloud|out loud)", rest, re.I):
            return restore(rest, quotes)
    return None
