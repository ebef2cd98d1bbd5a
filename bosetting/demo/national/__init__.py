"""The national data set: ten years of settlement work for the whole country, generated in bulk.

`python manage.py seed_demo --scale national` and `make bench` use it. At scale 1.0: about
250,000 persons in about 100,000 cases, requests and decisions for every municipality and year,
proposals and answers, settlement decisions, settlements, and over a million audit events.
`scale` shrinks the persons and cases (the tests run it at a few hundred persons).

Historical facts are written straight into the tables, as the transfer from the old system does,
not through the actions: the actions refuse backdated steps (a proposal cannot be answered after
its deadline) and would render a letter per decision. Every state change still gets its audit
event, chained so that `verify_audit_log` passes. Everything is written in one transaction: the
set is there entirely or not at all, and a second run sees it and does nothing.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from bosetting.audit.models import AuditEvent
from bosetting.cases.models import CaseState, Person
from bosetting.core.bulk import indexes_built_after
from bosetting.organisations.actions import load_municipalities
from bosetting.organisations.models import Municipality
from bosetting.requestformula.actions import load_population

from .audit_log import ChainedEventWriter
from .cases import CasePlan, CaseWriter, matched_plan, settled_plan
from .plan import (
    MATCHED_PERSONS,
    PERSONS,
    PROPOSED_PERSONS,
    READY_PERSONS,
    duf_number,
    household,
    municipality_weights,
    settled_target,
)
from .requests import write_requests
from .timeline import at, days

if TYPE_CHECKING:
    from bosetting.accounts.models import User

YEARS = 10
CHUNK = 2_000  # cases per bulk write


@dataclass(frozen=True)
class Generated:
    persons: int
    cases: int
    requests: int
    events: int
    seconds: float


def is_generated() -> bool:
    return Person.objects.filter(duf_number=duf_number(0)).exists()


def generate(
    *,
    by: User,
    scale: float = 1.0,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Generated | None:
    """Generate the set with `by` (an IMDi user) as IMDi's actor; None when it is already there."""
    if is_generated():
        return None
    started = time.perf_counter()
    today = today or timezone.localdate()
    report = progress or _stderr_line
    load_municipalities()
    load_population()
    rng = random.Random(2017)  # noqa: S311 -- invented data, the same every run
    municipalities = list(Municipality.objects.select_related("organisation").order_by("number"))
    weights = municipality_weights([m.number for m in municipalities], rng)
    population = [m for m in municipalities]
    chances = [weights[m.number] for m in municipalities]
    target = max(1, round(PERSONS * scale))
    with transaction.atomic(), indexes_built_after(AuditEvent):
        events = ChainedEventWriter()
        writer = CaseWriter(by=by, events=events, first_person=0)
        requests = 0

        def line(stage: str) -> None:
            share = min(1.0, writer.persons / target)
            bar = "#" * round(share * 30)
            report(
                f"\r[{bar:<30}] {writer.persons:>7} personer, {writer.cases:>6} saker, "
                f"{events.written:>8} hendelser  {stage}"
            )

        def flush(plans: list[CasePlan]) -> None:
            writer.write(plans)
            plans.clear()

        for year in range(today.year - YEARS + 1, today.year + 1):
            requests += write_requests(
                by=by,
                year=year,
                today=today,
                municipalities=municipalities,
                weights=weights,
                scale=scale,
                rng=rng,
                events=events,
            )
            last_day = min(datetime.date(year, 12, 31), today - days(1))
            span = (last_day - datetime.date(year, 1, 1)).days
            wanted = round(settled_target(year) * scale)
            settled = 0
            plans: list[CasePlan] = []
            while settled < wanted:
                settled_on = datetime.date(year, 1, 1) + days(rng.randint(0, span))
                members = household(rng, year, settled_on)
                place, other = rng.choices(population, chances, k=2)
                plans.append(settled_plan(rng, members, settled_on, place, other))
                settled += len(members)
                if len(plans) >= CHUNK:
                    flush(plans)
                    line(str(year))
            flush(plans)
            # Every later case (and the pipeline) starts less than a year before it settles or
            # before today, so what is older than last new year is final: written in time order.
            events.flush(before=datetime.datetime(year - 1, 1, 1, tzinfo=datetime.UTC))
            line(str(year))
        _pipeline(rng, today, scale, population, chances, writer, target)
        line("i arbeid nå")
        events.flush()
        line("ferdig")
        report("\n")
    _refresh_planner_statistics()
    return Generated(
        persons=writer.persons,
        cases=writer.cases,
        requests=requests,
        events=events.written,
        seconds=time.perf_counter() - started,
    )


def _pipeline(
    rng: random.Random,
    today: datetime.date,
    scale: float,
    population: list[Municipality],
    chances: list[float],
    writer: CaseWriter,
    target: int,
) -> None:
    """The cases in the process today: matched, proposed, ready and being assessed."""
    plans: list[CasePlan] = []

    def fill(wanted: int, make: Callable[[list[Any]], CasePlan]) -> None:
        count = 0
        while count < wanted:
            members = household(rng, today.year, today)
            plans.append(make(members))
            count += len(members)
            if len(plans) >= CHUNK:
                writer.write(plans)
                plans.clear()

    def matched(members: list[Any]) -> CasePlan:
        place, other = rng.choices(population, chances, k=2)
        return matched_plan(rng, members, today - days(rng.randint(1, 90)), place, other)

    def proposed(members: list[Any]) -> CasePlan:
        sent = today - days(rng.randint(0, 5))
        return CasePlan(
            members=members,
            state=CaseState.PROPOSED,
            created=at(sent - days(rng.randint(30, 120)), rng),
            ready=at(sent - days(rng.randint(3, 20)), rng),
            municipality=rng.choices(population, chances)[0],
            sent=at(sent, rng),
        )

    def ready(members: list[Any]) -> CasePlan:
        ready_on = today - days(rng.randint(1, 120))
        return CasePlan(
            members=members,
            state=CaseState.READY,
            created=at(ready_on - days(rng.randint(14, 90)), rng),
            ready=at(ready_on, rng),
        )

    def assessed(members: list[Any]) -> CasePlan:
        return CasePlan(
            members=members,
            state=CaseState.BEING_ASSESSED,
            created=at(today - days(rng.randint(1, 200)), rng),
        )

    fill(round(MATCHED_PERSONS * scale), matched)
    fill(round(PROPOSED_PERSONS * scale), proposed)
    fill(round(READY_PERSONS * scale), ready)
    writer.write(plans)
    plans.clear()
    fill(target - writer.persons, assessed)
    writer.write(plans)


def _refresh_planner_statistics() -> None:
    # A million new rows at once: without fresh statistics PostgreSQL plans the first queries
    # as if the tables were still empty, until autovacuum gets round to them.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _stderr_line(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def ensure_for_bench(*, by: User, progress: Callable[[str], None]) -> None:
    """The benchmarks' data: the national set, generated here when `make bench` has not yet."""
    if is_generated():
        return
    progress("Lager det nasjonale datasettet (noen minutter) …")
    generate(by=by)
