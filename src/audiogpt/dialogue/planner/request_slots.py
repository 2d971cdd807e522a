"""Slots read from the whole request: the text after "read this out:" kept whole, and details a
sibling clause states (a time span, the source language, the recording's language, a speaker
count, words to spell right) filled into the one step that takes them."""

from __future__ import annotations

import re
from typing import Any

from audiogpt.dialogue import extract as X
from audiogpt.dialogue.recording_words import recording_language
from audiogpt.dialogue.vocabulary import vocabulary_prompt

# "narrate this for my audiobook: Chapter two. The storm arrived.": all after the colon is the text.
COLON_PAYLOAD = re.compile(r"^(?P<ask>[^:：]{0,80}?\b(?:read|say|narrate|speak|announce|pronounce|voice|dictate|"
                           r"record|sing)\b[^:：]{0,40})[:：]\s*(?P<text>\S.*)$|"
                           r"^(?P<ask3>[^:：]{0,60}\b(?:speech|voice|spoken|tts|audio)\b[^:：]{0,30}\b(?:text|words|sentence|line|"
                           r"lines|script)\s*)[:：]\s*(?P<text3>\S.*)$|^(?P<ask2>[^:：]{0,30}(?:读|念|朗读|说|読み上げ|読んで)"
                           r"[^:：]{0,10})[:：]\s*(?P<text2>\S.*)$", re.I)


def protect_payload(text: str, quotes: list[str]) -> str:
    """Turn the words after "read this out: ..." into quoted text (so splitting leaves them whole)."""
    m = COLON_PAYLOAD.match(text)
    if not m or "QTEXT" in text:
        return text
    ask, payload = next((m.group(a), m.group(t)) for a, t in (("ask", "text"), ("ask3", "text3"), ("ask2", "text2"))
                        if m.group(a))
    quotes.append(payload.strip())
    return f"{ask}: QTEXT{len(quotes) - 1}"


def slots_from_request(steps: list[dict[str, Any]], text: str) -> None:
    """Fill details a sibling clause states ("the caller speaks Portuguese, give me it in
    French": the source language; "who speaks when? there are four panelists": the count)
    into the one step that takes them, when the step's own clause left them out."""
    span = X.time_range(text)
    for step in steps:
        if span and step["tool"] == "audio_edit" and step["args"].get("operation") == "cut" \
                and "start" not in step["args"] and "end" not in step["args"]:
            step["args"].update(start=span[0], end=span[1])  # "I coughed from 3 s to 7.5 s. Remove that part."
    for tool, arg, value in (("audio_inpainting", "start", span[0] if span else None),
                             ("audio_inpainting", "end", span[1] if span else None),
                             ("speech_translation", "source_language", X.translation_languages(text)[1]),
                             ("speech_recognition", "prompt", vocabulary_prompt(text)),
                             ("speech_recognition", "language", recording_language(text)),
                             ("speech_separation", "num_speakers", X.speaker_count(text, strict=True)),
                             ("speaker_diarization", "num_speakers", X.speaker_count(text, strict=True))):
        takers = [s for s in steps if s["tool"] == tool]
        if value is not None and value != "" and len(takers) == 1 and arg not in takers[0]["args"] \
                and value != takers[0]["args"].get("target_language"):
            takers[0]["args"][arg] = value
            if tool == "audio_inpainting" and arg == "end":
                takers[0]["_missing"] = [m for m in takers[0].get("_missing", []) if "start and end" not in m]


# "in take_final.wav", "of /home/me/memo.mp3": a file named in the words, as written.
_FILE_NAME = re.compile(r"(?<![\w./\\-])((?:~|\.{1,2})?/[^\s\"'()]+/|[A-Za-z]:[\\/](?:[^\s\"'()]+[\\/])?|"
                        r"(?:[\w.-]+/)+)?([\w-]+(?:\.[\w-]+)*)"
                        r"\.(?:wav|flac|mp3|ogg|oga|m4a|aac|aiff?|opus|webm|png|jpe?g|webp|bmp|gif|mid|midi|mp4|mov|mkv)\b",
                        re.I)


def mask_file_names(text: str, arts: list[dict[str, Any]]) -> str:
    """Put "the file" where a file is named by its name ("keep 0:45 to 1:30 of interview_raw.wav").

    A typed name refers to a file; its parts are not words of the task ("wav" is not a target
    format, the "jingle" of intro_jingle.mp3 or the "rain" of rain_bed.wav not a request for a
    sound). Names of the session's own files are kept whole: the planner finds those by the
    words of their names ("mix rain.wav under the interview").
    """
    session = {str(a.get("name") or "").lower() for a in arts}

    def swap(m: re.Match[str]) -> str:
        name = m.group(0).replace("\\", "/").rsplit("/", 1)[-1].lower()
        if name in session:
            return m.group(0)
        if re.search(r"[\u3040-\u30ff]", text):
            return "このファイル"
        return "这个文件" if re.search(r"[\u4e00-\u9fff]", text) else "the file"

    return _FILE_NAME.sub(swap, text)


def read_words(protected: str, quotes: list[str], arts: list[dict[str, Any]]) -> str:
    """The words of a quote-protected request as the planner reads them: the payload after
    "read this out:" quoted, typed file names masked, spelling fixed, spelled units ("80 hertz")
    as numbers."""
    from audiogpt.dialogue.amounts import spelled_units
    from audiogpt.dialogue.lexicon import fix_spelling

    return spelled_units(fix_spelling(mask_file_names(protect_payload(protected, quotes), arts)))
