"""IMDi's year overview: every municipality with its request, decision and status, in one query.

The rows come from one query over all municipalities (357). Totals per county and for the
whole country need every row anyway, so filtering and sorting happen on those rows in Python:
the page costs the same queries for 3 municipalities as for 357.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from bosetting.organisations.models import Municipality
from bosetting.settlement.counting import settled_count

from .models import MunicipalDecision, SettlementRequest
from .queries import CURRENT_DECISION_STATES


class OverviewStatus(models.TextChoices):
    NOT_SENT = "not_sent", _("Ikke sendt")  # no request, or only IMDi's draft
    NOT_ANSWERED = "not_answered", _("Ikke besvart")  # sent, no approved decision, in time
    DEADLINE_PASSED = "deadline_passed", _("Fristen er ute")  # sent, no decision, too late
    BELOW = "below", _("Vedtak under anmodning")
    EQUAL = "equal", _("Vedtak likt anmodning")
    ABOVE = "above", _("Vedtak over anmodning")


STATUS_COLOURS = {
    OverviewStatus.NOT_SENT: "neutral",
    OverviewStatus.NOT_ANSWERED: "info",
    OverviewStatus.DEADLINE_PASSED: "danger",
    OverviewStatus.BELOW: "warning",
    OverviewStatus.EQUAL: "success",
    OverviewStatus.ABOVE: "success",
}


@dataclass
class OverviewRow:
    municipality: Municipality
    request_id: int | None
    request_state: str | None
    requested: int | None
    requested_minors: int | None
    deadline: datetime.date | None
    decision_id: int | None
    decision_state: str | None
    decided: int | None
    decided_minors: int | None
    settled: int
    status: str = ""
    detail_url: str = ""  # set by the view for the rows it shows (core.urls)
    acknowledge_url: str = ""

    @property
    def deadline_text(self) -> str:
        """dd.mm.åååå without the date filter's per-call cost, 357 times on one page."""
        return self.deadline.strftime("%d.%m.%Y") if self.deadline else "–"

    @property
    def status_label(self) -> str:
        return str(OverviewStatus(self.status).label)

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[OverviewStatus(self.status)]

    @property
    def can_acknowledge(self) -> bool:
        return self.decision_state == MunicipalDecision.State.APPROVED


@dataclass
class Totals:
    label: str
    municipalities: int = 0
    requested: int = 0
    requested_minors: int = 0
    decided: int = 0
    decided_minors: int = 0
    settled: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, row: OverviewRow) -> None:
        self.municipalities += 1
        self.requested += row.requested or 0
        self.requested_minors += row.requested_minors or 0
        self.decided += row.decided or 0
        self.decided_minors += row.decided_minors or 0
        self.settled += row.settled
        self.statuses[row.status] = self.statuses.get(row.status, 0) + 1


def status_of(row: OverviewRow, today: datetime.date) -> str:
    if row.request_state in (None, SettlementRequest.State.DRAFT):
        return OverviewStatus.NOT_SENT
    if row.decided is None or row.requested is None:
        if row.deadline is not None and row.deadline < today:
            return OverviewStatus.DEADLINE_PASSED
        return OverviewStatus.NOT_ANSWERED
    if row.decided < row.requested:
        return OverviewStatus.BELOW
    if row.decided > row.requested:
        return OverviewStatus.ABOVE
    return OverviewStatus.EQUAL


def overview_rows(year: int, *, today: datetime.date) -> list[OverviewRow]:
    # No ordering in the subqueries: one request per municipality and year, one current decision
    # per request (constraints), and the default orderings would join again in each of the nine.
    requests = SettlementRequest.objects.filter(municipality=OuterRef("pk"), year=year).order_by()
    current = MunicipalDecision.objects.filter(
        request__municipality=OuterRef("pk"),
        request__year=year,
        state__in=CURRENT_DECISION_STATES,
    ).order_by()

    def from_request(name: str) -> Subquery:
        return Subquery(requests.values(name)[:1])

    def from_decision(name: str) -> Subquery:
        return Subquery(current.values(name)[:1])

    municipalities = (
        Municipality.objects.select_related("county")
        .annotate(
            request_id=from_request("pk"),
            request_state=from_request("state"),
            requested=from_request("places"),
            requested_minors=from_request("unaccompanied_minors"),
            deadline=from_request("deadline"),
            decision_id=from_decision("pk"),
            decision_state=from_decision("state"),
            decided=from_decision("places"),
            decided_minors=from_decision("unaccompanied_minors"),
            # Counted whether or not the municipality has a request: a settlement is a fact.
            settled_so_far=settled_count(municipality=OuterRef("pk"), year=year),
        )
        .order_by("county__number", "number")
    )
    rows = []
    for municipality in municipalities:
        m: Any = municipality  # annotations are not on the model's type
        row = OverviewRow(
            municipality=municipality,
            request_id=m.request_id,
            request_state=m.request_state,
            requested=m.requested,
            requested_minors=m.requested_minors,
            deadline=m.deadline,
            decision_id=m.decision_id,
            decision_state=m.decision_state,
            decided=m.decided,
            decided_minors=m.decided_minors,
            settled=m.settled_so_far,
        )
        row.status = status_of(row, today)
        rows.append(row)
    return rows


def totals_by_county(rows: list[OverviewRow]) -> tuple[list[Totals], Totals]:
    counties: dict[str, Totals] = {}
    nation = Totals(label=str(_("Hele landet")))
    for row in rows:
        county = row.municipality.county
        counties.setdefault(county.number, Totals(label=county.name)).add(row)
        nation.add(row)
    return [counties[number] for number in sorted(counties)], nation


def _none_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)


SORT_KEYS: dict[str, Callable[[OverviewRow], Any]] = {
    "kommune": lambda row: row.municipality.number,
    "navn": lambda row: row.municipality.name,
    "anmodet": lambda row: _none_last(row.requested),
    "vedtatt": lambda row: _none_last(row.decided),
    "mindreaarige": lambda row: _none_last(row.decided_minors),
    "bosatt": lambda row: row.settled,
    "status": lambda row: list(OverviewStatus.values).index(row.status),
    "frist": lambda row: _none_last(row.deadline),
}


def filtered_and_sorted(
    rows: list[OverviewRow],
    *,
    county_number: str | None,
    status: str | None,
    sort: str,
    descending: bool,
) -> list[OverviewRow]:
    chosen = [
        row
        for row in rows
        if (county_number is None or row.municipality.county.number == county_number)
        and (status is None or row.status == status)
    ]
    key = SORT_KEYS.get(sort, SORT_KEYS["kommune"])
    return sorted(chosen, key=key, reverse=descending)
