from __future__ import annotations

import pytest

from bosetting.matching.explain import (
    NO_INTEGRATION_FOR_THESE_CASES,
    NO_INTEGRATION_SCORES,
    explain,
    notes,
)
from bosetting.matching.objective import PERSON_VALUE
from bosetting.matching.problem import Household, Instance, Municipality, Weights

WEIGHTS = Weights(network=60, wish=30, waiting=20, spread=0, needs=40, integration=20)


def test_an_assignment_names_its_terms_the_full_municipality_and_the_next_best() -> None:
    instance = Instance(
        cases=(Household(id=1, persons=3, network=frozenset({"4601"}), days_waited=365),),
        municipalities=(Municipality(id="4601", places=3), Municipality(id="5001", places=5)),
        weights=WEIGHTS,
    )
    explanation = explain(instance, {1: "4601"})[1]
    assert explanation.terms["placement"] == 3 * PERSON_VALUE
    assert explanation.terms["network"] == 60
    assert explanation.terms["waiting"] == 20
    assert [reason.code for reason in explanation.reasons] == ["full"]
    assert explanation.next_best == "5001"
    assert explanation.difference == pytest.approx(60)
    assert "familie eller nettverk +60.0" in explanation.text
    assert "Kommune 4601 er full etter forslaget." in explanation.text
    assert "Nest beste kommune med plass: 5001 (60.0 poeng lavere)." in explanation.text


def test_an_assignment_says_when_it_used_up_the_minors_places() -> None:
    instance = Instance(
        cases=(Household(id=1, persons=1, minors=1),),
        municipalities=(Municipality(id="4601", places=4, minor_places=1, takes_minors=True),),
        weights=WEIGHTS,
    )
    explanation = explain(instance, {1: "4601"})[1]
    assert [reason.code for reason in explanation.reasons] == ["minors_used_up"]
    assert "Ingen annen kommune hadde plass til saken." in explanation.text


def test_a_household_too_large_for_every_municipality_is_told_so() -> None:
    instance = Instance(
        cases=(Household(id=1, persons=7),),
        municipalities=(Municipality(id="4601", places=5), Municipality(id="5001", places=6)),
    )
    explanation = explain(instance, {1: None})[1]
    assert explanation.municipality_id is None
    assert explanation.text == "Ingen kommune har plass til 7 personer."


def test_a_minor_is_told_that_the_minors_places_are_used_up() -> None:
    instance = Instance(
        cases=(Household(id=1, persons=1, minors=1), Household(id=2, persons=1, minors=1)),
        municipalities=(Municipality(id="4601", places=5, minor_places=1, takes_minors=True),),
    )
    explanation = explain(instance, {1: "4601", 2: None})[2]
    assert [reason.code for reason in explanation.reasons] == ["no_minor_places"]


def test_a_case_declined_by_every_municipality_with_room_is_told_so() -> None:
    instance = Instance(
        cases=(Household(id=1, persons=2, forbidden=frozenset({"4601"})),),
        municipalities=(Municipality(id="4601", places=5), Municipality(id="5001", places=1)),
    )
    explanation = explain(instance, {1: None})[1]
    assert explanation.text == "Alle kommuner som har plass, har sagt nei til saken før."


def test_the_plan_says_when_no_integration_scores_were_given() -> None:
    instance = Instance(cases=(), municipalities=())
    assert notes(instance) == [NO_INTEGRATION_SCORES]
    scored = Instance(cases=(), municipalities=(), integration={(1, "4601"): 0.5})
    assert notes(scored, score_file_hash="ab12") == [
        "Forventet integrering er hentet fra filen med SHA-256-sjekksum ab12."
    ]
    assert notes(instance, score_file_hash="ab12") == [NO_INTEGRATION_FOR_THESE_CASES]


@pytest.mark.parametrize("value", [-1, 100.5, float("nan")])
def test_a_weight_out_of_range_is_refused_in_norwegian(value: float) -> None:
    with pytest.raises(ValueError, match=r"Vekten for ventetid må være et tall fra 0 til 100"):
        Weights(waiting=value)
