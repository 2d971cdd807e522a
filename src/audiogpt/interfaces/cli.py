"""The ``audiogpt`` command line. Heavy modules are imported inside commands only."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from audiogpt import __version__

logger = logging.getLogger("audiogpt")


class CLIGroup(click.Group):
    """Turns audiogpt errors into one line on stderr and the contract exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            from audiogpt.core.errors import AudioGPTError

            debug = (ctx.obj or {}).get("debug", False)
            if debug:
                import traceback

                traceback.print_exc()
            if isinstance(exc, AudioGPTError):
                click.echo(f"error: {exc.message}", err=True)
                sys.exit(exc.exit_code)
            msg = " ".join(str(exc).split()) or type(exc).__name__
            click.echo(f"error: {type(exc).__name__}: {msg} (run with --debug for details)",
                       err=True)
            sys.exit(1)


@click.group(cls=CLIGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audiogpt")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option("-v", "--verbose", is_flag=True, help="Show info logs.")
@click.pass_context
def main(ctx: click.Context, debug: bool, verbose: bool) -> None:
    """audiogpt: understand and create speech, music, sound and talking-head video.

    Everything runs on this machine; nothing is uploaded.
    """
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    if not (debug or verbose):  # the user gets the one-line message; servers re-enable it
        logging.getLogger("audiogpt.failures").setLevel(logging.ERROR)
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _app(ctx: click.Context):
    from audiogpt.app import App

    if "app" not in ctx.obj:
        ctx.obj["app"] = App()
    return ctx.obj["app"]


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def tools_markdown(listing: list[dict[str, Any]]) -> str:
    """The README table of tools and backends (availability left out: it is per machine)."""
    rows = ["| tool | backends (first = preferred) | what it does |", "|---|---|---|"]
    for t in listing:
        backs = "<br>".join(
            f"`{b['name']}` ({'embedded' if b.get('embedded', True) else 'foundation model'})"
            + (f": {b['summary']}" if b.get("summary") else "")
            for b in t["backends"]
        )
        rows.append(f"| `{t['name']}` | {backs or '-'} | {t['description']} |")
    return "\n".join(rows) + "\n"


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--markdown", is_flag=True, help="The README table.")
@click.pass_context
def tools(ctx: click.Context, as_json: bool, markdown: bool) -> None:
    """List the tools and their backends."""
    listing = _app(ctx).registry.describe()
    if as_json:
        _emit_json(listing)
        return
    if markdown:
        click.echo(tools_markdown(listing), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="audiogpt tools", show_lines=False)
    table.add_column("tool", style="bold")
    table.add_column("backends (✓ available)")
    table.add_column("what it does")
    for t in listing:
        backs = ", ".join(("✓ " if b["available"] else "✗ ") + b["name"] for b in t["backends"])
        table.add_row(t["name"], backs or "-", t["description"])
    Console().print(table)


class _Progress:
    """A rich progress bar on stderr, created on the first update (only on a terminal)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._bar = None
        self._task = None

    def __call__(self, fraction: float, message: str) -> None:
        if not sys.stderr.isatty():
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=1.0)
        self._bar.update(self._task, completed=max(0.0, min(1.0, fraction)),
                         description=f"{self.label}: {message}" if message else self.label)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                "help_option_names": []})
@click.argument("tool")
@click.option("--backend", default=None, help="Backend to use (default: best available).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write outputs to this folder.")
@click.option("--session", default="run", show_default=True, help="Session to store outputs in.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def run(ctx: click.Context, tool: str, backend: str | None, out_dir: Path | None, session: str,
        as_json: bool) -> None:
    """Run TOOL with --ARG VALUE arguments (see `audiogpt tools`; `run TOOL --help`)."""
    app = _app(ctx)
    t = app.registry.tool(tool)
    if "--help" in ctx.args or "-h" in ctx.args:
        _tool_help(t)
        return
    from audiogpt.interfaces.argparse_tool import parse_tool_args

    args = parse_tool_args(t, list(ctx.args))
    progress = _Progress(t.name)
    try:
        record = app.run_tool(t.name, args, backend=backend, session=session, out_dir=out_dir,
                              progress=progress)
    finally:
        progress.close()
    if as_json:
        _emit_json(record.to_json())
        return
    from rich.console import Console

    con = Console()
    con.print(f"[bold]{record.tool}[/] via [cyan]{record.backend}[/] in {record.seconds:.2f} s")
    if record.text:
        con.print(record.text)
    for a in record.artifacts:
        con.print(f"  {a.kind:6} {a.id}  {a.path}")


def _tool_help(t: Any) -> None:
    click.echo(f"audiogpt run {t.name} [--backend NAME] [--out DIR] [--json] --ARG VALUE ...\n")
    click.echo(t.description + "\n")
    schema = t.input_schema()
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        req = " (required)" if name in required else ""
        click.echo(f"  --{name}{req}: {prop.get('description', '')}")


# Command groups living in their own modules (dialogue: plan/chat/sessions/eval; server:
# serve/mcp). Each module exposes ``register(main)`` and imports only click at module level.
_COMMAND_MODULES = ("audiogpt.interfaces.cli_dialogue", "audiogpt.interfaces.cli_server",
                    "audiogpt.interfaces.cli_models",
                    "audiogpt.interfaces.cli_batch",
                    "audiogpt.interfaces.cli_voices")


def _register_command_modules() -> None:
    import importlib
    import importlib.util

    for name in _COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(main)


_register_command_modules()
