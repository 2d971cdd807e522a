"""``audiogpt batch``: a tool or a plan over a folder, glob or JSONL list of files.

Only click is imported at module level; the batch machinery loads inside the command.
"""

from __future__ import annotations

import json
from pathlib import Path

import click


def register(main: click.Group) -> None:
    """Add the ``batch`` command to the ``audiogpt`` group."""
    main.add_command(batch)


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("tool")
@click.option("--input", "input_spec", required=True,
              help="A folder, a glob pattern (quote it) or a .jsonl list of inputs.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (results.jsonl and the outputs of every item).")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes (default: the number of cores), or Ray actors with --ray.")
@click.option("--ray", "ray_address", default=None, metavar="auto|ADDRESS",
              help="Run on Ray: auto (running cluster or a new local one) or a cluster address.")
@click.option("--backend", default=None, help="Backend to use (default: best available).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def batch(ctx: click.Context, tool: str, input_spec: str, out_dir: Path, workers: int | None,
          ray_address: str | None, backend: str | None, as_json: bool) -> None:
    """Run TOOL (or a plan file from `audiogpt plan --json`) over many files.

    Extra --ARG VALUE options are the tool's arguments for every item. Re-running the same
    command skips the items already done and redoes the failed ones.
    """
    from audiogpt.app import App
    from audiogpt.batch import run_batch
    from audiogpt.interfaces.argparse_tool import parse_tool_args

    app = App()
    args = {}
    if ctx.args:
        target = tool
        if tool.endswith(".json") and Path(tool).is_file():
            from audiogpt.batch.run import load_plan

            target = load_plan(Path(tool))[0]["tool"]
        args = parse_tool_args(app.registry.tool(target), list(ctx.args))
    summary = run_batch(tool, input_spec, out_dir, args, backend=backend, workers=workers,
                        ray=ray_address, app=app)
    if as_json:
        click.echo(json.dumps(summary.to_json()))
    else:
        click.echo(f"batch: {summary.ok} ok, {summary.error} errors, {summary.skipped} skipped "
                   f"in {summary.seconds:.1f} s; results in {Path(out_dir) / 'results.jsonl'}")
    if summary.error and not summary.ok and not summary.skipped:
        ctx.exit(1)
