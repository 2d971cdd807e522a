"""``OUT/results.jsonl``: append-only, one fsynced line per finished item, and resume keys.

Every line carries ``key``: a hash of the input's content, the tool (or chain), the backend
and the arguments. A re-run reads the keys of the items that succeeded and reports them as
``skipped`` (carrying their earlier outputs) instead of running them again; failed items are
redone. A line cut short by a crash is ignored when reading and never glued to the next one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

RESULTS_NAME = "results.jsonl"
_BLOCK = 1 << 20


def file_digest(path: str | os.PathLike[str]) -> str:
    """sha256 of a file's content, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            h.update(block)
    return h.hexdigest()


def item_key(digests: dict[str, str], tool: str, backend: str, args: dict[str, Any]) -> str:
    """The resume key of one item.

    Args:
        digests: Content hash of each file argument (by argument name).
        tool: Tool name (``a>b`` for a chain).
        backend: Backend name(s).
        args: The other arguments.
    """
    blob = json.dumps({"files": digests, "tool": tool, "backend": backend, "args": args},
                      sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


class ResultsLog:
    """The results file of one output folder.

    Args:
        out_dir: The batch's ``--out`` folder (created if needed).
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / RESULTS_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._done: dict[str, int] = {}
        self._scan()
        self._fh = self.path.open("ab")
        if self.path.stat().st_size and not self._ends_with_newline():
            self._fh.write(b"\n")  # a line cut short by a crash stays on its own line
            self._sync()

    def _ends_with_newline(self) -> bool:
        with self.path.open("rb") as fh:
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"

    def _scan(self) -> None:
        """Index the byte offsets of the succeeded items (only offsets are kept in memory)."""
        if not self.path.exists():
            return
        offset = 0
        with self.path.open("rb") as fh:
            for raw in fh:
                here = offset
                offset += len(raw)
                if not raw.endswith(b"\n"):
                    continue  # cut short: the item is redone
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                key = line.get("key") if isinstance(line, dict) else None
                if not key:
                    continue
                if line.get("status") in ("ok", "skipped") and self._outputs_exist(line):
                    self._done[key] = here
                else:
                    self._done.pop(key, None)

    @staticmethod
    def _outputs_exist(line: dict[str, Any]) -> bool:
        return all(Path(a.get("path", "")).is_file() for a in line.get("artifacts", []))

    def done(self, key: str) -> dict[str, Any] | None:
        """The earlier successful line of ``key``, or None."""
        offset = self._done.get(key)
        if offset is None:
            return None
        with self.path.open("rb") as fh:
            fh.seek(offset)
            return json.loads(fh.readline())

    def append(self, line: dict[str, Any]) -> None:
        """Append one result line and fsync it."""
        data = json.dumps(line, ensure_ascii=False, default=str).encode() + b"\n"
        pos = self._fh.tell()
        self._fh.write(data)
        self._sync()
        if line.get("key") and line.get("status") in ("ok", "skipped"):
            self._done[line["key"]] = pos

    def _sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Close the file."""
        self._fh.close()
