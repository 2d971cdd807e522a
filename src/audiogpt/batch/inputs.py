"""Batch inputs: a folder, a glob pattern or a JSONL list, read lazily (never all at once).

A JSONL list has one item per line: a path string, or an object ``{"input": PATH, "args":
{...}}`` (argument names may also sit at the top level). Relative paths are relative to the
list's folder. Per-item arguments override the batch's ``--ARG VALUE`` arguments.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audiogpt.core.errors import ToolInputError

#: Names skipped when walking a folder (sidecars, hidden and temporary files).
_SKIP_SUFFIXES = (".json", ".jsonl", ".txt", ".md")


@dataclass(frozen=True)
class Item:
    """One unit of batch work.

    Attributes:
        index: Position in the input order (0-based).
        input: The input file as the user named it.
        args: Per-item arguments (merged over the batch arguments later).
        error: Set when the input line itself is malformed (the item is reported as an error).
    """

    index: int
    input: str
    args: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def _walk(folder: Path) -> Iterator[str]:
    """Files under ``folder`` in sorted order, one directory listing in memory at a time."""
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            continue
        dirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                dirs.append(Path(entry.path))
            elif entry.is_file() and not entry.name.lower().endswith(_SKIP_SUFFIXES):
                yield entry.path
        stack.extend(reversed(dirs))


def _jsonl(path: Path) -> Iterator[tuple[str, dict[str, Any], str | None]]:
    base = path.parent
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{path.name}:{lineno}", {}, f"line {lineno} is not JSON: {exc.msg}"
                continue
            if isinstance(obj, str):
                obj = {"input": obj}
            if not isinstance(obj, dict) or not isinstance(obj.get("input"), str):
                yield (f"{path.name}:{lineno}", {},
                       f'line {lineno}: expected a path or {{"input": PATH, "args": {{...}}}}')
                continue
            args = dict(obj.get("args") or {})
            args.update({k: v for k, v in obj.items() if k not in ("input", "args", "id")})
            src = Path(obj["input"]).expanduser()
            yield str(src if src.is_absolute() else base / src), args, None


def iter_items(spec: str) -> Iterator[Item]:
    """Yield the items of an input spec (folder, glob or ``.jsonl`` list) lazily, in order.

    Raises:
        ToolInputError: The spec names nothing (no such folder/list, or a glob matching nothing).
    """
    p = Path(spec).expanduser()
    index = 0
    if p.is_dir():
        for path in _walk(p):
            yield Item(index, path)
            index += 1
    elif p.is_file() and p.suffix.lower() == ".jsonl":
        for path, args, error in _jsonl(p):
            yield Item(index, path, args, error)
            index += 1
    elif p.is_file():
        yield Item(0, str(p))
        index = 1
    elif glob.has_magic(spec):
        for path in glob.iglob(os.path.expanduser(spec), recursive=True):
            if os.path.isfile(path):
                yield Item(index, path)
                index += 1
    if index == 0:
        raise ToolInputError(f"--input {spec}: no input files (give a folder, a glob pattern "
                             "or a .jsonl list)")


def count_items(spec: str) -> int | None:
    """How many items ``spec`` yields (a streaming count, for the progress bar)."""
    try:
        return sum(1 for _ in iter_items(spec))
    except ToolInputError:
        return None
