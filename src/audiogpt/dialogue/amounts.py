"""Amounts people say in words: fractions and percentages of the normal speed, compound
durations ("a minute and a half", "one minute and twenty seconds"), intervals ("every quarter
of a second", "120 ms"), loudness targets ("-14 LUFS") and the span of each fade.

Every function reads the number from its unit and its frame of reference, not from known
sentences; the extractors in :mod:`audiogpt.dialogue.extract` and the edit/effect argument
readers call these first and fall back to their own simpler patterns.
"""

# ruff: noqa: E501 - regular expressions read better unbroken
from __future__ import annotations

import re

#: Number words (and fractions) people use for amounts.
_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0,
          "six": 6.0, "seven": 7.0, "eight": 8.0, "nine": 9.0, "ten": 10.0, "eleven": 11.0,
          "twelve": 12.0, "fifteen": 15.0, "twenty": 20.0, "thirty": 30.0, "forty": 40.0,
          "forty-five": 45.0, "fifty": 50.0, "sixty": 60.0, "ninety": 90.0}
_FRACTIONS = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
              "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25, "quarter": 0.25,
              "three quarters": 0.75, "three-quarters": 0.75, "a fifth": 0.2, "a tenth": 0.1}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_FRAC = r"(" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")"
_UNITS = r"(hours?|hrs?|minutes?|mins?|seconds?|secs?|milliseconds?|ms)\b"


# Units spelled out: "100 hertz", "2 kilohertz", "3 decibels", "20 per cent".
_SPELLED = ((re.compile(r"\s*kilo-?hertz\b", re.I), " khz"), (re.compile(r"\s*hertz\b", re.I), " hz"),
            (re.compile(r"\s*decibels?\b", re.I), " db"), (re.compile(r"\bper cent\b", re.I), "percent"))


def spelled_units(text: str) -> str:
    """``text`` with spelled-out units in their short form ("100 hertz" -> "100 hz")."""
    for pat, short in _SPELLED:
        text = pat.sub(short, text)
    return text


def _value(word: str) -> float | None:
    word = word.strip().lower()
    try:
        return float(word)
    except ValueError:
        return _WORDS.get(word, _FRACTIONS.get(word))


def _unit(word: str) -> float:
    word = word.lower().rstrip("s") if word.lower() not in ("s", "ms") else word.lower()
    if word in ("hr", "hour"):
        return 3600.0
    if word in ("min", "minute"):
        return 60.0
    if word in ("m", "ms", "millisecond"):
        return 0.001
    return 1.0


# "a minute and a half", "two and a half minutes", "one minute and twenty seconds",
# "half a minute", "a quarter of a second", "three quarters of a minute", "1 min 30 s".
_AND_A_FRACTION = re.compile(rf"\b{_NUM}\s+{_UNITS}\s+and\s+{_FRAC}\b", re.I)
_N_AND_FRACTION = re.compile(rf"\b{_NUM}\s+and\s+{_FRAC}\s+{_UNITS}", re.I)
_TWO_UNITS = re.compile(rf"\b{_NUM}\s*{_UNITS}\s*(?:and\s+|,\s*)?{_NUM}\s*{_UNITS}", re.I)
_FRACTION_OF = re.compile(rf"\b{_FRAC}\s+(?:of\s+)?(?:an?\s+)?{_UNITS}", re.I)


_LENGTH_WORDS = r"(?:,?\s*(?:for|lasting|that lasts|about|around|roughly|approximately|some)\s+)*"
_PROJECT = re.compile(r"^(?:(?:so|well|ok),?\s+)?(?:i'?m|i am|we'?re|we are)\s+(?:\w+\s+)?(?:making|editing|cutting|shooting|"
                      r"producing|filming|working on|putting together)\s+(?:a|an|my|our|the|this)\s+(?:[\w-]+\s+){0,3}"
                      r"(?:video|vlog|film|movie|documentary|short|slideshow|presentation|game|reel|trailer|animation|"
                      r"podcast|ad|advert)s?\b[\s,]*(?:and\s+|so\s+)?(?:i\s+|we\s+)?(?:really\s+)?"
                      r"(?:need|want|would like|'d like)?\s*(?:like\s+|about\s+|around\s+|roughly\s+|maybe\s+)?", re.I)


def strip_lengths(text: str) -> str:
    """A generation request's description without the project it is for and the lengths said in
    words ("I'm making a short film and need like 20 secs of rain" -> "20 secs of rain";
    "lo-fi, about a minute and a half long" -> "lo-fi")."""
    text = _PROJECT.sub("", text.strip())
    for pat in (_AND_A_FRACTION, _N_AND_FRACTION, _TWO_UNITS, _FRACTION_OF):
        text = re.sub(rf"{_LENGTH_WORDS}{pat.pattern}(?:\s*long)?", "", text, flags=re.I)
    return text


_CJK_DIGITS = {"一": 1.0, "两": 2.0, "二": 2.0, "三": 3.0, "四": 4.0, "五": 5.0, "六": 6.0, "七": 7.0, "八": 8.0,
               "九": 9.0, "十": 10.0}
_CJK_HALF = re.compile(r"(\d+|[一两二三四五六七八九十])分(?:钟)?半(?!秒)|(?<![\d一两二三四五六七八九十])()半分钟")


def spoken_duration(text: str) -> float | None:
    """A length said with more than one number word or a fraction (seconds), or None.

    "a minute and a half" -> 90, "two and a half minutes" -> 150, "one minute and twenty
    seconds" -> 80, "half a minute" -> 30, "a quarter of a second" -> 0.25.
    """
    m = _CJK_HALF.search(text)
    if m:  # 一分半钟 / 1分半 = 90 s; 半分钟 = 30 s
        n = _CJK_DIGITS.get(m.group(1)) if m.group(1) and not m.group(1).isdigit() else \
            (float(m.group(1)) if m.group(1) else 0.0)
        return None if n is None else (n + 0.5) * 60
    m = _AND_A_FRACTION.search(text)
    if m:
        n, frac = _value(m.group(1)), _FRACTIONS[m.group(3).lower()]
        return None if n is None else (n + frac) * _unit(m.group(2))
    m = _N_AND_FRACTION.search(text)
    if m:
        n, frac = _value(m.group(1)), _FRACTIONS[m.group(2).lower()]
        return None if n is None else (n + frac) * _unit(m.group(3))
    m = _TWO_UNITS.search(text)
    if m:
        a, b = _value(m.group(1)), _value(m.group(3))
        ua, ub = _unit(m.group(2)), _unit(m.group(4))
        if a is not None and b is not None and ua > ub:
            return a * ua + b * ub
    m = _FRACTION_OF.search(text)
    if m:
        return _FRACTIONS[m.group(1).lower()] * _unit(m.group(2))
    return None


_RATE_WORDS = r"(?:speed|pace|rate|tempo|tempos|playback)"
_REFERENCE = r"(?:(?:the|its|my|their|his|her|your)\s+)?(?:(?:normal|usual|original|regular|current|real|natural|default)\s+)?"
_FRACTION_RATE = re.compile(rf"\b(?:at\s+)?{_FRAC}\s+(?:of\s+)?{_REFERENCE}{_RATE_WORDS}\b", re.I)
_MULTIPLES = {"double": 2.0, "twice": 2.0, "triple": 3.0, "three times": 3.0, "one and a half times": 1.5}
_MULTIPLE_RATE = re.compile(rf"\b({'|'.join(_MULTIPLES)})\s+(?:as fast as\s+)?{_REFERENCE}{_RATE_WORDS}\b", re.I)
_PERCENT_RATE = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per ?cent\b)\s+(?:of\s+)?{_REFERENCE}{_RATE_WORDS}\b",
                           re.I)
_PERCENT_CHANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per ?cent\b)\s+(faster|quicker|speedier|slower|more slowly|"
                             r"more quickly)\b", re.I)
_CHANGE_BY = re.compile(r"\bby\s+(?:about\s+|around\s+|roughly\s+)?(\d+(?:\.\d+)?)\s*(?:%|percent\b|per ?cent\b)", re.I)


def rate_factor(text: str) -> float | None:
    """A playback/speaking rate relative to the normal one, or None.

    "at half the normal speed" -> 0.5, "three quarters of the usual pace" -> 0.75, "80 percent of
    normal speed" -> 0.8, "slow it down by 25 percent" -> 0.75, "speed it up by 10 %" -> 1.1.
    """
    m = _FRACTION_RATE.search(text)
    if m:
        return round(_FRACTIONS[m.group(1).lower()], 4)
    if re.search(r"(?:原来|原速|正常|原本)的?一半|一半的?速度|半速|半分の(?:速さ|速度|スピード)", text):
        return 0.5
    m = _MULTIPLE_RATE.search(text)
    if m:
        return _MULTIPLES[m.group(1).lower()]  # "at double its normal speed"
    m = _PERCENT_RATE.search(text)
    if m:
        return round(float(m.group(1)) / 100, 4)
    m = _PERCENT_CHANGE.search(text)
    if m:  # "30% quicker", "20 percent slower"
        p = float(m.group(1)) / 100
        return round(1 - p if m.group(2).lower().startswith("slow") else 1 + p, 4)
    m = _CHANGE_BY.search(text)
    if m and re.search(rf"{_RATE_WORDS}|fast|slow|quick", text, re.I):
        p = float(m.group(1)) / 100
        return round(1 - p if re.search(r"slow|减速|变慢|遅く", text, re.I) else 1 + p, 4)
    return None


# "this lecture is painfully slow", "the intro drags and is way too slow": a complaint about the
# pace, which asks for the opposite; "faster" / "speed it up" says the direction outright.
_SLOW_COMPLAINT = re.compile(r"\b(?:is|are|was|'s|too|so|very|really|pretty|quite|painfully|unbearably|super)\s+(?:\w+ly\s+)?slow\b")
_FASTER = re.compile(r"faster|quicker|speed (?:it |this |that )?up|sped up|speedier|加速|变快|速く")


def slows_down(low: str) -> bool:
    """Whether a speed request asks to slow down (a pace complaint and "faster" mean speed up)."""
    if _FASTER.search(low):
        return False
    return bool(re.search(r"slow|减速|变慢|遅く", _SLOW_COMPLAINT.sub(" ", low)))


_EVERY = re.compile(rf"\bevery\s+(?:{_FRAC}\s+(?:of\s+)?(?:an?\s+)?|{_NUM}\s*)?{_UNITS}", re.I)
_GAP = re.compile(rf"{_NUM}\s*{_UNITS}\s+(?:between|apart|gap|later|delay|of delay)", re.I)


def interval(text: str) -> float | None:
    """The time between repeats ("every half second", "every 0.3 s", "120 ms between the
    repeats", "comes back every quarter of a second"), in seconds, or None."""
    m = _EVERY.search(text)
    if m:
        frac, num, unit = m.group(1), m.group(2), m.group(3)
        count = _FRACTIONS[frac.lower()] if frac else (_value(num) if num else 1.0)
        return None if count is None else round(count * _unit(unit), 4)
    spoken = spoken_duration(text)
    if spoken is not None:
        return round(spoken, 4)  # "half a second delay", "a quarter of a second between repeats"
    m = _GAP.search(text)
    if m:
        value = _value(m.group(1))
        return None if value is None else round(value * _unit(m.group(2)), 4)
    return None


_LUFS = re.compile(r"(minus\s+|negative\s+|-\s*|−\s*)?(\d+(?:\.\d+)?)\s*(?:db\s*)?(?:lufs|lkfs|lu)\b", re.I)


def loudness_target(text: str) -> float | None:
    """An integrated-loudness target ("-14 LUFS", "minus 23 LUFS"); always negative, or None."""
    m = _LUFS.search(text)
    return -abs(float(m.group(2))) if m else None


def fade_spans(text: str) -> dict[str, float]:
    """The length of each fade when each is given its own ("fade in over 2 s and out over the
    last 6 s" -> {"fade_in": 2, "fade_out": 6}); a direction with no length of its own is left
    out."""
    out: dict[str, float] = {}
    low = text.lower()
    for key, word in (("fade_in", "in"), ("fade_out", "out")):
        m = re.search(rf"\bfade[sd]?[- ]?{word}\b\s*(?:over|across|for|during|within|in)?\s*(?:the\s+)?"
                      rf"(?:first|last|final|opening|closing)?\s*{_NUM}[\s-]*{_UNITS}", low) or \
            re.search(rf"\bfade[sd]?(?:\s+(?:it|this|that|them|the\s+\w+))\s+{word}\b\s*(?:over|across|for|during|within|in)?"
                      rf"\s*(?:the\s+)?(?:first|last|final|opening|closing)?\s*{_NUM}[\s-]*{_UNITS}", low) or \
            re.search(rf"\b{_NUM}[\s-]*{_UNITS}\s+fade[- ]?{word}\b", low) or \
            re.search(rf"\band\s+{word}\s+(?:over|across|for|during|within|in)\s+(?:the\s+)?"
                      rf"(?:first|last|final|opening|closing)?\s*{_NUM}[\s-]*{_UNITS}", low)
        if m:
            value = _value(m.group(1))
            if value is not None:
                out[key] = value * _unit(m.group(2))
    return out
