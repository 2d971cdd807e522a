"""Benchmarks: quality on the shared recordings, real-time factor, latency, memory."""
