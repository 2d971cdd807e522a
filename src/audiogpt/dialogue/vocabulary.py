"""Words a transcript must get right ("the prof keeps saying Heisenberg and Schrödinger, make
sure those are spelled right"): passed to speech recognition as its ``prompt`` (Whisper's
initial prompt, which biases the spelling of names and terms).

A request counts only when it says why the words matter (spelling, names or terms that come
up, someone who keeps saying them); the words are then the quoted ones, or the proper names
and mixed-case terms written in the request (not the first word of a sentence).
"""

from __future__ import annotations

import re

from audiogpt.dialogue.lexicon import LANGUAGES

_CUE = re.compile(r"\bspell(?:ed|t|ing|s)?\b|\bkeeps? (?:saying|mentioning|using)\b|\b(?:names?|terms?|jargon|"
                  r"acronyms?|vocabulary|words?|brands?|places?)\b.{0,40}\b(?:come|comes|came|coming) up\b|"
                  r"\b(?:watch out for|look out for|listen for|mentions?|uses?) (?:the )?(?:names?|terms?|words?|"
                  r"acronyms?|jargon)\b|\b(?:names?|terms?|words?) like\b|\bthe (?:names?|terms?) [A-Z]", re.I)
_TOKEN = re.compile(r"(?<![\w'])([A-Z][\w'-]*[a-z][\w'-]*|[A-Z]{2,}[\w-]*|[a-z]+[A-Z][\w-]*)(?![\w'])")
_COMMON = frozenset(("I", "I'm", "I've", "I'd", "I'll", "OK", "Ok", "Okay", "Please", "Heads", "Hey", "Hi",
                     "Thanks", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                     "AI", "TTS", "ASR", "MP3", "WAV"))


def vocabulary_prompt(text: str, quotes: list[str] | None = None) -> str | None:
    """The names and terms a transcript should spell as written, or None.

    Args:
        text: The request (quotes restored).
        quotes: Quoted spans of the request; when present they are the words.
    """
    if not _CUE.search(text):
        return None
    if quotes:
        return ", ".join(q.strip() for q in quotes if q.strip()) or None
    words: list[str] = []
    for m in _TOKEN.finditer(text):
        word = m.group(1).rstrip("'-")
        before = text[:m.start()].rstrip()
        if not before or before[-1] in ".!?\n" or before[-1] in ":;" and re.match(r"[\w'-]+\s+[a-z]", text[m.start():]):
            continue  # the first word of a sentence is capitalised anyway ("terms: Tadeusz, Ngozi" is a list)
        if word in _COMMON or word.lower() in LANGUAGES or word in words:
            continue
        words.append(word)
    return ", ".join(words) or None
