"""Benchmarks for the request formula (see bosetting/demo/benchmarking.py): the proposal for all
357 municipalities with its map, on the national data set's settlements and decisions."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.roles import Role
from bosetting.demo import national
from bosetting.demo.benchmarking import PAGE_GOAL_MS, Benchmark, bench_user, logged_in_client
from bosetting.requestformula.actions import load_population, save_national_numbers
from bosetting.requestformula.models import NationalNumbers

BENCH_ADMIN = "bench.imdi.administrator"


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    year = timezone.localdate().year + 1
    national.ensure_for_bench(by=bench_user(), progress=progress)
    load_population()
    admin = bench_user(BENCH_ADMIN, role=Role.IMDI_ADMIN)
    if not NationalNumbers.objects.filter(year=year).exists():
        save_national_numbers(by=admin, year=year, places=18_900, minors=1_200)
    client = logged_in_client(admin)
    url = reverse("requestformula:proposal") + f"?aar={year}"
    # Another weight each run, so that every «Hva om» computes and draws its map anew (the map
    # cache would otherwise answer from the second run on).
    weights = itertools.count(1)

    def what_if() -> object:
        return client.post(
            url,
            {
                "aar": year,
                "population_weight": 60,
                "settled_recently_weight": 25,
                "fulfilment_weight": next(weights) % 100,
                "minimum_request": 10,
                "maximum_per_thousand": "10,0",
                "handling": "vis",
            },
            headers={"HX-Request": "true", "HX-Target": "virkning"},
        )

    return [
        Benchmark(
            name="Formel for anmodninger med kart, 357 kommuner",
            run=lambda: client.get(url),
            goal_ms=PAGE_GOAL_MS,
        ),
        Benchmark(
            name="«Hva om»: ny vekt, formel og kart tegnet på nytt, 357 kommuner",
            run=what_if,
            goal_ms=PAGE_GOAL_MS,
        ),
    ]
