"""The one objective that the optimiser maximises and the greedy baseline is measured by.

A plan's value is the sum of a score per assigned (case, municipality) pair and a spread value
per municipality:

- **placement:** every placed person is worth `PERSON_VALUE` (100, the most a single weight can
  add), so that settling persons comes first and the soft terms choose *where*;
- **network:** the weight once when family or network lives in the municipality;
- **wish:** the weight once for a wished municipality, half of it for a wished county;
- **waiting:** the weight times the share of a year the case has waited (capped at one year), so
  that long waiters go first when places are short;
- **needs:** the weight times the share of the case's special needs the municipality can meet;
- **integration:** the weight times the expected-integration score of the pair, zero without a
  score file;
- **spread:** per municipality, a concave piecewise-linear value of the persons placed there:
  each person is worth the weight times 1, 0.75, 0.5 or 0.25 according to the quarter of the
  municipality's places for the year that the person fills. A person placed where few places are
  in use is thus worth more than one placed where most are, which evens out the fill shares
  across the country.

Why spread is shaped so: an even fill share is a property of the whole plan, not of one pair.
A concave piecewise-linear value is exact in a maximising integer program with continuous band
variables and no extra integers (the cheaper bands fill first by themselves), whereas a penalty
on the deviation from the national mean would need the mean as a variable and an absolute value
per municipality, and a quadratic term would leave the linear solvers. Quarters keep the model
small (four bands per municipality) while still telling a nearly full municipality from an
empty one.
"""

from __future__ import annotations

from collections import defaultdict

from .problem import Household, Instance, Municipality, MunicipalityId, Plan

PERSON_VALUE = 100.0
WAITING_CAP_DAYS = 365
WISHED_COUNTY_SHARE = 0.5
# Per-person value of each quarter of a municipality's places, emptiest quarter first.
SPREAD_BANDS = (1.0, 0.75, 0.5, 0.25)


def pair_terms(instance: Instance, case: Household, municipality: Municipality) -> dict[str, float]:
    """The terms of one pair's score, spread excepted (it belongs to the whole plan)."""
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
    }


def score(instance: Instance, case: Household, municipality: Municipality) -> float:
    """The value of assigning `case` to `municipality`, spread excepted."""
    return sum(pair_terms(instance, case, municipality).values())


def spread_bands(municipality: Municipality) -> list[tuple[float, float]]:
    """(persons that fit in the band, value per person before the weight), emptiest band first.

    The capacities add up to the municipality's free places: the bands already in use before the
    run are cut off.
    """
    year = municipality.year_places
    bands = []
    for index, value in enumerate(SPREAD_BANDS):
        low = year * index / len(SPREAD_BANDS)
        high = year * (index + 1) / len(SPREAD_BANDS)
        room = max(0.0, high - max(low, municipality.used_before))
        if room > 0:
            bands.append((room, value))
    return bands


def spread_value(instance: Instance, municipality: Municipality, persons: int) -> float:
    """The spread value of placing `persons` in `municipality`, filling the emptiest band first."""
    left = float(persons)
    total = 0.0
    for room, value in spread_bands(municipality):
        taken = min(left, room)
        total += taken * value
        left -= taken
        if left <= 0:
            break
    return instance.weights.spread * total


def persons_per_municipality(instance: Instance, plan: Plan) -> dict[MunicipalityId, int]:
    persons: dict[MunicipalityId, int] = defaultdict(int)
    for case_id, municipality_id in plan.items():
        if municipality_id is not None:
            persons[municipality_id] += instance.case(case_id).persons
    return persons


def plan_objective(instance: Instance, plan: Plan) -> float:
    """The plan's value: every pair's score plus every municipality's spread value."""
    pairs = sum(
        score(instance, instance.case(case_id), instance.municipality(municipality_id))
        for case_id, municipality_id in plan.items()
        if municipality_id is not None
    )
    spread = sum(
        spread_value(instance, instance.municipality(municipality_id), persons)
        for municipality_id, persons in persons_per_municipality(instance, plan).items()
    )
    return pairs + spread


def placed_persons(instance: Instance, plan: Plan) -> int:
    return sum(persons_per_municipality(instance, plan).values())
