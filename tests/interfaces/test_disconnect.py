"""A client that disconnects from a synchronous ``POST /api/tools/{name}`` stops its work."""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx
import numpy as np
import pytest
import soundfile as sf

from tests.interfaces.server_util import start_server

pytestmark = pytest.mark.slow


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_disconnected_client_stops_a_long_transcription(tmp_path: Path, jfk: Path) -> None:
    speech, rate = sf.read(jfk, dtype="float32")
    long = tmp_path / "long.wav"
    sf.write(long, np.tile(speech, 17), rate)  # 3 minutes: three 60-s blocks
    server = start_server(tmp_path / "home", "--no-ui", timeout=120)
    try:
        with pytest.raises(httpx.ReadTimeout):  # the client gives up and closes
            httpx.post(server.url + "/api/tools/speech_recognition",
                       files={"audio": ("long.wav", long.read_bytes(), "audio/wav")},
                       timeout=httpx.Timeout(60.0, read=4.0))
        end = time.monotonic() + 240  # model load + first decoded segment, loaded machine
        while "the client disconnected; the run stopped" not in server.log.read_text():
            assert time.monotonic() < end, server.log.read_text()[-3000:]
            time.sleep(0.5)
        before = _cpu_s(server.proc.pid)
        time.sleep(3.0)
        assert _cpu_s(server.proc.pid) - before < 0.6, "the server is still working"
        hist = httpx.get(server.url + "/api/sessions/api", timeout=30)
        # Nothing stored, and the imported input copy removed again.
        assert hist.status_code == 404 or not hist.json()["artifacts"], hist.text
        assert httpx.get(server.url + "/api/health", timeout=10).json() == {"status": "ok"}
    finally:
        server.stop()
