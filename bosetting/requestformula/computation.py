"""The request formula as pure arithmetic: no Django, no database, so it can be proved on any input.

The national number of places N is divided by three weighted shares, each summing to 1 over the
municipalities:

- `population`: the municipality's share of the population (a_i);
- `settled_recently`: the population share, scaled down for municipalities that settled many
  per 1,000 inhabitants over the last three years: b_i ∝ p_i / (1 + r_i / r), where r is the
  national rate, so a municipality at the national rate counts half its population;
- `fulfilment`: the population share, scaled by the share of last year's decision that was
  settled: c_i ∝ p_i · q_i (q_i capped at 1; the national share for a municipality with no
  decision last year).

With weights summing to 1, N·(w_a·a_i + w_b·b_i + w_c·c_i) = N·a_i + N·w_b·(b_i − a_i) +
N·w_c·(c_i − a_i): the population gives the starting number and each other term moves it up or
down, which is how the explanation reads. The minimum and the maximum (a share of the
population, never below the minimum) are then applied while keeping the national total, and the
largest remainders round to whole places that still add up to N.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

POPULATION = "population"
SETTLED_RECENTLY = "settled_recently"
FULFILMENT = "fulfilment"
LIMITS = "limits"
ROUNDING = "rounding"
# Every term a municipality's number is made of, in the order the explanation gives them.
TERMS = (POPULATION, SETTLED_RECENTLY, FULFILMENT, LIMITS, ROUNDING)


class InfeasibleError(ValueError):
    """The national number cannot be divided within the minimum and the maximum."""

    def __init__(self, message: str, *, lowest: int, highest: int) -> None:
        super().__init__(message)
        self.lowest = lowest
        self.highest = highest


@dataclass(frozen=True)
class Weights:
    """Relative weights; only their proportions matter (60/25/15 is 0.6/0.25/0.15)."""

    population: float
    settled_recently: float
    fulfilment: float

    def normalised(self) -> tuple[float, float, float]:
        total = self.population + self.settled_recently + self.fulfilment
        if total <= 0 or min(self.population, self.settled_recently, self.fulfilment) < 0:
            raise ValueError("The weights must be zero or more, and not all zero.")
        return (
            self.population / total,
            self.settled_recently / total,
            self.fulfilment / total,
        )


@dataclass(frozen=True)
class Rules:
    weights: Weights
    minimum: int  # places every municipality is asked for at least
    maximum_per_thousand: float  # at most this many places per 1,000 inhabitants (or the minimum)


@dataclass(frozen=True)
class MunicipalityFacts:
    """What the formula knows of one municipality."""

    number: str  # kommunenummer
    population: int
    settled_last_three_years: int
    decided_last_year: int | None  # the places of last year's current decision, if any
    settled_last_year: int


@dataclass(frozen=True)
class Allocation:
    number: str
    places: int
    minors: int
    # Each term's contribution in places; they add up to `places`.
    terms: dict[str, float] = field(default_factory=dict)
    population_share: float = 0.0
    settled_per_thousand: float = 0.0
    fulfilment_share: float | None = None  # None: no decision last year
    limited_by: str = ""  # "minimum", "maximum" or ""


@dataclass(frozen=True)
class Result:
    places: int
    minors: int
    allocations: list[Allocation]
    national_settled_per_thousand: float
    national_fulfilment_share: float


def bounds(facts: Sequence[MunicipalityFacts], rules: Rules) -> tuple[list[int], list[int]]:
    """Each municipality's lowest and highest whole number of places."""
    lows = [rules.minimum] * len(facts)
    highs = [
        max(rules.minimum, math.floor(one.population * rules.maximum_per_thousand / 1000))
        for one in facts
    ]
    return lows, highs


def _shares(values: Sequence[float], fallback: Sequence[float]) -> list[float]:
    total = sum(values)
    if total <= 0:
        return list(fallback)
    return [value / total for value in values]


def _clamped(
    raw: Sequence[float], lows: Sequence[int], highs: Sequence[int], total: int
) -> list[float]:
    """`raw` scaled to add up to `total` with each value within its bounds.

    Values that fall outside are fixed at their bound, the larger side of the violation first,
    and the rest is divided again in proportion: at most one round per municipality.
    """
    fixed: dict[int, float] = {}
    while True:
        free = [index for index in range(len(raw)) if index not in fixed]
        remaining = total - sum(fixed.values())
        weight = sum(raw[index] for index in free)
        values = dict(fixed)
        for index in free:
            values[index] = remaining * raw[index] / weight if weight > 0 else remaining / len(free)
        below = [index for index in free if values[index] < lows[index]]
        above = [index for index in free if values[index] > highs[index]]
        if not below and not above:
            return [values[index] for index in range(len(raw))]
        missing = sum(lows[index] - values[index] for index in below)
        excess = sum(values[index] - highs[index] for index in above)
        if missing >= excess:
            fixed.update({index: float(lows[index]) for index in below})
        else:
            fixed.update({index: float(highs[index]) for index in above})


def largest_remainder(
    values: Sequence[float],
    total: int,
    *,
    lows: Sequence[int] | None = None,
    highs: Sequence[int] | None = None,
    tie_break: Sequence[float] | None = None,
) -> list[int]:
    """Whole numbers adding up to `total`: each value's floor, and one more for the largest
    remainders (ties go to the larger `tie_break`, then the earlier position). Bounds are kept
    whenever `total` lies within them."""
    count = len(values)
    lows = lows if lows is not None else [0] * count
    highs = highs if highs is not None else [total] * count
    tie_break = tie_break if tie_break is not None else [0.0] * count
    whole = [min(highs[i], max(lows[i], math.floor(values[i] + 1e-9))) for i in range(count)]
    order = sorted(
        range(count), key=lambda i: (-(values[i] - math.floor(values[i] + 1e-9)), -tie_break[i], i)
    )
    remaining = total - sum(whole)
    # Floating point can leave the sum a place off either way; the loops put it right within bounds.
    while remaining > 0:
        before = remaining
        for index in order:
            if remaining == 0:
                break
            if whole[index] < highs[index]:
                whole[index] += 1
                remaining -= 1
        if remaining == before:
            break
    while remaining < 0:
        before = remaining
        for index in reversed(order):
            if remaining == 0:
                break
            if whole[index] > lows[index]:
                whole[index] -= 1
                remaining += 1
        if remaining == before:
            break
    return whole


def allocate(
    facts: Sequence[MunicipalityFacts], rules: Rules, *, places: int, minors: int
) -> Result:
    """Divide `places` (of them `minors` unaccompanied minors) between the municipalities."""
    if not facts:
        raise ValueError("No municipalities to divide between.")
    if minors > places or minors < 0:
        raise ValueError("The minors are part of the places.")
    lows, highs = bounds(facts, rules)
    if not sum(lows) <= places <= sum(highs):
        raise InfeasibleError(
            "The national number is outside what the minimum and maximum allow.",
            lowest=sum(lows),
            highest=sum(highs),
        )
    w_population, w_settled, w_fulfilment = rules.weights.normalised()
    populations = [max(one.population, 0) for one in facts]
    population_total = sum(populations)
    equal = [1 / len(facts)] * len(facts)
    a = _shares([float(p) for p in populations], equal)

    settled_total = sum(one.settled_last_three_years for one in facts)
    national_rate = 1000 * settled_total / population_total if population_total else 0.0
    rates = [
        1000 * one.settled_last_three_years / one.population if one.population else 0.0
        for one in facts
    ]
    b = _shares(
        [
            p / (1 + rate / national_rate) if national_rate > 0 else float(p)
            for p, rate in zip(populations, rates, strict=True)
        ],
        a,
    )

    decided_total = sum(one.decided_last_year or 0 for one in facts)
    settled_against_decisions = sum(
        min(one.settled_last_year, one.decided_last_year) for one in facts if one.decided_last_year
    )
    national_fulfilment = settled_against_decisions / decided_total if decided_total else 1.0
    fulfilments = [
        min(1.0, one.settled_last_year / one.decided_last_year) if one.decided_last_year else None
        for one in facts
    ]
    c = _shares(
        [
            p * (share if share is not None else national_fulfilment)
            for p, share in zip(populations, fulfilments, strict=True)
        ],
        a,
    )

    raw = [
        places * (w_population * a[i] + w_settled * b[i] + w_fulfilment * c[i])
        for i in range(len(facts))
    ]
    limited = _clamped(raw, lows, highs, places)
    whole = largest_remainder(limited, places, lows=lows, highs=highs, tie_break=raw)
    minors_each = largest_remainder(
        [minors * value / places if places else 0.0 for value in whole],
        minors,
        highs=whole,
        tie_break=raw,
    )
    allocations = []
    for i, one in enumerate(facts):
        terms = {
            POPULATION: places * a[i],
            SETTLED_RECENTLY: places * w_settled * (b[i] - a[i]),
            FULFILMENT: places * w_fulfilment * (c[i] - a[i]),
            LIMITS: limited[i] - raw[i],
            ROUNDING: whole[i] - limited[i],
        }
        limit = ""
        if abs(limited[i] - raw[i]) > 1e-9:
            if limited[i] <= lows[i] + 1e-9:
                limit = "minimum"
            elif limited[i] >= highs[i] - 1e-9:
                limit = "maximum"
        allocations.append(
            Allocation(
                number=one.number,
                places=whole[i],
                minors=minors_each[i],
                terms=terms,
                population_share=a[i],
                settled_per_thousand=rates[i],
                fulfilment_share=fulfilments[i],
                limited_by=limit,
            )
        )
    return Result(
        places=places,
        minors=minors,
        allocations=allocations,
        national_settled_per_thousand=national_rate,
        national_fulfilment_share=national_fulfilment,
    )


def county_totals(result: Result, county_of: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Places and minors per county number, from `county_of` (kommunenummer → fylkesnummer)."""
    totals: dict[str, tuple[int, int]] = {}
    for one in result.allocations:
        county = county_of[one.number]
        places, minors = totals.get(county, (0, 0))
        totals[county] = (places + one.places, minors + one.minors)
    return totals
