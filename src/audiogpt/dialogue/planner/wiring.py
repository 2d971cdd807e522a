"""Argument wiring of one planned step: files (attachments, "$n" outputs, session artifacts),
texts, languages, times, directions and the per-tool slots."""

from __future__ import annotations

import re
from typing import Any

from audiogpt.agent import references
from audiogpt.dialogue import extract as X
from audiogpt.dialogue.catalog import Catalog
from audiogpt.dialogue.edit_args import edit_args
from audiogpt.dialogue.layering import base_first, mix_gain, trajectory
from audiogpt.dialogue.lexicon import is_cjk
from audiogpt.dialogue.planner.clause_kinds import KEEP_VOICE
from audiogpt.dialogue.planner.text_refs import (
    ASIDE,
    CJK_ASK_TAIL,
    PLACEHOLDER,
    TEXT_REF,
    session_text,
    text_named_by_language,
)
from audiogpt.dialogue.recording_words import asked_question, example_clip, recording_language
from audiogpt.dialogue.vocabulary import vocabulary_prompt
from audiogpt.dialogue.voice_words import described_voice, voice_named, voice_note

#: The user's own voice, named in words: resolved to the enrolled voice "me" by the runner.
MY_VOICE = re.compile(r"\b(?:my|mine)(?: (?:own|cloned|enrolled|saved|digital|ai))* voice\b|"
                      r"\bin my own\b|\b(?:into|to|like|for|with) mine\b|"
                      r"\bsound(?:s|ing)? like me\b|我的声音|我自己的声音|私の声|自分の声",
                      re.I)


def speaking_tool(text: str) -> str:
    """The tool that speaks words for a request: the user's enrolled voice when it says "in my
    voice" (voice_clone), else text_to_speech."""
    return "voice_clone" if MY_VOICE.search(text) else "text_to_speech"


REF_WORDS = re.compile(r"\b(?:it|that|this|the result|the output|them|the original|the (?:audio|clip|file|"
                       r"recording|one)|the (?:\w+ed) (?:audio|speech|version|one|file))\b|它|这个|"
                       r"结果|それ|結果", re.I)


_HANDLED = frozenset((
    "speech_recognition", "speech_translation", "text_to_speech", "voice_clone", "voice_conversion",
    "speech_enhancement", "speech_separation", "mono_to_binaural", "audio_inpainting",
    "sound_extraction", "target_sound_detection", "sound_event_detection", "audio_captioning",
    "text_to_audio", "music_generation", "image_to_audio", "singing_synthesis", "talking_head",
    "audio_edit"))


def steps_for(tool: str, clause: str, quotes: list[str], atts: list[dict[str, str]],
          arts: list[dict[str, Any]], steps: list[dict[str, Any]],
          cat: Catalog) -> list[dict[str, Any]]:
    """One step (or one per speaker for "each") for ``tool``, with arguments wired."""
    n = len(steps)
    TEXT_OUT, CLEANED_AUDIO = cat.text_out(), cat.keeps_voice()
    prev = steps[-1] if steps else None
    missing: list[str] = []
    remarks: list[str] = []
    kinds = {a["id"]: a["kind"] for a in arts}
    named = [i for i in references.ARTIFACT_ID.findall(clause.lower()) if i in kinds]
    # A video's sound track is audio to every tool that reads audio ("transcribe this video").
    audio = [i for i in named if kinds[i] == "audio"] + [
        a["ref"] for a in atts if a["kind"] == "audio"] + [
        a["ref"] for a in atts if a["kind"] == "video" and tool != "talking_head"]
    # Session files the words name ("the rain", "the cleaned lecture"), in the order named.
    said = [] if named or audio else _ordered(clause, references.mentioned(clause, arts))
    speech = tool in SPEECH_IN
    images = [i for i in named if kinds[i] == "image"] + [
        a["ref"] for a in atts if a["kind"] == "image"]
    if not images and tool in ("talking_head", "image_to_audio") and references.latest(arts, "image"):
        images = [references.latest(arts, "image")]  # "make my portrait say it": the session's picture
    args: dict[str, Any] = {}

    def audio_source(position: int = 0) -> str | None:
        low = clause.lower()
        if named and position < len(audio):
            return audio[position]
        if prev is not None and prev["tool"] == "speech_separation" and position == 0:
            k = _speaker_index(low)
            if k:
                return f"${n}.{k}"
        numbered = _numbered_file(low, audio) if position == 0 and prev is None else None
        if numbered:
            return numbered  # "clean up take 2 only" with take1.wav and take2.wav
        for word, pos in references.ORDINALS.items():
            word_re = rf"\b{word}\b" if word.isascii() else word
            if re.search(word_re + _FINE, low) and not re.search(word_re + r"(?!" + _FINE + ")", low):
                continue  # "the first one is fine; clean the second": not the file to work on
            if re.search(word_re, low) and audio:
                idx = pos - 1 if pos > 0 else pos
                if -len(audio) <= idx < len(audio) and re.search(
                        r"file|clip|recording|audio|one|track|文件|音频|录音", low):
                    return audio[idx]
        if prev is not None and prev["tool"] == "speech_separation" and position == 0:
            k = _speaker_index(low)
            if k:
                return f"${n}.{k}"
        if position == 0 and not audio and references.ORDINAL_PHRASE.search(low):
            ref = references.resolve_phrase(low, arts, [], "audio")
            if ref:
                return ref  # "the first one": the session's first audio
        if prev is not None and prev["tool"] not in cat.no_audio_out() and position == 0:
            return f"${n}"
        if position < len(audio):
            return audio[position]
        if said:
            k = position - (1 if prev is not None and prev["tool"] not in cat.no_audio_out() else 0)
            return said[k] if 0 <= k < len(said) else None if k != len(said) or prev is not None else \
                references.latest([a for a in arts if a.get("id") not in said])  # "stick the jingle at the start"
        ref = references.resolve_phrase(low, arts, [], "audio", speech) if REF_WORDS.search(low) else None
        if position == 0 and ref in (None, references.latest(arts)):
            ref = references.redo_input(tool, low, arts) or ref  # "... on my left instead": redone on its input
        return ref or (references.latest(arts, speech=speech) if position == 0 else None)

    def need(name: str, value: Any, what: str) -> None:
        if value in (None, ""):
            missing.append(f"{tool} needs {what}")
        else:
            args[name] = value

    prev_text = f"${n}" if prev is not None and prev["tool"] in TEXT_OUT else None
    if tool in ("speech_recognition", "speech_enhancement", "speech_separation",
                "sound_event_detection", "audio_captioning", "mono_to_binaural",
                "audio_inpainting", "sound_extraction", "target_sound_detection",
                "speech_translation", "audio_edit"):
        need("audio", audio_source(), "an audio file")
    if tool == "speech_recognition":
        words = vocabulary_prompt(X.restore(clause, quotes), quotes if "QTEXT" in clause else None)
        if words:
            args["prompt"] = words  # "make sure Heisenberg is spelled right"
        lang = X.speech_language(clause, None)
        if lang and re.search(r"\b(?:in|from)\s+\w+|语|語", clause):
            args["language"] = lang
        else:
            lang = recording_language(clause)
            if lang:
                args["language"] = lang  # "this French voice note"
    elif tool == "speech_translation":
        target, source = X.translation_languages(clause)
        need("target_language", target or ("en" if is_cjk(clause) else None),
             "a target language (e.g. 'into Spanish')")
        if source:
            args["source_language"] = source
    elif tool in ("text_to_speech", "voice_clone"):
        spoken = X.spoken_text(clause, quotes)
        if spoken is not None and PLACEHOLDER.fullmatch(spoken.strip()):
            spoken = None  # "read something aloud": the words are still to come
        has_text = bool(prev_text) or any(a.get("kind") == "text" for a in arts)
        if spoken is not None and has_text and "QTEXT" not in clause and is_cjk(spoken) \
                and len(CJK_ASK_TAIL.sub("", spoken).strip(" 。！!")) <= 4:
            spoken = None  # "…訳して、読み上げてください": only the verb's tail is left; read the result
        names_text = spoken is None or bool(TEXT_REF.fullmatch(ASIDE.sub("", spoken).strip()))
        if prev_text and names_text:
            spoken = prev_text
        elif names_text and not prev_text:
            # "Read it aloud" after a transcript: the session's text artifact.
            spoken = session_text(clause, arts) or (None if spoken is None or not TEXT_REF.fullmatch(
                spoken.strip()) or not re.match(r"(?:it|that|this)\b", spoken.strip(), re.I) else spoken)
            if spoken is not None and not any(a["id"] == spoken for a in arts):
                spoken = None
        need("text", spoken, "the text to speak (put it in quotes)")
        lang = X.speech_language(clause, spoken if spoken != prev_text else None)
        if spoken == prev_text and prev is not None and prev["tool"] == "speech_translation":
            lang = prev["args"].get("target_language") or lang
        if not lang and spoken is not None and spoken != prev_text and any(a["id"] == spoken for a in arts):
            lang = text_named_by_language(clause)  # "speak the Spanish version out loud"
        if lang:
            args["language"] = lang
        voice = described_voice(clause) if tool == "text_to_speech" else None
        if voice:
            args["voice"] = voice  # "in a woman's voice", "with a Scottish accent"
            note = voice_note(clause)
            if note:
                remarks.append(note)  # "with a British accent": the nearest voice, and why
        if tool == "text_to_speech" and re.search(r"fast|slow|quick|speed|rate|tempo|pace|倍速|加速|减速|速く|遅く",
                                                  X.restore(clause, quotes), re.I):
            rate = X.speed_factor(clause)
            if rate:
                args["speed"] = rate
        if tool == "voice_clone":
            # "in my voice" with no recording given: the user's enrolled voice (`voices add me`)
            ref = voice_named(clause, atts, arts) or (audio[-1] if audio else (
                "me" if MY_VOICE.search(clause) else references.latest(arts)))
            if prev is not None and prev["tool"] in CLEANED_AUDIO and audio \
                    and prev["args"].get("audio") == audio[-1]:
                ref = f"${n}"  # "clean this up, then use the voice": the cleaned take
            if audio and MY_VOICE.search(clause) and any(s["args"].get("audio") == audio[-1] for s in steps) \
                    and prev is not None and prev["tool"] not in CLEANED_AUDIO:
                ref = "me"  # "transcribe this memo, then read it back in my own voice": the memo was the input
            need("reference", ref, "a reference recording of the voice")
    elif tool == "voice_conversion":
        # "clean up my take, then convert it to the voice in b.wav": the cleaned take is converted
        made = prev is not None and prev["tool"] in CLEANED_AUDIO and audio[:1] in [[v] for v in prev["args"].values()]
        need("audio", f"${n}" if made else audio[0] if audio else audio_source(), "the audio to convert")
        need("reference", audio[1] if len(audio) > 1 else
             ("me" if MY_VOICE.search(clause) else None),
             "a reference recording of the target voice")
    elif tool == "audio_captioning" and asked_question(clause):
        args["question"] = X.restore(clause, quotes).strip()  # "which instrument plays the melody?"
    elif tool == "speech_separation":
        count = X.speaker_count(clause)
        if count:
            args["num_speakers"] = count
    elif tool == "mono_to_binaural":
        az, el = X.azimuth(clause)
        src_len = _duration_of(args.get("audio"), arts) or _made_length(args.get("audio"), steps)
        path = trajectory(clause, src_len)
        if path:
            args["trajectory"] = path
        elif az is not None:
            args["azimuth"] = az
        if el is not None:
            args["elevation"] = el
    elif tool == "audio_inpainting":
        rng = X.time_range(clause)
        need("start", rng[0] if rng else None, "start and end times (e.g. 'from 1 s to 2 s')")
        if rng:
            args["end"] = rng[1]
    elif tool in ("sound_extraction", "target_sound_detection"):
        name = "query" if tool == "sound_extraction" else "target"
        example = example_clip(audio, args.get("audio"), clause) if tool == "target_sound_detection" else None
        need(name, example or X.target_phrase(clause, quotes), "the sound to look for")
    elif tool in ("text_to_audio", "music_generation"):
        args["text"] = X.description(clause, quotes)
        secs = X.duration(clause)
        if secs:
            args["duration"] = secs
    elif tool == "image_to_audio":
        need("image", images[0] if images else None, "an image")
        secs = X.duration(clause)
        if secs:
            args["duration"] = secs
    elif tool == "singing_synthesis":
        notes, durs = X.notes_and_durations(X.restore(clause, quotes))
        lyrics = X.spoken_text(re.sub(r"\bsing\w*", "say", clause, flags=re.I), quotes)
        if lyrics:
            lyrics = re.split(r"\s+(?:with|on|using)\s+(?:the\s+)?notes?\b", lyrics)[0]
        need("lyrics", lyrics, "lyrics")
        need("notes", notes, "notes (e.g. 'C4 D4 E4')")
        need("durations", durs, "note durations in seconds")
    elif tool == "talking_head":
        src = audio_source() if (audio or prev or references.latest(arts)) else None
        need("audio", src, "speech audio")
        if images:
            args["image"] = images[0]
    elif tool == "audio_edit":
        args.update(edit_args(X.restore(clause, quotes), max(len(audio), len(said))))
        if args.get("operation") in ("concat", "mix"):
            unused = [a for a in audio if prev is not None and prev["tool"] not in cat.no_audio_out()
                      and not any(a in s["args"].values() for s in steps)]  # "say X and mix it over b.wav"
            need("audio2", audio[1] if len(audio) > 1 else (unused or [audio_source(1)])[0], "a second audio file")
            base_first(args, X.restore(clause, quotes))  # "mix it under my narration"
        level = mix_gain(X.restore(clause, quotes)) if args.get("operation") == "mix" else None
        if level is not None and "gain_db" not in args:
            args["gain_db"] = level  # "mix the birds in quietly behind the voicemail"
        if not args.get("operation"):
            missing.append("audio_edit needs an operation (trim, mix, gain, fade, ...)")
    elif tool not in _HANDLED and tool in cat:
        for arg, kind in cat[tool].file_args:  # a tool known only from its declaration
            if arg not in args:
                need(arg, audio_source() if kind == "audio" else (images[0] if images else None),
                     f"a file for --{arg}")
        count = X.speaker_count(clause) if tool == "speaker_diarization" else None
        if count:
            args["num_speakers"] = count
    step = {"tool": tool, "args": args, "_missing": missing, "_notes": remarks}
    if prev is not None and prev["tool"] == "speech_separation" and tool in TEXT_OUT | {
            "speech_enhancement", "mono_to_binaural"} and re.search(
            r"\beach|\bboth|\ball|every|分别|每个|それぞれ", clause, re.I):
        count = int(prev["args"].get("num_speakers", 2))
        return [{**step, "args": {**args, "audio": f"${n}.{k}"},
                 "_missing": missing if k == 1 else []} for k in range(1, count + 1)]
    if len(audio) >= 2 and args.get("audio") == audio[0] and tool in SPEECH_IN | _ONE_FILE \
            and tool != "voice_conversion" and EACH_FILE.search(clause):
        # "transcribe both files": the same step on each file given
        return [{**step, "args": {**args, "audio": a}} for a in audio]
    return [step]


# "both files", "each recording", "all three clips", "两个文件都", "それぞれ": every file given.
EACH_FILE = re.compile(r"\b(?:both|each|all|every)(?: of)?(?: the| these| those| my| them| our)?"
                       r"(?: two| three| four| \d+)? ?(?:files?|recordings?|clips?|tracks?|takes?|ones|of them|"
                       r"audios?|memos?|interviews?)\b|两个(?:文件|录音|音频)都|每个(?:文件|录音|音频)|"
                       r"(?:文件|录音|音频)都|両方|それぞれのファイル", re.I)
_ONE_FILE = frozenset(("sound_event_detection", "audio_captioning", "mono_to_binaural", "target_sound_detection",
                       "sound_extraction", "music_transcription"))


#: Tools that work on speech: an implicit "it" means the newest file that may hold speech.
SPEECH_IN = frozenset(("speech_recognition", "speech_translation", "speech_enhancement",
                       "speech_separation", "speaker_diarization", "voice_conversion"))

# "loop the rain UNDER the interview", "stick the rain AFTER the interview": the file named
# second is the main one, the first is laid under it or appended to it.
_SECOND_IS_MAIN = re.compile(r"\b(?:under|underneath|beneath|behind|below|over|on top of|after|following|at the end of|"
                             r"to the end of|onto|into the background of)\b|"
                             r"\b(?:mix|blend|fold|layer|bring)\w*\b.{1,40}\binto\b|\b(?:append|add|attach|tack)\w*\b.{1,40}"
                             r"\bto\b|の(?:後|下|うしろ)|之后|后面|下面", re.I)


def _ordered(clause: str, said: list[str]) -> list[str]:
    """Two named files in the order the edit takes them (main file first)."""
    if len(said) == 2 and _SECOND_IS_MAIN.search(clause):
        return [said[1], said[0]]
    return said


def _duration_of(ref: Any, arts: list[dict[str, Any]]) -> float | None:
    """Length in seconds of a session artifact (None for "$n" and unknown files)."""
    if not isinstance(ref, str) or ref.startswith("$"):
        return None
    for a in arts:
        if a.get("id") == ref and a.get("duration"):
            return float(a["duration"])
    return None


def _made_length(ref: Any, steps: list[dict[str, Any]]) -> float | None:
    """The length asked of an earlier step's sound ("$1" made with ``duration`` 15)."""
    if isinstance(ref, str) and ref.startswith("$") and ref[1:].isdigit() and 0 < int(ref[1:]) <= len(steps):
        value = steps[int(ref[1:]) - 1]["args"].get("duration")
        return float(value) if isinstance(value, (int, float)) else None
    return None


_FINE = (r"(?: (?:one|file|clip|recording|take|track|part))?\s+(?:is|was|sounds|'s)\s+(?:\w+ )?"
         r"(?:fine|ok|okay|good|great|perfect|clean|done)\b")


def _numbered_file(low: str, audio: list[str]) -> str | None:
    """The one attached file a clause names by its word and number ("take 2" = take2.wav,
    "track 03" = track_3.mp3), when two or more are attached."""
    if len(audio) < 2:
        return None
    hits = []
    for ref in audio:
        m = re.fullmatch(r"([a-z]+)[ _-]?0*(\d+)", re.split(r"[./\\]", ref.lower().rsplit("/", 1)[-1])[0])
        said = rf"\b{m.group(1)}\s*(?:#|no\.?|number)?\s*0*{m.group(2)}\b" if m else None
        # "take 1 is fine": a file said to need nothing is not the one to work on
        if said and re.search(said, low) and not re.search(said + _FINE, low):
            hits.append(ref)
    return hits[0] if len(hits) == 1 else None


def _speaker_index(text: str) -> int | None:
    """Which separated speaker a clause names ("speaker one", "the second voice", "说话人2")."""
    m = re.search(r"(?:speaker|voice|talker|person|track|说话人|人声)\s*(?:#|no\.?\s*)?(\d|one|two|three|"
                  r"four|一|二|两|三|四)\b", text) or re.search(
        r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th|第一|第二|第三)(?:个)?\s*(?:speaker|voice|"
        r"talker|person|track|one|output|file|说话人|人声)", text)
    if not m:
        return None
    word = m.group(1)
    from audiogpt.agent.references import ORDINALS

    value = ORDINALS.get(word) or X.to_number(word)
    return int(value) if value and value > 0 else None


def translate_then_speak(clause: str, quotes: list[str], atts: list[dict[str, str]], arts: list[dict[str, Any]],
                         steps: list[dict[str, Any]], cat: Catalog) -> list[dict[str, Any]]:
    """"This dialogue in Japanese, spoken out loud", "dub this into Spanish": translate the
    speech, then speak it (in the speaker's own voice when the request keeps it)."""
    first = steps_for("speech_translation", clause, quotes, atts, arts, steps, cat)
    source = first[0]["args"].get("audio")
    if KEEP_VOICE.search(clause) and source and not str(source).startswith("$"):
        # "... but keep the speaker's voice": the original recording is the reference.
        lang = first[0]["args"].get("target_language")
        ref = "me" if MY_VOICE.search(clause) else source  # "in my own voice": the enrolled `me`
        args = {"text": f"${len(steps) + 1}", "reference": ref, **({"language": lang} if lang else {})}
        return first + [{"tool": "voice_clone", "args": args, "_missing": []}]
    return first + steps_for("text_to_speech", clause, quotes, atts, arts, steps + first, cat)
