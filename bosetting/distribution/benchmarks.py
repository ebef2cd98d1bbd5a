"""Benchmarks for this app (see bosetting/core/benchmarking.py): IMDi's work list and the table of
free places, with 5,000 ready cases and a year of decisions for all 357 municipalities.

Runs after the planning benchmark (a year of requests and decisions) and the cases benchmark
(250,000 persons in bulk-created cases). It makes 5,000 of those cases ready and matches 1,000 to
municipalities with settlement decisions this year, straight into the bench database: benchmark
data, not domain writes, so it bypasses the actions (letters, audit) to be ready in seconds.
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
from bosetting.cases.models import Case, CaseState
from bosetting.core.benchmarking import Benchmark, logged_in_client
from bosetting.organisations.actions import ensure_imdi
from bosetting.planning.models import MunicipalDecision

from .models import Proposal, ProposedCase, SettlementDecision
from .queries import places_table

# The same bench user as the other apps' benchmarks: whichever runs first creates it.
BENCH_USER = "bench.imdi.saksbehandler"
READY_CASES = 5_000
MATCHED_CASES = 1_000


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
    ready = Case.objects.filter(state=CaseState.READY).count()
    if ready < READY_CASES:
        progress(f"Gjør {READY_CASES - ready} saker klare for bosetting …")
        untouched = Case.objects.filter(state=CaseState.BEING_ASSESSED).order_by("pk")
        ids = list(untouched.values_list("pk", flat=True)[: READY_CASES - ready])
        Case.objects.filter(pk__in=ids).update(state=CaseState.READY)
    matched = SettlementDecision.objects.filter(decided_on__year=year).count()
    if matched >= MATCHED_CASES:
        return
    municipalities = list(
        MunicipalDecision.objects.filter(
            request__year=year,
            state__in=[MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED],
        ).values_list("request__municipality_id", flat=True)
    )
    if not municipalities:
        return
    progress(f"Søker ut {MATCHED_CASES - matched} saker med vedtak i {year} …")
    decided_on = datetime.date(year, 1, 15)
    now = timezone.now()
    cases = list(
        Case.objects.filter(state=CaseState.BEING_ASSESSED).order_by("-pk")[
            : MATCHED_CASES - matched
        ]
    )
    with transaction.atomic():
        proposals = Proposal.objects.bulk_create(
            Proposal(
                municipality_id=municipalities[index % len(municipalities)],
                state=Proposal.State.ANSWERED,
                deadline=decided_on,
                created_by=user,
                sent_at=now,
                sent_by=user,
                answered_at=now,
                closed_at=now,
            )
            for index in range(len(cases))
        )
        items = ProposedCase.objects.bulk_create(
            ProposedCase(
                proposal=proposal,
                case=case,
                answer=ProposedCase.Answer.ACCEPTED,
                answered_at=now,
                answered_by=user,
            )
            for proposal, case in zip(proposals, cases, strict=True)
        )
        SettlementDecision.objects.bulk_create(
            SettlementDecision(
                case=item.case,
                proposed_case=item,
                municipality_id=item.proposal.municipality_id,
                decided_on=decided_on,
                decided_by=user,
            )
            for item in items
        )
        for item in items:
            item.case.municipality_id = item.proposal.municipality_id
            item.case.state = CaseState.MATCHED
        Case.objects.bulk_update(
            [item.case for item in items], ["state", "municipality"], batch_size=500
        )


def benchmarks(progress: Callable[[str], None]) -> list[Benchmark]:
    year = timezone.localdate().year
    user = _user()
    _prepare(year, user, progress)
    client = logged_in_client(user)
    url = reverse("distribution:work_list")
    filtered = f"{url}?category=resettlement&household_size=2&min_days_waiting=0"
    return [
        Benchmark(
            "Fordeling: arbeidsliste, første side, med ledige plasser (5 000 klare saker)",
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
