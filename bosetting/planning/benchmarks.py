"""Benchmarks for this app (see bosetting/core/benchmarking.py): IMDi's year overview, whole country.

Timed on the national data set (bosetting/core/national): this year's requests and decisions for
all 357 municipalities, among ten years of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.core import national
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi

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
    client = logged_in_client(user)
    url = reverse("planning:overview") + f"?aar={year}"
    return [
        Benchmark(
            name="Årsoversikt anmodninger og vedtak, 357 kommuner",
            run=lambda: client.get(url),
            goal_ms=1000,
        ),
    ]
