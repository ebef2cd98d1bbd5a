"""Benchmark of the audit log (see bosetting/demo/benchmarking.py): IMDi's search, first page.

Timed on the national data set (bosetting/demo/national), whose ten years of events are over a
million rows; the page shows the newest and renders the search form with all 357 municipalities.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from bosetting.demo import national
from bosetting.demo.benchmarking import (
    EXPORT_GOAL_MS,
    PAGE_GOAL_MS,
    Benchmark,
    bench_user,
    logged_in_client,
)


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    user = bench_user()
    national.ensure_for_bench(by=user, progress=progress)
    client = logged_in_client(user)
    url = reverse("audit:event_list")
    week_ago = (timezone.localdate() - datetime.timedelta(days=7)).strftime("%d.%m.%Y")
    return [
        Benchmark("Logg, første side (IMDi)", lambda: client.get(url), PAGE_GOAL_MS),
        Benchmark(
            "Logg, søk på hendelsestype, første side (IMDi)",
            lambda: client.get(url, {"event_type": "settlement_registered"}),
            PAGE_GOAL_MS,
        ),
        Benchmark(
            "Logg, eksport av en ukes hendelser, CSV (IMDi)",
            lambda: client.get(reverse("audit:event_export"), {"from_date": week_ago}),
            EXPORT_GOAL_MS,
        ),
    ]
