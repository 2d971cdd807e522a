"""Run every ``benchmarks/bench_*.py`` (or those named): ``python -m benchmarks [NAME ...]``.

Each module has ``main() -> dict``; results go to ``bench-output/<name>.json`` and a summary
is printed. Set ``AUDIOGPT_HOME`` to keep the benchmark's artifacts elsewhere.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "bench-output"


def main(argv: list[str]) -> int:
    """Run the benchmarks named in ``argv`` (all when empty)."""
    logging.basicConfig(level=logging.WARNING)
    names = argv or sorted(p.stem[6:] for p in HERE.glob("bench_*.py"))
    OUT.mkdir(exist_ok=True)
    os.environ.setdefault("AUDIOGPT_HOME", tempfile.mkdtemp(prefix="audiogpt-bench-"))
    failed = 0
    for name in names:
        mod = importlib.import_module(f"benchmarks.bench_{name}")
        start = time.perf_counter()
        try:
            result = mod.main()
        except Exception as exc:  # report and go on with the others
            logging.exception("benchmark %s failed", name)
            result = {"error": f"{type(exc).__name__}: {exc}"}
            failed += 1
        result["_wall_seconds"] = round(time.perf_counter() - start, 2)
        (OUT / f"{name}.json").write_text(json.dumps(result, indent=2, default=str))
        sys.stdout.write(f"\n== {name} ==\n{json.dumps(result, indent=2, default=str)}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
