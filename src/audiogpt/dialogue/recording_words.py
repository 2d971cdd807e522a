"""Words about the recording itself: the language named as its adjective ("this French voice
note"), a translation refused ("in French, not translated") and a question asked about it
("which instrument plays the melody?")."""

# ruff: noqa: E501 - long regular expressions read better unbroken
from __future__ import annotations

import re

from audiogpt.dialogue.lexicon import LANGUAGES

# "this French voice note", "the German voicemail": the language named before the recording.
RECORDING_LANGUAGE = re.compile(r"\b(?:this|the|a|an|my|that|his|her|our|their)\s+(\w+)\s+(?:\w+\s+)?"
                                r"(?:voice ?notes?|voice ?mails?|voicemails?|podcasts?|recordings?|interviews?|"
                                r"memos?|messages?|lectures?|calls?|clips?|episodes?|audio|speech|talks?|"
                                r"sermons?|broadcasts?|announcements?)\b", re.I)

# A question about the audio (answered by the audio-language model), not a request to describe it.
ASKED = re.compile(r"^(?:\w+,? )?(?:which|what|who|how many|how much|is there|are there|does|do|can you (?:hear|tell))\b"
                   r"|\?\s*$", re.I)
GENERIC_DESCRIBE = re.compile(r"caption|describe|descri\w+|summar|\babout\b|sounds? like|what(?:'s| is) (?:this|that|it)\s*\??$|"
                              r"what(?:'s| is) (?:in|on) (?:this|the|that)|what (?:do|can) you hear|explain", re.I)


# "it's Korean I think", "she speaks Portuguese", "the language is Thai": a statement of what
# language the recording is in.
STATED_LANGUAGE = re.compile(r"\b(?:it'?s|it is|it'?s all|this is|that'?s|(?:he|she|they|the speakers?|the caller|"
                             r"everyone|people|the people|both)\s+(?:(?:is|are)\s+)?(?:speak|speaks|speaking|talk|talks|talking)|"
                             r"(?:the )?language is|they'?re|he'?s|she'?s|"
                             # "the lecture is in Portuguese, not Spanish"
                             r"(?:the|this|that|my|our) (?:[\w-]+ )?(?:lecture|recording|audio|clip|message|voicemail|podcast|"
                             r"episode|interview|call|video|song|talk|speech|sermon|conversation|discussion|meeting|chat|dialogue|show|broadcast) (?:is|was))\s+(?:all\s+|mostly\s+|entirely\s+)?"
                             r"(?:in\s+)?(\w+)\b", re.I)


# "是普通话的", "用粤语讲的", "英語で話している": the language the recording is in, said in Chinese/Japanese.
CJK_STATED = re.compile(r"(?:说|讲)的(?:都|全)?是\s*(\w{2,5})|(?:是|用)\s*(\w{2,5}?)\s*(?:的|说|讲|[，。,.!！]|$)|(\w{2,5}?)で(?:話|喋)")


def recording_language(clause: str) -> str | None:
    """The language named as an adjective of the recording ("this French voice note") or
    stated about it ("it's Korean I think", "she speaks Portuguese", "是普通话的"), or None."""
    for m in CJK_STATED.finditer(clause):
        word = next(g for g in m.groups() if g)
        code = next((c for w, c in LANGUAGES.items() if not w.isascii() and (word.endswith(w) or word.startswith(w))), None)
        if code:
            return code
    for pat in (RECORDING_LANGUAGE, STATED_LANGUAGE):
        for m in pat.finditer(clause):
            code = LANGUAGES.get(m.group(1).lower())
            if code:
                return code
    return None


def asked_question(clause: str) -> bool:
    """The clause asks something specific about the audio (not "describe it")."""
    return bool(ASKED.search(clause)) and not GENERIC_DESCRIBE.search(clause)


# "in French please, not translated", "don't translate it": the words as spoken are wanted.
NO_TRANSLATION = re.compile(r"(?:\bnot|n't|\bno|\bwithout|\bnever)\s+(?:\w+\s+){0,3}?translat\w*|不要翻译|不用翻译|翻訳しないで|訳さないで",
                            re.I)


# "find each doorbell in long.wav (example: bell.wav)", "the sound in sample.wav": the other file
# shows the sound sought. "both"/"each file" asks for every file to be searched instead.
_EVERY_FILE = re.compile(r"\b(?:both|each|all)\s+(?:of\s+)?(?:the\s+|these\s+|my\s+)?(?:files|clips|recordings|tracks)\b|两个|両方",
                         re.I)


def example_clip(audio: list[str], searched: str | None, clause: str) -> str | None:
    """The audio file that is an example of the sound to look for: with two or more files, the
    one not searched (None with one file, or when every file is to be searched)."""
    if len(audio) < 2 or _EVERY_FILE.search(clause):
        return None
    return next((a for a in audio if a != searched), None)
