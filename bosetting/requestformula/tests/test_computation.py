"""The formula's arithmetic: a hand-computed example, and what holds for any weights."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bosetting.requestformula.computation import (
    TERMS,
    InfeasibleError,
    MunicipalityFacts,
    Rules,
    Weights,
    allocate,
    bounds,
    largest_remainder,
)

# Three municipalities of 6,000, 3,000 and 1,000 inhabitants; B settled 30 in three years.
THREE = [
    MunicipalityFacts("0001", 6000, 0, None, 0),
    MunicipalityFacts("0002", 3000, 30, None, 0),
    MunicipalityFacts("0003", 1000, 0, None, 0),
]


def test_hand_computed_example_for_three_municipalities():
    # Population shares 0.6, 0.3, 0.1. National rate 30 / 10,000 = 3 per 1,000; B's is 10, so
    # B counts 3,000 / (1 + 10/3) = 9,000/13 and the settled term's shares are 0.78, 0.09, 0.13.
    # Half and half: 100 · (0.5 · 0.6 + 0.5 · 0.78) = 69, 19.5 and 11.5. The floors make 99;
    # B and C tie at .5 and B, the larger before rounding, gets the last place.
    rules = Rules(Weights(50, 50, 0), minimum=10, maximum_per_thousand=100)
    result = allocate(THREE, rules, places=100, minors=10)
    assert [a.places for a in result.allocations] == [69, 20, 11]
    first = result.allocations[0]
    assert first.terms["population"] == pytest.approx(60)
    assert first.terms["settled_recently"] == pytest.approx(9)  # 100 · 0.5 · (0.78 − 0.6)
    assert result.allocations[1].terms["settled_recently"] == pytest.approx(-10.5)
    assert result.allocations[1].terms["rounding"] == pytest.approx(0.5)
    assert [a.minors for a in result.allocations] == [7, 2, 1]  # 6.9, 2.0, 1.1


def test_hand_computed_minimum_takes_from_the_others_in_proportion():
    # A minimum of 12 lifts C from 11.5; A and B share the other 88 as 69 : 19.5, that is
    # 68.61 and 19.39, and A has the larger remainder.
    rules = Rules(Weights(50, 50, 0), minimum=12, maximum_per_thousand=100)
    result = allocate(THREE, rules, places=100, minors=0)
    assert [a.places for a in result.allocations] == [69, 19, 12]
    assert result.allocations[2].limited_by == "minimum"
    assert result.allocations[2].terms["limits"] == pytest.approx(0.5)


def test_fulfilment_moves_places_towards_those_that_settled_their_decision():
    facts = [
        MunicipalityFacts("0001", 5000, 0, 100, 100),  # settled all it decided
        MunicipalityFacts("0002", 5000, 0, 100, 50),  # half
    ]
    rules = Rules(Weights(0, 0, 1), minimum=0, maximum_per_thousand=1000)
    result = allocate(facts, rules, places=300, minors=0)
    # Shares 1 : 0.5, so 200 and 100.
    assert [a.places for a in result.allocations] == [200, 100]


def test_a_total_outside_the_limits_is_refused():
    rules = Rules(Weights(1, 0, 0), minimum=10, maximum_per_thousand=10)
    with pytest.raises(InfeasibleError):
        allocate(THREE, rules, places=20, minors=0)


facts_strategy = st.lists(
    st.builds(
        MunicipalityFacts,
        number=st.just(""),
        population=st.integers(min_value=100, max_value=800_000),
        settled_last_three_years=st.integers(min_value=0, max_value=5_000),
        decided_last_year=st.one_of(st.none(), st.integers(min_value=0, max_value=2_000)),
        settled_last_year=st.integers(min_value=0, max_value=2_000),
    ),
    min_size=1,
    max_size=40,
)
weights_strategy = st.builds(
    Weights,
    population=st.floats(min_value=0, max_value=100),
    settled_recently=st.floats(min_value=0, max_value=100),
    fulfilment=st.floats(min_value=0, max_value=100),
).filter(lambda w: w.population + w.settled_recently + w.fulfilment > 0.01)


@settings(max_examples=300, deadline=None)
@given(
    facts=facts_strategy,
    weights=weights_strategy,
    minimum=st.integers(min_value=0, max_value=30),
    maximum=st.floats(min_value=1, max_value=50),
    where=st.floats(min_value=0, max_value=1),
    minors_share=st.floats(min_value=0, max_value=1),
)
def test_national_total_minimum_and_maximum_are_kept_for_any_weights(
    facts, weights, minimum, maximum, where, minors_share
):
    facts = [replace(one, number=f"{i:04d}") for i, one in enumerate(facts)]
    rules = Rules(weights, minimum=minimum, maximum_per_thousand=maximum)
    lows, highs = bounds(facts, rules)
    places = round(sum(lows) + where * (sum(highs) - sum(lows)))
    minors = round(places * minors_share)
    result = allocate(facts, rules, places=places, minors=minors)
    numbers = [a.places for a in result.allocations]
    assert sum(numbers) == places
    assert sum(a.minors for a in result.allocations) == minors
    assert all(low <= n <= high for n, low, high in zip(numbers, lows, highs, strict=True))
    assert all(0 <= a.minors <= a.places for a in result.allocations)
    for one in result.allocations:
        assert set(one.terms) == set(TERMS)
        assert sum(one.terms.values()) == pytest.approx(one.places, abs=1e-6)


@given(
    values=st.lists(st.floats(min_value=0, max_value=1000), min_size=1, max_size=50),
)
def test_largest_remainder_keeps_the_total(values):
    total = round(sum(values))
    assert sum(largest_remainder(values, total)) == total
