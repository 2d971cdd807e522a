"""Word error rate with text normalisation (lower case, no punctuation, digits spelled out).

``wer(reference, hypothesis)`` is the word-level Levenshtein distance (substitutions +
deletions + insertions) divided by the number of reference words; ``corpus_wer`` pools the
errors and reference words of many pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_CONTRACTIONS = {"'em": "them", "i'm": "i am", "i'll": "i will", "can't": "can not",
                 "won't": "will not", "n't": " not", "'re": " are", "'ve": " have",
                 "'d": " would", "'ll": " will"}
_ABBREV = {"mr": "mister", "mrs": "missus", "dr": "doctor", "st": "saint", "vs": "versus",
           "etc": "etcetera", "ok": "okay"}


def number_words(n: int) -> str:
    """Spell a non-negative integer below one billion in English words."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" " + number_words(rest) if rest else "")
    for size, name in ((10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return (number_words(n // size) + " " + name
                    + (" " + number_words(rest) if rest else ""))
    return str(n)  # pragma: no cover


def _spell_number(m: re.Match[str]) -> str:
    digits = m.group(0)
    n = int(digits)
    if len(digits) == 4 and 1100 <= n <= 1999 and n % 100 != 0:  # years: 1455 -> fourteen fifty five
        return number_words(n // 100) + " " + (
            number_words(n % 100) if n % 100 >= 10 else "oh " + number_words(n % 100))
    return number_words(n) if n < 10**9 else " ".join(_ONES[int(d)] for d in digits)


_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
            "nine": "ninth", "twelve": "twelfth"}


def _spell_ordinal(m: re.Match[str]) -> str:
    """``20th`` -> ``twentieth``, ``1st`` -> ``first``, ``103rd`` -> ``one hundred third``."""
    *head, last = number_words(int(m.group(1))).split()
    if last in _ORDINAL:
        last = _ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return " " + " ".join([*head, last]) + " "


def normalize(text: str) -> list[str]:
    """Normalise text into comparable words."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"(\d+)(?:st|nd|rd|th)\b", _spell_ordinal, text)
    text = re.sub(r"\d+", lambda m: " " + _spell_number(m) + " ", text)
    for k, v in _CONTRACTIONS.items():
        text = text.replace(k, v)
    text = re.sub(r"[-‐–—/]", " ", text)
    text = re.sub(r"[^\w\s']", " ", text)
    words = [w.strip("'") for w in text.split()]
    return [_ABBREV.get(w, w) for w in words if w]


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    """Levenshtein distance between two word lists."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of one hypothesis (0 = perfect; can exceed 1 with insertions)."""
    ref, hyp = normalize(reference), normalize(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)


def corpus_wer(pairs: Iterable[tuple[str, str]]) -> float:
    """Pooled WER over (reference, hypothesis) pairs."""
    errors = words = 0
    for ref, hyp in pairs:
        r, h = normalize(ref), normalize(hyp)
        errors += edit_distance(r, h)
        words += len(r)
    return errors / words if words else 0.0
