"""Benchmarks for the reports (see bosetting/demo/benchmarking.py).

The report "Anmodninger og vedtak" is timed on the national data set (bosetting/demo/national):
ten years of requests for every municipality, decided, with the persons settled against them. Goals: issue 14's, in bosetting/demo/benchmarking.py.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from bosetting.demo import national
from bosetting.demo.benchmarking import (
    EXPORT_GOAL_MS,
    PAGE_GOAL_MS,
    PDF_GOAL_MS,
    Benchmark,
    bench_user,
    logged_in_client,
)

# The same bench user as the other apps' benchmarks: whichever runs first creates it.
GOAL_MS = PAGE_GOAL_MS


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    user = bench_user()
    year = str(timezone.localdate().year - 1)
    national.ensure_for_bench(by=user, progress=progress)
    client = logged_in_client(user)
    page = reverse("reports:requests_and_decisions")
    over_years = reverse("reports:requests_and_decisions_over_years")

    def export(file_format: str) -> str:
        return reverse("reports:requests_and_decisions_export", args=[file_format])

    return [
        Benchmark(
            "Anmodninger og vedtak, per fylke",
            lambda: client.get(page, {"year": year}),
            GOAL_MS,
        ),
        Benchmark(
            "Anmodninger og vedtak, kommunene i Vestland",
            lambda: client.get(page, {"year": year, "county": "46"}),
            GOAL_MS,
        ),
        Benchmark("Anmodninger og vedtak over tid", lambda: client.get(over_years), GOAL_MS),
        Benchmark(
            "Anmodninger og vedtak, XLSX per fylke",
            lambda: client.get(export("xlsx"), {"year": year}),
            EXPORT_GOAL_MS,
        ),
        Benchmark(
            "Anmodninger og vedtak, PDF kommunene i Vestland",
            lambda: client.get(export("pdf"), {"year": year, "county": "46"}),
            PDF_GOAL_MS,
        ),
    ]
