"""Benchmarks for this app (see bosetting/demo/benchmarking.py): search among 250,000 persons.

Timed on the national data set (bosetting/demo/national): 250,000 invented persons in ten years
of cases, with names from the demo's lists.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from bosetting.demo import national
from bosetting.demo.benchmarking import PAGE_GOAL_MS, Benchmark, bench_user, logged_in_client
from bosetting.demo.national.plan import PERSONS, duf_number


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    user = bench_user()
    national.ensure_for_bench(by=user, progress=progress)
    client = logged_in_client(user)
    url = reverse("cases:case_list")
    target = duf_number(PERSONS // 2 + 17)

    return [
        Benchmark(
            "Personsøk på DUF-nummer (250 000 personer)",
            lambda: client.post(url, {"term": target}),
            goal_ms=300,
        ),
        Benchmark(
            "Personsøk på navn, prefiks (250 000 personer)",
            lambda: client.post(url, {"term": "Gebremed"}),
            goal_ms=300,
        ),
        Benchmark(
            "Personsøk på fornavn og etternavn (250 000 personer)",
            lambda: client.post(url, {"term": "olena kova"}),
            goal_ms=300,
        ),
        Benchmark(
            "Saksliste, første side (IMDi, alle saker)",
            lambda: client.get(url),
            goal_ms=PAGE_GOAL_MS,
        ),
    ]
