"""Dialogue commands: ``plan``, ``chat``, ``sessions``, ``eval`` (registered on the main group).

Only click is imported at module level; everything else inside the commands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def _app(ctx: click.Context, llm: str | None = None):
    """The App; ``llm`` (the ``--llm`` option) overrides ``AUDIOGPT_LLM`` for this command."""
    from audiogpt.app import App

    obj = ctx.ensure_object(dict)
    if "app" not in obj:
        if llm:
            from audiogpt.core.config import load_settings

            obj["app"] = App(load_settings(llm=llm))
        else:
            obj["app"] = App()
    return obj["app"]


LLM_HELP = ("Dialogue engine: ollama:MODEL, llamacpp:URL, openai:MODEL, an OpenAI-compatible "
            "base URL (#MODEL optional), or offline (default: AUDIOGPT_LLM, else offline).")


def _planner(app: Any) -> Any:
    """The offline planner, or the configured LLM wrapped as a planner."""
    if app.settings.llm_base_url:
        from audiogpt.dialogue.llm_planner import LLMPlanner, chat_model

        return LLMPlanner(chat_model(app.settings), app.registry.tools)
    from audiogpt.dialogue.planner import Planner

    return Planner()


def _attachment(path: str) -> dict[str, str]:
    from audiogpt.core.artifacts import kind_of

    kind = kind_of(path)
    if kind == "text" and Path(path).suffix.lower() not in (".txt", ".json", ".md"):
        kind = "audio"  # an unknown extension is most likely a recording
    return {"ref": path, "kind": kind, "name": Path(path).name}


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any] | None, str]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            rows.append((n, obj if isinstance(obj, dict) else None, "not a JSON object"))
        except json.JSONDecodeError as exc:
            rows.append((n, None, f"invalid JSON: {exc.msg}"))
    return rows


@click.command()
@click.argument("query", required=False)
@click.option("--attach", "attach", multiple=True, help="Attached file (repeatable).")
@click.option("--batch", "batch", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL file of {id, query, attachments}; prints one plan per line.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--llm", "llm", default=None, metavar="SPEC", help=LLM_HELP)
@click.pass_context
def plan(ctx: click.Context, query: str | None, attach: tuple[str, ...], batch: Path | None,
         as_json: bool, llm: str | None) -> None:
    """Show the tool steps the dialogue engine would run (nothing is run)."""
    from audiogpt.core.errors import ToolInputError

    app = _app(ctx, llm)
    planner = _planner(app)
    tools = sorted(app.registry.tools)
    if batch is not None:
        for n, obj, err in _read_jsonl(batch):
            if obj is None:
                _emit({"id": None, "steps": [], "unsupported": False,
                       "reply": f"line {n}: {err}", "error": err})
                continue
            atts = [_attachment(str(p)) for p in obj.get("attachments") or []]
            result = planner.plan(str(obj.get("query") or ""), atts, tools=tools).to_json()
            _emit({"id": obj.get("id"), **result})
        return
    if not query:
        raise ToolInputError("plan needs a QUERY or --batch FILE")
    result = planner.plan(query, [_attachment(p) for p in attach], tools=tools).to_json()
    if as_json:
        _emit(result)
        return
    click.echo(result["reply"])
    for i, s in enumerate(result["steps"], 1):
        click.echo(f"  ${i} {s['tool']} {json.dumps(s['args'], ensure_ascii=False)}")


def _speak(app: Any, session: str, text: str) -> None:
    """Speak the reply with the TTS tool (``--speak``)."""
    if "text_to_speech" not in app.registry.tools:
        click.echo("(text_to_speech is not installed; cannot speak the reply)", err=True)
        return
    try:
        rec = app.run_tool("text_to_speech", {"text": text[:500]}, session=session)
        click.echo(f"(spoken reply: {rec.artifacts[0].path})", err=True)
    except Exception as exc:
        click.echo(f"(could not speak the reply: {exc})", err=True)


@click.command()
@click.option("--session", default=None, help="Session name to create or resume.")
@click.option("--script", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='JSONL file of {"say", "attach": [paths]} turns.')
@click.option("--json", "as_json", is_flag=True,
              help="Machine-readable output (one line per turn).")
@click.option("--voice", is_flag=True,
              help="Spoken dialogue: a line naming an audio file is a spoken query; replies "
                   "are spoken too.")
@click.option("--speak", is_flag=True, help="Also speak each reply (text_to_speech).")
@click.option("--llm", "llm", default=None, metavar="SPEC", help=LLM_HELP)
@click.pass_context
def chat(ctx: click.Context, session: str | None, script: Path | None, as_json: bool,
         voice: bool, speak: bool, llm: str | None) -> None:
    """Talk to AudioGPT: interactive, or a --script of turns."""
    import time

    from audiogpt.agent.loop import Agent

    app = _app(ctx, llm)
    speak = speak or voice  # spoken dialogue: spoken replies too
    session = session or time.strftime("chat-%Y%m%d-%H%M%S")
    agent = Agent(app)

    def show(line: dict[str, Any]) -> None:
        if as_json:
            _emit(line)
            return
        click.echo(line["reply"])
        for a in line["artifacts"]:
            click.echo(f"  {a['kind']:6} {a['id']}  {a['path']}")

    if script is not None:
        for n, obj, err in _read_jsonl(script):
            if obj is None:
                show({"turn": None, "steps": [], "reply": f"line {n}: {err}", "artifacts": []})
                continue
            line = agent.turn(session, str(obj.get("say") or ""), list(obj.get("attach") or []))
            show(line)
            if speak:
                _speak(app, session, line["reply"])
        return
    click.echo(f"audiogpt chat — session {session}. Attach files with '@path'. Ctrl-D to quit.",
               err=True)
    stream_tty = sys.stdout.isatty() and not as_json
    streamed: list[str] = []

    def stream(piece: str) -> None:
        streamed.append(piece)
        click.echo(piece, nl=False)

    while True:
        try:
            raw = click.prompt("you", prompt_suffix="> ", default="", show_default=False)
        except (EOFError, click.exceptions.Abort):
            break
        words = raw.split()
        files = [w[1:] for w in words if w.startswith("@") and len(w) > 1]
        text = " ".join(w for w in words if not w.startswith("@"))
        if voice and not files and text and Path(text).is_file():
            files, text = [text], ""
        if not text and not files:
            continue
        streamed.clear()
        line = agent.turn(session, text, files,
                          on_step=lambda s: click.echo(
                              f"  [{s.get('status')}] {s.get('tool')}", err=True),
                          stream=stream if stream_tty else None)
        if streamed and not as_json:
            click.echo()
            for a in line["artifacts"]:
                click.echo(f"  {a['kind']:6} {a['id']}  {a['path']}")
        else:
            show(line)
        if speak:
            _speak(app, session, line["reply"])


@click.group()
def sessions() -> None:
    """List, show and export chat sessions."""


@sessions.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def sessions_list(ctx: click.Context, as_json: bool) -> None:
    """All sessions, newest first."""
    rows = _app(ctx).store.db.list_sessions()
    if as_json:
        _emit(rows)
        return
    for r in rows:
        click.echo(f"{r['name']}\t{r['turns']} turns")


def _history(app: Any, name: str) -> dict[str, Any]:
    from audiogpt.core.errors import ToolInputError
    from audiogpt.core.sessions import check_session_name

    check_session_name(name)
    if not app.store.db.session_exists(name):
        raise ToolInputError(f"no session named {name!r}")
    return {"session": name, "turns": [t.to_dict() for t in app.store.db.turns(name)]}


def to_markdown(history: dict[str, Any]) -> str:
    """A readable Markdown transcript of a session."""
    lines = [f"# Session {history['session']}", ""]
    for t in history["turns"]:
        lines.append(f"## Turn {t['turn']}")
        lines.append(f"**You:** {t['user'] or '(spoken or empty)'}")
        if t["attachments"]:
            lines.append("Attached: " + ", ".join(f"`{a}`" for a in t["attachments"]))
        for i, s in enumerate(t["steps"], 1):
            status = f" — error: {s['error']}" if s.get("error") else ""
            lines.append(f"- step {i}: `{s['tool']}` {json.dumps(s['args'], ensure_ascii=False)}"
                         f" -> {', '.join(s.get('outputs') or []) or '-'}{status}")
        lines.append("")
        lines.append(f"**AudioGPT:** {t['reply']}")
        for a in t["artifacts"]:
            lines.append(f"- {a['kind']} `{a['id']}`: {a['path']}")
        lines.append("")
    return "\n".join(lines)


@sessions.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def sessions_show(ctx: click.Context, name: str, as_json: bool) -> None:
    """Print a session's turns."""
    hist = _history(_app(ctx), name)
    if as_json:
        _emit(hist)
    else:
        click.echo(to_markdown(hist))


@sessions.command("export")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.pass_context
def sessions_export(ctx: click.Context, name: str, fmt: str, out: Path | None) -> None:
    """Export a session as JSON or Markdown (to --out or stdout)."""
    hist = _history(_app(ctx), name)
    text = (json.dumps(hist, ensure_ascii=False, indent=2, default=str) if fmt == "json"
            else to_markdown(hist))
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(str(out))
    else:
        click.echo(text)


@click.command("eval")
@click.argument("kind", type=click.Choice(["consistency", "capability", "robustness"]))
@click.option("--cases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Routing cases (JSONL) for capability.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--llm", "llm", default=None, metavar="SPEC",
              help=LLM_HELP + " The LLM is scored on the same cases as the planner.")
@click.pass_context
def eval_cmd(ctx: click.Context, kind: str, cases: Path | None, as_json: bool,
             llm: str | None) -> None:
    """Evaluate the dialogue engine (the paper's consistency/capability/robustness)."""
    from audiogpt.dialogue.llm_planner import engine_name
    from audiogpt.eval import run_eval

    app = _app(ctx, llm)
    planner = _planner(app) if kind in ("capability", "consistency") else None
    result = {"engine": engine_name(app.settings), **run_eval(kind, app, cases, planner)}
    if as_json:
        _emit(result)
        return
    for k, v in result.items():
        if k != "cases":
            click.echo(f"{k}: {v}")


def register(main: click.Group) -> None:
    """Add the dialogue commands to the main CLI group."""
    for cmd in (plan, chat, sessions, eval_cmd):
        main.add_command(cmd)
