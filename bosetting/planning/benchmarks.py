"""Benchmarks for this app (see bosetting/core/benchmarking.py): IMDi's year overview, whole country.

A year of requests and decisions for all 357 municipalities is bulk-created straight into the
bench database: benchmark data, not domain writes, so it bypasses the actions (letters, audit
events, notifications) and is ready in a second. The overview reads neither letters nor events.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi, load_municipalities
from bosetting.organisations.models import Municipality

from .models import MunicipalDecision, SettlementRequest

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


def _prepare(year: int, user: Any, progress: Callable[[str], None]) -> None:
    load_municipalities()
    missing = list(Municipality.objects.exclude(settlement_requests__year=year).order_by("number"))
    if not missing:
        return
    progress(f"Lager anmodninger og vedtak for {len(missing)} kommuner i {year} …")
    now = timezone.now()
    with transaction.atomic():
        requests = SettlementRequest.objects.bulk_create(
            SettlementRequest(
                year=year,
                municipality=municipality,
                state=SettlementRequest.State.SENT,
                places=10 + int(municipality.number) % 90,
                unaccompanied_minors=int(municipality.number) % 7,
                planning_number_next_year=10 + int(municipality.number) % 60,
                deadline=datetime.date(year, 3, 1),
                created_by=user,
                sent_at=now,
                sent_by=user,
            )
            for municipality in missing
        )
        # Four in five have decided: above, equal or below; every other decision acknowledged.
        decided = [request for index, request in enumerate(requests) if index % 5]
        MunicipalDecision.objects.bulk_create(
            MunicipalDecision(
                request=request,
                state=MunicipalDecision.State.ACKNOWLEDGED
                if index % 2
                else MunicipalDecision.State.APPROVED,
                places=request.places + (index % 3 - 1) * 5,
                takes_unaccompanied_minors=request.unaccompanied_minors > 0,
                unaccompanied_minors=request.unaccompanied_minors,
                council_decided_on=datetime.date(year, 2, 1),
                registered_by=user,
                approved_at=now,
                approved_by=user,
            )
            for index, request in enumerate(decided)
        )
        SettlementRequest.objects.filter(pk__in=[r.pk for r in decided]).update(
            state=SettlementRequest.State.DECIDED
        )


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    year = timezone.localdate().year
    user = _user()
    _prepare(year, user, progress)
    client = logged_in_client(user)
    url = reverse("planning:overview") + f"?aar={year}"
    return [
        Benchmark(
            name="Årsoversikt anmodninger og vedtak, 357 kommuner",
            run=lambda: client.get(url),
            goal_ms=1000,
        ),
    ]
