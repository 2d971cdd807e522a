"""Rules on the steps a plan has so far: a cloning step given its text by the next step, the
same edit said twice (its amount said the second time), a speaking clause that is a
translation to be heard or read, a pointing clause read with the noun phrase before it, and a
session text named by what made it and read aloud."""

from __future__ import annotations

import re
from typing import Any

from audiogpt.dialogue import extract as X
from audiogpt.dialogue.effects import effect_args
from audiogpt.dialogue.planner.clause_kinds import SPOKEN_TARGET, TEXT_PRODUCT
from audiogpt.dialogue.planner.text_refs import LANGUAGE_NAMES
from audiogpt.dialogue.recording_words import NO_TRANSLATION
from audiogpt.dialogue.voice_words import described_voice


def merge_clone_text(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """voice_clone without text followed by text_to_speech with text: one cloning step."""
    out: list[dict[str, Any]] = []
    for step in steps:
        prev = out[-1] if out else None
        if prev and prev["tool"] == "voice_clone" and "text" not in prev["args"] \
                and step["tool"] == "text_to_speech" and "text" in step["args"] \
                and not str(step["args"]["text"]).startswith("$"):
            prev["args"] = {"text": step["args"]["text"], **prev["args"]}
            prev["_missing"] = [m for m in prev["_missing"] if "text" not in m]
            continue
        said = prev["args"].get("text") if prev else None
        if prev and prev["tool"] == "text_to_speech" and step["tool"] == "voice_clone" \
                and len(out) == len(steps) - 1 and said in (None, step["args"].get("text")) and "$" not in str(said):
            out[-1] = step  # speech asked without its words (or the same ones), then in a named voice: one step
            continue
        out.append(step)
    return out


def same_edit(steps: list[dict[str, Any]], new: list[dict[str, Any]]) -> bool:
    """Whether ``new`` is the previous audio_edit step again (same operation, on its output)."""
    if not steps or len(new) != 1 or new[0]["tool"] != "audio_edit" or steps[-1]["tool"] != "audio_edit":
        return False
    a, b = steps[-1]["args"], new[0]["args"]
    return a.get("operation") is not None and a.get("operation") == b.get("operation") \
        and b.get("audio") == f"${len(steps)}" and not b.get("audio2")


def translated_aloud(tool: str | None, clause: str, n_audio: int, steps: list[dict[str, Any]]) -> bool:
    """"translate the interview into French, get it read out": a speaking step that is a translation heard."""
    return tool in ("text_to_speech", "voice_clone") and bool(n_audio) and not steps \
        and bool(re.search(r"\btranslat|翻译|翻訳", clause, re.I)) and bool(X.translation_languages(clause)[0]) \
        and bool(SPOKEN_TARGET.search(clause))


# Words that ask for a text to be heard ("read", "say", 读一遍, 念出来, 読み上げて).
_SPEAK = re.compile(r"\b(?:read|say|speak|narrate|voice|recite)\b|读|念|朗读|播报|読み|読んで|音読", re.I)


def speaks_session_text(tool: str | None, clause: str, n_audio: int, arts: list[dict[str, Any]]) -> bool:
    """"把刚才的转写用中文读一遍", "read the caption you wrote aloud": the text a tool made earlier
    in the session is named by that tool's word and is to be spoken, not made again."""
    from audiogpt.agent.references import producers

    if n_audio or not _SPEAK.search(clause):
        return False
    made = {a.get("tool") for a in arts if a.get("kind") == "text"}
    named = made & producers(clause)
    # the named text's own tool won (its name triggered it), or no tool fits ("read back to me ...")
    return bool(named) and (tool in named or tool is None)


def translation_as_text(tool: str | None, clause: str, n_audio: int, steps: list[dict[str, Any]]) -> bool:
    """"put this lecture into Mandarin text", "give me German subtitles for it": a speaking
    step read from a recording into another language as text is a translation, not speech."""
    if tool == "speech_recognition" and n_audio and not steps and _WANTS_LANGUAGE.search(clause) \
            and not NO_TRANSLATION.search(clause) and len({c for _p, c, _w in X.languages_in(clause)}) == 1:
        return True  # "What is she saying? English please": the words are wanted in a language
    return tool == "text_to_speech" and bool(n_audio) and not steps and "QTEXT" not in clause \
        and bool(TEXT_PRODUCT.search(clause)) and bool(X.translation_languages(clause)[0]) \
        and not SPOKEN_TARGET.search(clause)


# A language asked for outright: "English please", "in German, please", "into French".
_LANGS = "|".join(sorted((w for w in X.LANGUAGES if w.isascii() and len(w) > 3), key=len, reverse=True))
_WANTS_LANGUAGE = re.compile(rf"\b(?:{_LANGS})\s*,?\s*(?:please|pls|thanks)\b|\b(?:into|need it in|want it in|"
                             rf"give (?:it|me it) (?:to me )?in)\s+(?:{_LANGS})\b|"
                             rf"\bin (?:{_LANGS}),? (?:please|pls)\b", re.I)


_POINTER = re.compile(r"\b(?:it|that|this|them|those|these)\b|它|那个|这个|それ|これ", re.I)


def points_to_context(context: str, clause: str, skipped: list[str], quotes: list[str]) -> bool:
    """"and the transcript too, read that aloud": a clause that points back ("that") at a phrase
    that was no step of its own is read with it."""
    return bool(skipped) and skipped[-1] == X.restore(context, quotes) and "QTEXT" not in clause \
        and len(context.split()) <= 8 and bool(_POINTER.search(clause))


# "then a separate clip of thunder", "and another one with seagulls": a second thing of the same kind
_ANOTHER_ONE = re.compile(r"^(?:and |then |also |plus )*(?:a |an |one )?"
                          r"(?:separate|another|second|new|different|other)\b", re.I)


def another_of_kind(clause: str, steps: list[dict[str, Any]]) -> bool:
    """Whether a verbless clause asks for another sound or piece like the one just generated."""
    return bool(steps) and steps[-1]["tool"] in ("text_to_audio", "music_generation") \
        and bool(_ANOTHER_ONE.match(clause.strip()))


def names_session_translation(clause: str, arts: list[dict[str, Any]]) -> bool:
    """Whether "the German translation" names a translation already in the session."""
    return bool(re.search(rf"\bthe ({LANGUAGE_NAMES}) (?:translation|version|text)\b", clause, re.I)) and any(
        a.get("kind") == "text" and a.get("tool") == "speech_translation" for a in arts)


def speaks_translation(clause: str, n_audio: int, arts: list[dict[str, Any]], steps: list[dict[str, Any]]) -> bool:
    """A "translation" clause that asks to hear a translation already made: one in the session
    ("read the German translation aloud"), or the one the step before made ("translate it to
    English and read the English version aloud"; a second translation into the same language
    is not asked for)."""
    if not n_audio and names_session_translation(clause, arts):
        return True
    if not steps or steps[-1]["tool"] != "speech_translation" \
            or not _SPEAK.search(clause) or re.search(r"\btranslat|翻译|翻訳|訳", clause, re.I):
        return False
    target = X.translation_languages(clause)[0]
    return target in (None, steps[-1]["args"].get("target_language"))


# "a video of the person in avatar.png saying '...'": the words are to come out of a picture's mouth
_MOVING_PICTURE = re.compile(r"\b(?:video|talking|talk|speaking|animat\w*|lip-?sync\w*|avatar|face|mouth)\b|"
                             # "a clip of the woman in headshot.jpg (read as "the file") saying ..."
                             r"\b(?:person|woman|man|guy|girl|boy|lady|kid|character) in (?:the|this|my) "
                             r"(?:file|picture|photo|image|portrait)\b|视频|动画|動画", re.I)
# Effects put on speech once it is made ("... in a robot voice", "with an echo"); a voice that
# plays a role ("like a radio announcer") is a speaking style, not an effect.
_AFTER_SPEECH = frozenset(("voice_preset", "reverb", "echo"))
_ROLE = re.compile(r"\b(?:announcer|host|presenter|dj|newsreader|anchor)\b", re.I)


def speak_then(tool: str | None, clause: str, quotes: list[str], sit: Any, audio_before: bool) -> str | None:
    """The tool that takes the quoted words once spoken, when no audio is at hand for it: a
    talking head ("a talking head of the portrait saying 'hi'", or a speaking request with a
    picture and a video asked for), or an effect on the speech ("'Evacuate now' in a robot
    voice", where the words are the speaking request's). None when the step needs no speech made
    first. (An edit chosen for quoted words with no audio anywhere is completed after planning,
    by :func:`audiogpt.dialogue.planner.dataflow.speak_first`.)"""
    if not quotes or sit.n_audio or audio_before:
        return None
    if tool == "talking_head" or tool == "text_to_speech" and sit.n_image and _MOVING_PICTURE.search(clause):
        return "talking_head"
    effect = effect_args(clause) if tool == "text_to_speech" and "QTEXT" in clause else None
    if effect and effect.get("operation") in _AFTER_SPEECH and not described_voice(clause) and not _ROLE.search(clause):
        return "audio_edit"  # "say 'ground control' through a megaphone"
    return None
