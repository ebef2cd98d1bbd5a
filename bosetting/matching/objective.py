"""The one objective that the optimiser maximises and the greedy baseline is measured by.

A plan's value is the sum of a score per assigned (case, municipality) pair:

- **placement:** every placed person is worth `PERSON_VALUE` (100, the most a single weight can
  add), so that settling persons comes first and the soft terms choose *where*;
- **network:** the weight once when family or network lives in the municipality;
- **wish:** the weight once for a wished municipality, half of it for a wished county;
- **waiting:** the weight times the share of a year the case has waited (capped at one year), so
  that long waiters go first when places are short;
- **needs:** the weight times the share of the case's special needs the municipality can meet;
- **integration:** the weight times the expected-integration score of the pair, zero without a
  score file;
- **spread:** the weight times the persons times the share of the municipality's places for the
  year that was still free when the run started, so that a municipality that has used few of its
  places draws more than one that has used most of them.

Why spread is shaped so: an even fill share is a property of the whole plan, and the first model
valued it so, with a concave piecewise-linear value per municipality (each person worth 1, 0.75,
0.5 or 0.25 by the quarter of the places it filled). That is exact in a linear program, but the
relaxation then spreads fractions of households over the emptiest quarter of every municipality:
on 300 cases its bound lay 0.33 % above the best plan and HiGHS could not close that in a minute
(docs/adr/0016). A per-pair term keeps the relaxation within about 0.02 % of the optimum, and
still fills the emptiest municipalities first; what it cannot see is the fill that the plan
itself adds, which the places limit and the next run's starting shares take care of.
"""

from __future__ import annotations

from collections import defaultdict

from .problem import Household, Instance, Municipality, MunicipalityId, Plan

PERSON_VALUE = 100.0
WAITING_CAP_DAYS = 365
WISHED_COUNTY_SHARE = 0.5


def pair_terms(instance: Instance, case: Household, municipality: Municipality) -> dict[str, float]:
    """The terms of one pair's score, by name."""
    weights = instance.weights
    if municipality.id in case.wishes:
        wish = weights.wish
    elif municipality.county and municipality.county in case.wish_counties:
        wish = weights.wish * WISHED_COUNTY_SHARE
    else:
        wish = 0.0
    needs = (
        weights.needs * len(case.needs & municipality.offers) / len(case.needs)
        if case.needs
        else 0.0
    )
    return {
        "placement": PERSON_VALUE * case.persons,
        "network": weights.network if municipality.id in case.network else 0.0,
        "wish": wish,
        "waiting": weights.waiting * min(case.days_waited, WAITING_CAP_DAYS) / WAITING_CAP_DAYS,
        "needs": needs,
        "integration": weights.integration
        * instance.integration.get((case.id, municipality.id), 0.0),
        "spread": weights.spread * case.persons * free_share(municipality),
    }


def free_share(municipality: Municipality) -> float:
    """The share of the year's places that was free when the run started."""
    year = municipality.year_places
    return municipality.places / year if year else 0.0


def score(instance: Instance, case: Household, municipality: Municipality) -> float:
    """The value of assigning `case` to `municipality`."""
    return sum(pair_terms(instance, case, municipality).values())


def persons_per_municipality(instance: Instance, plan: Plan) -> dict[MunicipalityId, int]:
    persons: dict[MunicipalityId, int] = defaultdict(int)
    for case_id, municipality_id in plan.items():
        if municipality_id is not None:
            persons[municipality_id] += instance.case(case_id).persons
    return persons


def plan_objective(instance: Instance, plan: Plan) -> float:
    """The plan's value: the sum of its pairs' scores."""
    return sum(
        score(instance, instance.case(case_id), instance.municipality(municipality_id))
        for case_id, municipality_id in plan.items()
        if municipality_id is not None
    )


def placed_persons(instance: Instance, plan: Plan) -> int:
    return sum(persons_per_municipality(instance, plan).values())
