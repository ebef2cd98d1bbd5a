"""Benchmarks for the reports (see bosetting/core/benchmarking.py).

The report "Anmodninger og vedtak" is timed on a year of requests for every municipality, most
of them decided. Goal: every report under 1 s on the 2-core machine (issue 6).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.actions import create_user
from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi, load_municipalities
from bosetting.organisations.models import Municipality
from bosetting.planning.models import MunicipalDecision, SettlementRequest

# The same bench user as the other apps' benchmarks: whichever runs first creates it.
BENCH_USERNAME = "bench.imdi.saksbehandler"
GOAL_MS = 1000.0


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    user = _bench_user()
    year = str(timezone.localdate().year - 1)
    _prepare_year(int(year), user, progress)
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


@transaction.atomic
def _prepare_year(year: int, user: User, progress: Callable[[str], None]) -> None:
    """A sent request for every municipality without one that year, and a decision for 4 of 5.

    Written in bulk, not through the actions: the benchmark needs the figures only, and the
    actions would render and store 357 request letters on every fresh bench database.
    """
    load_municipalities()
    missing = list(Municipality.objects.exclude(settlement_requests__year=year).order_by("number"))
    if not missing:
        return
    progress(f"Lager anmodninger for {len(missing)} kommuner i {year} …")
    now = timezone.now()
    requests = SettlementRequest.objects.bulk_create(
        SettlementRequest(
            year=year,
            municipality=municipality,
            state=SettlementRequest.State.SENT,
            places=10 + int(municipality.number) % 190,
            unaccompanied_minors=int(municipality.number) % 7,
            deadline=datetime.date(year, 3, 1),
            created_by=user,
            sent_at=now,
            sent_by=user,
        )
        for municipality in missing
    )
    decided = [request for index, request in enumerate(requests) if index % 5]
    MunicipalDecision.objects.bulk_create(
        MunicipalDecision(
            request=request,
            state=MunicipalDecision.State.APPROVED,
            places=request.places + (index % 11) - 5 if request.places > 5 else request.places,
            takes_unaccompanied_minors=True,
            unaccompanied_minors=request.unaccompanied_minors,
            council_decided_on=datetime.date(year, 2, 1),
            registered_by=user,
            approved_at=now,
            approved_by=user,
        )
        for index, request in enumerate(decided)
    )
    SettlementRequest.objects.filter(pk__in=[request.pk for request in decided]).update(
        state=SettlementRequest.State.DECIDED
    )
