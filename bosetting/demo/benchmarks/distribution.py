"""Benchmarks for this app (see bosetting/demo/benchmarking.py): IMDi's work list and the table of
free places, on the national data set (bosetting/demo/national): about 3,000 ready cases, this
year's decisions for all 357 municipalities, and ten years of matched and settled cases.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from bosetting.cases.models import Case, CaseState
from bosetting.demo import national
from bosetting.demo.benchmarking import PAGE_GOAL_MS, Benchmark, bench_user, logged_in_client
from bosetting.distribution.queries import places_table

# The same bench user as the other apps' benchmarks: whichever runs first creates it.


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    year = timezone.localdate().year
    user = bench_user()
    national.ensure_for_bench(by=user, progress=progress)
    ready = Case.objects.filter(state=CaseState.READY).count()
    client = logged_in_client(user)
    url = reverse("distribution:work_list")
    filtered = f"{url}?category=resettlement&household_size=2&min_days_waiting=0"
    return [
        Benchmark(
            f"Fordeling: arbeidsliste, første side, med ledige plasser ({ready} klare saker)",
            lambda: client.get(url),
            goal_ms=PAGE_GOAL_MS,
        ),
        Benchmark(
            "Fordeling: arbeidsliste filtrert på kategori, husstand og ventetid",
            lambda: client.get(filtered),
            goal_ms=PAGE_GOAL_MS,
        ),
        Benchmark(
            "Fordeling: ledige plasser, 357 kommuner (én spørring)",
            lambda: list(places_table(year)),
            goal_ms=PAGE_GOAL_MS,
        ),
    ]
