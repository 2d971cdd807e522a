"""``audiogpt serve`` (web UI + HTTP API + MCP over HTTP) and ``audiogpt mcp`` (stdio).

Only click is imported at module level: the server stack loads inside the commands.
"""

from __future__ import annotations

import os
import sys

import click


def register(main: click.Group) -> None:
    """Add the ``serve`` and ``mcp`` commands to the ``audiogpt`` group."""
    main.add_command(serve)
    main.add_command(mcp)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback requires AUDIOGPT_API_TOKEN.")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(0, 65535))
@click.option("--no-ui", is_flag=True, help="Serve the API (and MCP) without the web UI.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Worker threads for tool runs (default: CPU count).")
@click.option("--llm", "llm", default=None, metavar="SPEC",
              help="Dialogue engine: ollama:MODEL, llamacpp:URL, openai:MODEL, an "
                   "OpenAI-compatible base URL, or offline (default: AUDIOGPT_LLM, else offline).")
def serve(host: str, port: int, no_ui: bool, workers: int | None, llm: str | None) -> None:
    """Serve the web UI at /, the HTTP API at /api and MCP at /mcp."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    _log_failures()
    from audiogpt.app import App
    from audiogpt.core.config import load_settings
    from audiogpt.core.errors import ToolInputError
    from audiogpt.interfaces.guard import is_loopback

    app = App(load_settings(llm=llm))
    token = app.settings.api_token
    if not is_loopback(host) and not token:
        raise ToolInputError(
            f"refusing to bind {host} (not loopback) without a token: set AUDIOGPT_API_TOKEN "
            "and send 'Authorization: Bearer TOKEN' (or open /?token=TOKEN in a browser)")
    import uvicorn

    from audiogpt.interfaces.http import create_app

    api = create_app(app, ui=not no_ui, host=host, token=token, workers=workers,
                     warm=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"audiogpt: serving http://{shown}:{port}/ (API /api, MCP /mcp; Ctrl-C to stop)",
               err=True)
    uvicorn.run(api, host=host, port=port, log_level="warning", access_log=False,
                timeout_graceful_shutdown=5)


@click.command()
def mcp() -> None:
    """Serve the tools over MCP on stdin/stdout (for Claude Desktop, IDEs, agents)."""
    if sys.stdin.isatty():
        click.echo("audiogpt mcp: speaking MCP on stdin/stdout (Ctrl-C to stop)", err=True)
    _log_failures()
    from audiogpt.interfaces.mcp import run_stdio

    run_stdio()


def _log_failures() -> None:
    """Servers log every tool and turn failure at WARNING with its traceback (stderr)."""
    import logging

    logging.getLogger("audiogpt.failures").setLevel(logging.WARNING)
