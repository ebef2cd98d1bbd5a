"""Benchmarks for this app (see bosetting/core/benchmarking.py): search among 250,000 persons.

Timed on the national data set (bosetting/core/national): 250,000 invented persons in ten years
of cases, with names from the demo's lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.core import national
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.core.national.plan import PERSONS, duf_number
from bosetting.organisations.actions import ensure_imdi

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
    user = _user()
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
            "Saksliste, første side (IMDi, alle saker)", lambda: client.get(url), goal_ms=500
        ),
    ]
