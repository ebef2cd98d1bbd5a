"""Benchmarks for this app (see bosetting/demo/benchmarking.py): IMDi's year overview and the
request preparation, whole country.

Timed on the national data set (bosetting/demo/national): this year's requests and decisions for
all 357 municipalities, among ten years of them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from bosetting.demo import national
from bosetting.demo.benchmarking import PAGE_GOAL_MS, Benchmark, bench_user, logged_in_client

# The same bench user as the other apps' benchmarks: whichever runs first creates it.


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    year = timezone.localdate().year
    user = bench_user()
    national.ensure_for_bench(by=user, progress=progress)
    client = logged_in_client(user)
    url = reverse("planning:overview") + f"?aar={year}"
    # Next year has no requests sent yet: the preparation table has a row for every municipality.
    prepare = reverse("planning:prepare") + f"?aar={year + 1}"
    return [
        Benchmark(
            name="Årsoversikt anmodninger og vedtak, 357 kommuner",
            run=lambda: client.get(url),
            goal_ms=PAGE_GOAL_MS,
        ),
        Benchmark(
            name="Forbered anmodninger, hele landet (357 rader)",
            run=lambda: client.get(prepare),
            goal_ms=PAGE_GOAL_MS,
        ),
    ]
