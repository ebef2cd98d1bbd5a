"""The report "Anmodninger og vedtak": requested, decided and settled per county, municipality
and year, as one `Report` that the page and every export share."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from bosetting.core.maps.choropleth import (
    ValueKind,
    choropleth_description,
    choropleth_svg,
    class_labels,
    counties,
)
from bosetting.organisations.models import County, Municipality
from bosetting.planning.models import SettlementRequest

from .charts import Series, grouped_bar_chart
from .queries import (
    Figures,
    figures_by_county,
    figures_by_municipality,
    figures_by_year,
    requests_in,
    total_figures,
)
from .table import Cell, Chart, Column, Kind, Report

TITLE_BASE = "Anmodninger og vedtak"


def _columns(first: str) -> list[Column]:
    return [
        Column(first),
        Column(_("Anmodet, antall"), Kind.INTEGER),
        Column(_("Anmodet, enslige mindreårige"), Kind.INTEGER),
        Column(_("Vedtatt, antall"), Kind.INTEGER),
        Column(_("Vedtatt, enslige mindreårige"), Kind.INTEGER),
        Column(_("Differanse vedtatt – anmodet, der vedtak finnes"), Kind.INTEGER),
        Column(_("Bosatt"), Kind.INTEGER),
        Column(_("Andel besvart"), Kind.PERCENT),
    ]


def _cells(figures: Figures) -> list[Cell]:
    return [
        figures.label,
        figures.requested_places,
        figures.requested_minors,
        figures.decided_places,
        figures.decided_minors,
        figures.difference,
        figures.settled,
        figures.share_answered,
    ]


def _chart(title: str, rows: Sequence[Figures]) -> Chart:
    return grouped_bar_chart(
        title=title,
        categories=[row.label for row in rows],
        series=[
            Series(_("Anmodet"), [row.requested_places for row in rows]),
            Series(_("Vedtatt"), [row.decided_places for row in rows]),
            Series(_("Bosatt"), [row.settled for row in rows]),
        ],
        value_label=_("Antall flyktninger"),
    )


# Shares of requests answered: the top class is every request answered.
_ANSWERED_BOUNDS = (0.5, 0.75, 1.0)


def _answered_map(title: str, county: County, rows: Sequence[Figures]) -> Chart | None:
    """The county's municipalities coloured by the table's column «Andel besvart»; a
    municipality without requests that year has no data. From the rows already counted."""
    if county.number not in counties():
        return None
    values = {row.key: row.share_answered for row in rows}
    legend_label = _("Andel besvart")
    labels = [*class_labels(_ANSWERED_BOUNDS, ValueKind.PERCENT)[:-1], _("alle besvart")]
    return Chart(
        svg=choropleth_svg(
            values,
            title=title,
            legend_label=legend_label,
            bounds=_ANSWERED_BOUNDS,
            labels=labels,
            county=county.number,
            map_id="kart-besvart",
        ),
        title=title,
        description=choropleth_description(
            values,
            legend_label=legend_label,
            bounds=_ANSWERED_BOUNDS,
            labels=labels,
            county=county.number,
        ),
    )


def year_report(
    requests: QuerySet[SettlementRequest],
    *,
    year: int,
    county: County | None = None,
    municipality: Municipality | None = None,
) -> Report:
    """One year: per county for the nation, per municipality within `county`, or the one
    `municipality` the user belongs to (then `requests` is already scoped to it)."""
    title = _("Anmodninger og vedtak %(year)s") % {"year": year}
    rows: list[Figures]
    totals: list[Figures] = []
    answered_map: Chart | None = None
    links: list[str | None] = []
    if municipality is not None:
        subtitle = str(municipality)
        rows = figures_by_municipality(requests, year=year)
        first = _("Kommune")
        filename = f"{TITLE_BASE} {year} {municipality}"
    elif county is not None:
        subtitle = _("%(county)s, per kommune") % {"county": county.name}
        rows = figures_by_municipality(requests, year=year, county=county)
        totals = [
            total_figures(
                requests_in(requests, year=year, county=county),
                label=_("Sum %(county)s") % {"county": county.name},
            )
        ]
        first = _("Kommune")
        filename = f"{TITLE_BASE} {year} {county.name}"
        if rows:
            answered_map = _answered_map(
                _("Andel besvarte anmodninger %(year)s, %(county)s, per kommune")
                % {"year": year, "county": county.name},
                county,
                rows,
            )
    else:
        subtitle = _("Hele landet, per fylke")
        rows = figures_by_county(requests, year=year)
        totals = [total_figures(requests_in(requests, year=year), label=_("Hele landet"))]
        first = _("Fylke")
        filename = f"{TITLE_BASE} {year}"
        url = reverse("reports:requests_and_decisions")
        links = [f"{url}?{urlencode({'year': year, 'county': row.key})}" for row in rows]
    chart_title = _("Anmodet, vedtatt og bosatt antall flyktninger %(year)s, %(where)s") % {
        "year": year,
        "where": subtitle,
    }
    return Report(
        title=title,
        subtitle=subtitle,
        columns=_columns(first),
        rows=[_cells(row) for row in rows],
        totals=[_cells(row) for row in totals],
        chart=_chart(chart_title, rows) if rows else None,
        map=answered_map,
        filename=filename,
        row_links=links,
    )


def years_report(
    requests: QuerySet[SettlementRequest],
    *,
    county: County | None = None,
    municipality: Municipality | None = None,
) -> Report:
    """Every year with requests: for the nation, one county, or the user's own municipality."""
    title = _("Anmodninger og vedtak over tid")
    if municipality is not None:
        subtitle = str(municipality)
    elif county is not None:
        subtitle = county.name
    else:
        subtitle = _("Hele landet")
    rows = figures_by_year(requests, county=county)
    chart_title = _("Anmodet, vedtatt og bosatt antall flyktninger per år, %(where)s") % {
        "where": subtitle
    }
    return Report(
        title=title,
        subtitle=subtitle,
        columns=_columns(_("År")),
        rows=[_cells(row) for row in rows],
        chart=_chart(chart_title, rows) if rows else None,
        filename=f"{TITLE_BASE} over tid {subtitle}",
    )
