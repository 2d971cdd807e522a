"""A learned intent arbiter: which tool a request starts with (or none), from its sentence
embedding, its situation and the rule lexicon's own scores.

The model is a multinomial logistic regression trained by ``scripts/train-intent.py`` on the
labelled case files; its weights ship in ``dialogue/data/intent_arbiter.npz``, pinned by
sha256 and loaded lazily once. Inference is plain numpy. When the file is missing or altered,
or the sentence encoder is unavailable, :func:`predict` returns None and the planner decides
on its rules alone.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from audiogpt.backends.pinned import sha256_of

logger = logging.getLogger(__name__)

WEIGHTS = Path(__file__).resolve().parent / "data" / "intent_arbiter.npz"
WEIGHTS_SHA256 = "1e7bf9230d1f8e53b45f0ab2301c4822aa85958c2f83c95b6cde7b0b72ded4c9"
NONE = "__none__"
# Situation features, in order (see :func:`situation_vector`).
SITUATION = ("audio", "audio2", "image", "video", "session_audio", "session_text", "session_image",
             "quote")
LEXICON_SCALE = 4.0  # a clear trigger weighs about 4
_lock = threading.Lock()


@dataclass(frozen=True)
class Arbiter:
    """The loaded model: ``softmax(W @ x + b)`` over ``labels``."""

    labels: tuple[str, ...]
    tools: tuple[str, ...]  # the lexicon columns, in order
    mean: Any
    scale: Any
    weights: Any
    bias: Any

    def probabilities(self, x: Any) -> dict[str, float]:
        """Class probabilities for one feature vector."""
        import numpy as np

        z = self.weights @ ((x - self.mean) / self.scale) + self.bias
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {label: float(v) for label, v in zip(self.labels, p.tolist(), strict=True)}


def situation_vector(attachment_kinds: list[str], artifact_kinds: list[str],
                     has_quote: bool) -> list[float]:
    """What the request has to work with, as numbers (the order of :data:`SITUATION`)."""
    n_audio = sum(k == "audio" for k in attachment_kinds)
    return [float(n_audio >= 1), float(n_audio >= 2),
            float(any(k == "image" for k in attachment_kinds)),
            float(any(k == "video" for k in attachment_kinds)),
            float(any(k == "audio" for k in artifact_kinds)),
            float(any(k == "text" for k in artifact_kinds)),
            float(any(k == "image" for k in artifact_kinds)),
            float(has_quote)]


def embed_text(protected: str) -> str:
    """The text the encoder reads: quoted payloads stand as "this text" (as in intent.py)."""
    return re.sub(r"QTEXT\d+", "this text", protected)


def features(protected: str, attachment_kinds: list[str], artifact_kinds: list[str],
             has_quote: bool, tools: tuple[str, ...], vector: Any = None) -> Any | None:
    """The feature vector of a request: embedding, situation, lexicon scores per tool.

    Args:
        protected: The request after quote protection and spelling fixes (what the planner reads).
        attachment_kinds: Kinds of this turn's attachments ("audio", "image", "video", ...).
        artifact_kinds: Kinds of the session's artifacts.
        has_quote: Whether the request quotes a text.
        tools: The lexicon columns, in order.
        vector: The request's embedding when already computed (else it is encoded here).

    Returns:
        A float32 vector, or None when the sentence encoder is unavailable.
    """
    import numpy as np

    from audiogpt.dialogue.intent import lexicon_scores

    if vector is None:
        from audiogpt.dialogue import embed

        enc = embed.encode([embed_text(protected)])
        if enc is None:
            return None
        vector = enc[0]
    lex = lexicon_scores(protected)
    lex_vec = [min(lex.get(t, 0.0), 8.0) / LEXICON_SCALE for t in tools]
    sit = situation_vector(attachment_kinds, artifact_kinds, has_quote)
    return np.concatenate([np.asarray(vector, dtype=np.float32),
                           np.asarray(sit + lex_vec, dtype=np.float32)])


def load(path: Path = WEIGHTS, sha256: str | None = None) -> Arbiter | None:
    """Read and verify a weights file; None (with a warning) when missing or altered."""
    import numpy as np

    want = WEIGHTS_SHA256 if sha256 is None else sha256
    if not path.is_file():
        logger.warning("intent arbiter unavailable: %s is missing", path)
        return None
    got = sha256_of(path)
    if got != want:
        logger.warning("intent arbiter refused: %s has sha256 %s, expected %s", path, got, want)
        return None
    with np.load(path, allow_pickle=False) as data:
        return Arbiter(labels=tuple(str(s) for s in data["labels"]),
                       tools=tuple(str(s) for s in data["tools"]),
                       mean=data["mean"].astype(np.float32), scale=data["scale"].astype(np.float32),
                       weights=data["weights"].astype(np.float32),
                       bias=data["bias"].astype(np.float32))


@lru_cache(maxsize=1)
def model() -> Arbiter | None:
    """The shipped arbiter, loaded once per process (None when unavailable)."""
    with _lock:
        return load()


def predict(protected: str, attachment_kinds: list[str], artifact_kinds: list[str],
            has_quote: bool, arbiter: Arbiter | None = None) -> tuple[str, float] | None:
    """The likeliest first tool (or :data:`NONE`) and its probability; None when unavailable."""
    arb = arbiter or model()
    if arb is None:
        return None
    x = features(protected, attachment_kinds, artifact_kinds, has_quote, arb.tools)
    if x is None:
        return None
    probs = arb.probabilities(x)
    label = max(probs, key=lambda k: probs[k])
    return label, probs[label]
