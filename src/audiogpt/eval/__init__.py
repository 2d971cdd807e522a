"""Evaluation: consistency, capability and robustness benchmarks, and metrics (WER)."""
