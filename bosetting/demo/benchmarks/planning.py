"""Benchmarks for this app (see bosetting/demo/benchmarking.py): IMDi's year overview, whole country.

Timed on the national data set (bosetting/demo/national): this year's requests and decisions for
all 357 municipalities, among ten years of them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from bosetting.demo import national
from bosetting.demo.benchmarking import Benchmark, bench_user, logged_in_client

# The same bench user as the other apps' benchmarks: whichever runs first creates it.


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    year = timezone.localdate().year
    user = bench_user()
    national.ensure_for_bench(by=user, progress=progress)
    client = logged_in_client(user)
    url = reverse("planning:overview") + f"?aar={year}"
    return [
        Benchmark(
            name="Årsoversikt anmodninger og vedtak, 357 kommuner",
            run=lambda: client.get(url),
            goal_ms=1000,
        ),
    ]
