"""Every plan keeps every hard rule, checked by a checker that shares no code with the solver.

The checker reads the instance's fields and the plan only: it does not import `problem.fits`,
the solver or the greedy baseline's helpers. On instances small enough to enumerate, the
optimiser's plan is as good as the best plan found by trying them all.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bosetting.matching.greedy import greedy_plan
from bosetting.matching.objective import plan_objective
from bosetting.matching.problem import Household, Instance, Municipality, Weights
from bosetting.matching.solver import solve

NUMBERS = ["0301", "1103", "4601", "5001", "5501"]
NEEDS = ["health_follow_up", "housing_adaptation"]


def broken_rules(instance: Instance, plan: Mapping[int, str | None]) -> list[str]:
    """Every hard rule the plan breaks, in words; empty when it keeps them all."""
    broken = []
    municipalities = {m.id: m for m in instance.municipalities}
    if set(plan) != {case.id for case in instance.cases}:
        broken.append("the plan does not name every case exactly once")
    persons: dict[str, int] = dict.fromkeys(municipalities, 0)
    minors: dict[str, int] = dict.fromkeys(municipalities, 0)
    for case in instance.cases:
        target = plan.get(case.id)
        if target is None:
            continue
        if target not in municipalities:
            broken.append(f"case {case.id} goes to unknown municipality {target}")
            continue
        if target in case.forbidden:
            broken.append(f"case {case.id} goes to {target}, which declined it before")
        if case.minors and not municipalities[target].takes_minors:
            broken.append(f"case {case.id} has minors and {target} takes none")
        persons[target] += case.persons
        minors[target] += case.minors
    for number, municipality in municipalities.items():
        if persons[number] > municipality.places:
            broken.append(f"{number} gets {persons[number]} persons for {municipality.places}")
        if minors[number] > municipality.minor_places:
            broken.append(f"{number} gets {minors[number]} minors for {municipality.minor_places}")
    return broken


@st.composite
def instances(draw: st.DrawFn, max_cases: int = 7, max_municipalities: int = 4) -> Instance:
    numbers = draw(
        st.lists(st.sampled_from(NUMBERS), min_size=1, max_size=max_municipalities, unique=True)
    )
    municipalities = []
    for number in numbers:
        places = draw(st.integers(0, 9))
        takes_minors = draw(st.booleans())
        municipalities.append(
            Municipality(
                id=number,
                places=places,
                minor_places=draw(st.integers(0, places)) if takes_minors else 0,
                takes_minors=takes_minors,
                county=number[:2],
                offers=frozenset(draw(st.lists(st.sampled_from(NEEDS), unique=True))),
                approved=places + draw(st.integers(0, 10)),
            )
        )
    cases = []
    for case_id in range(1, draw(st.integers(1, max_cases)) + 1):
        persons = draw(st.integers(1, 6))
        subset = st.lists(st.sampled_from(numbers), unique=True, max_size=2).map(frozenset)
        cases.append(
            Household(
                id=case_id,
                persons=persons,
                minors=draw(st.integers(0, persons)) if draw(st.integers(0, 3)) == 0 else 0,
                forbidden=draw(subset),
                wishes=draw(subset),
                wish_counties=frozenset(draw(st.lists(st.sampled_from(["03", "46"]), unique=True))),
                network=draw(subset),
                days_waited=draw(st.integers(0, 500)),
                needs=frozenset(draw(st.lists(st.sampled_from(NEEDS), unique=True))),
            )
        )
    weights = Weights(
        **{
            name: draw(st.sampled_from([0.0, 10.0, 50.0, 100.0]))
            for name in ("network", "wish", "waiting", "spread", "needs")
        }
    )
    return Instance(cases=tuple(cases), municipalities=tuple(municipalities), weights=weights)


def best_by_enumeration(instance: Instance) -> float:
    options = [None, *(m.id for m in instance.municipalities)]
    best = 0.0
    for choice in itertools.product(options, repeat=len(instance.cases)):
        plan = {case.id: target for case, target in zip(instance.cases, choice, strict=True)}
        if not broken_rules(instance, plan):
            best = max(best, plan_objective(instance, plan))
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_both_plans_keep_every_hard_rule_and_the_optimum_beats_greedy(instance: Instance) -> None:
    result = solve(instance, time_limit=10)
    greedy = greedy_plan(instance)
    assert broken_rules(instance, result.plan) == []
    assert broken_rules(instance, greedy) == []
    assert result.objective == plan_objective(instance, result.plan)
    assert result.bound >= result.objective
    if result.status == "optimal":
        assert result.objective >= plan_objective(instance, greedy) - 1e-6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_cases=4, max_municipalities=3))
def test_the_optimum_is_the_best_plan_there_is(instance: Instance) -> None:
    result = solve(instance, time_limit=10)
    assert result.status == "optimal"
    best = best_by_enumeration(instance)
    assert abs(result.objective - best) <= 1e-6 * max(1.0, best)


def test_a_household_that_fits_nowhere_stays_unassigned() -> None:
    instance = Instance(
        cases=(Household(id=1, persons=7), Household(id=2, persons=2)),
        municipalities=(Municipality(id="4601", places=5),),
    )
    result = solve(instance, time_limit=5)
    assert result.plan == {1: None, 2: "4601"}
    assert result.status == "optimal"
