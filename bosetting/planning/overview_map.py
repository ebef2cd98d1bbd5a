"""The year overview's map: each municipality's decision as a share of its request."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from bosetting.core.maps.choropleth import (
    ValueKind,
    choropleth_description,
    choropleth_svg,
    class_labels,
    counties,
)

from .overview import OverviewRow

# Decided against requested: well under, under, as asked or more.
BOUNDS = (0.5, 0.9, 1.0)
MAP_ID = "kart-vedtatt"


def decided_share(row: OverviewRow) -> float | None:
    """Decided places over requested ones; no data without a sent request and a decision."""
    if not row.requested or row.decided is None:
        return None
    return row.decided / row.requested


def overview_map(
    rows: list[OverviewRow], *, year: int, county_number: str | None
) -> tuple[SafeString, str, str] | None:
    """The map, its title and its text alternative, from every row (not only those shown)."""
    if county_number is not None and county_number not in counties():
        return None
    values = {row.municipality.number: decided_share(row) for row in rows}
    title = _("Vedtatt som andel av anmodet %(year)s, per kommune") % {"year": year}
    legend = _("Vedtatt som andel av anmodet")
    labels = [*class_labels(BOUNDS, ValueKind.PERCENT)[:-1], _("som anmodet eller mer")]
    svg = choropleth_svg(
        values,
        title=title,
        legend_label=legend,
        bounds=BOUNDS,
        labels=labels,
        county=county_number,
        map_id=MAP_ID,
    )
    description = choropleth_description(
        values, legend_label=legend, bounds=BOUNDS, labels=labels, county=county_number
    )
    return svg, title, description
