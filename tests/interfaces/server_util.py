"""Helpers for the server tests: start `audiogpt serve` on a free loopback port, write clips."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running ``audiogpt serve`` subprocess."""

    proc: subprocess.Popen
    url: str
    home: Path
    startup_s: float
    log: Path

    def stop(self) -> None:
        """Terminate it (and wait)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)


def start_server(home: Path, *extra: str, timeout: float = 60.0,
                 env: dict[str, str] | None = None) -> Server:
    """Start ``audiogpt serve`` and wait until ``/api/health`` answers (or fail)."""
    port = free_port()
    home.mkdir(parents=True, exist_ok=True)
    log = home / f"serve-{port}.log"
    full_env = dict(os.environ, AUDIOGPT_HOME=str(home), GRADIO_ANALYTICS_ENABLED="False",
                    **(env or {}))
    start = time.perf_counter()
    with log.open("wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "audiogpt", "serve", "--host", "127.0.0.1",
                                 "--port", str(port), *extra], stdout=fh, stderr=subprocess.STDOUT,
                                env=full_env)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"audiogpt serve exited {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            if httpx.get(url + "/api/health", timeout=2).json() == {"status": "ok"}:
                return Server(proc, url, home, time.perf_counter() - start, log)
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.25)
    proc.kill()
    raise RuntimeError(f"audiogpt serve not healthy within {timeout:.0f} s: "
                       f"{log.read_text()[-2000:]}")


def write_tone(path: Path, seconds: float = 1.0, sr: int = 16000, freq: float = 440.0) -> Path:
    """A short sine tone WAV."""
    from audiogpt.core.audio import Audio
    from tests.conftest import sine

    Audio(sine(freq, seconds, sr), sr).to_file(path)
    return path


def raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET ``path`` sent byte-for-byte (no client-side normalisation of ``..`` or escapes)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
                  .encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, body
