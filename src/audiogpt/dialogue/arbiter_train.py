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

from audiogpt.backends.pinned import sha256_of
from audiogpt.dialogue import arbiter as A

logger = logging.getLogger(__name__)

# Sealed blind sets: never read by training (they are scored once, then become tuning sets).
SEALED = ("routing_heldout_p13v.jsonl", "routing_heldout_p13w.jsonl")
BLIND_SETS = ("routing_heldout_p13h", "routing_heldout_p13k", "routing_heldout_p13m",
              "routing_heldout_p13n", "routing_heldout_p13o", "routing_heldout_p13p",
              "routing_heldout_p13s", "routing_heldout_p13q", "routing_heldout_p13r",
              "routing_heldout_p13t", "routing_heldout_p13u")
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
    """The labelled case files, sorted, without the sealed blind sets."""
    files = sorted(p for p in data_dir.glob("*.jsonl") if p.name not in SEALED)
    return files + sorted(p for p in extra or [] if p.is_file() and p.name not in SEALED)


def examples(files: list[Path]) -> list[Example]:
    """Read every case of ``files`` as an :class:`Example` (label: first tool or "none")."""
    from audiogpt.eval.routing import load_cases

    return [example(case, path.stem) for path in files for case in load_cases(path)]


def example(case: dict[str, Any], source: str) -> Example:
    """One labelled case (``query``, ``attachments``, ``artifacts``, ``tools``) as an :class:`Example`."""
    from audiogpt.dialogue.planner.arbitrate import read_request
    from audiogpt.eval.routing import attachments_for

    read, quoted = read_request(case["query"], case.get("artifacts") or [])
    atts = attachments_for(case.get("attachments") or [])
    return Example(source=source, case=case, read=read, quoted=quoted,
                   attachment_kinds=tuple(a["kind"] for a in atts),
                   artifact_kinds=tuple(str(a.get("kind", "")) for a in case.get("artifacts") or []),
                   label=(case.get("tools") or [A.NONE])[0])


MECHANISMS = "mechanism_tests"  # the source name of the requests below


def training_examples(root: Path, data_dir: Path | None = None) -> list[Example]:
    """Everything the shipped arbiter learns from: the case files (``tests/dialogue/data``
    without the sealed sets, and ``../shared/routing-dev.jsonl``) and the mechanism tests'
    requests (:func:`mechanism_cases`)."""
    import sys

    if str(root) not in sys.path:
        sys.path.insert(0, str(root))  # the test modules import ``tests.dialogue...``
    files = case_files(data_dir or root / "tests" / "dialogue" / "data",
                       [root.parent / "shared" / "routing-dev.jsonl"])
    return examples(files) + [example(c, MECHANISMS) for c in mechanism_cases(root / "tests" / "dialogue")]


def mechanism_cases(test_dir: Path) -> list[dict[str, Any]]:
    """The requests of the planner's mechanism tests, as cases.

    Every ``tests/dialogue/test_*.py`` test parametrized with ``query`` and ``tools`` (and
    ``kinds``/``atts``, ``arts``) is a request labelled by the engineer who wrote the rule it
    guards: wordings the rules get right, which the arbiter must learn not to overrule.
    The test modules are imported (their folder's parent must be importable as ``tests``).
    """
    import importlib

    cases: list[dict[str, Any]] = []
    for path in sorted(test_dir.glob("test_*.py")):
        module = importlib.import_module(f"tests.{test_dir.name}.{path.stem}")
        for name in sorted(vars(module)):
            marks = getattr(getattr(module, name), "pytestmark", []) if name.startswith("test") else []
            for mark in (m for m in marks if m.name == "parametrize"):
                names = mark.args[0].split(",") if isinstance(mark.args[0], str) else list(mark.args[0])
                names = [n.strip() for n in names]
                if "query" not in names or "tools" not in names:
                    continue
                for values in mark.args[1]:
                    row = dict(zip(names, getattr(values, "values", values), strict=True))
                    files = row.get("kinds", row.get("atts")) or []
                    if not all(isinstance(f, str) for f in files):
                        continue
                    cases.append({"query": row["query"], "attachments": list(files),
                                  "artifacts": row.get("arts") or [], "tools": row["tools"]})
    return cases


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
    return sha256_of(path)


def catalog_tools() -> tuple[str, ...]:
    """The lexicon columns: every catalogued tool, sorted."""
    from audiogpt.dialogue.catalog import CATALOG

    return tuple(sorted(CATALOG))


class _Fixed:
    """A "planner" that answers with a plan made already (to score one case)."""

    def __init__(self, plan: Any) -> None:
        self.made = plan

    def plan(self, *_: Any, **__: Any) -> Any:
        """The plan given at construction."""
        return self.made


SCORES = ("tool_sequence_accuracy", "argument_accuracy", "unsupported_declined")


def _counts(case: dict[str, Any], plan: Any) -> tuple[int, int, float, int, int]:
    """(tool-sequence cases, right, right checks, checks, declined right) of one case."""
    from audiogpt.eval.routing import evaluate

    r = evaluate([case], _Fixed(plan))
    n_checks = len(case.get("checks") or []) if case.get("tools") is not None else 0
    if case.get("tools") is None:
        return 0, 0, 0.0, 0, int(r["unsupported_declined"] == 1.0)
    return 1, int(r["tool_sequence_accuracy"] == 1.0), (r["argument_accuracy"] or 0.0) * n_checks, \
        n_checks, 0


def _total(rows: list[tuple[int, int, float, int, int]]) -> dict[str, float | None]:
    seq_n = sum(r[0] for r in rows)
    arg_n = sum(r[3] for r in rows)
    dec_n = sum(1 for r in rows if r[0] == 0)
    return {"tool_sequence_accuracy": round(sum(r[1] for r in rows) / seq_n, 4) if seq_n else None,
            "argument_accuracy": round(sum(r[2] for r in rows) / arg_n, 4) if arg_n else None,
            "unsupported_declined": round(sum(r[4] for r in rows) / dec_n, 4) if dec_n else None}


def fold_outcomes(model: A.Arbiter, rows: list[Example], x: Any) -> list[dict[str, Any]]:
    """Per case: the rules' plan and its counts, the arbiter's guess, the overruled plan's counts."""
    from audiogpt.agent import references
    from audiogpt.dialogue.planner import Planner
    from audiogpt.dialogue.planner.arbitrate import has_audio, overruled
    from audiogpt.eval.routing import attachments_for

    base = Planner(arbiter=False)
    out = []
    for row, xi in zip(rows, x, strict=True):
        case = row.case
        atts = attachments_for(case.get("attachments") or [])
        arts = case.get("artifacts") or []
        plan = base.rules_plan(case["query"], atts, arts)
        probs = model.probabilities(xi)
        choice = max(probs, key=probs.__getitem__)
        alt = overruled(base, plan, case["query"], atts, arts, None, choice, probs[choice])
        out.append({"plan": plan, "choice": choice, "prob": probs[choice],
                    "has_audio": has_audio(atts or references.typed_attachments(case["query"]), arts),
                    "rules": _counts(case, plan), "arbiter": _counts(case, alt),
                    "right": choice == row.label})
    return out


def combine(outcomes: list[dict[str, Any]], rule: Any) -> dict[str, float | None]:
    """The scores of rules+arbiter under the combination ``rule``."""
    from audiogpt.dialogue.planner.arbitrate import overrules

    return _total([o["arbiter"] if overrules(o["plan"], o["choice"], o["prob"], rule, o["has_audio"])
                   else o["rules"] for o in outcomes])


def leave_one_set_out(rows: list[Example], x: Any, tools: tuple[str, ...], c: float,
                      rules: list[Any], blind: tuple[str, ...] = BLIND_SETS) -> dict[str, Any]:
    """For each blind set: train on every other file, score the rules and rules+arbiter on it.

    Returns:
        ``{set: {"rules": scores, "classifier_accuracy": float, "combos": [scores per rule]}}``
        plus ``"mean"`` over the sets of the same.
    """
    out: dict[str, Any] = {}
    for name in blind:
        test = [i for i, r in enumerate(rows) if r.source == name]
        train = [i for i, r in enumerate(rows) if r.source != name]
        if not test:
            continue
        model = fit(x[train], [rows[i].label for i in train], tools, c)
        outcomes = fold_outcomes(model, [rows[i] for i in test], x[test])
        out[name] = {"rules": _total([o["rules"] for o in outcomes]),
                     "classifier_accuracy": round(sum(o["right"] for o in outcomes) / len(outcomes), 4),
                     "combos": [combine(outcomes, rule) for rule in rules]}
    sets = list(out)
    out["mean"] = {
        "rules": {k: _mean([out[s]["rules"][k] for s in sets]) for k in SCORES},
        "classifier_accuracy": _mean([out[s]["classifier_accuracy"] for s in sets]),
        "combos": [{k: _mean([out[s]["combos"][j][k] for s in sets]) for k in SCORES}
                   for j in range(len(rules))]}
    return out


def _mean(values: list[float | None]) -> float:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else 0.0
