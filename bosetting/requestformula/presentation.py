"""The proposal as the page and its PDF show it: rows with explanations, county totals, the map."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from bosetting.core.maps.choropleth import ValueKind, choropleth_description, choropleth_svg

from .explain import explanation, number, signed
from .proposal import Proposal, ProposalLine

# Proposed places: the minimum of about ten, small towns, towns, the cities.
MAP_BOUNDS = (15, 25, 50, 100, 250)
MAP_ID = "kart-forslag"
TABLE_ID = "forslag-tabell"


@dataclass(frozen=True)
class Row:
    line: ProposalLine
    explanation: str
    saved_places: int | None  # with the saved formula, when the page shows a «Hva om»

    @property
    def change_from_saved(self) -> str:
        if self.saved_places is None:
            return ""
        return signed(self.line.places - self.saved_places)

    @property
    def change_from_last_year(self) -> str:
        change = self.line.change_from_last_year
        return "–" if change is None else signed(change)

    @property
    def population(self) -> str:
        return number(self.line.population)


def rows(proposal: Proposal, saved: Proposal | None = None) -> list[Row]:
    saved_places = (
        {line.municipality.pk: line.places for line in saved.lines} if saved is not None else {}
    )
    return [
        Row(
            line=line,
            explanation=explanation(line, proposal),
            saved_places=saved_places.get(line.municipality.pk) if saved is not None else None,
        )
        for line in proposal.lines
    ]


def map_title(proposal: Proposal) -> str:
    return _("Formelens forslag til anmodning %(year)s, antall plasser per kommune") % {
        "year": proposal.year
    }


def proposal_map(proposal: Proposal) -> tuple[SafeString, str]:
    """The map and its text alternative."""
    values: dict[str, float | None] = {
        line.municipality.number: float(line.places) for line in proposal.lines
    }
    legend = _("Foreslått antall plasser")
    svg = choropleth_svg(
        values,
        title=map_title(proposal),
        legend_label=legend,
        bounds=MAP_BOUNDS,
        kind=ValueKind.INTEGER,
        map_id=MAP_ID,
    )
    description = choropleth_description(
        values, legend_label=legend, bounds=MAP_BOUNDS, kind=ValueKind.INTEGER
    )
    return svg, description


def rows_html(shown: list[Row], *, what_if: bool) -> SafeString:
    """The table's 357 rows written here: through the template language they cost more than
    the formula itself (see planning.overview_html)."""
    parts = []
    for row in shown:
        line = row.line
        saved = f"<td>{escape(row.change_from_saved)}</td>" if what_if else ""
        parts.append(
            f'<tr><th scope="row">{escape(line.municipality.number)} '
            f"{escape(line.municipality.name)}</th>"
            f"<td>{row.population}</td>"
            f"<td>{line.places}</td>"
            f"<td>{line.minors}</td>"
            f"{saved}"
            f"<td>{_count(line.requested_last_year)}</td>"
            f"<td>{escape(row.change_from_last_year)}</td>"
            f'<td class="forklaring">{escape(row.explanation)}</td></tr>'
        )
    return SafeString("".join(parts))


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)
