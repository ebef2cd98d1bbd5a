"""Benchmarks for the reports (see bosetting/core/benchmarking.py).

The report "Anmodninger og vedtak" is timed on the national data set (bosetting/core/national):
ten years of requests for every municipality, decided, with the persons settled against them. Goal: every report under 1 s on the 2-core machine (issue 6).
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.core import national
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi

# The same bench user as the other apps' benchmarks: whichever runs first creates it.
BENCH_USERNAME = "bench.imdi.saksbehandler"
GOAL_MS = 1000.0


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    user = _bench_user()
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
            GOAL_MS,
        ),
        Benchmark(
            "Anmodninger og vedtak, PDF kommunene i Vestland",
            # A download rendered by WeasyPrint: slower than a page, and not held to the page goal.
            lambda: client.get(export("pdf"), {"year": year, "county": "46"}),
        ),
    ]


def _bench_user() -> User:
    existing = User.objects.filter(username=BENCH_USERNAME).first()
    if existing is not None:
        return existing
    return create_user(
        by=None,
        organisation=ensure_imdi(),
        username=BENCH_USERNAME,
        email="bench.imdi@example.invalid",
        first_name="Bench",
        last_name="IMDi",
        roles=[Role.IMDI_CASEWORKER],
    )
