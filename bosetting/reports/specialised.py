"""The specialised settlement report (spesialisert bosettingsrapport): every person settled in one
municipality in a period, with identity, category, household and dates. Personal data: only for
IMDi's caseworkers and the municipality's own caseworkers (SETTLEMENT_REPORT_VIEW)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bosetting.cases.models import Category, Relation
from bosetting.organisations.models import Municipality
from bosetting.settlement.counting import settled_between

from .table import Column, Kind, Report

TITLE = "Spesialisert bosettingsrapport"


def settled_in(
    municipality: Municipality, start: datetime.date, end: datetime.date
) -> list[dict[str, Any]]:
    """One row per person with a current settlement in `municipality` within the period; one
    query, on the (municipality, settled_on) index."""
    rows: list[dict[str, Any]] = list(
        settled_between(start, end)
        .filter(municipality=municipality)
        .order_by("settled_on", "person__family_name", "person__given_names", "pk")
        .values(
            "settled_on",
            "person__given_names",
            "person__family_name",
            "person__duf_number",
            "person__birth_date",
            "person__category",
            "person__relation",
            "person__case_id",
            "person__case__settlement_decision__decided_on",
        )  # type: ignore[arg-type]
    )
    return rows


def period_text(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


def specialised_report(
    municipality: Municipality, start: datetime.date, end: datetime.date
) -> Report:
    rows = settled_in(municipality, start, end)
    # Each label translated once, not once per row.
    categories = {value: str(label) for value, label in Category.choices}
    relations = {value: str(label) for value, label in Relation.choices}
    return Report(
        title=_("Spesialisert bosettingsrapport"),
        subtitle=ngettext(
            "%(municipality)s, %(period)s, %(count)s person",
            "%(municipality)s, %(period)s, %(count)s personer",
            len(rows),
        )
        % {
            "municipality": f"{municipality.number} {municipality.name}",
            "period": period_text(start, end),
            "count": len(rows),
        },
        columns=[
            Column(_("Navn")),
            Column(_("DUF-nummer")),
            Column(_("Fødselsdato"), Kind.DATE),
            Column(_("Kategori")),
            Column(_("Sak")),
            Column(_("Relasjon til hovedperson")),
            Column(_("Vedtaksdato"), Kind.DATE),
            Column(_("Bosettingsdato"), Kind.DATE),
        ],
        rows=[
            [
                f"{row['person__given_names']} {row['person__family_name']}",
                row["person__duf_number"],
                row["person__birth_date"],
                categories[row["person__category"]],
                f"{row['person__case_id']:06d}",
                relations[row["person__relation"]],
                row["person__case__settlement_decision__decided_on"],
                row["settled_on"],
            ]
            for row in rows
        ],
        filename=f"{TITLE} {municipality.name} {start:%Y-%m-%d} {end:%Y-%m-%d}",
    )
