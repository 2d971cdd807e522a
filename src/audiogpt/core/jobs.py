"""Background jobs persisted in the sessions database (SQLite, WAL).

A job is a tool run or a chat turn started over HTTP. Its row holds the request, the state
(``queued``, ``running``, ``done``, ``error``, ``cancelled``), the progress and the result,
so jobs and their results survive a server restart; a job that was running when the server
stopped is queued again on the next start.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    result TEXT,
    error TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, created);
"""
STATES = ("queued", "running", "done", "error", "cancelled")
FINAL = ("done", "error", "cancelled")


class JobStore:
    """Jobs table access; every call opens a short-lived connection (safe across processes).

    Args:
        path: The SQLite database (the sessions database).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._con() as con:
            con.executescript(SCHEMA)

    def _con(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA busy_timeout=30000")
        return con

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        con = self._con()
        try:
            con.execute("BEGIN IMMEDIATE")
            rows = con.execute(sql, params).fetchall()
            con.execute("COMMIT")
            return rows
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    def create(self, kind: str, request: dict[str, Any]) -> str:
        """Queue a new job and return its id."""
        job_id = "j" + secrets.token_hex(6)
        now = time.time()
        self._exec("INSERT INTO jobs(id, kind, request, state, created, updated) "
                   "VALUES (?,?,?,?,?,?)", (job_id, kind, json.dumps(request), "queued", now, now))
        return job_id

    def get(self, job_id: str, with_request: bool = False) -> dict[str, Any] | None:
        """The job as the API shows it (``request`` included on demand), or None."""
        rows = self._exec("SELECT id, kind, state, progress, message, result, error, created, "
                          "updated, request FROM jobs WHERE id=?", (job_id,))
        return self._row(rows[0], with_request) if rows else None

    def list(self, limit: int = 50) -> list[dict[str, Any]]:
        """The newest jobs, without their results."""
        rows = self._exec("SELECT id, kind, state, progress, message, NULL, error, created, "
                          "updated, NULL FROM jobs ORDER BY created DESC LIMIT ?", (limit,))
        return [self._row(r, False) for r in rows]

    def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest jobs with their results and the tool they run (``tool``: None for a
        chat turn), in one query."""
        rows = self._exec("SELECT id, kind, state, progress, message, result, error, created, "
                          "updated, request FROM jobs ORDER BY created DESC LIMIT ?", (limit,))
        out = []
        for r in rows:
            job = self._row(r, True)
            job["tool"] = job.pop("request").get("tool")
            out.append(job)
        return out

    @staticmethod
    def _row(r: tuple[Any, ...], with_request: bool) -> dict[str, Any]:
        job = {"id": r[0], "kind": r[1], "state": r[2], "progress": round(r[3], 4),
               "message": r[4], "created": r[7], "updated": r[8]}
        if r[5] is not None:
            job["result"] = json.loads(r[5])
        if r[6] is not None:
            job["error"] = json.loads(r[6])
        if with_request:
            job["request"] = json.loads(r[9])
        return job

    def claim(self) -> str | None:
        """Mark the oldest queued job running and return its id (None when none is queued)."""
        rows = self._exec("UPDATE jobs SET state='running', updated=? WHERE id=(SELECT id FROM "
                          "jobs WHERE state='queued' ORDER BY created LIMIT 1) RETURNING id",
                          (time.time(),))
        return rows[0][0] if rows else None

    def progress(self, job_id: str, fraction: float, message: str) -> None:
        """Record progress of a running job."""
        self._exec("UPDATE jobs SET progress=?, message=?, updated=? WHERE id=? AND "
                   "state='running'", (max(0.0, min(1.0, fraction)), message[:200], time.time(),
                                       job_id))

    def finish(self, job_id: str, result: dict[str, Any] | None = None,
               error: dict[str, str] | None = None) -> None:
        """Store a running job's result (``done``) or error (``error``)."""
        state = "error" if error is not None else "done"
        self._exec("UPDATE jobs SET state=?, progress=CASE WHEN ?='done' THEN 1 ELSE progress "
                   "END, result=?, error=?, updated=? WHERE id=? AND state='running'",
                   (state, state, None if result is None else json.dumps(result, default=str),
                    None if error is None else json.dumps(error), time.time(), job_id))

    def cancel(self, job_id: str) -> bool:
        """Cancel a queued or running job; True when it was not finished yet."""
        rows = self._exec("UPDATE jobs SET state='cancelled', message='cancelled', updated=? "
                          "WHERE id=? AND state IN ('queued', 'running') RETURNING id",
                          (time.time(), job_id))
        return bool(rows)

    def pending(self) -> int:
        """How many jobs are queued or running."""
        rows = self._exec("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')")
        return int(rows[0][0])

    def requeue_running(self) -> int:
        """Queue again the jobs left ``running`` by a server that stopped; return how many."""
        rows = self._exec("UPDATE jobs SET state='queued', progress=0, message='requeued after "
                          "a restart', updated=? WHERE state='running' RETURNING id",
                          (time.time(),))
        return len(rows)
