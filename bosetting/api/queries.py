"""The API's reads. Each starts from the interface's own scoped query for the client's user."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from bosetting.cases.models import Case, Person
from bosetting.cases.queries import cases_visible_to, head_first, members_seen_by
from bosetting.organisations.models import Municipality
from bosetting.reports.queries import figures_by_municipality, requests_visible_to


def cases_for_api(
    user: Any, *, state: str = "", updated_since: datetime.datetime | None = None
) -> QuerySet[Case]:
    """Visible cases, oldest first so a client paging through meets new cases at the end."""
    cases = cases_visible_to(user)
    if state:
        cases = cases.filter(state=state)
    if updated_since is not None:
        cases = cases.filter(state_changed_at__gte=updated_since)
    return (
        cases.select_related("municipality")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Person.objects.filter(members_seen_by(user))
                .select_related("reception_centre")
                .order_by(*head_first()),
                to_attr="member_list",
            )
        )
        .order_by("pk")
    )


@dataclass(frozen=True)
class MunicipalityFigures:
    year: int
    number: str
    name: str
    county_number: str
    county_name: str
    requested_places: int
    requested_minors: int
    decided_places: int
    decided_minors: int
    settled: int


def municipality_figures(
    user: Any, *, year: int, county_number: str = ""
) -> list[MunicipalityFigures]:
    """Requested and decided places per municipality for a year, as the report counts them.

    Two queries whatever the number of municipalities: the report's aggregate, and the names.
    """
    requests = requests_visible_to(user)
    if county_number:
        requests = requests.filter(municipality__county__number=county_number)
    rows = figures_by_municipality(requests, year=year)
    municipalities = {
        municipality.number: municipality
        for municipality in Municipality.objects.filter(
            number__in=[row.key for row in rows]
        ).select_related("county")
    }
    return [
        MunicipalityFigures(
            year=year,
            number=row.key,
            name=municipalities[row.key].name,
            county_number=municipalities[row.key].county.number,
            county_name=municipalities[row.key].county.name,
            requested_places=row.requested_places,
            requested_minors=row.requested_minors,
            decided_places=row.decided_places,
            decided_minors=row.decided_minors,
            settled=row.settled,
        )
        for row in rows
    ]
