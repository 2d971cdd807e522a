"""Training and leave-one-set-out evaluation of the intent arbiter (needs scikit-learn; the
runtime in :mod:`audiogpt.dialogue.arbiter` does not).

Used by ``scripts/train-intent.py``. Deterministic: the case files are read in sorted order,
the solver is seeded, and the weights file is written with fixed zip timestamps.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiogpt.dialogue import arbiter as A

logger = logging.getLogger(__name__)

SEALED = "routing_heldout_p13o.jsonl"  # a sealed blind set: never read
BLIND_SETS = ("routing_heldout_p13h", "routing_heldout_p13k", "routing_heldout_p13m",
              "routing_heldout_p13n")
SEED = 13


@dataclass(frozen=True)
class Example:
    """One labelled request and what the arbiter reads of it."""

    source: str  # the case file's stem
    case: dict[str, Any]
    read: str
    quoted: bool
    attachment_kinds: tuple[str, ...]
    artifact_kinds: tuple[str, ...]
    label: str


def case_files(data_dir: Path, extra: list[Path] | None = None) -> list[Path]:
    """The labelled case files, sorted, without the sealed blind set."""
    files = sorted(p for p in data_dir.glob("*.jsonl") if p.name != SEALED)
    return files + sorted(p for p in extra or [] if p.is_file() and p.name != SEALED)


def examples(files: list[Path]) -> list[Example]:
    """Read every case of ``files`` as an :class:`Example` (label: first tool or "none")."""
    from audiogpt.dialogue.planner.arbitrate import read_request
    from audiogpt.eval.routing import attachments_for, load_cases

    out = []
    for path in files:
        for case in load_cases(path):
            read, quoted = read_request(case["query"])
            atts = attachments_for(case.get("attachments") or [])
            out.append(Example(
                source=path.stem, case=case, read=read, quoted=quoted,
                attachment_kinds=tuple(a["kind"] for a in atts),
                artifact_kinds=tuple(str(a.get("kind", "")) for a in case.get("artifacts") or []),
                label=(case.get("tools") or [A.NONE])[0]))
    return out


def matrix(rows: list[Example], tools: tuple[str, ...]) -> Any:
    """The feature matrix of ``rows`` (one batch through the sentence encoder)."""
    import numpy as np

    from audiogpt.dialogue import embed

    vecs = embed.encode([A.embed_text(r.read) for r in rows])
    if vecs is None:
        raise RuntimeError("the sentence encoder is unavailable; cannot train the arbiter")
    return np.stack([A.features(r.read, list(r.attachment_kinds), list(r.artifact_kinds), r.quoted,
                                tools, vector=v) for r, v in zip(rows, vecs, strict=True)])


def fit(x: Any, labels: list[str], tools: tuple[str, ...], c: float = 1.0) -> A.Arbiter:
    """A multinomial logistic regression on standardised features."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    clf.fit((x - mean) / scale, labels)
    return A.Arbiter(labels=tuple(str(s) for s in clf.classes_), tools=tools,
                     mean=mean.astype(np.float32), scale=scale.astype(np.float32),
                     weights=clf.coef_.astype(np.float32), bias=clf.intercept_.astype(np.float32))


def save(model: A.Arbiter, path: Path) -> str:
    """Write ``model`` as an npz with fixed timestamps (same model -> same bytes); its sha256."""
    import numpy as np

    arrays = {"labels": np.array(model.labels), "tools": np.array(model.tools),
              "mean": model.mean, "scale": model.scale, "weights": model.weights,
              "bias": model.bias}
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())
    return A.file_sha256(path)


def catalog_tools() -> tuple[str, ...]:
    """The lexicon columns: every catalogued tool, sorted."""
    from audiogpt.dialogue.catalog import CATALOG

    return tuple(sorted(CATALOG))


class FoldPlanner:
    """The planner with a given arbiter and combination (for cross-validation)."""

    def __init__(self, model: A.Arbiter, rule: Any) -> None:
        from audiogpt.dialogue.planner import Planner

        self.base = Planner(arbiter=False)
        self.model = model
        self.rule = rule

    def plan(self, text: str, attachments: Any = None, artifacts: Any = None, tools: Any = None) -> Any:
        """Plan like :meth:`Planner.plan`, with this fold's arbiter."""
        from audiogpt.dialogue.planner.arbitrate import arbitrate

        return arbitrate(self.base, text, attachments, artifacts, tools, self.model, self.rule)


SCORES = ("tool_sequence_accuracy", "argument_accuracy", "unsupported_declined")


def leave_one_set_out(rows: list[Example], x: Any, tools: tuple[str, ...], c: float,
                      rules: list[Any], blind: tuple[str, ...] = BLIND_SETS) -> dict[str, Any]:
    """For each blind set: train on every other file, score the rules and rules+arbiter on it.

    Returns:
        ``{set: {"rules": scores, "classifier_accuracy": float, "combos": [scores per rule]}}``
        plus ``"mean"`` over the sets of the same.
    """
    import numpy as np

    from audiogpt.dialogue.planner import Planner
    from audiogpt.eval.routing import evaluate

    out: dict[str, Any] = {}
    for name in blind:
        test = [i for i, r in enumerate(rows) if r.source == name]
        train = [i for i, r in enumerate(rows) if r.source != name]
        if not test:
            continue
        model = fit(x[train], [rows[i].label for i in train], tools, c)
        hits = [max(p := model.probabilities(x[i]), key=p.__getitem__) == rows[i].label for i in test]
        cases = [rows[i].case for i in test]
        base = _scores(evaluate(cases, Planner(arbiter=False)))
        combos = [_scores(evaluate(cases, FoldPlanner(model, rule))) for rule in rules]
        out[name] = {"rules": base, "classifier_accuracy": round(float(np.mean(hits)), 4),
                     "combos": combos}
    sets = list(out)
    out["mean"] = {
        "rules": {k: _mean([out[s]["rules"][k] for s in sets]) for k in SCORES},
        "classifier_accuracy": _mean([out[s]["classifier_accuracy"] for s in sets]),
        "combos": [{k: _mean([out[s]["combos"][j][k] for s in sets]) for k in SCORES}
                   for j in range(len(rules))]}
    return out


def _scores(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result[k] for k in (*SCORES, "latency_ms_p95")}


def _mean(values: list[float | None]) -> float:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else 0.0
