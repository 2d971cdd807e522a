"""Honest checks (issue 12 section 4): with CI=true a test that needs ../shared fails when it
is missing; outside CI it is skipped and the run ends with one line saying how many and why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEEDS_SHARED = "tests/tools/test_target_sound_detection.py::test_speech_found_by_label"


def _pytest(tmp_path: Path, ci: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(SHARED_DIR=str(tmp_path / "no-shared"), CI=ci, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           NEEDS_SHARED], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_missing_shared_skips_with_one_summary_line(tmp_path: Path) -> None:
    proc = _pytest(tmp_path, "")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if "because ../shared" in ln]
    assert len(lines) == 1 and lines[0].startswith("audiogpt: 1 test(s) skipped"), proc.stdout
    assert "1 skipped" in proc.stdout


def test_missing_shared_fails_under_ci(tmp_path: Path) -> None:
    proc = _pytest(tmp_path, "true")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "CI=true needs the shared recordings" in proc.stdout and "1 failed" in proc.stdout
