"""``audiogpt models list | pull NAME | verify [NAME] | remove NAME | path NAME``.

Only click is imported at module level; the catalog and the hub client load in the commands.
"""

from __future__ import annotations

import json
from typing import Any

import click


def register(main: click.Group) -> None:
    """Add the ``models`` group to the ``audiogpt`` command."""
    main.add_command(models)


def _say(message: str) -> None:
    click.echo(message, err=True)


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def describe(name: str) -> dict[str, Any]:
    """A catalog entry with its local state, as ``models list --json`` shows it."""
    from audiogpt.backends.models import store
    from audiogpt.backends.models.catalog import get_spec

    spec = get_spec(name)
    st = store.status(name)
    return {"name": spec.name, "tools": list(spec.tools), "backend": spec.backend or None,
            "repo": spec.repo, "revision": spec.revision, "license": spec.license,
            "restricted": spec.restricted, "gated": spec.gated, "size_mb": spec.size_mb,
            "installed_bytes": st.size, "memory_gb": spec.memory_gb, "device": spec.device,
            "library": spec.library, "tested": spec.tested, "state": st.state,
            "installed": st.ready, "path": str(st.path) if st.path else None,
            "reason": st.reason, "pull": store.pull_command(spec), "summary": spec.summary}


@click.group()
def models() -> None:
    """Foundation models: list the catalog, pull, verify, remove, locate."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--tool", default=None, help="Only the models serving this tool.")
def list_cmd(as_json: bool, tool: str | None) -> None:
    """The catalog: tool, backend, size, licence and whether each model is pulled."""
    from audiogpt.backends.models.catalog import CATALOG

    rows = [describe(s.name) for s in CATALOG if tool is None or tool in s.tools]
    if as_json:
        _emit(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="audiogpt foundation models")
    for col in ("model", "tools", "backend", "size", "licence", "needs", "state"):
        table.add_column(col, no_wrap=col in ("model", "size", "state"))
    for r in rows:
        size = (f"{r['installed_bytes'] / 1e6:,.0f} MB" if r["installed_bytes"]
                else f"~{r['size_mb']:,.0f} MB")
        lic = r["license"] + (" (accept)" if r["restricted"] else "")
        backend = (r["backend"] + (" (tested)" if r["tested"] else "")) if r["backend"] \
            else "- (pull only)"
        state = "✓ pulled" if r["installed"] else r["state"]
        table.add_row(r["name"], ", ".join(r["tools"]), backend, size, lic,
                      f"{r['memory_gb']:g} GB {r['device']}", state)
    import sys

    Console(width=None if sys.stdout.isatty() else 160).print(table)
    click.echo("pull one with: audiogpt models pull NAME  (restricted licences: "
               "--accept-license)")


@models.command()
@click.argument("name")
@click.option("--accept-license", is_flag=True,
              help="Accept a restrictive (non-commercial or gated) licence.")
@click.option("--force", is_flag=True, help="Download again even when pulled.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def pull(name: str, accept_license: bool, force: bool, as_json: bool) -> None:
    """Download model NAME at its pinned revision into the hub cache and verify it."""
    from audiogpt.backends.models import hub

    hub.pull(name, accept_license=accept_license, force=force, echo=_say)
    info = describe(name)
    if as_json:
        _emit(info)
    else:
        click.echo(f"{name}: pulled and verified ({info['installed_bytes'] / 1e6:,.1f} MB) "
                   f"at {info['path']}")


@models.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def verify(name: str | None, as_json: bool) -> None:
    """Re-hash the files of model NAME (default: every pulled model)."""
    from audiogpt.backends.models import hub, store
    from audiogpt.backends.models.catalog import CATALOG
    from audiogpt.core.errors import ToolInputError

    if name:
        names = [name]
    else:
        names = [s.name for s in CATALOG if store.status(s.name).state != "missing"]
        if not names:
            raise ToolInputError("no model is pulled: see `audiogpt models list`")
    results, failed = [], []
    for n in names:
        try:
            rec = hub.verify(n, echo=lambda m: None)
            results.append({"name": n, "ok": True, "files": len(rec["files"])})
        except ToolInputError as exc:
            if name:
                raise
            results.append({"name": n, "ok": False, "error": exc.message})
            failed.append(exc.message)
    if as_json:
        _emit(results)
    else:
        for r in results:
            click.echo(f"{r['name']}: " + (f"ok ({r['files']} files)" if r["ok"]
                                           else f"FAILED: {r['error']}"))
    if failed:
        raise ToolInputError(f"{len(failed)} model(s) failed verification: {failed[0]}")


@models.command()
@click.argument("name")
def remove(name: str) -> None:
    """Delete model NAME from the hub cache."""
    from audiogpt.backends.models import hub

    freed = hub.remove(name)
    click.echo(f"{name}: removed ({freed / 1e6:,.1f} MB freed)")


@models.command()
@click.argument("name")
def path(name: str) -> None:
    """Print the folder of pulled model NAME (its files at the pulled commit)."""
    from audiogpt.backends.models import store
    from audiogpt.core.errors import ToolInputError

    st = store.status(name)
    if st.path is None:
        raise ToolInputError(st.reason)
    if not st.ready:
        _say(f"warning: {st.reason}")
    click.echo(str(st.path))
