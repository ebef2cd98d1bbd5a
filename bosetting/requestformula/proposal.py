"""The formula applied to the system's data: what it proposes for each municipality in a year.

The facts come from a fixed handful of queries whatever the number of municipalities (the
query count is pinned in a test); the arithmetic is `computation.allocate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q

from bosetting.organisations.models import County, Municipality
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.settlement.counting import current_settlements

from .computation import MunicipalityFacts, Result, Rules, Weights, allocate, county_totals
from .models import Formula
from .population import population_year_for

CURRENT_DECISION_STATES = [MunicipalDecision.State.APPROVED, MunicipalDecision.State.ACKNOWLEDGED]


@dataclass(frozen=True)
class ProposalLine:
    municipality: Municipality
    population: int
    places: int
    minors: int
    terms: dict[str, float]
    population_share: float
    settled_per_thousand: float
    settled_last_three_years: int
    fulfilment_share: float | None
    limited_by: str
    requested_last_year: int | None

    @property
    def change_from_last_year(self) -> int | None:
        if self.requested_last_year is None:
            return None
        return self.places - self.requested_last_year


@dataclass(frozen=True)
class CountyLine:
    county: County
    places: int
    minors: int
    requested_last_year: int

    @property
    def change_from_last_year(self) -> int:
        return self.places - self.requested_last_year


@dataclass(frozen=True)
class Proposal:
    year: int
    places: int
    minors: int
    formula: Formula
    population_year: int
    lines: list[ProposalLine]
    counties: list[CountyLine]
    result: Result

    def as_json(self) -> dict[str, Any]:
        """The shape `propose_requests --json` writes."""
        return {
            "year": self.year,
            "places": self.places,
            "minors": self.minors,
            "formula_version": self.formula.version,
            "municipalities": [
                {
                    "kommunenummer": line.municipality.number,
                    "places": line.places,
                    "minors": line.minors,
                    "terms": {term: round(value, 2) for term, value in line.terms.items()},
                }
                for line in self.lines
            ],
        }


def rules_of(formula: Formula) -> Rules:
    return Rules(
        weights=Weights(
            population=formula.population_weight,
            settled_recently=formula.settled_recently_weight,
            fulfilment=formula.fulfilment_weight,
        ),
        minimum=formula.minimum_request,
        maximum_per_thousand=float(formula.maximum_per_thousand),
    )


@dataclass(frozen=True)
class YearFacts:
    """What the formula reads from the system for one year, gathered once for any weights."""

    year: int
    population_year: int
    municipalities: Sequence[Municipality]
    facts: list[MunicipalityFacts]
    requested_last_year: dict[int, int]  # municipality pk → places requested last year


def facts_for(year: int) -> YearFacts:
    """Raises ValueError when no population is loaded."""
    population_year = population_year_for(year)
    if population_year is None:
        raise ValueError("No population is loaded (manage.py load_population).")
    municipalities = list(
        Municipality.objects.select_related("county")
        .filter(populations__year=population_year)
        .annotate(inhabitants=Max("populations__inhabitants"))
        .order_by("number")
    )
    settled = {
        row["municipality_id"]: row
        for row in current_settlements()
        .filter(settled_year__range=(year - 3, year - 1))
        .values("municipality_id")
        .annotate(three_years=Count("pk"), last_year=Count("pk", filter=Q(settled_year=year - 1)))
        .order_by()
    }
    last_year = {
        row["municipality_id"]: row
        for row in SettlementRequest.objects.filter(year=year - 1)
        .values("municipality_id", "places")
        .annotate(
            decided=Max("decisions__places", filter=Q(decisions__state__in=CURRENT_DECISION_STATES))
        )
        .order_by()
    }
    facts = []
    for municipality in municipalities:
        counted = settled.get(municipality.pk, {})
        facts.append(
            MunicipalityFacts(
                number=municipality.number,
                population=municipality.inhabitants,
                settled_last_three_years=counted.get("three_years", 0),
                decided_last_year=last_year.get(municipality.pk, {}).get("decided"),
                settled_last_year=counted.get("last_year", 0),
            )
        )
    return YearFacts(
        year=year,
        population_year=population_year,
        municipalities=municipalities,
        facts=facts,
        requested_last_year={pk: row["places"] for pk, row in last_year.items()},
    )


def propose(
    *, year: int, places: int, minors: int, formula: Formula, facts: YearFacts | None = None
) -> Proposal:
    """Raises `computation.InfeasibleError` when `places` is outside what the limits allow, and
    ValueError when no population is loaded. `formula` may be unsaved (a «Hva om»)."""
    known = facts if facts is not None else facts_for(year)
    municipalities = known.municipalities
    result = allocate(known.facts, rules_of(formula), places=places, minors=minors)
    lines = [
        ProposalLine(
            municipality=municipality,
            population=one.population,
            places=allocation.places,
            minors=allocation.minors,
            terms=allocation.terms,
            population_share=allocation.population_share,
            settled_per_thousand=allocation.settled_per_thousand,
            settled_last_three_years=one.settled_last_three_years,
            fulfilment_share=allocation.fulfilment_share,
            limited_by=allocation.limited_by,
            requested_last_year=known.requested_last_year.get(municipality.pk),
        )
        for municipality, one, allocation in zip(
            municipalities, known.facts, result.allocations, strict=True
        )
    ]
    totals = county_totals(result, {m.number: m.county.number for m in municipalities})
    counties = {m.county.number: m.county for m in municipalities}
    requested: dict[str, int] = {}
    for line in lines:
        number = line.municipality.county.number
        requested[number] = requested.get(number, 0) + (line.requested_last_year or 0)
    county_lines = [
        CountyLine(counties[number], *totals[number], requested.get(number, 0))
        for number in sorted(totals)
    ]
    return Proposal(
        year=year,
        places=places,
        minors=minors,
        formula=formula,
        population_year=known.population_year,
        lines=lines,
        counties=county_lines,
        result=result,
    )
