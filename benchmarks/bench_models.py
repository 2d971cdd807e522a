"""`audiogpt models pull`: throughput, hashing, and what an interrupted pull costs, side by side
with the hub client's own download (``huggingface_hub.hf_hub_download``, the previous way).

HONEST SCOPE: everything is served by the tests' fake hub on 127.0.0.1 (no network here), so
throughput is the local loopback + disk + sha256 speed, not a real hub's. The model is a
synthetic 64 MB file (random bytes) named like a checkpoint. The machine is shared (2 cores,
eight engineers' jobs): times are noisy upper bounds.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import timed

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
    return out
