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
from audiogpt.dialogue import beyond
from audiogpt.dialogue import extract as X
from audiogpt.dialogue.catalog import CATALOG, Catalog
from audiogpt.dialogue.fields import sung_fields
from audiogpt.dialogue.intent import Intent, Situation, classify
from audiogpt.dialogue.layering import background_layer
from audiogpt.dialogue.lexicon import ENROLL_VOICE, is_cjk
from audiogpt.dialogue.planner import judge, request_slots
from audiogpt.dialogue.planner.clause_kinds import (
    DUB,
    FILLER,
    GENERIC_ASK,
    HEAD_SPAN,
    REMOVE_WORDS,
    SPOKEN_TARGET,
    TEXT_PRODUCT,
    describes,
    tells_only,
)
from audiogpt.dialogue.planner.dataflow import speak_first
from audiogpt.dialogue.planner.followup import follow_up
from audiogpt.dialogue.planner.replies import ENROLL_REPLY, abilities, chitchat
from audiogpt.dialogue.planner.span_first import trim_first
from audiogpt.dialogue.planner.step_rules import (
    another_of_kind,
    merge_clone_text,
    points_to_context,
    same_edit,
    speak_then,
    speaks_session_text,
    speaks_translation,
    translated_aloud,
    translation_as_text,
)
from audiogpt.dialogue.planner.wiring import (
    _duration_of,
    speaking_tool,
    steps_for,
    translate_then_speak,
    voice_named,
)
from audiogpt.dialogue.splitter import NARRATIVE, split_steps
from audiogpt.dialogue.vocabulary import vocabulary_prompt

logger = logging.getLogger(__name__)

# Below this similarity an example match next to a clear clause is too weak to be its own step.
VAGUE_SIMILARITY = 0.6


@dataclass
class Plan:
    """A routing decision (the ``plan --json`` contract, plus what is missing)."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    unsupported: bool = False
    reply: str = ""
    missing: list[str] = field(default_factory=list)
    confidence: float = 1.0
    clarify: str | None = None
    options: list[str] = field(default_factory=list)
    method: str = "rules"  # which path decided: "rules" or "arbiter" (dialogue/arbiter.py)
    basis: str = field(default="", repr=False)  # the rules' evidence for the first decision
    read: str = field(default="", repr=False)  # the request as the planner read it (quotes protected)

    def to_json(self) -> dict[str, Any]:
        """``{"steps": [{"tool", "args"}], "unsupported", "reply", "confidence"}`` (+ ``clarify``
        and ``options`` when the planner asks a question instead of planning)."""
        out: dict[str, Any] = {"steps": [{"tool": s["tool"], "args": s["args"]} for s in self.steps],
                               "unsupported": self.unsupported, "reply": self.reply,
                               "confidence": self.confidence, "method": self.method}
        if self.clarify:
            out["clarify"] = self.clarify
            out["options"] = self.options
        return out


class Planner:
    """Request -> :class:`Plan`. Stateless; safe to share between threads."""

    def __init__(self, use_embeddings: bool = True, catalog: Catalog | None = None,
                 arbiter: bool | None = None) -> None:
        from audiogpt.core.config import load_settings

        self.use_embeddings = use_embeddings
        self.catalog = catalog or CATALOG
        # The learned arbiter (None: the ``planner_arbiter`` setting); it needs the embeddings.
        self.use_arbiter = use_embeddings and (
            load_settings().planner_arbiter if arbiter is None else arbiter)

    def plan(self, text: str, attachments: list[dict[str, str]] | None = None,
             artifacts: list[dict[str, Any]] | None = None,
             tools: list[str] | None = None) -> Plan:
        """Plan the steps for ``text``: the rules, checked by the learned arbiter when enabled.

        Args:
            text: The request.
            attachments: This turn's files ``{"ref", "kind"}`` (ref = path or artifact id).
            artifacts: The session's artifact index (for "it", "the result", ...).
            tools: Registered tool names (for the "what I can do" list), None = all known.
        """
        from audiogpt.dialogue.planner.arbitrate import arbitrate

        return arbitrate(self, text, attachments, artifacts, tools)

    def rules_plan(self, text: str, attachments: list[dict[str, str]] | None = None,
                   artifacts: list[dict[str, Any]] | None = None, tools: list[str] | None = None,
                   force: str | None = None) -> Plan:
        """Plan with the rules alone; ``force`` names the tool of the first deciding clause."""
        atts = list(attachments or []) or references.typed_attachments(text)
        arts = list(artifacts or [])
        if not text.strip():
            return Plan(reply="Tell me what to do — for example 'transcribe this' with a file "
                              "attached, or 'say hello'. " + abilities(tools))
        sung = sung_fields(" ".join(text.split()))
        if sung is not None:
            # "Lyrics: ... Notes: ... Durations: ...": the fields are read whole; the rest asks.
            text = sung.ask if sung.ask and re.search(r"sing|sung|song|唱|歌", sung.ask, re.I) else "sing this"
        protected, quotes = X.protect_quotes(" ".join(text.split()))
        protected = request_slots.read_words(protected, quotes, arts)  # "80 hertz" -> "80 hz"
        read = protected
        if ENROLL_VOICE.search(protected):
            return Plan(reply=ENROLL_REPLY)
        if (why := beyond.whole_request(protected, atts, have_audio=bool(atts or arts))) is not None:
            # a silent video to lip-read, a voice copied without consent: no part can be served
            return Plan(unsupported=True, confidence=0.0, reply=(
                "抱歉，" + why.reply_zh if is_cjk(text) else "Sorry — " + why.reply_en))
        if again := follow_up(protected, atts, arts, self.catalog):  # "do the other file too", "now the piano"
            return Plan(steps=again, reply=self._describe(again, [], []), basis="rule", read=read, confidence=0.8)
        if not atts:
            small = chitchat(protected, tools)
            # "ok now add a fade out to it": a task on the session's audio, not a thank-you.
            held = Situation(session_audio=references.latest(arts) is not None,
                             session_text=any(a.get("kind") == "text" for a in arts))
            if small and not any(classify(c, held, False, self.catalog).tool
                                 for c in split_steps(protected)):
                return Plan(reply=small)
        if (atts or arts) and judge.VAGUE.search(protected.strip()):
            # "process this file": which task is meant cannot be told; ask, naming the likeliest.
            options = judge.vague_options([a["kind"] for a in atts] or ["audio"])
            ask = judge.question(options, self.catalog, is_cjk(text))
            return Plan(reply=ask, clarify=ask, options=options, confidence=0.0)
        clauses = split_steps(protected) or [protected]
        audio = [a for a in atts if a["kind"] == "audio"]
        images = [a for a in atts if a["kind"] == "image"]
        videos = [a for a in atts if a["kind"] == "video"]
        sit = Situation(n_audio=len(audio), n_image=len(images), n_video=len(videos),
                        has_quote=bool(quotes),
                        session_audio=references.latest(arts) is not None,
                        session_text=any(a.get("kind") == "text" for a in arts))
        steps: list[dict[str, Any]] = []
        confs: list[float] = []
        skipped: list[str] = []
        oos = False
        why = None
        first = how = ""  # how the first step and the first declined clause were decided
        context = ""
        span_head: float | None = None
        clauses = [c for c in clauses if not FILLER.match(c)] or clauses
        for clause in clauses:
            sit.has_prev_text = bool(steps) and steps[-1]["tool"] in self.catalog.text_out()
            audio_before = bool(steps) and steps[-1]["tool"] not in self.catalog.no_audio_out()
            sit.prev_audio = audio_before
            sit.n_named = len(references.mentioned(clause, arts)) if arts else 0
            layer = background_layer(X.restore(clause, quotes)) if (
                sit.n_audio or sit.session_audio or audio_before) and sit.n_named < 2 else None
            if layer is not None:
                # "Put some rain behind it": generate the layer, then mix it under the audio.
                context = ""
                steps.extend(self._layer_steps(layer, clause, quotes, atts, arts, steps))
                continue
            head = HEAD_SPAN.match(clause) if len(clauses) > 1 else None
            if head and X.to_number(head.group(1)):
                # "the first two seconds are just hiss, cut them off": the span is the object
                context, span_head = clause, X.to_number(head.group(1))
                continue
            if span_head and REMOVE_WORDS.search(clause):
                steps.extend(self._steps_for("audio_edit", f"remove the first {span_head:g} seconds",
                                             quotes, atts, arts, steps))
                span_head, context = None, ""
                confs.append(0.75)
                continue
            if len(clauses) > 1 and describes(clause):
                # "the recording has two voices mixed together, ...": what the file is; the ask is
                # in the other clause, which is read with this one when it alone is unclear.
                context = clause
                continue
            story = len(clauses) > 1 and bool(NARRATIVE.match(clause))
            intent = classify(clause, sit, self.use_embeddings and not story, self.catalog)
            if story and (intent.method != "lexicon" or tells_only(clause)):
                # "I recorded the line myself, ...": what happened, not a step of its own.
                continue
            if speaks_session_text(intent.tool, clause, sit.n_audio, arts):
                intent.tool, intent.out_of_scope = "text_to_speech", False  # "读一遍刚才的转写"
            if context and intent.tool is not None:
                joined_intent = classify(f"{context} {clause}", sit, self.use_embeddings, self.catalog)
                if joined_intent.tool and joined_intent.tool != intent.tool \
                        and joined_intent.score > intent.score:
                    # "Talk like the person in this clip and say 'hi'": read them together.
                    intent, clause = joined_intent, f"{context} {clause}"
                    skipped = skipped[:-1]
                elif points_to_context(context, clause, skipped, quotes):
                    # "and the transcript too, read that aloud": "that" is the thing named before.
                    clause, skipped = f"{context} {clause}", skipped[:-1]
            if intent.tool is None and context:
                # "The audio at 2-3 s is damaged, please repair it": read the clauses together.
                joined = f"{context} {clause}"
                intent = classify(joined, sit, self.use_embeddings, self.catalog)
                if intent.tool is not None:
                    skipped = skipped[:-1]
                    clause = joined
            if intent.method in ("embedding", "none") and another_of_kind(clause, steps):
                intent.tool, intent.score = steps[-1]["tool"], 0.75  # "..., then a separate clip of thunder"
            if force is not None and not steps and first in ("", "skipped") and (
                    intent.tool is not None or clause == clauses[-1]):
                intent, first = Intent(force, 1.0, "arbiter", {force: 1.0}), "arbiter"
            if intent.tool is not None and intent.method == "embedding" and len(clauses) > 1 \
                    and intent.score < VAGUE_SIMILARITY and "QTEXT" not in clause and any(
                        classify(c, sit, False, self.catalog).tool for c in clauses if c != clause
                        and not describes(c)):
                # The quoted words are this clause's own payload, and a defect or a statement
                # about the file is context, not a clear request of its own.
                intent.tool = None  # a vague clause ("analyze this clip") next to a clear one
            if intent.tool is None and steps and GENERIC_ASK.match(clause.strip()):
                continue  # "... I suspect it was cloned. Can you check it?": the step already asked
            if intent.tool is None and len(clauses) > 1 and vocabulary_prompt(X.restore(clause, quotes)):
                continue  # "the prof keeps saying Heisenberg": words for the transcript, not a task
            if intent.tool is None:
                first, how = first or "skipped", how or intent.method
                oos = oos or intent.out_of_scope
                why = why or intent.why
                skipped.append(X.restore(clause, quotes))
                context = clause
                continue
            context = ""
            dub = bool(DUB.search(clause) and sit.n_audio and X.translation_languages(clause)[0]
                       and not TEXT_PRODUCT.search(X.restore(clause, quotes)))
            if dub:
                # "dub this into Spanish (and keep his voice)": translate, then speak it.
                intent.tool, intent.score = "speech_translation", max(intent.score, 0.75)
            pair = judge.close_call(intent, self.catalog) if len(clauses) == 1 and not dub else None
            if pair:
                ask = judge.question(list(pair), self.catalog, is_cjk(text))
                return Plan(reply=ask, clarify=ask, options=list(pair),
                            confidence=judge.confidence(intent), basis="clarify", read=read)
            first = intent.method if first in ("", "skipped") else first
            confs.append(judge.confidence(intent))
            if intent.tool == "speech_translation" and speaks_translation(clause, sit.n_audio, arts, steps):
                intent.tool = "text_to_speech"  # "read the German translation aloud": the one made before
            elif intent.tool == "text_to_speech" and voice_named(clause, atts, arts):
                intent.tool = "voice_clone"  # "say the transcript in dad's voice", dad.wav at hand
            elif translation_as_text(intent.tool, X.restore(clause, quotes), sit.n_audio, steps):
                intent.tool = "speech_translation"  # "put this lecture into Mandarin text": read, not heard
            if dub or intent.tool == "text_to_speech" and sit.n_audio and not steps and "QTEXT" not in clause \
                    and X.spoken_text(clause, quotes) is None and X.translation_languages(clause)[0] \
                    or intent.tool == "speech_translation" and SPOKEN_TARGET.search(clause) \
                    or translated_aloud(intent.tool, clause, sit.n_audio, steps):
                # "... into Spanish speech" / "spoken out loud": the translation is to be heard.
                new = translate_then_speak(clause, quotes, atts, arts, steps, self.catalog)
            elif then := speak_then(intent.tool, clause, quotes, sit, audio_before):  # speak the quote first
                speech = self._steps_for(speaking_tool(clause), clause, quotes, atts, arts, steps)
                new = speech + self._steps_for(then, clause, quotes, atts, arts, steps + speech)
            else:
                new = trim_first(lambda t, s, c=clause: self._steps_for(t, c, quotes, atts, arts, s),
                                 intent.tool, clause, steps, clauses)
            own = {k: v for k, v in new[0]["args"].items() if v != f"${len(steps)}"}
            one_edit = same_edit(steps, new)
            if steps and len(new) == 1 and new[0]["tool"] == steps[-1]["tool"] and not re.search(
                    r"\bagain\b|再一次|もう一度", clause, re.I) and (one_edit or all(
                    steps[-1]["args"].get(k, v) == v for k, v in own.items())):
                # "There are two people talking, separate them": one request said twice; "there's
                # low rumble, cut everything below 80 Hz": the same edit, its amount said later.
                merged = {**new[0]["args"], **steps[-1]["args"]} if not one_edit else \
                    {**steps[-1]["args"], **own}
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
            basis = how or "none"
            if why is not None:
                return Plan(unsupported=True, confidence=0.0, basis=basis, read=read, reply=(
                    "抱歉，" + why.reply_zh if is_cjk(text) else "Sorry — " + why.reply_en))
            return Plan(unsupported=True, confidence=0.0, basis=basis, read=read, reply=(
                "抱歉，这个请求我做不到——我只处理音频。" if is_cjk(text) else
                "Sorry, I can't help with that: I only work with speech, music and sound. ")
                + abilities(tools))
        steps = speak_first(merge_clone_text(steps), protected, quotes, atts, arts, self.catalog)
        for step in steps if sung is not None else []:
            if step["tool"] == "singing_synthesis":
                step["args"].update({k: v for k, v in (("lyrics", sung.lyrics), ("notes", sung.notes),
                                                       ("durations", sung.durations)) if v})
                step["_missing"] = [m for m in step["_missing"] if not any(
                    step["args"].get(k) and w in m for k, w in (("lyrics", "lyrics"), ("notes", "notes ("),
                                                                ("durations", "durations")))]
        if len(clauses) > 1:
            request_slots.slots_from_request(steps, X.restore(protected, quotes))
        for step in steps:
            if step["tool"] in ("text_to_speech", "voice_clone") and "text" not in step["args"] \
                    and len(quotes) == 1:
                # "Speak using the voice of this audio. The text is "here we go".": the quote
                # in a clause of its own is the text to speak.
                step["args"] = {"text": quotes[0], **step["args"]}
                step["_missing"] = [m for m in step["_missing"] if "text" not in m]
        missing = [m for s in steps for m in s.pop("_missing", [])]
        notes = [n for s in steps for n in s.pop("_notes", [])]
        reply = self._describe(steps, missing, skipped) + "".join(" " + n for n in notes)
        # Sung fields ("Lyrics: ... Notes: ...") were read by their own parser: not a tool guess.
        basis = "rule" if sung is not None else first or "rule"
        return Plan(steps=steps, reply=reply, missing=missing, basis=basis, read=read,
                    confidence=min(confs) if confs else 0.5)

    # ------------------------------------------------------------------ wiring
    def _steps_for(self, tool: str, clause: str, quotes: list[str], atts: list[dict[str, str]],
                   arts: list[dict[str, Any]], steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return steps_for(tool, clause, quotes, atts, arts, steps, self.catalog)

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

    def _describe(self, steps: list[dict[str, Any]], missing: list[str], skipped: list[str]) -> str:
        short = {n: i.short for n, i in self.catalog.items()}
        names = [(f"{short.get(s['tool'], s['tool'])} ({s['args']['operation']})"
                  if s["args"].get("operation") else short.get(s["tool"], s["tool"]))
                 for s in steps]
        text = "Plan: " + " -> ".join(names) + "."
        if missing:
            text += " Missing: " + "; ".join(missing) + "."
        if skipped:
            text += " I can't do this part: " + "; ".join(f"'{s}'" for s in skipped) + "."
        return text
