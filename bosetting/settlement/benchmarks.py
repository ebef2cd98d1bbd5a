"""Benchmarks for settlement and its reports (see bosetting/core/benchmarking.py).

Runs after the cases benchmark (250,000 persons in bulk-created cases) and the distribution
benchmark. It settles the persons of 80,000 of those cases over the last ten years in municipalities
of uneven size, straight into the bench database: benchmark data, not domain writes, so it
bypasses the actions (and their audit events) to be ready in seconds. Idempotent.

Goals (issue 6): every dashboard and report under 1 s, the national report under 500 ms.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.cases.models import Case, CaseState, Person
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi
from bosetting.organisations.models import Municipality

from .actions import age_on
from .models import Settlement, Source

BENCH_USER = "bench.imdi.saksbehandler"
BENCH_MUNICIPAL_READER = "bench.bergen.leser"
SETTLED_CASES = 80_000
BATCH = 5_000
GOAL_MS = 1000.0
NATIONAL_GOAL_MS = 500.0


def _user(username: str, organisation: Any, role: Role) -> Any:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_user(
            by=None,
            organisation=organisation,
            username=username,
            email=f"{username}@example.invalid",
            first_name="Bench",
            last_name=username.split(".")[1].title(),
            roles=[role],
        )
    return user


def _prepare(progress: Callable[[str], None]) -> None:
    settled = Case.objects.filter(state=CaseState.SETTLED).count()
    if settled >= SETTLED_CASES:
        return
    municipalities = list(Municipality.objects.order_by("number").values_list("pk", flat=True))
    if not municipalities:
        return
    progress(f"Bosetter personene i {SETTLED_CASES - settled} saker …")
    rng = random.Random(6)  # noqa: S311 -- invented benchmark data
    # A few large municipalities settle many, most settle few: weight 1/(rank+1).
    weights = [1 / (rank + 1) for rank in range(len(municipalities))]
    rng.shuffle(weights)
    today = timezone.localdate()
    now = timezone.now()
    remaining = SETTLED_CASES - settled
    while remaining > 0:
        case_ids = list(
            Case.objects.filter(state=CaseState.BEING_ASSESSED)
            .order_by("pk")
            .values_list("pk", flat=True)[: min(BATCH, remaining)]
        )
        if not case_ids:
            return
        chosen = rng.choices(municipalities, weights=weights, k=len(case_ids))
        by_municipality: dict[int, list[int]] = defaultdict(list)
        municipality_of: dict[int, int] = {}
        for case_id, municipality_id in zip(case_ids, chosen, strict=True):
            by_municipality[municipality_id].append(case_id)
            municipality_of[case_id] = municipality_id
        persons = Person.objects.filter(case_id__in=case_ids).values_list(
            "pk", "case_id", "birth_date", "category", "citizenship"
        )
        with transaction.atomic():
            for municipality_id, ids in by_municipality.items():
                Case.objects.filter(pk__in=ids).update(
                    state=CaseState.SETTLED, municipality_id=municipality_id
                )
            settlements = []
            for person_id, case_id, birth_date, category, citizenship in persons:
                settled_on = today - datetime.timedelta(days=case_id % 3650)
                settled_on = max(settled_on, birth_date)
                settlements.append(
                    Settlement(
                        person_id=person_id,
                        municipality_id=municipality_of[case_id],
                        settled_on=settled_on,
                        settled_year=settled_on.year,
                        age_at_settlement=age_on(birth_date, settled_on),
                        category=category,
                        citizenship=citizenship,
                        source=Source.IMPORT,
                        registered_at=now,
                    )
                )
            Settlement.objects.bulk_create(settlements, batch_size=1000)
        remaining -= len(case_ids)
        progress(f"  {SETTLED_CASES - remaining} saker bosatt")


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    _prepare(progress)
    imdi = logged_in_client(_user(BENCH_USER, ensure_imdi(), Role.IMDI_CASEWORKER))
    bergen = Municipality.objects.filter(number="4601").first()
    home = reverse("home")
    national = reverse("reports:national_settlement")
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
    ]
    if bergen is not None and bergen.organisation is not None:
        reader = logged_in_client(
            _user(BENCH_MUNICIPAL_READER, bergen.organisation, Role.MUNICIPAL_READER)
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
                GOAL_MS,
            ),
        ]
    return result
