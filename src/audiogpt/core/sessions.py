"""Persistent sessions: SQLite in WAL mode holding sessions, turns and the artifact index.

Every write is one transaction, so a ``kill -9`` at any point leaves the database consistent;
WAL lets the CLI and the server read and write at the same time.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audiogpt.core.errors import ToolInputError

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    name TEXT PRIMARY KEY,
    created REAL NOT NULL,
    title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL REFERENCES sessions(name),
    idx INTEGER NOT NULL,
    user_text TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]',
    reply TEXT NOT NULL DEFAULT '',
    steps TEXT NOT NULL DEFAULT '[]',
    artifacts TEXT NOT NULL DEFAULT '[]',
    created REAL NOT NULL,
    UNIQUE(session, idx)
);
CREATE TABLE IF NOT EXISTS artifacts (
    id TEXT PRIMARY KEY,
    session TEXT NOT NULL,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    meta TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS artifacts_session ON artifacts(session, created);
"""

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def check_session_name(name: str) -> str:
    """Return ``name`` if it is a safe session name, else raise ToolInputError."""
    if not _NAME_RE.match(name or "") or ".." in name:
        raise ToolInputError(
            f"invalid session name {name!r}: use 1-64 letters, digits, '.', '_' or '-'"
        )
    return name


@dataclass
class Turn:
    """One user turn and the assistant's answer."""

    session: str
    idx: int
    user_text: str
    attachments: list[str] = field(default_factory=list)
    reply: str = ""
    steps: list[dict[str, Any]] = field(default_factory=list)
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    created: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "turn": self.idx, "user": self.user_text, "attachments": self.attachments,
            "reply": self.reply, "steps": self.steps, "artifacts": self.artifacts,
            "created": self.created,
        }


class SessionDB:
    """Thread-safe access to the SQLite database (one connection per thread)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connection().executescript(SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30.0, isolation_level=None,
                                  check_same_thread=False)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA busy_timeout=30000")
            self._local.con = con
        return con

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        con = self._connection()
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        else:
            con.execute("COMMIT")

    # ---------------------------------------------------------------- sessions
    def ensure_session(self, name: str, title: str = "") -> str:
        """Create the session if it does not exist; return its name."""
        check_session_name(name)
        with self._conn() as con:
            con.execute(
                "INSERT OR IGNORE INTO sessions(name, created, title) VALUES (?, ?, ?)",
                (name, time.time(), title),
            )
        return name

    def session_exists(self, name: str) -> bool:
        """Whether the session exists."""
        with self._conn() as con:
            row = con.execute("SELECT 1 FROM sessions WHERE name=?", (name,)).fetchone()
        return row is not None

    def list_sessions(self) -> list[dict[str, Any]]:
        """All sessions, newest first, with their number of turns."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT s.name, s.created, s.title, COUNT(t.id) FROM sessions s "
                "LEFT JOIN turns t ON t.session = s.name GROUP BY s.name ORDER BY s.created DESC"
            ).fetchall()
        return [{"name": r[0], "created": r[1], "title": r[2], "turns": r[3]} for r in rows]

    # ---------------------------------------------------------------- turns
    def add_turn(self, turn: Turn) -> Turn:
        """Append a turn to its session (its ``idx`` is assigned here)."""
        self.ensure_session(turn.session)
        with self._conn() as con:
            row = con.execute(
                "SELECT COALESCE(MAX(idx), 0) FROM turns WHERE session=?", (turn.session,)
            ).fetchone()
            turn.idx = int(row[0]) + 1
            turn.created = turn.created or time.time()
            con.execute(
                "INSERT INTO turns(session, idx, user_text, attachments, reply, steps, artifacts,"
                " created) VALUES (?,?,?,?,?,?,?,?)",
                (turn.session, turn.idx, turn.user_text, json.dumps(turn.attachments),
                 turn.reply, json.dumps(turn.steps), json.dumps(turn.artifacts), turn.created),
            )
        return turn

    def turns(self, session: str) -> list[Turn]:
        """The session's turns in order."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT session, idx, user_text, attachments, reply, steps, artifacts, created "
                "FROM turns WHERE session=? ORDER BY idx", (session,)
            ).fetchall()
        return [
            Turn(r[0], r[1], r[2], json.loads(r[3]), r[4], json.loads(r[5]), json.loads(r[6]), r[7])
            for r in rows
        ]

    # ---------------------------------------------------------------- artifacts
    def index_artifact(self, art_id: str, session: str, kind: str, path: str,
                       meta: dict[str, Any]) -> None:
        """Add (or replace) an artifact in the index."""
        with self._conn() as con:
            con.execute(
                "INSERT OR REPLACE INTO artifacts(id, session, kind, path, meta, created) "
                "VALUES (?,?,?,?,?,?)",
                (art_id, session, kind, path, json.dumps(meta), meta.get("created", time.time())),
            )

    def delete_artifact(self, art_id: str) -> None:
        """Remove an artifact from the index."""
        with self._conn() as con:
            con.execute("DELETE FROM artifacts WHERE id=?", (art_id,))

    def artifact_row(self, art_id: str) -> tuple[str, str, str, dict[str, Any]] | None:
        """(session, kind, path, meta) of an artifact, or None."""
        with self._conn() as con:
            r = con.execute(
                "SELECT session, kind, path, meta FROM artifacts WHERE id=?", (art_id,)
            ).fetchone()
        return None if r is None else (r[0], r[1], r[2], json.loads(r[3]))

    def artifact_rows(self, session: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        """(id, kind, path, meta) of the session's artifacts, oldest first."""
        with self._conn() as con:
            rows = con.execute(
                "SELECT id, kind, path, meta FROM artifacts WHERE session=? ORDER BY created",
                (session,),
            ).fetchall()
        return [(r[0], r[1], r[2], json.loads(r[3])) for r in rows]

    def integrity_ok(self) -> bool:
        """Run SQLite's integrity check."""
        with self._conn() as con:
            return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
