"""Benchmarks: upstream calls, ratios and timings, run against the embedded simulator."""
