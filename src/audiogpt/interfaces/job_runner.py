"""Run HTTP jobs in their own worker processes, never in the server's threads.

:class:`JobManager` (one per server) polls the job table, starts one spawned process per
running job (at most ``slots`` at a time), kills the process of a cancelled job, and marks a
job whose process died as failed. The worker process lowers its own priority so the server
keeps answering (e.g. ``/api/health``) while a long job uses the CPU.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
import time
from pathlib import Path
from typing import Any

from audiogpt.core.jobs import JobStore

logger = logging.getLogger(__name__)

POLL_S = 0.2
PROGRESS_EVERY_S = 0.25


def _job_main(job_id: str, db_path: str, env: dict[str, str]) -> None:
    """Entry point of a job's worker process."""
    import signal

    os.environ.update(env)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        os.nice(5)
    except OSError:
        pass
    store = JobStore(Path(db_path))
    job = store.get(job_id, with_request=True)
    if job is None or job["state"] != "running":
        return
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_S or fraction >= 1.0:
            last[0] = now
            store.progress(job_id, fraction, message)

    try:
        result = _execute(job["kind"], job["request"], progress)
    except Exception as exc:
        from audiogpt.core.errors import AudioGPTError

        if isinstance(exc, AudioGPTError):
            error = {"type": exc.kind, "message": exc.message}
        else:
            logger.exception("job %s failed", job_id)
            error = {"type": "server_error", "message": f"{type(exc).__name__}: {exc}"}
        store.finish(job_id, error=error)
        return
    store.finish(job_id, result=result)


def _execute(kind: str, request: dict[str, Any], progress: Any) -> dict[str, Any]:
    from audiogpt.app import App

    app = App()
    if kind == "tool":
        record = app.run_tool(request["tool"], request["args"],
                              session=request.get("session") or "api", progress=progress)
        return record.to_json()
    from audiogpt.agent.loop import Agent

    steps: list[str] = []

    def on_step(step: dict[str, Any]) -> None:
        if step.get("status") == "running":
            steps.append(step.get("tool", ""))
            progress(0.0, f"step {len(steps)}: {step.get('tool', '')}")

    return Agent(app).turn(request["session"], request.get("text", ""),
                           attachments=request.get("attachments") or [], on_step=on_step)


class JobManager:
    """Starts, watches and cancels job processes.

    Args:
        db_path: The sessions database holding the job table.
        home: The workspace (passed to the job processes).
        slots: Jobs running at the same time.
    """

    def __init__(self, db_path: Path, home: Path, slots: int = 1) -> None:
        self.store = JobStore(db_path)
        self.env = {k: v for k, v in os.environ.items() if k.startswith("AUDIOGPT_")}
        self.env["AUDIOGPT_HOME"] = str(home)
        self.slots = max(1, slots)
        self._procs: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ctx = mp.get_context("spawn")

    def start(self) -> None:
        """Queue again jobs interrupted by a restart and start dispatching (idempotent)."""
        with self._lock:
            if self._thread is not None:
                return
            n = self.store.requeue_running()
            if n:
                logger.info("requeued %d job(s) interrupted by a restart", n)
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="audiogpt-jobs",
                                            daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(POLL_S):
            try:
                self._tick()
            except Exception:
                logger.exception("job dispatcher error")

    def _tick(self) -> None:
        with self._lock:
            for job_id, proc in list(self._procs.items()):
                if proc.is_alive():
                    job = self.store.get(job_id)
                    if job is not None and job["state"] == "cancelled":
                        proc.kill()
                        proc.join(5)
                        del self._procs[job_id]
                    continue
                proc.join()
                del self._procs[job_id]
                job = self.store.get(job_id)
                if job is not None and job["state"] == "running":
                    self.store.finish(job_id, error={
                        "type": "server_error",
                        "message": f"the job's worker process exited with code {proc.exitcode}"})
            while len(self._procs) < self.slots:
                job_id = self.store.claim()
                if job_id is None:
                    break
                proc = self._ctx.Process(target=_job_main, daemon=True, name=f"job-{job_id}",
                                         args=(job_id, str(self.store.path), self.env))
                proc.start()
                self._procs[job_id] = proc

    def cancel(self, job_id: str) -> bool:
        """Cancel a job and stop its process; True when it had not finished."""
        cancelled = self.store.cancel(job_id)
        with self._lock:
            proc = self._procs.pop(job_id, None)
        if proc is not None:
            proc.kill()
            proc.join(5)
        return cancelled

    def stop(self) -> None:
        """Stop dispatching and kill running job processes (they are requeued on restart)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None
        with self._lock:
            for proc in self._procs.values():
                proc.kill()
                proc.join(5)
            self._procs.clear()
