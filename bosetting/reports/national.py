"""The national settlement report: persons settled per county, municipality, month, category,
age group at settlement or citizenship, counted in the database. Category, citizenship and age
are those registered with the settlement (settlement.models.Settlement).

IMDi sees every figure. A municipality's users see the national figures too, but a count of 1–4
that includes persons settled in other municipalities is shown as "<5", on the page and in every
export, because so few could identify a person (DOMAIN.md). Counts of only their own
municipality's persons are shown as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from bosetting.cases.codes import country_name
from bosetting.cases.models import Category
from bosetting.core.maps.choropleth import ValueKind, choropleth_description, choropleth_svg
from bosetting.requestformula.population import inhabitants_by_number
from bosetting.settlement.counting import settled_between

from .charts import Series, grouped_bar_chart
from .period import GROUPINGS
from .specialised import period_text
from .table import Cell, Chart, Column, Kind, Report

SUPPRESSED = "<5"
SUPPRESSION_LIMIT = 5
CHART_MAX_BARS = 40

# Age at settlement, in whole years: (label, lowest, highest), highest None for "and older".
AGE_GROUPS: list[tuple[str, int, int | None]] = [
    ("0–5", 0, 5),
    ("6–15", 6, 15),
    ("16–17", 16, 17),
    ("18–29", 18, 29),
    ("30–49", 30, 49),
    ("50–66", 50, 66),
    ("67+", 67, None),
]

_MONTHS = [
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
]  # fmt: skip


def _age_group_of(age: int) -> tuple[int, str]:
    for index, (label, _low, highest) in enumerate(AGE_GROUPS):
        if highest is None or age <= highest:
            return index, label
    raise AssertionError("the last group has no upper bound")


_CATEGORY_ORDER = {value: index for index, value in enumerate(Category.values)}


@dataclass(frozen=True)
class Grouping:
    """The database counts per `fields`; `key` folds those rows into the report's rows as
    (sort key, label). Months and age groups are counted per day and per year of age, plain
    columns, and folded here: SQLite would otherwise call a Python function for every row."""

    fields: tuple[str, ...]
    key: Callable[[dict[str, Any]], tuple[Any, str]]


GROUPS: dict[str, Grouping] = {
    "county": Grouping(
        ("municipality__county__number", "municipality__county__name"),
        lambda row: (
            row["municipality__county__number"],
            f"{row['municipality__county__number']} {row['municipality__county__name']}",
        ),
    ),
    "municipality": Grouping(
        ("municipality__number", "municipality__name"),
        lambda row: (
            row["municipality__number"],
            f"{row['municipality__number']} {row['municipality__name']}",
        ),
    ),
    "month": Grouping(
        ("settled_on",),
        lambda row: (
            (row["settled_on"].year, row["settled_on"].month),
            f"{_MONTHS[row['settled_on'].month - 1]} {row['settled_on'].year}",
        ),
    ),
    "category": Grouping(
        ("category",),
        lambda row: (
            _CATEGORY_ORDER.get(row["category"], 99),
            str(Category(row["category"]).label),
        ),
    ),
    "age_group": Grouping(
        ("age_at_settlement",), lambda row: _age_group_of(row["age_at_settlement"])
    ),
    "citizenship": Grouping(
        ("citizenship",), lambda row: (row["citizenship"], country_name(row["citizenship"]))
    ),
}


def shown_count(total: int, own: int, *, suppress: bool) -> int | str:
    """The count as the viewer may see it: "<5" for 1–4 persons who are not all their own."""
    if suppress and 0 < total < SUPPRESSION_LIMIT and own < total:
        return SUPPRESSED
    return total


def national_report(
    *,
    start: datetime.date,
    end: datetime.date,
    group_by: str,
    own_municipality_id: int | None,
) -> Report:
    """`own_municipality_id` None: IMDi, every figure; else the viewer's municipality, whose own
    persons are never suppressed while small counts including others' are."""
    grouping = GROUPS[group_by]
    suppress = own_municipality_id is not None
    figures: dict[str, Any] = {"total": Count("pk")}
    if suppress:
        figures["own"] = Count("pk", filter=Q(municipality_id=own_municipality_id))
    grouped = (
        settled_between(start, end)
        .values(*grouping.fields)
        .annotate(**figures)
        .order_by()  # the rows are folded and sorted below; an ORDER BY would only cost
    )
    folded: dict[Any, list[Any]] = {}
    for row in grouped:
        sort_key, label = grouping.key(row)
        entry = folded.setdefault(sort_key, [label, 0, 0])
        entry[1] += row["total"]
        entry[2] += row.get("own", 0)
    ordered = sorted(folded.items())
    if group_by == "citizenship":
        ordered.sort(key=lambda item: -item[1][1])  # most common first; stable for ties
    heading = str(GROUPINGS[group_by])
    cells: list[list[Cell]] = [
        [label, shown_count(total, own, suppress=suppress)] for _key, (label, total, own) in ordered
    ]
    totals: list[list[Cell]] = []
    if ordered:
        # Every settlement is in exactly one row, so the rows add up to the total.
        total = sum(entry[1] for _key, entry in ordered)
        own = sum(entry[2] for _key, entry in ordered)
        totals = [[_("Hele landet"), shown_count(total, own, suppress=suppress)]]
    subtitle = _("Per %(grouping)s, %(period)s") % {
        "grouping": heading.lower(),
        "period": period_text(start, end),
    }
    return Report(
        title=_("Bosatte i hele landet"),
        subtitle=subtitle,
        columns=[Column(heading), Column(_("Bosatt"), Kind.INTEGER)],
        rows=cells,
        totals=totals,
        chart=_chart(subtitle, cells),
        map=_per_thousand_map(period_text(start, end), ordered, suppress=suppress, end=end)
        if group_by == "municipality"
        else None,
        filename=f"Bosatte {heading} {start:%Y-%m-%d} {end:%Y-%m-%d}",
    )


# Settled per 1,000 inhabitants in the period: none or almost none, a few, many.
PER_THOUSAND_BOUNDS = (0.5, 2.0, 5.0, 10.0, 20.0)


def _per_thousand_map(
    period: str, ordered: list[tuple[Any, list[Any]]], *, suppress: bool, end: datetime.date
) -> Chart | None:
    """Settled per 1,000 inhabitants, per municipality; a count the viewer sees as "<5" is no
    data on the map either, so the map tells no more than the table."""
    population_year, inhabitants = inhabitants_by_number(end.year)
    if population_year is None:
        return None
    counts = {number: (total, own) for number, (_label, total, own) in ordered}
    values: dict[str, float | None] = {}
    for number, people in inhabitants.items():
        total, own = counts.get(number, (0, 0))
        shown = shown_count(total, own, suppress=suppress)
        values[number] = None if isinstance(shown, str) or not people else 1000 * shown / people
    title = _("Bosatte per 1 000 innbyggere, per kommune, %(period)s") % {"period": period}
    legend = _("Bosatte per 1 000 innbyggere")
    return Chart(
        svg=choropleth_svg(
            values,
            title=title,
            legend_label=legend,
            bounds=PER_THOUSAND_BOUNDS,
            kind=ValueKind.DECIMAL,
            map_id="kart-bosatte",
        ),
        title=title,
        description=choropleth_description(
            values, legend_label=legend, bounds=PER_THOUSAND_BOUNDS, kind=ValueKind.DECIMAL
        )
        + " "
        + _("Folketall per 1. januar %(year)s fra Statistisk sentralbyrå (tabell 07459).")
        % {"year": population_year},
    )


def _chart(subtitle: str, cells: list[list[Cell]]) -> Chart | None:
    # Suppressed cells have no number to draw; they stay in the table as "<5".
    shown = [(str(label), value) for label, value in cells if isinstance(value, int)]
    if not shown or len(shown) > CHART_MAX_BARS:
        return None
    title = _("Bosatte %(subtitle)s") % {"subtitle": subtitle.lower()}
    if len(shown) < len(cells):
        title += _(" (tall under 5 for andre kommuner er ikke vist)")
    return grouped_bar_chart(
        title=title,
        categories=[label for label, _value in shown],
        series=[Series(_("Bosatt"), [value for _label, value in shown])],
        value_label=_("Antall personer"),
    )
