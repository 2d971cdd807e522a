"""`audiogpt models pull`: throughput, hashing, and what an interrupted pull costs, side by side
with the hub client's own download (``huggingface_hub.hf_hub_download``, the previous way).

HONEST SCOPE: everything is served by the tests' fake hub on 127.0.0.1 (no network here), so
throughput is the local loopback + disk + sha256 speed, not a real hub's. The model is a
synthetic 64 MB file (random bytes) named like a checkpoint. The machine is shared (2 cores,
eight engineers' jobs): times are noisy upper bounds.

``tiny_backends``: the backends added for Stable Audio Open, Kokoro and Pocket TTS, each on a
TINY RANDOM model the tests build (real weights cannot be downloaded here), pulled from the fake
hub and run through the tool: pull, first call (load + run) and second call (run) times, beside
the embedded default on the same request. The foundation outputs are noise, so these are
code-path costs only, never quality; the real models are far larger and slower.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import peak_rss_mb, timed

SIZE_MB = 64
REPO = "laion/clap-htsat-unfused"  # served under a catalog name; the files are synthetic
NAME = "clap-htsat-unfused"


def _served_bytes(hub: Any, rel: str, size: int) -> int:
    """Bytes the fake hub was asked for (each GET from its Range start to the end)."""
    total = 0
    for rng in hub.ranges.get(rel, []):
        start = int(rng.split("=")[1].split("-")[0]) if rng else 0
        total += size - start
    return total


def main() -> dict[str, Any]:
    from audiogpt.backends.models import hub as models_hub
    from audiogpt.core.errors import AudioGPTError
    from tests.fake_hub import HubServer

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as td:
        src = Path(td) / "model"
        src.mkdir()
        (src / "config.json").write_text('{"model_type": "synthetic"}')
        rel = "model.safetensors"
        size = SIZE_MB * 1024 * 1024
        (src / rel).write_bytes(np.random.default_rng(0).bytes(size))
        os.environ.update(HF_HOME=str(Path(td) / "hf"), AUDIOGPT_HOME=str(Path(td) / "home"),
                          HF_HUB_DISABLE_PROGRESS_BARS="1", HF_HUB_DISABLE_TELEMETRY="1")
        os.environ.pop("HF_HUB_OFFLINE", None)
        with HubServer() as hub:
            hub.add(REPO, src)
            os.environ["HF_ENDPOINT"] = hub.url
            _, pull_s = timed(lambda: models_hub.pull(NAME, echo=lambda m: None))
            _, verify_s = timed(lambda: models_hub.verify(NAME, echo=lambda m: None))
            out["pull"] = {"mb": SIZE_MB, "seconds": round(pull_s, 2),
                           "mb_per_s": round(SIZE_MB / pull_s, 1),
                           "verify_seconds": round(verify_s, 2),
                           "verify_mb_per_s": round(SIZE_MB / verify_s, 1)}
            # Interrupted at half, then pulled again (a new process would see the same files).
            models_hub.remove(NAME)
            hub.ranges.clear()
            hub.cut[rel] = size // 2
            try:
                models_hub.pull(NAME, echo=lambda m: None)
            except AudioGPTError:
                pass
            hub.down.clear()
            models_hub.pull(NAME, echo=lambda m: None)
            ours = _served_bytes(hub, rel, size)
            # The same interruption with huggingface_hub's downloader, retried in a new call.
            from huggingface_hub import hf_hub_download

            cache = Path(td) / "hf-plain"
            hub.ranges.clear()
            hub.cut[rel] = size // 2
            try:
                hf_hub_download(REPO, rel, cache_dir=cache, endpoint=hub.url)
            except Exception:  # the cut, then the outage
                pass
            hub.down.clear()
            hf_hub_download(REPO, rel, cache_dir=cache, endpoint=hub.url)
            plain = _served_bytes(hub, rel, size)
            out["interrupted_at_half"] = {
                "audiogpt_pull_mb_requested": round(ours / 2**20, 1),
                "hf_hub_download_mb_requested": round(plain / 2**20, 1),
                "file_mb": SIZE_MB,
                "note": "bytes asked of the hub, first attempt included; a resumed pull asks "
                        "only for the missing half"}
    out["tiny_backends"] = tiny_backends()
    return out


def tiny_backends() -> dict[str, Any]:
    """Pull each tiny model from the fake hub and time the tool on it and on the default."""
    from audiogpt.app import App
    from audiogpt.backends.models import hub as models_hub
    from audiogpt.backends.models.catalog import get_spec
    from tests.conftest import JFK
    from tests.fake_hub import HubServer
    from tests.tiny_models_found import build_kokoro, build_pocket_tts, build_stable_audio

    text = "Ask not what your country can do for you."
    cases = [  # (catalog names, tool, args, default backend)
        (["stable-audio-open-1.0"], "text_to_audio", {"text": "rain on a tin roof",
                                                      "duration": 1.2}, "procedural"),
        (["kokoro-82m"], "text_to_speech", {"text": text}, "offline"),
        (["pocket-tts-english-2m", "pocket-tts-tokenizer-english-2m"], "voice_clone",
         {"text": text, "reference": str(JFK)}, "world-map"),
    ]
    os.environ["AUDIOGPT_STABLE_AUDIO_STEPS"] = "8"
    res: dict[str, Any] = {"note": "tiny random models: code-path times, not model quality; "
                                   "Stable Audio at 8 steps"}
    with tempfile.TemporaryDirectory() as td, HubServer() as fake:
        os.environ["HF_ENDPOINT"] = fake.url
        sa = build_stable_audio(Path(td) / "sa")
        fake.add("stabilityai/stable-audio-open-1.0", sa)
        fake.add("hexgrad/Kokoro-82M", build_kokoro(Path(td) / "kokoro"))
        weights, tok = build_pocket_tts(Path(td) / "pocket")
        fake.add("kyutai/pocket-tts", weights, get_spec("pocket-tts-english-2m").revision)
        fake.add("kyutai/pocket-tts-without-voice-cloning", tok,
                 get_spec("pocket-tts-tokenizer-english-2m").revision)
        app = App()
        for names, tool, args, default in cases:
            pull_s = 0.0
            for name in names:
                _, s_ = timed(lambda n=name: models_hub.pull(n, accept_license=True,
                                                             echo=lambda m: None))
                pull_s += s_
            first, first_s = timed(lambda t=tool, a=args: app.run_tool(t, a))
            _, second_s = timed(lambda t=tool, a=args: app.run_tool(t, a))
            base, base_s = timed(lambda t=tool, a=args, b=default: app.run_tool(t, a, backend=b))
            res[tool] = {"models": names, "backend": first.backend, "pull_s": round(pull_s, 2),
                         "first_call_s": round(first_s, 2), "second_call_s": round(second_s, 2),
                         "default_backend": base.backend, "default_s": round(base_s, 2),
                         "peak_rss_mb": round(peak_rss_mb(), 0)}
    return res
