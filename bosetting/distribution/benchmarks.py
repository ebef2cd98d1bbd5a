"""Benchmarks for this app (see bosetting/core/benchmarking.py): IMDi's work list and the table of
free places, on the national data set (bosetting/core/national): about 3,000 ready cases, this
year's decisions for all 357 municipalities, and ten years of matched and settled cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.cases.models import Case, CaseState
from bosetting.core import national
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi

from .queries import places_table

# The same bench user as the other apps' benchmarks: whichever runs first creates it.
BENCH_USER = "bench.imdi.saksbehandler"


def _user() -> Any:
    user = User.objects.filter(username=BENCH_USER).first()
    if user is None:
        user = create_user(
            by=None,
            organisation=ensure_imdi(),
            username=BENCH_USER,
            email="bench.imdi@example.invalid",
            first_name="Bench",
            last_name="IMDi",
            roles=[Role.IMDI_CASEWORKER],
        )
    return user


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    year = timezone.localdate().year
    user = _user()
    national.ensure_for_bench(by=user, progress=progress)
    ready = Case.objects.filter(state=CaseState.READY).count()
    client = logged_in_client(user)
    url = reverse("distribution:work_list")
    filtered = f"{url}?category=resettlement&household_size=2&min_days_waiting=0"
    return [
        Benchmark(
            f"Fordeling: arbeidsliste, første side, med ledige plasser ({ready} klare saker)",
            lambda: client.get(url),
            goal_ms=500,
        ),
        Benchmark(
            "Fordeling: arbeidsliste filtrert på kategori, husstand og ventetid",
            lambda: client.get(filtered),
            goal_ms=500,
        ),
        Benchmark(
            "Fordeling: ledige plasser, 357 kommuner (én spørring)",
            lambda: list(places_table(year)),
            goal_ms=200,
        ),
    ]
