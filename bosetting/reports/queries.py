"""The figures of the report "Anmodninger og vedtak", aggregated in the database.

Every figure is a Sum or Count over sent requests (drafts never count), with the municipality's
current decision (approved or acknowledged; never a draft or a replaced one) joined once.
One query gives the rows of a table, one more its total, however many municipalities there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from bosetting.accounts.permissions import Permission, require, scope_for
from bosetting.organisations.models import County, Municipality
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.settlement.counting import settled_count

CURRENT_DECISION_STATES = [MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED]


@dataclass(frozen=True)
class ReportScope:
    """Whose figures a report shows the user, decided from `scope_for` and nowhere else."""

    everything: bool  # IMDi: the whole country, a county or a municipality chosen in the form
    municipality: Municipality | None  # everyone else: their own municipality, never another


def report_scope(user: Any, permission: Permission) -> ReportScope:
    """The user's scope in a report under `permission`; refuses (403) without the permission."""
    require(user, permission)
    scope = scope_for(user, permission)
    if scope.everything:
        return ReportScope(everything=True, municipality=None)
    return ReportScope(
        everything=False,
        municipality=user.own_municipality if scope.municipality_id is not None else None,
    )


def unsuppressed_municipality_id(user: Any) -> int | None:
    """In the national report: None for IMDi, who see every figure; else the id of the viewer's
    municipality, whose own figures are not suppressed (0 for a viewer who has none)."""
    scope = scope_for(user, Permission.NATIONAL_REPORT_VIEW)
    if scope.everything:
        return None
    return scope.municipality_id or 0


def requests_visible_to(user: Any) -> QuerySet[SettlementRequest]:
    """Sent requests the user may count: IMDi all, a municipality's users their own, others none."""
    requests = SettlementRequest.objects.exclude(state=SettlementRequest.State.DRAFT)
    scope = scope_for(user, Permission.REQUESTS_REPORT_VIEW)
    if scope.everything:
        return requests
    if scope.municipality_id is None:
        return requests.none()
    return requests.filter(municipality_id=scope.municipality_id)


def settled_per_request() -> Coalesce:
    """Persons settled in the request's municipality in the request's year (settlement.counting);
    every table and total sums it."""
    return settled_count(municipality=OuterRef("municipality"), year=OuterRef("year"))


def _with_current_decision(requests: QuerySet[SettlementRequest]) -> QuerySet[SettlementRequest]:
    """The request's current decision joined once (a request has at most one: a constraint).
    As a subquery, each aggregate below copied it in again: four per row, each sorted by the
    model's default order, which crossed PostgreSQL's JIT threshold on ten years of data."""
    current = FilteredRelation(
        "decisions", condition=Q(decisions__state__in=CURRENT_DECISION_STATES)
    )
    return requests.annotate(
        current_decision=current,
        decided_places=F("current_decision__places"),
        decided_minors=F("current_decision__unaccompanied_minors"),
        settled_persons=settled_per_request(),
    )


def _figures() -> dict[str, Any]:
    zero = Value(0)
    return {
        "request_count": Count("pk"),
        # Count of a Subquery counts the requests that have a current decision: those answered.
        "answered_count": Count("decided_places"),
        "requested_places": Coalesce(Sum("places"), zero),
        # What was requested of those that answered: the fair base for the difference.
        "requested_places_answered": Coalesce(
            Sum("places", filter=Q(decided_places__isnull=False)), zero
        ),
        "requested_minors": Coalesce(Sum("unaccompanied_minors"), zero),
        "decided_places_sum": Coalesce(Sum("decided_places"), zero),
        "decided_minors_sum": Coalesce(Sum("decided_minors"), zero),
        "settled": Coalesce(Sum("settled_persons"), zero),
    }


@dataclass(frozen=True)
class Figures:
    """One row of the report: a county, a municipality, a year, or a total."""

    label: str
    requested_places: int
    requested_minors: int
    decided_places: int
    decided_minors: int
    settled: int
    request_count: int
    answered_count: int
    requested_places_answered: int = 0
    key: str = ""  # the county's number, the municipality's number or the year

    @property
    def difference(self) -> int | None:
        """Decided minus requested places, over the requests that have a decision: negative when
        fewer were decided. None (an empty cell) when none has a decision yet: a request not yet
        answered is no shortfall."""
        if not self.answered_count:
            return None
        return self.decided_places - self.requested_places_answered

    @property
    def share_answered(self) -> float | None:
        """The share of requests with a current decision; None when nothing was requested."""
        return self.answered_count / self.request_count if self.request_count else None


def _figures_from(values: dict[str, Any], label: str, key: str = "") -> Figures:
    return Figures(
        label=label,
        key=key,
        requested_places=values["requested_places"],
        requested_minors=values["requested_minors"],
        decided_places=values["decided_places_sum"],
        decided_minors=values["decided_minors_sum"],
        settled=values["settled"],
        request_count=values["request_count"],
        answered_count=values["answered_count"],
        requested_places_answered=values["requested_places_answered"],
    )


def figures_by_county(requests: QuerySet[SettlementRequest], *, year: int) -> list[Figures]:
    grouped = (
        _with_current_decision(requests.filter(year=year))
        .values("municipality__county__number", "municipality__county__name")
        .annotate(**_figures())
        .order_by("municipality__county__number")
    )
    return [
        _figures_from(row, row["municipality__county__name"], row["municipality__county__number"])
        for row in grouped
    ]


def figures_by_municipality(
    requests: QuerySet[SettlementRequest], *, year: int, county: County | None = None
) -> list[Figures]:
    if county is not None:
        requests = requests.filter(municipality__county=county)
    grouped = (
        _with_current_decision(requests.filter(year=year))
        .values("municipality__number", "municipality__name")
        .annotate(**_figures())
        .order_by("municipality__number")
    )
    return [
        _figures_from(
            row,
            f"{row['municipality__number']} {row['municipality__name']}",
            row["municipality__number"],
        )
        for row in grouped
    ]


def figures_by_year(
    requests: QuerySet[SettlementRequest], *, county: County | None = None
) -> list[Figures]:
    if county is not None:
        requests = requests.filter(municipality__county=county)
    grouped = (
        _with_current_decision(requests).values("year").annotate(**_figures()).order_by("year")
    )
    return [_figures_from(row, str(row["year"]), str(row["year"])) for row in grouped]


def total_figures(requests: QuerySet[SettlementRequest], *, label: str) -> Figures:
    """The total over `requests` (already filtered as the table's rows are), in one query."""
    return _figures_from(_with_current_decision(requests).aggregate(**_figures()), label)


def report_years(requests: QuerySet[SettlementRequest]) -> list[int]:
    """The years with sent requests the user may see, newest first."""
    return list(requests.order_by("-year").values_list("year", flat=True).distinct())


def requests_in(
    requests: QuerySet[SettlementRequest], *, year: int | None = None, county: County | None = None
) -> QuerySet[SettlementRequest]:
    if year is not None:
        requests = requests.filter(year=year)
    if county is not None:
        requests = requests.filter(municipality__county=county)
    return requests
