"""Benchmarks for this app (see bosetting/core/benchmarking.py): search among 250,000 persons.

The persons are bulk-created straight into the bench database: this is benchmark data, not a
domain write, so it bypasses the actions (and their audit events) to be ready in seconds.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi

from .demo import NAMES
from .models import Case, Category, Person, Relation, Residence, Sex
from .queries import normalise_name

PERSONS = 250_000

BATCH = 5_000
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


def duf_for(number: int) -> str:
    return f"2015{number:08d}"


def _prepare(progress: Callable[[str], None]) -> None:
    existing = Person.objects.count()
    if existing >= PERSONS:
        return
    progress(f"Lager {PERSONS - existing} personer i benchmark-databasen …")
    rng = random.Random(250)  # noqa: S311 -- invented benchmark data
    countries = list(NAMES)
    now = timezone.now()
    number = existing
    while number < PERSONS:
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                Case(created_at=now, state_changed_at=now) for _ in range(BATCH // 2)
            )
            persons = []
            for case in cases:
                country = rng.choice(countries)
                women, men, families, languages = NAMES[country]
                family = rng.choice(families)
                for position in range(rng.choice([1, 2, 2, 3])):
                    if number >= PERSONS:
                        break
                    sex = rng.choice([Sex.FEMALE, Sex.MALE])
                    given = rng.choice(women if sex == Sex.FEMALE else men)
                    persons.append(
                        Person(
                            duf_number=duf_for(number),
                            given_names=given,
                            family_name=family,
                            family_name_key=normalise_name(f"{family} {given}"),
                            given_name_key=normalise_name(f"{given} {family}"),
                            birth_date=datetime.date(
                                1960 + number % 60, 1 + number % 12, 1 + number % 28
                            ),
                            sex=sex,
                            citizenship=country,
                            languages=languages[:1],
                            category=Category.RESETTLEMENT,
                            residence=Residence.PRIVATE,
                            case=case,
                            relation=Relation.HEAD if position == 0 else Relation.CHILD,
                            registered_at=now,
                        )
                    )
                    number += 1
            Person.objects.bulk_create(persons, batch_size=1000)
        progress(f"  {number} personer")


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    _prepare(progress)
    client = logged_in_client(_user())
    url = reverse("cases:case_list")
    target = duf_for(PERSONS // 2 + 17)

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
