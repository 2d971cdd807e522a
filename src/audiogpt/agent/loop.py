"""The turn loop shared by every ChatModel: modality transformation -> task analysis ->
model assignment -> response generation, persisted in the session.

Usage::

    from audiogpt.agent.loop import Agent
    agent = Agent(App())
    line = agent.turn("demo", "Say 'hello world'")   # a ``chat --script`` output line
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.agent import references
from audiogpt.agent.response import advice, summarize
from audiogpt.core.access import LOCAL, FileAccess
from audiogpt.core.errors import AudioGPTError, ToolInputError, failure_log
from audiogpt.dialogue.base import ChatModel, ModelReply, StepResult, ToolCall, TurnContext

if TYPE_CHECKING:
    from audiogpt.app import App

logger = logging.getLogger(__name__)

MAX_ROUNDS = 6
MAX_STEPS = 12
StepFn = Callable[[dict[str, Any]], None]
#: Provenance key of the files a turn imports and makes: they become referable (in the
#: artifact index) only once the turn is recorded, so a killed turn leaves no referent.
IN_TURN = {"in_turn": True}


def _audio_seconds(art: Any) -> float | None:
    """Length of an audio artifact from its file header (None when unreadable or not audio)."""
    if art.kind != "audio":
        return None
    try:
        import soundfile

        return round(float(soundfile.info(str(art.path)).duration), 6)
    except Exception:
        return None


def language_name(code: str) -> str:
    """``fr`` -> ``French`` (the code itself when no English name is known)."""
    from audiogpt.dialogue.lexicon import LANGUAGES

    for name, c in LANGUAGES.items():  # the first name listed is the English one
        if c == code and name.isascii():
            return name.capitalize()
    return code


def default_model(app: App) -> ChatModel:
    """The configured LLM when ``llm_base_url`` is set, else the offline planner."""
    if app.settings.llm_base_url:
        from audiogpt.dialogue.openai_compat import OpenAIChatModel

        return OpenAIChatModel.from_settings(app.settings)
    from audiogpt.dialogue.planner import PlannerModel

    return PlannerModel()


class Agent:
    """Runs user turns against a ChatModel, executing tools through the app."""

    def __init__(self, app: App, model: ChatModel | None = None) -> None:
        self.app = app
        self.model = model or default_model(app)
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ context
    def artifact_index(self, session: str) -> list[dict[str, Any]]:
        """The session's artifacts as the models see them (oldest first).

        Files made or attached during a turn count only when that turn completed (was
        recorded); a turn killed mid-way (cancelled, crashed, process killed) leaves none.
        """
        turn_of: dict[str, int] = {}
        for t in self.app.store.db.turns(session):
            for a in t.artifacts:
                turn_of.setdefault(a.get("id", ""), t.idx)
            for aid in t.attachments:
                turn_of.setdefault(aid, t.idx)
        out = []
        for art in self.app.store.list(session):
            meta = art.meta or {}
            if meta.get("in_turn") and art.id not in turn_of:
                continue
            out.append({"id": art.id, "kind": art.kind, "tool": meta.get("tool"),
                        "name": Path(meta.get("source") or art.path).name,
                        "turn": turn_of.get(art.id), "path": str(art.path),
                        "rendered": bool(meta.get("rendered_from")),
                        "duration": meta.get("duration") or _audio_seconds(art)})
        return out

    def history(self, session: str) -> list[dict[str, Any]]:
        """Earlier turns in the compact form models use."""
        return [{"turn": t.idx, "user": t.user_text, "reply": t.reply, "steps": t.steps,
                 "attachments": t.attachments} for t in self.app.store.db.turns(session)]

    def _import(self, session: str, paths: list[str], notes: list[str],
                access: FileAccess) -> list[dict[str, str]]:
        from audiogpt.agent.runner import resolve_file

        atts = []
        for p in paths:
            try:
                art = resolve_file(str(p), self.app.store, session, access=access,
                                   arg="attachment", meta=IN_TURN)
            except AudioGPTError as exc:
                notes.append(f"I could not use the attachment {Path(str(p)).name}: {exc.message}. "
                             + advice(exc.message))
                continue
            atts.append({"ref": art.id, "kind": art.kind, "name": Path(str(p)).name,
                         "path": str(art.path)})
        return atts

    # ------------------------------------------------------------------ turn
    def turn(self, session: str, text: str, attachments: list[str] | None = None,
             on_step: StepFn | None = None, stream: Callable[[str], None] | None = None,
             access: FileAccess = LOCAL) -> dict[str, Any]:
        """Handle one user turn and persist it.

        Args:
            session: Session name (created when new).
            text: The user's words; empty with an audio attachment = a spoken query.
            attachments: Paths (or artifact ids) of attached files.
            on_step: Called with ``{"index", "tool", "args", "status": "running"}`` when a
                step starts and with the finished step dict (``status`` done/error) at its end.
            stream: Called with pieces of the reply text as the model writes them.
            access: Which files the caller may name (attachments and paths in the words or
                in a model's tool calls); the local user by default.

        Returns:
            ``{"turn", "steps", "reply", "artifacts"}`` (one ``chat --script`` output line).
        """
        from audiogpt.core.sessions import Turn

        db = self.app.store.db
        db.ensure_session(session)
        notes: list[str] = []
        typed = [p for p in references.paths_in_text(text or "", access.local_paths)
                 if p not in (attachments or [])]
        atts = self._import(session, list(attachments or []) + typed, notes, access)
        steps: list[dict[str, Any]] = []
        results: list[StepResult] = []
        heard: list[StepResult] = []  # modality transformation: kept out of the model's steps
        query = (text or "").strip()
        reply = ModelReply()
        try:
            if not query and any(a["kind"] == "audio" for a in atts):
                query, atts = self._spoken_query(session, atts, heard, steps, notes, on_step,
                                                 access)
            ctx = TurnContext(session=session, user_text=query, attachments=atts,
                              artifacts=self.artifact_index(session),
                              history=self.history(session), tools=dict(self.app.registry.tools),
                              results=results, notes=notes)
            if query:
                reply = self._rounds(ctx, steps, on_step, stream, access)
            elif not notes:
                reply = ModelReply(text="Please type a request or attach a spoken question.")
        except Exception as exc:  # the session must survive anything
            failure_log.warning("a turn of session %s failed", session, exc_info=True)
            msg = exc.message if isinstance(exc, AudioGPTError) else f"{type(exc).__name__}: {exc}"
            notes.append(f"Sorry, something went wrong: {msg}. {advice(msg)}")
        text_reply = reply.text.strip()
        results = heard + results
        errors = [r for r in results if r.error and r.error not in text_reply]
        if not text_reply or errors:
            body = summarize(results if not text_reply else errors)
            text_reply = "\n".join(x for x in (text_reply, body) if x and x != "Done.") or body
        if notes:
            text_reply = "\n".join(notes + ([text_reply] if text_reply != "Done." else []))
        artifacts = [o for r in results for o in r.outputs]
        artifacts += self._render(session, artifacts)
        turn = db.add_turn(Turn(session=session, idx=0, user_text=text or "",
                                attachments=[a["ref"] for a in atts], reply=text_reply,
                                steps=steps, artifacts=artifacts))
        return {"turn": turn.idx, "steps": steps, "reply": text_reply, "artifacts": artifacts}

    def _spoken_query(self, session: str, atts: list[dict[str, str]], results: list[StepResult],
                      steps: list[dict[str, Any]], notes: list[str],
                      on_step: StepFn | None, access: FileAccess
                      ) -> tuple[str, list[dict[str, str]]]:
        """Transcribe the first audio attachment as the query (modality transformation)."""
        spoken = next(a for a in atts if a["kind"] == "audio")
        rest = [a for a in atts if a is not spoken]
        if "speech_recognition" not in self.app.registry.tools:
            notes.append("I received a spoken query but speech recognition is not installed; "
                         "please type your request.")
            return "", rest
        call = ToolCall("speech_recognition", {"audio": spoken["ref"]}, id="asr")
        res = self._run_one(session, call, len(results) + 1, results, on_step, access)
        results.append(res)
        steps.append(self._step_dict(res))
        if res.error or not (res.text or "").strip():
            notes.append("I could not understand the spoken query"
                         + (f" ({res.error})" if res.error else "") + "; please type it.")
            return "", rest
        heard = res.text.strip()
        lang = str((res.data or {}).get("language") or "en")
        understood = getattr(self.model, "languages", None)
        if lang == "en" or not understood or lang in understood:
            if lang != "en":
                notes.append(f"I heard ({language_name(lang)}): \u201c{heard}\u201d")
            return heard, rest
        return self._translate_query(session, spoken, heard, lang, results, steps, notes,
                                     on_step, access), rest

    def _translate_query(self, session: str, spoken: dict[str, str], heard: str, lang: str,
                         results: list[StepResult], steps: list[dict[str, Any]],
                         notes: list[str], on_step: StepFn | None,
                         access: FileAccess) -> str:
        """A spoken query in a language the dialogue model does not read: into English."""
        name = language_name(lang)
        if "speech_translation" not in self.app.registry.tools:
            notes.append(f"I heard ({name}): \u201c{heard}\u201d, but I cannot translate it; "
                         "please ask in English.")
            return heard
        call = ToolCall("speech_translation", {"audio": spoken["ref"], "target_language": "en",
                                               "source_language": lang}, id="asr_en")
        res = self._run_one(session, call, len(results) + 1, results, on_step, access)
        results.append(res)
        steps.append(self._step_dict(res))
        english = (res.text or "").strip()
        if res.error or not english:
            notes.append(f"I heard ({name}): \u201c{heard}\u201d but could not translate it"
                         + (f" ({res.error})" if res.error else "") + "; using it as is.")
            return heard
        route = (res.data or {}).get("route", "")
        how = "Whisper's translate task" if route == "whisper-translate" else (
            f"speech_translation ({res.backend})" if res.backend else "speech_translation")
        notes.append(f"I heard ({name}): \u201c{heard}\u201d \u2014 translated to English "
                     f"with {how}: \u201c{english}\u201d")
        return english

    def _rounds(self, ctx: TurnContext, steps: list[dict[str, Any]], on_step: StepFn | None,
                stream: Callable[[str], None] | None, access: FileAccess) -> ModelReply:
        reply = ModelReply()
        for _ in range(MAX_ROUNDS):
            reply = self.model.respond(ctx, stream=stream)
            if not reply.calls:
                return reply
            room = MAX_STEPS - len(ctx.results)
            if room <= 0:
                return ModelReply(text=f"Stopped after {MAX_STEPS} steps; "
                                       "please split the request into smaller ones.")
            batch = self._run_batch(ctx, reply.calls[:room], on_step, access)
            steps.extend(self._step_dict(r) for r in batch)
        return reply

    # ------------------------------------------------------------------ execution
    def _run_batch(self, ctx: TurnContext, calls: list[ToolCall],
                   on_step: StepFn | None, access: FileAccess = LOCAL) -> list[StepResult]:
        """Run a batch; a call waits for the steps its "$n" refs name, others run in parallel."""
        base = len(ctx.results)
        pending = {base + i + 1: c for i, c in enumerate(calls)}
        for n, c in pending.items():
            c.id = c.id or f"call_{n}"
        done: list[StepResult] = []
        while pending:
            finished = {r.index for r in ctx.results}
            ready = [n for n, c in pending.items()
                     if all(d in finished or d not in pending for d in self._deps(c))]
            ready = ready or [min(pending)]
            wave = {n: pending.pop(n) for n in ready}
            if len(wave) == 1:
                outs = [self._run_one(ctx.session, c, n, ctx.results, on_step, access)
                        for n, c in wave.items()]
            else:
                with ThreadPoolExecutor(max_workers=min(4, len(wave))) as pool:
                    futs = [pool.submit(self._run_one, ctx.session, c, n, list(ctx.results),
                                        on_step, access) for n, c in wave.items()]
                    outs = [f.result() for f in futs]
            for r in sorted(outs, key=lambda r: r.index):
                ctx.results.append(r)
                done.append(r)
        return done

    @staticmethod
    def _deps(call: ToolCall) -> set[int]:
        deps = set()
        for v in call.args.values():
            ref = references.step_ref(v)
            if ref:
                deps.add(ref[0])
        return deps

    def _resolve_args(self, call: ToolCall, results: list[StepResult],
                      session: str | None = None) -> dict[str, Any]:
        tool = self.app.registry.tools.get(call.tool)
        kinds = {**tool.file_args(), **tool.file_or_label_args()} if tool else {}
        args = {}
        for k, v in call.args.items():
            if references.step_ref(v):
                kind = kinds.get(k, "any" if not tool else None)
                v = references.resolve_step_ref(v, results, kind)
            elif session and tool and k not in kinds and isinstance(v, str) \
                    and references.ARTIFACT_ID.fullmatch(v):
                v = self._text_of(session, v)
            args[k] = v
        return args

    def _text_of(self, session: str, value: str) -> str:
        """A text argument naming a text artifact of the session ("read the transcript") is
        that artifact's text; any other value is kept as typed."""
        for art in self.app.store.list(session):
            if art.id == value and art.kind == "text":
                try:
                    return Path(art.path).read_text(encoding="utf-8")
                except OSError:
                    return value
        return value

    def _run_one(self, session: str, call: ToolCall, index: int, results: list[StepResult],
                 on_step: StepFn | None, access: FileAccess = LOCAL) -> StepResult:
        res = StepResult(index=index, call=call, args=dict(call.args))
        if on_step:
            on_step({"index": index, "tool": call.tool, "args": dict(call.args),
                     "status": "running"})
        try:
            if call.tool not in self.app.registry.tools:
                raise ToolInputError(f"the tool {call.tool} is not registered in this "
                                     "installation")
            res.args = self._resolve_args(call, results, session)
            record = self.app.run_tool(call.tool, res.args, session=session, access=access,
                                       meta=IN_TURN)
            res.outputs = [a.ref() for a in record.artifacts]
            res.text, res.data, res.backend = record.text, record.data, record.backend
        except AudioGPTError as exc:
            failure_log.warning("step %d (%s) of a turn in %s failed", index, call.tool,
                                session, exc_info=True)
            res.error = exc.message
        except Exception as exc:  # a tool bug becomes an observation, not a crash
            failure_log.warning("step %d (%s) of a turn in %s failed", index, call.tool,
                                session, exc_info=True)
            res.error = f"{type(exc).__name__}: {exc}"
        if on_step:
            on_step({"index": index, **self._step_dict(res),
                     "status": "error" if res.error else "done"})
        return res

    @staticmethod
    def _step_dict(res: StepResult) -> dict[str, Any]:
        d: dict[str, Any] = {"tool": res.call.tool, "args": res.args,
                             "outputs": [o["id"] for o in res.outputs]}
        if res.text:
            d["text"] = res.text
        if res.error:
            d["error"] = res.error
        return d

    def _render(self, session: str, outputs: list[dict[str, str]]) -> list[dict[str, str]]:
        """A waveform image for each generated audio (response generation)."""
        rendered = []
        for o in outputs:
            if o["kind"] != "audio":
                continue
            try:
                import tempfile

                from audiogpt.core.audio import Audio
                from audiogpt.core.render import waveform_png

                audio = Audio.from_file(o["path"])
                with tempfile.TemporaryDirectory() as tmp:
                    png = waveform_png(audio, Path(tmp) / "waveform.png",
                                       title=f"{Path(o['path']).name}")
                    art = self.app.store.save_path(png, "image", session, "waveform",
                                                   {"tool": None, "rendered_from": o["id"],
                                                    **IN_TURN})
                rendered.append(art.ref())
            except Exception as exc:  # an image is a nicety; never fail the turn for it
                logger.warning("could not render %s: %s", o["path"], exc)
        return rendered
