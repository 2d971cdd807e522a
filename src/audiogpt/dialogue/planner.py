"""The offline planner: turns a request into tool steps without any LLM server.

Pipeline: protect quoted text -> chit-chat check -> split into clauses -> choose a tool per
clause (lexicon triggers + context rules, sentence embeddings as the fallback) -> extract
arguments -> wire inputs (attachments, ``"$n"`` outputs of earlier steps, session artifacts)
-> a :class:`Plan`. :class:`PlannerModel` wraps it as a :class:`ChatModel`.
"""


from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from audiogpt.agent import references
from audiogpt.dialogue import extract as X
from audiogpt.dialogue.base import ChatModel, ModelReply, StreamFn, ToolCall, TurnContext
from audiogpt.dialogue.catalog import CATALOG
from audiogpt.dialogue.edit_args import edit_args
from audiogpt.dialogue.intent import Situation, classify
from audiogpt.dialogue.layering import background_layer, trajectory
from audiogpt.dialogue.lexicon import CHITCHAT, fix_spelling, is_cjk
from audiogpt.dialogue.splitter import split_steps

logger = logging.getLogger(__name__)

TEXT_OUT = {"speech_recognition", "speech_translation", "audio_captioning"}
NO_AUDIO_OUT = TEXT_OUT | {"sound_event_detection", "target_sound_detection", "talking_head"}
CLEANED_AUDIO = {"speech_enhancement", "audio_edit", "sound_extraction"}  # same voice, processed
FILLER = re.compile(r"^(?:hey|hi|hello|ok(?:ay)?|so|well|please|thanks?|thank you|thx|cheers|"
                    r"yo|um+|uh+|你好|谢谢|请|好的|ありがとう)[\s!.,?]*$", re.I)
SHORT = {
    "speech_recognition": "transcribe", "speech_translation": "translate speech",
    "text_to_speech": "speak text", "voice_clone": "speak in the reference voice",
    "voice_conversion": "convert the voice", "speech_enhancement": "denoise",
    "speech_separation": "separate speakers", "mono_to_binaural": "make binaural",
    "audio_inpainting": "inpaint", "sound_extraction": "extract the sound",
    "sound_event_detection": "detect sound events", "target_sound_detection": "find the sound",
    "audio_captioning": "caption", "text_to_audio": "generate a sound",
    "image_to_audio": "make sound for the image", "music_generation": "compose music",
    "singing_synthesis": "sing", "talking_head": "animate a talking head", "audio_edit": "edit",
}
REF_WORDS = re.compile(r"\b(?:it|that|this|the result|the output|them|the (?:audio|clip|file|"
                       r"recording|one)|the (?:\w+ed) (?:audio|speech|version|one|file))\b|它|这个|"
                       r"结果|それ|結果", re.I)


@dataclass
class Plan:
    """A routing decision (the ``plan --json`` contract, plus what is missing)."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    unsupported: bool = False
    reply: str = ""
    missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """``{"steps": [{"tool", "args"}], "unsupported", "reply"}``."""
        return {"steps": [{"tool": s["tool"], "args": s["args"]} for s in self.steps],
                "unsupported": self.unsupported, "reply": self.reply}


def abilities(tools: list[str] | None = None) -> str:
    """A short list of what the assistant can do."""
    names = [n for n in CATALOG if tools is None or n in tools] or list(CATALOG)
    items = [CATALOG[n].summary for n in names]
    if len(items) > 8:
        items = items[:8] + ["more (see `audiogpt tools`)"]
    return "I can " + ", ".join(items[:-1]) + (", and " + items[-1] if len(items) > 1 else items[0]) + "."


def chitchat(text: str, tools: list[str] | None = None) -> str | None:
    """A reply to small talk, or None when the text is a task."""
    zh = is_cjk(text)
    for pattern, kind in CHITCHAT:
        if pattern.search(text):
            if kind == "greet":
                return "你好！我是 AudioGPT，可以帮你处理语音、音乐和声音。" if zh else \
                    "Hello! I'm AudioGPT. " + abilities(tools) + " What would you like to do?"
            if kind == "identity":
                return ("我是 AudioGPT，一个在本机离线运行的音频助手。" if zh else
                        "I'm AudioGPT, an assistant that understands and creates speech, music and "
                        "sound, running offline on this machine. ") + abilities(tools)
            if kind == "abilities":
                return abilities(tools) + " Attach a file and tell me what to do with it."
            if kind == "thanks":
                return "不客气！" if zh else "You're welcome! Anything else?"
            if kind == "bye":
                return "再见！" if zh else "Goodbye!"
            if kind == "howareyou":
                return "I'm fine, thanks — ready to work on some audio. " + abilities(tools)
    return None


class Planner:
    """Request -> :class:`Plan`. Stateless; safe to share between threads."""

    def __init__(self, use_embeddings: bool = True) -> None:
        self.use_embeddings = use_embeddings

    def plan(self, text: str, attachments: list[dict[str, str]] | None = None,
             artifacts: list[dict[str, Any]] | None = None,
             tools: list[str] | None = None) -> Plan:
        """Plan the steps for ``text``.

        Args:
            text: The request.
            attachments: This turn's files ``{"ref", "kind"}`` (ref = path or artifact id).
            artifacts: The session's artifact index (for "it", "the result", ...).
            tools: Registered tool names (for the "what I can do" list), None = all known.
        """
        atts = list(attachments or [])
        arts = list(artifacts or [])
        if not text.strip():
            return Plan(reply="Tell me what to do — for example 'transcribe this' with a file "
                              "attached, or 'say hello'. " + abilities(tools))
        protected, quotes = X.protect_quotes(" ".join(text.split()))
        protected = fix_spelling(protected)
        if not atts:
            small = chitchat(protected, tools)
            if small and not any(classify(c, Situation(), False).tool
                                 for c in split_steps(protected)):
                return Plan(reply=small)
        clauses = split_steps(protected) or [protected]
        audio = [a for a in atts if a["kind"] == "audio"]
        images = [a for a in atts if a["kind"] == "image"]
        sit = Situation(n_audio=len(audio), n_image=len(images), has_quote=bool(quotes),
                        session_audio=references.latest(arts) is not None)
        steps: list[dict[str, Any]] = []
        skipped: list[str] = []
        oos = False
        context = ""
        clauses = [c for c in clauses if not FILLER.match(c)] or clauses
        for clause in clauses:
            sit.has_prev_text = bool(steps) and steps[-1]["tool"] in TEXT_OUT
            layer = background_layer(X.restore(clause, quotes)) if (
                sit.n_audio or sit.session_audio or (steps and steps[-1]["tool"] not in NO_AUDIO_OUT)) else None
            if layer is not None:
                # "Put some rain behind it": generate the layer, then mix it under the audio.
                context = ""
                steps.extend(self._layer_steps(layer, clause, quotes, atts, arts, steps))
                continue
            intent = classify(clause, sit, self.use_embeddings)
            if context and intent.tool is not None:
                joined_intent = classify(f"{context} {clause}", sit, self.use_embeddings)
                if joined_intent.tool and joined_intent.tool != intent.tool \
                        and joined_intent.score > intent.score:
                    # "Talk like the person in this clip and say 'hi'": read them together.
                    intent, clause = joined_intent, f"{context} {clause}"
                    skipped = skipped[:-1]
            if intent.tool is None and context:
                # "The audio at 2-3 s is damaged, please repair it": read the clauses together.
                joined = f"{context} {clause}"
                intent = classify(joined, sit, self.use_embeddings)
                if intent.tool is not None:
                    skipped = skipped[:-1]
                    clause = joined
            if intent.tool is not None and intent.method == "embedding" and len(clauses) > 1 \
                    and any(classify(c, sit, False).tool for c in clauses if c != clause):
                intent.tool = None  # a vague clause ("analyze this clip") next to a clear one
            if intent.tool is None:
                oos = oos or intent.out_of_scope
                skipped.append(X.restore(clause, quotes))
                context = clause
                continue
            context = ""
            if intent.tool == "text_to_speech" and sit.n_audio and not steps and "QTEXT" not in clause \
                    and X.spoken_text(clause, quotes) is None and X.translation_languages(clause)[0]:
                new = self._translate_then_speak(clause, quotes, atts, arts, steps)
            else:
                new = self._steps_for(intent.tool, clause, quotes, atts, arts, steps)
            own = {k: v for k, v in new[0]["args"].items() if v != f"${len(steps)}"}
            if steps and len(new) == 1 and new[0]["tool"] == steps[-1]["tool"] and not re.search(
                    r"\bagain\b|再一次|もう一度", clause, re.I) and all(
                    steps[-1]["args"].get(k, v) == v for k, v in own.items()):
                # "There are two people talking, separate them": one request said twice.
                merged = {**new[0]["args"], **steps[-1]["args"]}
                steps[-1]["args"] = {k: v for k, v in merged.items() if v != f"${len(steps)}"}
                steps[-1]["_missing"] = [m for m in steps[-1]["_missing"] if m.split(" needs ")[0]
                                         != new[0]["tool"] or not merged]
                continue
            steps.extend(new)
        if not steps:
            if not oos:
                small = chitchat(protected, tools)
                if small:
                    return Plan(reply=small)
            return Plan(unsupported=True, reply=(
                "抱歉，这个请求我做不到——我只处理音频。" if is_cjk(text) else
                "Sorry, I can't help with that: I only work with speech, music and sound. ")
                + abilities(tools))
        steps = _merge_clone_text(steps)
        missing = [m for s in steps for m in s.pop("_missing", [])]
        reply = self._describe(steps, missing, skipped)
        return Plan(steps=steps, reply=reply, missing=missing)

    # ------------------------------------------------------------------ wiring
    def _translate_then_speak(self, clause: str, quotes: list[str], atts: list[dict[str, str]],
                              arts: list[dict[str, Any]], steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """"This dialogue in Japanese, spoken out loud": translate the attached speech, then speak it."""
        first = self._steps_for("speech_translation", clause, quotes, atts, arts, steps)
        return first + self._steps_for("text_to_speech", clause, quotes, atts, arts, steps + first)

    def _steps_for(self, tool: str, clause: str, quotes: list[str], atts: list[dict[str, str]],
                   arts: list[dict[str, Any]], steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One step (or one per speaker for "each") for ``tool``, with arguments wired."""
        n = len(steps)
        prev = steps[-1] if steps else None
        missing: list[str] = []
        kinds = {a["id"]: a["kind"] for a in arts}
        named = [i for i in references.ARTIFACT_ID.findall(clause.lower()) if i in kinds]
        audio = [i for i in named if kinds[i] == "audio"] + [
            a["ref"] for a in atts if a["kind"] == "audio"]
        images = [i for i in named if kinds[i] == "image"] + [
            a["ref"] for a in atts if a["kind"] == "image"]
        args: dict[str, Any] = {}

        def audio_source(position: int = 0) -> str | None:
            low = clause.lower()
            if named and position < len(audio):
                return audio[position]
            if prev is not None and prev["tool"] == "speech_separation" and position == 0:
                k = _speaker_index(low)
                if k:
                    return f"${n}.{k}"
            for word, pos in references.ORDINALS.items():
                if re.search(rf"\b{word}\b" if word.isascii() else word, low) and audio:
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
            if prev is not None and prev["tool"] not in NO_AUDIO_OUT and position == 0:
                return f"${n}"
            if position < len(audio):
                return audio[position]
            ref = references.resolve_phrase(low, arts, [], "audio") if REF_WORDS.search(low) \
                else None
            return ref or (references.latest(arts) if position == 0 else None)

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
            lang = X.speech_language(clause, None)
            if lang and re.search(r"\b(?:in|from)\s+\w+|语|語", clause):
                args["language"] = lang
        elif tool == "speech_translation":
            target, source = X.translation_languages(clause)
            need("target_language", target or ("en" if is_cjk(clause) else None),
                 "a target language (e.g. 'into Spanish')")
            if source:
                args["source_language"] = source
        elif tool in ("text_to_speech", "voice_clone"):
            spoken = X.spoken_text(clause, quotes)
            if prev_text and (spoken is None or re.fullmatch(
                    r"(?:the |this |that |your )?(?:description|caption|transcript(?:ion)?|"
                    r"translation|translated text|result|output|answer|text|it|that)",
                    spoken.strip(), re.I)):
                spoken = prev_text
            need("text", spoken, "the text to speak (put it in quotes)")
            lang = X.speech_language(clause, spoken if spoken != prev_text else None)
            if spoken == prev_text and prev is not None and prev["tool"] == "speech_translation":
                lang = prev["args"].get("target_language") or lang
            if lang:
                args["language"] = lang
            if tool == "text_to_speech" and re.search(r"fast|slow|quick|speed|rate|tempo|pace|倍速|加速|减速|速く|遅く",
                                                      X.restore(clause, quotes), re.I):
                rate = X.speed_factor(clause)
                if rate:
                    args["speed"] = rate
            if tool == "voice_clone":
                ref = audio[-1] if audio else references.latest(arts)
                if prev is not None and prev["tool"] in CLEANED_AUDIO and audio \
                        and prev["args"].get("audio") == audio[-1]:
                    ref = f"${n}"  # "clean this up, then use the voice": the cleaned take
                need("reference", ref, "a reference recording of the voice")
        elif tool == "voice_conversion":
            need("audio", audio[0] if audio else audio_source(), "the audio to convert")
            need("reference", audio[1] if len(audio) > 1 else None,
                 "a reference recording of the target voice")
        elif tool == "speech_separation":
            count = X.speaker_count(clause)
            if count:
                args["num_speakers"] = count
        elif tool == "mono_to_binaural":
            az, el = X.azimuth(clause)
            path = trajectory(clause, _duration_of(args.get("audio"), arts))
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
            need(name, X.target_phrase(clause, quotes), "the sound to look for")
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
            src = audio_source() if (audio or prev) else None
            need("audio", src, "speech audio")
            if images:
                args["image"] = images[0]
        elif tool == "audio_edit":
            args.update(edit_args(X.restore(clause, quotes), len(audio)))
            if args.get("operation") in ("concat", "mix"):
                need("audio2", audio[1] if len(audio) > 1 else None, "a second audio file")
            if not args.get("operation"):
                missing.append("audio_edit needs an operation (trim, mix, gain, fade, ...)")
        step = {"tool": tool, "args": args, "_missing": missing}
        if prev is not None and prev["tool"] == "speech_separation" and tool in TEXT_OUT | {
                "speech_enhancement", "mono_to_binaural"} and re.search(
                r"\beach|\bboth|\ball|every|分别|每个|それぞれ", clause, re.I):
            count = int(prev["args"].get("num_speakers", 2))
            return [{**step, "args": {**args, "audio": f"${n}.{k}"},
                     "_missing": missing if k == 1 else []} for k in range(1, count + 1)]
        return [step]

    def _layer_steps(self, layer: Any, clause: str, quotes: list[str], atts: list[dict[str, str]],
                     arts: list[dict[str, Any]], steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Generate a background layer (step n+1), mix it under the referenced audio (n+2)."""
        base = self._steps_for("audio_edit", clause, quotes, atts, arts, steps)[0]
        ref = base["args"].get("audio")
        gen_args: dict[str, Any] = {"text": layer.text}
        secs = X.duration(clause) or _duration_of(ref, arts)
        if secs:
            gen_args["duration"] = round(min(float(secs), 300.0), 3)
        mix_args = {"audio": ref, "operation": "mix", "audio2": f"${len(steps) + 1}",
                    "gain_db": layer.gain_db}
        return [{"tool": layer.tool, "args": gen_args, "_missing": []},
                {"tool": "audio_edit", "args": {k: v for k, v in mix_args.items() if v is not None},
                 "_missing": [] if ref else ["audio_edit needs an audio file to put the layer under"]}]

    @staticmethod
    def _describe(steps: list[dict[str, Any]], missing: list[str], skipped: list[str]) -> str:
        names = [(f"{SHORT.get(s['tool'], s['tool'])} ({s['args']['operation']})"
                  if s["args"].get("operation") else SHORT.get(s["tool"], s["tool"]))
                 for s in steps]
        text = "Plan: " + " -> ".join(names) + "."
        if missing:
            text += " Missing: " + "; ".join(missing) + "."
        if skipped:
            text += " I can't do this part: " + "; ".join(f"'{s}'" for s in skipped) + "."
        return text


def _duration_of(ref: Any, arts: list[dict[str, Any]]) -> float | None:
    """Length in seconds of a session artifact (None for "$n" and unknown files)."""
    if not isinstance(ref, str) or ref.startswith("$"):
        return None
    for a in arts:
        if a.get("id") == ref and a.get("duration"):
            return float(a["duration"])
    return None


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


def _merge_clone_text(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
        out.append(step)
    return out


class PlannerModel(ChatModel):
    """The offline planner as a ChatModel: plans on the first call, summarises after."""

    name = "offline-planner"
    languages = ("en", "zh")

    def __init__(self, planner: Planner | None = None) -> None:
        self.planner = planner or Planner()

    def respond(self, ctx: TurnContext, stream: StreamFn | None = None) -> ModelReply:
        from audiogpt.agent.response import summarize

        if ctx.results:
            text = summarize(ctx.results)
            if stream:
                stream(text)
            return ModelReply(text=text)
        plan = self.planner.plan(ctx.user_text, ctx.attachments, ctx.artifacts,
                                 tools=sorted(ctx.tools) or None)
        if plan.missing or not plan.steps:
            text = plan.reply if not plan.missing else (
                "I need more to do that: " + "; ".join(plan.missing) + ".")
            if stream:
                stream(text)
            return ModelReply(text=text, unsupported=plan.unsupported)
        calls = [ToolCall(s["tool"], dict(s["args"]), id=f"call_{i + 1}")
                 for i, s in enumerate(plan.steps)]
        return ModelReply(text="", calls=calls)
