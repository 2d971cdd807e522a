"""Coordinate a batch: stream items, skip what is done, dispatch, log results, show progress."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiogpt.batch.inputs import Item, count_items, iter_items
from audiogpt.batch.results import ResultsLog, file_digest, item_key
from audiogpt.core.errors import ToolInputError

logger = logging.getLogger(__name__)


@dataclass
class BatchSummary:
    """Counts of one batch run (the ``--json`` summary)."""

    ok: int = 0
    error: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """``{"ok", "error", "skipped", "seconds"}``."""
        return {"ok": self.ok, "error": self.error, "skipped": self.skipped,
                "seconds": round(self.seconds, 3)}


def load_plan(path: Path) -> list[dict[str, Any]]:
    """The steps of a plan file written by ``audiogpt plan --json``.

    Raises:
        ToolInputError: Not a plan.
    """
    try:
        plan = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ToolInputError(f"{path}: not a readable plan file ({exc})") from None
    steps = plan.get("steps") if isinstance(plan, dict) else plan
    if not isinstance(steps, list) or not steps or not all(
            isinstance(s, dict) and isinstance(s.get("tool"), str) for s in steps):
        raise ToolInputError(f"{path}: a plan file needs \"steps\": [{{\"tool\", \"args\"}}] "
                             "(from `audiogpt plan QUERY --attach FILE --json`)")
    return [{"tool": s["tool"], "args": dict(s.get("args") or {})} for s in steps]


class _Plan:
    """The steps of the batch with their backends resolved once, up front."""

    def __init__(self, app: Any, steps: list[dict[str, Any]], backend: str | None) -> None:
        self.app = app
        self.steps = []
        for i, step in enumerate(steps):
            tool = app.registry.tool(step["tool"])
            chosen = app.registry.select(tool.name, backend if len(steps) == 1 else None,
                                         app.settings)
            self.steps.append({"tool": tool.name, "backend": chosen.name,
                               "args": step["args"], "files": tool.file_args()})
            if i == 0 and not tool.file_args():
                raise ToolInputError(f"{tool.name} takes no input file; batch needs one")
        first = self.steps[0]
        self.primary = next(iter(first["files"]))
        self.placeholder = first["args"].get(self.primary)
        self.name = ">".join(s["tool"] for s in self.steps)
        self.backend = ">".join(s["backend"] for s in self.steps)

    def task(self, item: Item, out: Path) -> dict[str, Any]:
        """The worker task of ``item`` (arguments merged, files hashed, key computed)."""
        steps, digests, keyed = [], {}, []
        for n, step in enumerate(self.steps):
            args = dict(step["args"])
            if n == 0:
                args.update(item.args)
            for name in step["files"]:
                value = args.get(name)
                primary = n == 0 and name == self.primary
                if primary or (isinstance(value, str) and value in ("$input", self.placeholder)):
                    value = item.input
                if value in (None, "") or (isinstance(value, str) and value.startswith("$")):
                    continue
                args[name] = value
                path = Path(str(value)).expanduser()
                if path.is_dir():
                    raise ToolInputError(f"{value}: is a directory, not a file")
                try:
                    digests[f"{n}.{name}"] = file_digest(path)
                except FileNotFoundError:
                    raise ToolInputError(f"{value}: file not found") from None
                except OSError as exc:
                    raise ToolInputError(f"{value}: cannot read ({exc.strerror})") from None
            self.app.registry.tool(step["tool"]).validate(args)
            steps.append({"tool": step["tool"], "backend": step["backend"], "args": args})
            keyed.append({k: v for k, v in args.items() if k not in step["files"]})
        key = item_key(digests, self.name, self.backend, {"steps": keyed})
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(item.input).stem)[-60:] or "item"
        return {"input": item.input, "key": key, "steps": steps,
                "out_dir": str(out / f"{stem}-{key[:8]}")}


def _settings_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.startswith("AUDIOGPT_")}
    env.pop("AUDIOGPT_THREADS", None)
    return env


def run_batch(tool: str, input_spec: str, out_dir: Path, args: dict[str, Any] | None = None, *,
              backend: str | None = None, workers: int | None = None, ray: str | None = None,
              app: Any = None, on_line: Callable[[dict[str, Any]], None] | None = None,
              progress: bool | None = None) -> BatchSummary:
    """Run a tool, or a plan file's chain, over every input.

    Args:
        tool: A tool name, or the path of a plan file from ``audiogpt plan --json``.
        input_spec: A folder, a glob pattern, or a ``.jsonl`` list.
        out_dir: Where outputs and ``results.jsonl`` go.
        args: Arguments for every item (``--ARG VALUE``); per-item ones override them.
        backend: Backend to force (single tool only).
        workers: Local worker processes, or Ray actors (default: cores, or cluster CPUs).
        ray: ``auto`` or a Ray address to run on Ray; None runs locally.
        app: The application (a new one when omitted).
        on_line: Called with every results line as it is written.
        progress: Show a progress bar (default: when stderr is a terminal).

    Returns:
        The counts.

    Raises:
        ToolInputError: Bad tool, plan, arguments or input spec.
        BackendUnavailable: The tool's backend (or Ray) cannot run here.
    """
    from audiogpt.app import App

    app = app or App()
    start = time.perf_counter()
    plan_path = Path(tool)
    steps = load_plan(plan_path) if tool.endswith(".json") and plan_path.is_file() \
        else [{"tool": tool, "args": {}}]
    steps[0]["args"].update(args or {})
    plan = _Plan(app, steps, backend)
    out = Path(out_dir).expanduser().resolve()
    items = iter_items(input_spec)
    first = next(items)  # raises ToolInputError when the spec names nothing
    cores = os.cpu_count() or 1
    n = workers or (None if ray else cores)
    threads = max(1, cores // (n or cores))
    log = ResultsLog(out)
    _sweep(out)
    summary = BatchSummary()
    bar = _Bar(count_items(input_spec), progress)

    def record(line: dict[str, Any]) -> None:
        log.append(line)
        setattr(summary, line["status"], getattr(summary, line["status"]) + 1)
        bar.advance(line["status"])
        if on_line:
            on_line(line)

    def tasks() -> Iterator[dict[str, Any]]:
        for item in _chain(first, items):
            base = {"input": item.input, "tool": plan.name, "backend": plan.backend}
            if item.error:
                record({**base, "status": "error", "artifacts": [], "seconds": 0.0,
                        "error": item.error})
                continue
            try:
                task = plan.task(item, out)
            except ToolInputError as exc:
                record({**base, "status": "error", "artifacts": [], "seconds": 0.0,
                        "error": exc.message})
                continue
            earlier = log.done(task["key"])
            if earlier is not None:
                keep = {k: earlier[k] for k in ("text", "data") if k in earlier}
                record({**base, **keep, "status": "skipped", "artifacts": earlier["artifacts"],
                        "seconds": 0.0, "key": task["key"]})
                continue
            yield task

    try:
        if ray:
            from audiogpt.batch.ray_exec import run_ray

            results = run_ray(tasks(), n, threads, _settings_env(), ray)
        else:
            from audiogpt.batch.local import run_local

            results = run_local(tasks(), n or cores, threads, _settings_env())
        for line in results:
            record(line)
    finally:
        log.close()
        bar.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _sweep(out: Path) -> None:
    """Remove temporary files left by writes that a kill interrupted in an earlier run."""
    for tmp in out.glob("*/.tmp-*"):
        tmp.unlink(missing_ok=True)
        logger.info("removed %s (left by an interrupted run)", tmp)


def _chain(first: Item, rest: Iterator[Item]) -> Iterator[Item]:
    yield first
    yield from rest


class _Bar:
    """A rich progress bar on stderr (items done, rate, ETA), only on a terminal."""

    def __init__(self, total: int | None, show: bool | None) -> None:
        self._bar = None
        if show is False or (show is None and not sys.stderr.isatty()):
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(),
                             TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                             TextColumn("ETA"), TimeRemainingColumn(),
                             TextColumn("{task.fields[errors]}"),
                             console=Console(stderr=True), transient=False)
        self._task = self._bar.add_task("batch", total=total, rate="", errors="")
        self._start = time.perf_counter()
        self._errors = 0
        self._bar.start()

    def advance(self, status: str) -> None:
        if self._bar is None:
            return
        self._errors += status == "error"
        done = self._bar.tasks[0].completed + 1
        rate = done / max(1e-6, time.perf_counter() - self._start)
        self._bar.update(self._task, advance=1, rate=f"{rate:.2f} items/s",
                         errors=f"{self._errors} errors" if self._errors else "")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
