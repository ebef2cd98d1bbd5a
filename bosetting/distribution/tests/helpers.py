"""Test data for distribution, made through the actions of cases, planning and distribution."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from bosetting.cases import actions as case_actions
from bosetting.cases.models import Case, Category
from bosetting.cases.tests.factories import assess_completely, make_case
from bosetting.letters.models import LetterState
from bosetting.organisations.models import Municipality
from bosetting.planning.models import MunicipalDecision, SettlementRequest
from bosetting.planning.tests.factories import MunicipalDecisionFactory

from .. import actions
from ..actions import decide_settlement
from ..models import DecisionLetter, Proposal, ProposedCase
from ..queries import current_decision
from ..tasks import render_decision_letter


def ready_case(*, children: int = 0, **head: Any) -> Case:
    case = make_case(children=children, **head)
    assess_completely(case)
    return case_actions.mark_ready(by=None, case=case)


def minor_case() -> Case:
    return ready_case(
        given_names="Yonas",
        family_name="Tesfay",
        birth_date=timezone.localdate() - datetime.timedelta(days=16 * 365 + 40),
        category=Category.UNACCOMPANIED_MINOR,
    )


def approve_places(
    municipality: Municipality, *, places: int = 20, takes_minors: bool = True
) -> MunicipalDecision:
    """The municipality's current decision this year: the existing one, or a new approved one."""
    year = timezone.localdate().year
    request = SettlementRequest.objects.filter(year=year, municipality=municipality).first()
    if request is not None:
        current = current_decision(municipality, year)
        if current is not None:
            return current
        return MunicipalDecisionFactory(
            request=request,
            places=places,
            takes_unaccompanied_minors=takes_minors,
            unaccompanied_minors=min(2, places) if takes_minors else 0,
        )
    return MunicipalDecisionFactory(
        request__municipality=municipality,
        places=places,
        takes_unaccompanied_minors=takes_minors,
        unaccompanied_minors=min(2, places) if takes_minors else 0,
    )


def deadline() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=7)


def sent_proposal(
    cast: Any, cases: list[Case], municipality: Municipality | None = None
) -> Proposal:
    proposal = actions.create_proposal(
        by=cast.imdi_caseworker,
        municipality=municipality or cast.bergen,
        cases=cases,
        deadline=deadline(),
    )
    return actions.send_proposal(
        by=cast.imdi_caseworker, proposal=proposal, confirm_over_capacity=True
    )


def proposed(proposal: Proposal, case: Case) -> ProposedCase:
    return ProposedCase.objects.select_related("proposal__municipality").get(
        proposal=proposal, case=case
    )


def accepted(cast: Any, case: Case, municipality: Municipality | None = None) -> ProposedCase:
    """`case` proposed to `municipality` (Bergen) and accepted: waiting for IMDi's decision."""
    proposal = sent_proposal(cast, [case], municipality)
    caseworker = cast.oslo_caseworker if municipality == cast.oslo else cast.bergen_caseworker
    return actions.answer_case(by=caseworker, proposed_case=proposed(proposal, case), accept=True)


def accept_and_decide(cast: Any, case: Case, municipality: Municipality | None = None) -> Case:
    item = accepted(cast, case, municipality)
    decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=[item], decided_on=timezone.localdate()
    )
    make_decision_letters()
    case.refresh_from_db()
    return case


def make_decision_letters() -> None:
    """What the task worker does once decisions commit (ADR 15), for the tests that run inside
    one transaction, where nothing commits: the task itself, called in the test."""
    pending = DecisionLetter.objects.filter(state=LetterState.PENDING)
    for pk in pending.values_list("pk", flat=True):
        render_decision_letter.call(pk)
