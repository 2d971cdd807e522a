"""Helpers shared by the benchmarks: timing, peak memory, the CLI, shared files."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval-audio"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Call ``fn`` and return (result, seconds)."""
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli(*args: str) -> tuple[dict[str, Any] | None, float, int]:
    """Run ``audiogpt ARGS --json`` and return (json or None, seconds, exit code)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "audiogpt", *map(str, args)],
                          capture_output=True, text=True, env=dict(os.environ))
    secs = time.perf_counter() - start
    data = json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout.strip() else None
    return data, secs, proc.returncode


def child_peak_rss_mb() -> float:
    """Peak resident memory of finished child processes, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
