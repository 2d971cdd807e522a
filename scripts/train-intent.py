"""Train the planner's intent arbiter, or cross-validate it leave-one-set-out.

    python scripts/train-intent.py                 # train on ALL labelled requests, write the weights
    python scripts/train-intent.py --cv            # leave-one-set-out scores (rules vs arbiter)
    python scripts/train-intent.py --cv --grid     # ... over the hyper-parameter grid

Reads tests/dialogue/data/*.jsonl (sorted; never the sealed blind sets, arbiter_train.SEALED),
../shared/routing-dev.jsonl when present, and the requests of the planner's mechanism tests
(tests/dialogue/test_*.py, parametrized with query and tools). Writes src/audiogpt/dialogue/data/intent_arbiter.npz
and prints its sha256, which must then be pinned in audiogpt/dialogue/arbiter.py.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# --src DIR: score another version of the rules (e.g. the code as it was when a blind set came).
SRC = Path(sys.argv[sys.argv.index("--src") + 1]) if "--src" in sys.argv[:-1] else ROOT / "src"
sys.path.insert(0, str(SRC))

from audiogpt.dialogue import arbiter as A  # noqa: E402
from audiogpt.dialogue import arbiter_train as T  # noqa: E402
from audiogpt.dialogue.planner.arbitrate import DEFAULT, Combination  # noqa: E402

# The first shipped combination (notes/intentml.md).
DEFAULT_INTENTML = Combination(unsure=0.4, decline_trigger=0.0, sure_gloss=False, chains=True)

logger = logging.getLogger("train-intent")
C_DEFAULT = 0.3  # chosen by leave-one-set-out on p13p and p13s (notes/chain.md; 0.1 before)
GRID_C = (0.1,)
GRID_RULES = [DEFAULT_INTENTML] + [
    Combination(weak=w, strong=1.01, low_confidence=lc, decline=0.8, feasible=True, unsure=u,
                decline_trigger=dt, sure_gloss=True, chains=ch)
    for w in (0.4, 0.6) for lc in (0.8, 0.9) for u in (0.6, 0.75, 0.9, 1.01)
    for dt in (0.85, 0.9, 0.98, 1.01) for ch in (True, False)]
# Round 4 (notes/chain.md), with the mechanism tests' requests in the training data: unsure 0.6
# below low_confidence 0.9, chosen on p13q + p13r after their first score (then tuned on).
# Round 3 (notes/chain.md) chose unsure 0.75 and chains on by the CV on p13p and p13s, and
# decline_trigger > 1 because the arbiter's "none" reached 0.99 on supported wordings of the
# mechanism tests ("write out the dialogue of this video") while the right declines of p13s had
# 0.88-0.93: its probability does not tell them apart.
# Round 2 (notes/arbiter2.md) also tried decline 0.8/0.9, decline_trigger 0/0.99/0.995 and
# sure_gloss False: no difference on the CV, or a loss.
# Earlier rounds of the grid (notes/intentml.md): unsure 0.4/0.9 x decline 0.8/0.98 x latin_only;
# C in (0.03, 0.1, 0.3, 1, 3); weak 0.3-0.8;
# strong 0.7-1.01; low_confidence 0, 0.5, 0.8; decline 0.6-1.01; unsure 0.4-0.95; feasible.


def main() -> int:
    """Command line entry."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out scores instead of training")
    ap.add_argument("--grid", action="store_true", help="with --cv: every C and combination")
    ap.add_argument("--c", type=float, default=C_DEFAULT, help="inverse regularisation strength")
    ap.add_argument("--out", type=Path, default=A.WEIGHTS, help="weights file to write")
    ap.add_argument("--src", type=Path, default=SRC, help="source tree of the planner to score")
    ap.add_argument("--blind", nargs="*", default=list(T.BLIND_SETS), help="sets to leave out")
    ap.add_argument("--data", type=Path, default=ROOT / "tests" / "dialogue" / "data")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = T.training_examples(ROOT, args.data)
    tools = T.catalog_tools()
    x = T.matrix(rows, tools)
    logger.info("%d cases from %d sources, %d features", len(rows), len({r.source for r in rows}), x.shape[1])
    if args.cv:
        grid_c = GRID_C if args.grid else (args.c,)
        rules = GRID_RULES if args.grid else [DEFAULT]
        for c in grid_c:
            result = T.leave_one_set_out(rows, x, tools, c, rules, tuple(args.blind))
            report = {"C": c, "mean_rules": result["mean"]["rules"],
                      "classifier_accuracy": {k: v["classifier_accuracy"] for k, v in result.items()},
                      "per_set_rules": {k: v["rules"] for k, v in result.items() if k != "mean"},
                      "combos": [{"rule": vars(r), "mean": result["mean"]["combos"][j],
                                  "per_set": {k: v["combos"][j] for k, v in result.items()
                                              if k != "mean"}}
                                 for j, r in enumerate(rules)]}
            sys.stdout.write(json.dumps(report) + "\n")
            sys.stdout.flush()
        return 0
    model = T.fit(x, [r.label for r in rows], tools, args.c)
    digest = T.save(model, args.out)
    logger.info("wrote %s (%d bytes), sha256 %s", args.out, args.out.stat().st_size, digest)
    sys.stdout.write(digest + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
