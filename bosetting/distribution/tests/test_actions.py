"""Every transition of proposals and their cases, and its refusal."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import CaseState
from bosetting.notifications.models import Notification

from .. import actions
from ..actions import DistributionError
from ..models import Proposal, ProposedCase
from .helpers import approve_places, deadline, minor_case, proposed, ready_case, sent_proposal

pytestmark = pytest.mark.usefixtures("bergen_places")


def test_create_proposal_keeps_the_cases_ready_until_it_is_sent(cast):
    case = ready_case()
    proposal = actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.bergen, cases=[case], deadline=deadline()
    )
    case.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT
    assert case.state == CaseState.READY
    assert AuditEvent.objects.filter(event_type=EventType.PROPOSAL_CREATED).count() == 1


def test_sending_makes_the_cases_proposed_and_notifies_bergens_caseworkers(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    case.refresh_from_db()
    assert proposal.state == Proposal.State.SENT
    assert proposal.sent_at is not None
    assert case.state == CaseState.PROPOSED
    notice = Notification.objects.get(recipient=cast.bergen_caseworker)
    assert proposal.reference in notice.subject
    assert not Notification.objects.filter(recipient=cast.oslo_caseworker).exists()


def test_sending_twice_is_refused(cast):
    proposal = sent_proposal(cast, [ready_case()])
    with pytest.raises(DistributionError):
        actions.send_proposal(by=cast.imdi_caseworker, proposal=proposal)


def test_a_case_in_a_live_proposal_cannot_be_added_to_another(cast):
    case = ready_case()
    sent_proposal(cast, [case])
    approve_places(cast.oslo)
    with pytest.raises(DistributionError, match="er ikke klar"):
        actions.create_proposal(
            by=cast.imdi_caseworker, municipality=cast.oslo, cases=[case], deadline=deadline()
        )


def test_a_case_in_a_draft_cannot_be_added_to_another_draft(cast):
    case = ready_case()
    first = actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.bergen, cases=[case], deadline=deadline()
    )
    with pytest.raises(DistributionError, match=first.reference):
        actions.create_proposal(
            by=cast.imdi_caseworker, municipality=cast.oslo, cases=[case], deadline=deadline()
        )


def test_the_database_refuses_a_second_live_proposal_for_a_case(cast):
    case = ready_case()
    first = actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.bergen, cases=[case], deadline=deadline()
    )
    second = Proposal.objects.create(
        municipality=cast.oslo, deadline=deadline(), created_by=cast.imdi_caseworker
    )
    assert first.pk != second.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposedCase.objects.create(proposal=second, case=case)


def test_adding_to_a_sent_proposal_makes_the_case_proposed_at_once(cast):
    proposal = sent_proposal(cast, [ready_case()])
    case = ready_case()
    actions.add_cases(by=cast.imdi_caseworker, proposal=proposal, cases=[case])
    case.refresh_from_db()
    assert case.state == CaseState.PROPOSED


def test_removing_from_a_draft_frees_the_case(cast):
    case = ready_case()
    draft = actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.bergen, cases=[case], deadline=deadline()
    )
    actions.remove_case(by=cast.imdi_caseworker, proposed_case=proposed(draft, case))
    other = actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.oslo, cases=[case], deadline=deadline()
    )
    assert other.proposed_cases.count() == 1
    with pytest.raises(DistributionError, match="Legg til minst én sak"):
        actions.send_proposal(by=cast.imdi_caseworker, proposal=draft)


def test_over_capacity_needs_confirmation_and_is_then_sent(cast):
    approve_places(cast.oslo, places=1)
    cases = [ready_case(children=1)]
    draft = actions.create_proposal(
        by=cast.imdi_caseworker, municipality=cast.oslo, cases=cases, deadline=deadline()
    )
    assert "2 personer" in actions.capacity_warning(draft)
    with pytest.raises(DistributionError) as refused:
        actions.send_proposal(by=cast.imdi_caseworker, proposal=draft)
    assert refused.value.field == "confirm_over_capacity"
    sent = actions.send_proposal(
        by=cast.imdi_caseworker, proposal=draft, confirm_over_capacity=True
    )
    assert sent.state == Proposal.State.SENT


def test_an_unaccompanied_minor_is_refused_to_a_municipality_that_takes_none(cast):
    approve_places(cast.oslo, takes_minors=False)
    with pytest.raises(DistributionError) as refused:
        actions.create_proposal(
            by=cast.imdi_caseworker,
            municipality=cast.oslo,
            cases=[minor_case()],
            deadline=deadline(),
        )
    assert refused.value.field == "cases"
    assert "enslige mindreårige" in refused.value.message


def test_an_unaccompanied_minor_is_refused_without_an_approved_decision(cast):
    with pytest.raises(DistributionError, match="enslige mindreårige"):
        actions.create_proposal(
            by=cast.imdi_caseworker,
            municipality=cast.stord,
            cases=[minor_case()],
            deadline=deadline(),
        )


def test_an_unaccompanied_minor_may_go_to_a_municipality_that_takes_minors(cast):
    proposal = sent_proposal(cast, [minor_case()])
    assert proposal.state == Proposal.State.SENT


def test_a_municipal_caseworker_may_not_build_proposals(cast):
    with pytest.raises(AccessDenied):
        actions.create_proposal(
            by=cast.bergen_caseworker,
            municipality=cast.bergen,
            cases=[ready_case()],
            deadline=deadline(),
        )


def test_withdrawal_returns_the_case_to_ready_and_tells_the_municipality(cast):
    kept, withdrawn = ready_case(), ready_case()
    proposal = sent_proposal(cast, [kept, withdrawn])
    Notification.objects.all().delete()
    actions.withdraw_case(
        by=cast.imdi_caseworker, proposed_case=proposed(proposal, withdrawn), reason="Feil kommune"
    )
    withdrawn.refresh_from_db()
    proposal.refresh_from_db()
    assert withdrawn.state == CaseState.READY
    assert withdrawn.municipality is None
    assert proposal.state == Proposal.State.SENT
    assert Notification.objects.filter(recipient=cast.bergen_caseworker).count() == 1


def test_withdrawal_needs_a_reason(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    with pytest.raises(DistributionError) as refused:
        actions.withdraw_case(
            by=cast.imdi_caseworker, proposed_case=proposed(proposal, case), reason=" "
        )
    assert refused.value.field == "reason"


def test_withdrawing_every_case_withdraws_the_proposal(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    actions.withdraw_case(
        by=cast.imdi_caseworker, proposed_case=proposed(proposal, case), reason="Feil"
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.WITHDRAWN


def test_withdrawing_the_last_pending_case_after_answers_makes_the_proposal_answered(cast):
    answered, withdrawn = ready_case(), ready_case()
    proposal = sent_proposal(cast, [answered, withdrawn])
    actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, answered), accept=True
    )
    actions.withdraw_case(
        by=cast.imdi_caseworker, proposed_case=proposed(proposal, withdrawn), reason="Feil"
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ANSWERED


def test_an_answered_case_cannot_be_withdrawn(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
    )
    with pytest.raises(DistributionError):
        actions.withdraw_case(
            by=cast.imdi_caseworker, proposed_case=proposed(proposal, case), reason="x"
        )


def test_yes_keeps_the_case_proposed_and_no_returns_it_to_ready(cast):
    yes, no = ready_case(), ready_case()
    proposal = sent_proposal(cast, [yes, no])
    actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, yes), accept=True
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SENT  # one still open: answers can be finished later
    actions.answer_case(
        by=cast.bergen_caseworker,
        proposed_case=proposed(proposal, no),
        accept=False,
        reason=ProposedCase.DeclineReason.HOUSING,
    )
    yes.refresh_from_db()
    no.refresh_from_db()
    proposal.refresh_from_db()
    assert yes.state == CaseState.PROPOSED
    assert no.state == CaseState.READY
    assert proposal.state == Proposal.State.ANSWERED
    assert Notification.objects.filter(recipient=cast.imdi_caseworker).exists()


def test_no_needs_a_reason_and_other_needs_a_text(cast):
    case = ready_case()
    item = proposed(sent_proposal(cast, [case]), case)
    with pytest.raises(DistributionError) as refused:
        actions.answer_case(by=cast.bergen_caseworker, proposed_case=item, accept=False)
    assert refused.value.field == "reason"
    with pytest.raises(DistributionError) as refused:
        actions.answer_case(
            by=cast.bergen_caseworker,
            proposed_case=item,
            accept=False,
            reason=ProposedCase.DeclineReason.OTHER,
        )
    assert refused.value.field == "comment"


def test_the_second_answer_is_told_who_answered_first(cast):
    case = ready_case()
    item = proposed(sent_proposal(cast, [case]), case)
    actions.answer_case(by=cast.bergen_caseworker, proposed_case=item, accept=True)
    with pytest.raises(DistributionError, match="allerede besvart av") as refused:
        actions.answer_case(
            by=cast.bergen_caseworker, proposed_case=item, accept=False, reason="housing"
        )
    assert "kl." in refused.value.message
    item.refresh_from_db()
    assert item.answer == ProposedCase.Answer.ACCEPTED


def test_oslo_may_not_answer_bergens_proposal(cast):
    case = ready_case()
    item = proposed(sent_proposal(cast, [case]), case)
    with pytest.raises(AccessDenied):
        actions.answer_case(by=cast.oslo_caseworker, proposed_case=item, accept=True)


def test_stord_without_agreement_may_not_answer(cast):
    approve_places(cast.stord)
    case = ready_case()
    item = proposed(sent_proposal(cast, [case], cast.stord), case)
    with pytest.raises(AccessDenied, match="databehandleravtale"):
        actions.answer_case(by=cast.stord_caseworker, proposed_case=item, accept=True)


def test_no_answer_after_the_deadline(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    Proposal.objects.filter(pk=proposal.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(DistributionError, match="Svarfristen"):
        actions.answer_case(
            by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
        )
