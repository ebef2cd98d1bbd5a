"""Benchmarks for this app (see bosetting/core/benchmarking.py)."""

from __future__ import annotations

from collections.abc import Callable

from bosetting.core.benchmarking import Benchmark


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    return []
