"""The worker side of a batch: one :class:`~audiogpt.app.App` per process, kept across items.

Each worker process (local or a Ray actor) builds its App once; the registry keeps one
instance per backend, so a model is loaded on the first item and reused for the rest.
Threads are split between workers (``threads = cores // workers``) through the usual
environment variables, set before any numeric library is imported.
"""

from __future__ import annotations

import logging
import os
import re
import time
from typing import Any

from audiogpt.core.errors import AudioGPTError

logger = logging.getLogger(__name__)

BATCH_SESSION = "batch"
THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
               "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "AUDIOGPT_THREADS")
_REF = re.compile(r"^\$(\d+)(?:\.(\d+))?$")
_state: dict[str, Any] = {}


def init_worker(threads: int, env: dict[str, str] | None = None) -> None:
    """Prepare a worker process: thread limits, the caller's AUDIOGPT_* settings, no SIGINT.

    Ctrl-C is handled by the coordinator, which stops handing out items; a worker finishes
    the item it holds (its writes are atomic) instead of dying halfway.
    """
    import signal

    for var in THREAD_VARS:
        os.environ[var] = str(max(1, threads))
    os.environ.update(env or {})
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread (e.g. inside a Ray actor)
        pass
    if "torch" in __import__("sys").modules:
        import torch

        torch.set_num_threads(max(1, threads))
    _state.clear()


def _app() -> Any:
    if "app" not in _state:
        from audiogpt.app import App

        _state["app"] = App()
    return _state["app"]


def _resolve_refs(args: dict[str, Any], records: list[Any]) -> dict[str, Any]:
    """Replace ``$n`` / ``$n.k`` (output of step n, its k-th output) by artifact ids."""
    out = {}
    for key, value in args.items():
        m = _REF.match(value) if isinstance(value, str) else None
        if m:
            n, k = int(m.group(1)), int(m.group(2) or 1)
            if not 1 <= n <= len(records) or not 1 <= k <= len(records[n - 1].artifacts):
                raise AudioGPTError(f"plan step refers to {value}, which does not exist")
            value = records[n - 1].artifacts[k - 1].id
        out[key] = value
    return out


def _clean(message: str, app: Any, source: str) -> str:
    """Name the user's file, not the workspace copy, in an error message."""
    root = str(app.store.root)
    return re.sub(re.escape(root) + r"[^\s:,;'\"]*", os.path.basename(source), message)


def process(task: dict[str, Any]) -> dict[str, Any]:
    """Run one item (a tool, or a chain of steps) and return its results line.

    Args:
        task: ``{"input", "key", "out_dir", "steps": [{"tool", "backend", "args"}]}``.

    Returns:
        The ``results.jsonl`` line; errors are reported in it, never raised.
    """
    start = time.perf_counter()
    app = _app()
    tools = ">".join(s["tool"] for s in task["steps"])
    line: dict[str, Any] = {"input": task["input"], "status": "ok", "tool": tools,
                            "backend": ">".join(s["backend"] for s in task["steps"])}
    records: list[Any] = []
    try:
        for step in task["steps"]:
            args = _resolve_refs(step["args"], records)
            records.append(app.run_tool(step["tool"], args, backend=step["backend"],
                                        session=BATCH_SESSION, out_dir=task["out_dir"]))
    except AudioGPTError as exc:
        line.update(status="error", error=_clean(exc.message, app, task["input"]))
    except MemoryError:
        line.update(status="error", error="out of memory")
    except Exception as exc:  # one bad item never stops the batch
        logger.debug("batch item failed", exc_info=True)
        msg = " ".join(str(exc).split()) or type(exc).__name__
        line.update(status="error", error=_clean(f"{type(exc).__name__}: {msg}", app,
                                                 task["input"]))
    if records and line["status"] == "ok":
        last = records[-1]
        if last.text is not None:
            line["text"] = last.text
        if last.data is not None:
            line["data"] = last.data
    line["artifacts"] = [a.ref() for r in records for a in r.artifacts] \
        if line["status"] == "ok" else []
    line["seconds"] = round(time.perf_counter() - start, 3)
    line["key"] = task["key"]
    line["worker"] = os.getpid()
    return line
