"""This app's part of `seed_demo` (demo mode only). Idempotent: running it twice adds nothing.

From the ready cases the cases demo leaves: open proposals to Bergen and Oslo (partly answered),
one answered, one expired, and three cases matched to Bergen with decisions and letters. Places
are whatever the planning demo approved: a proposal beyond them is sent with the confirmation.
"""

from __future__ import annotations

import datetime

from django.core.management.base import OutputWrapper
from django.db.models import Exists, OuterRef
from django.utils import timezone

from bosetting.accounts.models import User
from bosetting.cases.models import Case, CaseState, Category, Person
from bosetting.distribution import actions
from bosetting.distribution.actions import decide_settlement
from bosetting.distribution.models import DecisionLetter, Proposal, ProposedCase
from bosetting.distribution.tasks import render_decision_letter
from bosetting.letters.models import LetterState
from bosetting.organisations.models import Municipality


def _send(
    by: User, municipality: Municipality, cases: list[Case], deadline: datetime.date
) -> Proposal:
    proposal = actions.create_proposal(
        by=by,
        municipality=municipality,
        cases=cases,
        deadline=deadline,
        message="Husstandene ønsker å bo i Vestland eller på Østlandet." if len(cases) > 2 else "",
    )
    return actions.send_proposal(by=by, proposal=proposal, confirm_over_capacity=True)


def _answer(
    by: User, proposal: Proposal, case: Case, *, accept: bool, reason: str = ""
) -> ProposedCase:
    item = ProposedCase.objects.select_related("proposal__municipality").get(
        proposal=proposal, case=case
    )
    return actions.answer_case(
        by=by,
        proposed_case=item,
        accept=accept,
        reason=reason,
        comment="Ingen ledige boliger med fire soverom før i sommer." if reason == "other" else "",
    )


def seed(*, stdout: OutputWrapper) -> None:
    """Demo users, municipalities, the agreement, requests and cases exist when this runs."""
    if Proposal.objects.exists():
        return
    imdi = User.objects.get(username="imdi.saksbehandler")
    bergen_user = User.objects.get(username="bergen.saksbehandler")
    oslo_user = User.objects.get(username="oslo.saksbehandler")
    bergen = Municipality.objects.get(number="4601")
    oslo = Municipality.objects.get(number="0301")
    minors = Person.objects.filter(case=OuterRef("pk"), category=Category.UNACCOMPANIED_MINOR)
    ready = list(
        Case.objects.filter(state=CaseState.READY).filter(~Exists(minors)).order_by("pk")[:13]
    )
    if len(ready) < 13:
        stdout.write("Fordeling: for få saker klare for bosetting, hopper over.")
        return
    today = timezone.localdate()
    week = today + datetime.timedelta(days=7)

    open_bergen = _send(imdi, bergen, ready[0:3], week)
    _answer(bergen_user, open_bergen, ready[0], accept=True)

    open_oslo = _send(imdi, oslo, ready[3:6], today + datetime.timedelta(days=1))
    _answer(oslo_user, open_oslo, ready[3], accept=False, reason="other")

    answered = _send(imdi, bergen, ready[6:8], week)
    _answer(bergen_user, answered, ready[6], accept=True)
    _answer(bergen_user, answered, ready[7], accept=False, reason="housing")

    # Sent with yesterday's deadline and left unanswered: the scheduled expiry takes it.
    _send(imdi, oslo, ready[8:10], today - datetime.timedelta(days=1))
    actions.expire_due_proposals(today=today)

    matched = _send(imdi, bergen, ready[10:13], week)
    accepted = [_answer(bergen_user, matched, case, accept=True) for case in ready[10:13]]
    decide_settlement(by=imdi, proposed_cases=accepted, decided_on=today)
    make_decision_letters()
    stdout.write(
        "Fordeling: 5 forespørsler (2 åpne, 2 besvart, 1 utløpt), 3 saker søkt ut til Bergen."
    )


def make_decision_letters() -> None:
    """The worker's part done here, so the demo's letters are there without a worker running."""
    pending = DecisionLetter.objects.filter(state=LetterState.PENDING)
    for pk in pending.values_list("pk", flat=True):
        render_decision_letter.call(pk)
