"""Batch runs: one tool (or a plan's chain of tools) over many files.

``audiogpt batch TOOL --input DIR|GLOB|LIST.jsonl --out DIR`` streams the inputs through a
bounded queue to local worker processes (:mod:`audiogpt.batch.local`) or Ray actors
(:mod:`audiogpt.batch.ray_exec`); each worker loads its models once and reuses them. Results
are appended (and fsynced) to ``OUT/results.jsonl`` one line per item, so an interrupted
batch loses nothing and a re-run skips what is done (:mod:`audiogpt.batch.results`).
"""

from audiogpt.batch.run import BatchSummary, run_batch

__all__ = ["BatchSummary", "run_batch"]
