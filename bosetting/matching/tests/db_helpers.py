"""Test data for distribution plans, made through the actions of cases, planning and distribution."""

from __future__ import annotations

from typing import Any

from bosetting.cases import actions as case_actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.models import Case, Person
from bosetting.cases.tests.factories import COMPLETE_ADULT, make_case
from bosetting.distribution import actions as distribution
from bosetting.distribution.tests.helpers import proposed, sent_proposal


def ready_case_with(*, children: int = 0, **data: Any) -> Case:
    """A ready case whose members' assessments hold `data` besides what a complete one has."""
    case = make_case(children=children)
    for person in Person.objects.filter(case=case):
        case_actions.save_assessment(
            by=None, person=person, data={**COMPLETE_ADULT, **data}, health=HealthInput()
        )
    return case_actions.mark_ready(by=None, case=case)


def declined_by(cast: Any, case: Case, municipality: Any, caseworker: Any) -> None:
    proposal = sent_proposal(cast, [case], municipality)
    distribution.answer_case(
        by=caseworker,
        proposed_case=proposed(proposal, case),
        accept=False,
        reason="housing",
    )
