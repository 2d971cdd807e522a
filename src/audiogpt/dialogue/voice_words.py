"""Which built-in voice a request describes: "in a woman's voice", "with a Scottish accent",
"a male voice". The choice is made from the voices the synthesis backend declares (their
gender and description), in its default order, so a new voice needs no planner change. Also
a voice named after a person or a file at hand ("in dad's voice" with dad.wav: `voice_named`).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from audiogpt.dialogue.lexicon import is_cjk

FEMALE = r"female|woman(?:'s)?|women's|girl(?:'s)?|lady(?:'s)?|feminine|女声|女性|女的|女の人"
MALE = r"male|man(?:'s)?|men's|guy(?:'s)?|boy(?:'s)?|gentleman(?:'s)?|masculine|男声|男性|男的|男の人"
# "in a woman's voice", "with a deep male voice", "using a Scottish accent", "女声".
DESCRIBED_VOICE = re.compile(
    rf"\b(?:in|with|using|as|by)\s+(?:a|an|the|some)?\s*(?:\w+\s+){{0,2}}?(?:{FEMALE}|{MALE}|\w+ish|\w+an)\s+"
    r"(?:voice|accent|speaker|narrator|reader)\b|"
    rf"\b(?:a|an)\s+(?:{FEMALE}|{MALE})\s+(?:voice|speaker|narrator|reader)\b|"
    # The reader as the subject: "have a lady read this", "get a man to say it".
    rf"\b(?:have|get|let|ask|want|need)\s+(?:a|an|some)\s+(?:\w+\s+)?(?:{FEMALE}|{MALE})\s+(?:to\s+)?"
    r"(?:read|say|speak|narrate|announce|voice)\b|"
    # The voice as the reader: "have the Scottish voice read it", "the female voice says ...".
    rf"\b(?:have|let|get|use|make|want|pick|choose|with)\s+the\s+(?:\w+\s+)?(?:{FEMALE}|{MALE}|\w+ish|\w+an)\s+"
    r"(?:voice|narrator|speaker|reader)\b|"
    rf"\bthe\s+(?:{FEMALE}|{MALE}|\w+ish|\w+an)\s+(?:voice|narrator|speaker|reader)\s+(?:to\s+)?"
    r"(?:read|say|speak|narrate|announce)\w*\b|"
    r"\b\w+(?:ish|an) accent\b|(?:女声|男声|女性の声|男性の声)", re.I)


# How voice descriptions name an accent ("US English male" is an American voice).
ACCENT_NAMES = {"american": ("american", "us english", "en_us"), "british": ("british", "uk english", "en_gb"),
                "english": ("british", "uk english", "en_gb")}


@functools.lru_cache(maxsize=1)
def _voices() -> tuple[tuple[str, str, str], ...]:
    """(name, gender, description) of the declared English voices, default order first."""
    from audiogpt.backends.speech.synthesis.engines import FESTIVAL_VOICES, FLITE_VOICES
    from audiogpt.backends.speech.synthesis.offline import DEFAULT_ENGLISH
    from audiogpt.backends.speech.synthesis.piper import PIPER_VOICES

    declared = {v.name: v for v in (*PIPER_VOICES, *FLITE_VOICES, *FESTIVAL_VOICES)}
    order = [n for n in DEFAULT_ENGLISH if n in declared] + [n for n in declared if n not in DEFAULT_ENGLISH]
    return tuple((n, declared[n].gender, declared[n].description) for n in order)


def described_voice(text: str) -> str | None:
    """The built-in voice a request describes by gender or accent, or None.

    Args:
        text: The request (quoted words already taken out).

    Returns:
        A voice name (``slt_hts``, ``awb``, ...) or None when no voice is described or
        none of the declared voices fits the description.
    """
    return _choose(text)[0]


def voice_note(text: str) -> str | None:
    """What the user should know about the voice chosen: an accent asked for that no
    installed voice has ("with a British accent"), and the nearest voice used instead."""
    return _choose(text)[1]


def _choose(text: str) -> tuple[str | None, str | None]:
    m = DESCRIBED_VOICE.search(text)
    if not m:
        return None, None
    phrase = m.group(0).lower()
    # "a woman with an Irish accent": the reader named just before the accent
    near = text[max(0, m.start() - 30):m.start()].lower() + " " + phrase
    gender = "female" if re.search(FEMALE, near) else "male" if re.search(rf"\b(?:{MALE})", near) else None
    accent = re.search(r"(\w+(?:ish|an))\s+(?:(?:wo)?man'?s?\s+|(?:fe)?male\s+|girl'?s?\s+|guy'?s?\s+)?"
                       r"(?:voice|accent|speaker|narrator|reader)", phrase)
    word = accent.group(1) if accent and accent.group(1) not in ("woman", "man") else None
    fits = [(n, d) for n, g, d in _voices() if not gender or g == gender]
    names = ACCENT_NAMES.get(word or "", (word,))
    exact = [n for n, d in fits if not word or any(w in d.lower() for w in names)]
    if exact:
        return exact[0], None
    if not fits:
        return None, None
    # No installed voice has that accent: the nearest (same gender, default order), said so.
    name, description = fits[0]
    return name, (f"No {word.capitalize()} voice is installed, so I used {name} ({description}).")


_OWN_SOURCE = re.compile(r"\b(?:this|that|the|my|his|her)\s+(?:\w+\s+)?(?:recording|clip|sample|file|memo|audio)\b|"
                         r"\bmy (?:own )?voice", re.I)


def described_not_cloned(text: str) -> bool:
    """A voice described by gender or accent with no recording to copy it from ("in a female
    voice"): a built-in voice of text to speech, not voice cloning or conversion."""
    return bool(DESCRIBED_VOICE.search(text)) and not _OWN_SOURCE.search(text)


# "in dad's voice", "用爸爸的声音": a voice named after someone; "make dad.wav's voice say ...":
# after a typed file (read as "the file" by mask_file_names).
_NAMED_VOICE = re.compile(r"\b(?:in|with|using|like)\s+(?:the\s+)?([\w-]+?)(?:'s|s')\s+(?:own\s+)?voice\b|"
                          r"the (file)'s voice|用(\w{1,6}?)的声音|(\w{1,6}?)の声で", re.I)
_NOT_A_NAME = frozenset(("my", "his", "her", "their", "our", "your", "speaker", "narrator", "singer", "someone",
                         "somebody", "person", "man", "woman", "child", "kid", "girl", "boy", "robot"))


# "her voice", "the narrator's voice": a person other than the user, heard in the one attached file
_THIRD_VOICE = re.compile(r"\b(?:his|her|their)\s+(?:own\s+)?voice\b|\bthe\s+(?:speaker|narrator|singer|host|actor|"
                          r"actress|presenter|announcer)(?:'s|s')\s+(?:own\s+)?voice\b", re.I)


def voice_named(clause: str, atts: list[dict[str, str]], arts: list[dict[str, Any]]) -> str | None:
    """The attached or session recording whose file name is the person a voice is named after
    ("say it in dad's voice" with dad.wav), or None."""
    files = [(a.get("name") or a["ref"], a["ref"]) for a in atts if a["kind"] == "audio"] + [
        (a.get("name") or "", a["id"]) for a in arts if a.get("kind") == "audio"]
    for m in _NAMED_VOICE.finditer(clause):
        who = next(g for g in m.groups() if g).lower()
        if who == "file":  # the attached file typed by its name
            return next((a["ref"] for a in atts if a["kind"] == "audio"), None)
        if who in _NOT_A_NAME:
            continue
        for name, ref in reversed(files):
            stem = re.split(r"[./\\]", name.lower().rsplit("/", 1)[-1])[0]
            if who in re.split(r"[\W_]+", stem) or is_cjk(who) and who in stem:
                return ref
    audio = [a["ref"] for a in atts if a["kind"] == "audio"]
    if len(audio) == 1 and _THIRD_VOICE.search(clause):
        return audio[0]  # "I need her voice saying: ...", her sample attached: the one recording is hers
    return None
