"""The SQLite session store: WAL, kill -9 recovery, concurrent writers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audiogpt.core.errors import ToolInputError
from audiogpt.core.sessions import SessionDB, Turn

HAMMER = r"""
import sys
from audiogpt.core.sessions import SessionDB, Turn
db = SessionDB(sys.argv[1])
print('ready', flush=True)
i = 0
while True:
    db.add_turn(Turn(sys.argv[2], 0, f'turn {i}', steps=[{'tool': 'x', 'i': i}] * 20))
    db.index_artifact(f'{sys.argv[2][:2]}{i:06d}', sys.argv[2], 'audio', '/nowhere', {'i': i})
    i += 1
"""


def test_turns_round_trip(tmp_path: Path) -> None:
    db = SessionDB(tmp_path / "db.sqlite3")
    t1 = db.add_turn(Turn("alpha", 0, "hello", ["a.wav"], "hi", [{"tool": "t"}]))
    t2 = db.add_turn(Turn("alpha", 0, "again"))
    assert (t1.idx, t2.idx) == (1, 2)
    turns = db.turns("alpha")
    assert [t.user_text for t in turns] == ["hello", "again"]
    assert turns[0].steps == [{"tool": "t"}] and turns[0].attachments == ["a.wav"]
    assert db.list_sessions()[0]["turns"] == 2
    with pytest.raises(ToolInputError):
        db.ensure_session("bad/name")


def test_survives_kill_9_with_concurrent_writers(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    SessionDB(path)
    procs = []
    for name in ("w1", "w2"):
        p = subprocess.Popen([sys.executable, "-c", HAMMER, str(path), name],
                             stdout=subprocess.PIPE, env=dict(os.environ))
        assert p.stdout.readline().strip() == b"ready"
        procs.append(p)
    reader = SessionDB(path)
    deadline = time.time() + 2.0
    while time.time() < deadline:  # reading while two processes write
        assert isinstance(reader.turns("w1"), list)
    for p in procs:
        p.send_signal(signal.SIGKILL)
        p.wait()
    db = SessionDB(path)
    assert db.integrity_ok()
    for name in ("w1", "w2"):
        turns = db.turns(name)
        assert len(turns) > 5
        assert [t.idx for t in turns] == list(range(1, len(turns) + 1))  # no gap, no duplicate
        db.add_turn(Turn(name, 0, "after the crash"))
        assert db.turns(name)[-1].user_text == "after the crash"
