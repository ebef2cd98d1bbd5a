"""Benchmarks for settlement and its reports (see bosetting/demo/benchmarking.py).

Timed on the national data set (bosetting/demo/national): ten years of settlements, about
220,000 persons in municipalities of uneven size, with about 5,000 matched persons still waiting.

Goals (issue 6): every dashboard and report under 1 s, the national report under 500 ms.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.roles import Role
from bosetting.demo import national as national_data
from bosetting.demo.benchmarking import (
    EXPORT_GOAL_MS,
    PAGE_GOAL_MS,
    PDF_GOAL_MS,
    Benchmark,
    bench_user,
    logged_in_client,
)
from bosetting.organisations.models import Municipality
from bosetting.settlement.models import Settlement

BENCH_MUNICIPAL_READER = "bench.bergen.leser"
GOAL_MS = PAGE_GOAL_MS
NATIONAL_GOAL_MS = PAGE_GOAL_MS


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    imdi_user = bench_user()
    national_data.ensure_for_bench(by=imdi_user, progress=progress)
    imdi = logged_in_client(imdi_user)
    bergen = Municipality.objects.filter(number="4601").first()
    home = reverse("home")
    national = reverse("reports:national_settlement")

    def national_export(file_format: str) -> str:
        return reverse("reports:national_settlement_export", args=[file_format])

    specialised = reverse("reports:specialised_settlement")
    year_start = timezone.localdate().replace(month=1, day=1).strftime("%d.%m.%Y")
    ten_years = (timezone.localdate() - datetime.timedelta(days=3650)).strftime("%d.%m.%Y")
    result = [
        Benchmark(
            "Forside, IMDi: saker i arbeid, frister, vedtak", lambda: imdi.get(home), GOAL_MS
        ),
        Benchmark(
            "Bosatte i hele landet, i år per fylke (IMDi)",
            lambda: imdi.get(national),
            NATIONAL_GOAL_MS,
        ),
        Benchmark(
            "Bosatte i hele landet, ti år per kommune (IMDi)",
            lambda: imdi.get(national, {"from_date": ten_years, "group_by": "municipality"}),
            NATIONAL_GOAL_MS,
        ),
        Benchmark(
            "Bosatte i hele landet, ti år per aldersgruppe (IMDi)",
            lambda: imdi.get(national, {"from_date": ten_years, "group_by": "age_group"}),
            NATIONAL_GOAL_MS,
        ),
        Benchmark(
            "Bosatte i hele landet, ti år per statsborgerskap (IMDi)",
            lambda: imdi.get(national, {"from_date": ten_years, "group_by": "citizenship"}),
            NATIONAL_GOAL_MS,
        ),
        Benchmark(
            "Bosatte i hele landet, ti år per måned (IMDi)",
            lambda: imdi.get(national, {"from_date": ten_years, "group_by": "month"}),
            NATIONAL_GOAL_MS,
        ),
        Benchmark(
            "Bosatte i hele landet, ti år per kommune, PDF (IMDi)",
            lambda: imdi.get(
                national_export("pdf"), {"from_date": ten_years, "group_by": "municipality"}
            ),
            PDF_GOAL_MS,
        ),
        Benchmark(
            "Bosatte i hele landet, ti år per kommune, CSV (IMDi)",
            lambda: imdi.get(
                national_export("csv"), {"from_date": ten_years, "group_by": "municipality"}
            ),
            EXPORT_GOAL_MS,
        ),
    ]
    if bergen is not None and bergen.organisation is not None:
        reader = logged_in_client(
            bench_user(
                BENCH_MUNICIPAL_READER, organisation=bergen.organisation, role=Role.MUNICIPAL_READER
            )
        )
        result += [
            Benchmark("Forside, Bergen: plasser og ventende", lambda: reader.get(home), GOAL_MS),
            Benchmark(
                "Bosatte i hele landet, ti år per kommune (Bergen, skjermet)",
                lambda: reader.get(national, {"from_date": ten_years, "group_by": "municipality"}),
                NATIONAL_GOAL_MS,
            ),
        ]
    # The specialised report where it is longest: the municipality that settled the most.
    largest = (
        Settlement.objects.filter(is_current=True)
        .values("municipality__number")
        .annotate(count=Count("pk"))
        .order_by("-count")
        .first()
    )
    if largest is not None:
        number = largest["municipality__number"]
        result += [
            Benchmark(
                f"Spesialisert bosettingsrapport, største kommune ({number}) i år (IMDi)",
                lambda: imdi.get(specialised, {"municipality": number, "from_date": year_start}),
                GOAL_MS,
            ),
            Benchmark(
                f"Spesialisert bosettingsrapport, største kommune ({number}) i år, XLSX (IMDi)",
                lambda: imdi.get(
                    reverse("reports:specialised_settlement_export", args=[number, "xlsx"]),
                    {"from_date": year_start},
                ),
                EXPORT_GOAL_MS,
            ),
        ]
    return result
