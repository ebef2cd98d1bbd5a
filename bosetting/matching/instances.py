"""Seeded instances for the benchmark and the tests: invented cases, real municipality numbers.

The proportions are the national data set's (bosetting/demo/national/plan.py) and the demo's
assessments (bosetting/demo/seed/cases.py), repeated here because nothing in the product imports
the demo: 4 % of cases are one unaccompanied minor, the rest draw their size from the demo's
household sizes (mean 2.75 persons); 12 % of cases were declined once before; special needs and
wished counties are drawn as the demo's assessments draw them. Free places follow the demo's
municipality weights (the ten that settle most first, then a long tail, weight 1/(rank+1)^0.8),
since the repository holds no population figures: the year's places are scaled so that there
are about `places_ratio` places per waiting person (at least `min_places` per municipality), and
up to half of them are already used. With `places_ratio` below one and `min_places` at zero,
places are short and the plan must choose whom to place.
"""

from __future__ import annotations

import csv
import random

from bosetting.organisations.counties import MUNICIPALITIES_CSV

from .problem import Household, Instance, Municipality, Weights

LARGEST = ["0301", "4601", "5001", "1103", "4204", "3301", "1108", "5501", "3107", "3905"]
HOUSEHOLD_SIZES = [1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6]
UNACCOMPANIED_SHARE = 0.04
DECLINED_SHARE = 0.12
NEEDS = [
    frozenset(),
    frozenset(),
    frozenset({"health_follow_up"}),
    frozenset({"housing_adaptation"}),
    frozenset({"psychological_follow_up", "practical_assistance"}),
]
NEED_CODES = sorted(set().union(*NEEDS))
WISHED_COUNTIES = ["46", "03", "50", "11"]
WISH_SHARE = 0.25
NETWORK_SHARE = 0.2
TAKES_MINORS_SHARE = 0.35
# 2025's requests were 18,900 places (DOMAIN.md) for a year's roughly 13,000 persons in 5,000
# cases: about 1.4 places per person, and no municipality asked for fewer than 10.
PLACES_RATIO = 1.4
MIN_PLACES = 10
MAX_USED_SHARE = 0.5  # of the year's places already used when the run starts


def municipality_rows() -> list[tuple[str, str]]:
    """(kommunenummer, fylkesnummer) of the 357 municipalities, in number order."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        return [(row["kommunenummer"], row["fylkesnummer"]) for row in csv.DictReader(handle)]


def generate(
    *,
    cases: int,
    municipalities: int = 357,
    seed: int = 0,
    places_ratio: float = PLACES_RATIO,
    min_places: int = MIN_PLACES,
    weights: Weights | None = None,
) -> Instance:
    rows = municipality_rows()
    if not 1 <= municipalities <= len(rows):
        raise ValueError(f"Antall kommuner må være fra 1 til {len(rows)}.")
    rng = random.Random(seed)  # noqa: S311 -- invented data, the same for the same seed
    chosen = sorted(rng.sample(rows, municipalities))
    numbers = [number for number, _county in chosen]
    rest = [number for number in numbers if number not in LARGEST]
    rng.shuffle(rest)
    ranked = [number for number in LARGEST if number in numbers] + rest
    weight = {number: 1 / (rank + 1) ** 0.8 for rank, number in enumerate(ranked)}
    rank = {number: index for index, number in enumerate(ranked)}

    households = [_household(rng, index + 1, numbers, weight) for index in range(cases)]
    persons = sum(h.persons for h in households)
    minors = sum(h.minors for h in households)
    total_weight = sum(weight.values())
    takes_minors = {
        n: rng.random() < (0.9 if rank[n] < 20 else TAKES_MINORS_SHARE) for n in numbers
    }
    minor_weight = sum(weight[n] for n in numbers if takes_minors[n]) or 1.0
    result = []
    for number, county in chosen:
        used_share = rng.uniform(0.0, MAX_USED_SHARE)
        expected_free = places_ratio * persons * weight[number] / total_weight
        approved = max(min_places, _round(rng, expected_free / (1 - used_share)))
        free = approved - round(approved * used_share)
        minor_places = (
            min(free, max(1, _round(rng, 1.2 * minors * weight[number] / minor_weight)))
            if takes_minors[number]
            else 0
        )
        big = rank[number] < 50
        result.append(
            Municipality(
                id=number,
                places=free,
                minor_places=minor_places,
                takes_minors=takes_minors[number],
                county=county,
                offers=frozenset(c for c in NEED_CODES if rng.random() < (0.7 if big else 0.25)),
                approved=approved,
            )
        )
    return Instance(
        cases=tuple(households),
        municipalities=tuple(result),
        weights=weights or Weights(),
    )


def _round(rng: random.Random, expected: float) -> int:
    """Whole places with the expected value kept: round up with the fraction's probability."""
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _household(
    rng: random.Random, case_id: int, numbers: list[str], weight: dict[str, float]
) -> Household:
    weights = [weight[n] for n in numbers]

    def somewhere() -> str:
        return rng.choices(numbers, weights)[0]

    unaccompanied = rng.random() < UNACCOMPANIED_SHARE
    persons = 1 if unaccompanied else rng.choice(HOUSEHOLD_SIZES)
    network = rng.random()
    return Household(
        id=case_id,
        persons=persons,
        minors=1 if unaccompanied else 0,
        forbidden=frozenset({somewhere()}) if rng.random() < DECLINED_SHARE else frozenset(),
        wishes=frozenset({somewhere()}) if rng.random() < WISH_SHARE else frozenset(),
        wish_counties=frozenset(rng.sample(WISHED_COUNTIES, k=rng.randint(0, 2))),
        network=frozenset({somewhere(), somewhere()})
        if network < NETWORK_SHARE / 4
        else frozenset({somewhere()})
        if network < NETWORK_SHARE
        else frozenset(),
        days_waited=min(720, int(rng.expovariate(1 / 90))),
        needs=rng.choice(NEEDS),
    )
