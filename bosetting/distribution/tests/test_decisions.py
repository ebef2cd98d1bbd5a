"""Settlement decisions, their letters, the expiry command and the free places."""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import CaseState
from bosetting.cases.queries import cases_visible_to
from bosetting.core.testing import pdf_text
from bosetting.notifications.models import Notification

from .. import actions
from ..actions import DistributionError, decide_settlement
from ..models import DecisionLetter, Proposal, ProposedCase, SettlementDecision
from ..queries import free_places, places_table
from .helpers import accept_and_decide, approve_places, proposed, ready_case, sent_proposal

pytestmark = pytest.mark.usefixtures("bergen_places")


def _pdf_text(letter: DecisionLetter) -> str:
    with letter.file.open("rb") as handle:
        return pdf_text(handle.read())


def test_decision_matches_the_case_and_opens_the_person_file_to_bergen_only(cast):
    case = ready_case(given_names="Åse Øyvor", family_name="Bjørnæs")
    assert not cases_visible_to(cast.bergen_caseworker).filter(pk=case.pk).exists()
    case = accept_and_decide(cast, case)
    assert case.state == CaseState.MATCHED
    assert case.municipality == cast.bergen
    assert cases_visible_to(cast.bergen_caseworker).filter(pk=case.pk).exists()
    assert not cases_visible_to(cast.oslo_caseworker).filter(pk=case.pk).exists()
    decision = SettlementDecision.objects.get(case=case)
    assert decision.decided_on == timezone.localdate()
    assert AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_DECIDED).count() == 1
    assert Notification.objects.filter(
        recipient=cast.bergen_caseworker, subject__contains="personmappen"
    ).exists()


def test_letters_name_the_household_and_municipality_and_are_pdf_a(cast):
    case = accept_and_decide(
        cast, ready_case(given_names="Åse Øyvor", family_name="Bjørnæs", children=1)
    )
    letters = {
        letter.recipient: letter for letter in DecisionLetter.objects.filter(decision__case=case)
    }
    assert set(letters) == {"household", "municipality"}
    duf = case.members.get(relation="head").duf_number
    for letter in letters.values():
        text = _pdf_text(letter)
        assert "Åse Øyvor Bjørnæs" in text
        assert "Barn0" in text
        assert duf in text
        assert "Bergen kommune" in text
        with letter.file.open("rb") as handle:
            content = handle.read()
        assert hashlib.sha256(content).hexdigest() == letter.sha256
        with letter.file.open("rb") as handle:
            metadata = PdfReader(handle).xmp_metadata
            assert metadata is not None
            assert "pdfaid" in metadata.rdf_root.toxml()
    # Issue 12: the offer of a settlement municipality cannot be appealed, and the letter says so.
    assert "kan ikke påklages" in _pdf_text(letters["household"])
    assert "tre uker" not in _pdf_text(letters["household"])


def test_many_cases_are_decided_at_once(cast):
    first, second = ready_case(), ready_case()
    proposal = sent_proposal(cast, [first, second])
    items = [
        actions.answer_case(
            by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
        )
        for case in (first, second)
    ]
    decisions = decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=items, decided_on=timezone.localdate()
    )
    assert len(decisions) == 2
    assert DecisionLetter.objects.count() == 4


def test_a_decision_needs_a_yes_and_is_made_once(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    item = proposed(proposal, case)
    with pytest.raises(DistributionError):
        decide_settlement(
            by=cast.imdi_caseworker, proposed_cases=[item], decided_on=timezone.localdate()
        )
    actions.answer_case(by=cast.bergen_caseworker, proposed_case=item, accept=True)
    decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=[item], decided_on=timezone.localdate()
    )
    with pytest.raises(DistributionError):
        decide_settlement(
            by=cast.imdi_caseworker, proposed_cases=[item], decided_on=timezone.localdate()
        )


def test_a_decision_date_in_the_future_is_refused(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    item = actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
    )
    with pytest.raises(DistributionError) as refused:
        decide_settlement(
            by=cast.imdi_caseworker,
            proposed_cases=[item],
            decided_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert refused.value.field == "decided_on"


def test_only_imdi_decides(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    item = actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
    )
    with pytest.raises(AccessDenied):
        decide_settlement(
            by=cast.bergen_caseworker, proposed_cases=[item], decided_on=timezone.localdate()
        )


def test_matched_persons_use_up_the_free_places(cast):
    year = timezone.localdate().year
    assert free_places(cast.bergen, year).free == 20
    accept_and_decide(cast, ready_case(children=2))
    row = free_places(cast.bergen, year)
    assert (row.used, row.free) == (3, 17)
    assert free_places(cast.oslo, year) is None


def test_the_free_places_are_one_query_that_counts_each_thing_once(cast):
    """`free = places − used` as an annotation copied every count into the SQL again, and again
    in the ORDER BY: the persons using places were counted four times per row."""
    with CaptureQueriesContext(connection) as captured:
        rows = list(places_table(timezone.localdate().year))
    assert [row.name for row in rows][:1] and len(captured) == 1
    sql = captured[0]["sql"]
    # settled, minors settled, and the current settlement each awaiting person lacks (twice).
    assert sql.count('FROM "settlement_settlement"') == 4
    assert [(row.free, row.number) for row in rows] == sorted(
        ((row.free, row.number) for row in rows), key=lambda pair: (-pair[0], pair[1])
    )


def test_expiry_command_reminds_once_the_day_before_then_expires(cast):
    answered, unanswered = ready_case(), ready_case()
    proposal = sent_proposal(cast, [answered, unanswered])
    actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, answered), accept=True
    )
    today = timezone.localdate()
    Proposal.objects.filter(pk=proposal.pk).update(deadline=today + datetime.timedelta(days=1))
    Notification.objects.all().delete()
    for _ in range(2):
        call_command("expire_proposals", stdout=StringIO())
    assert (
        Notification.objects.filter(
            recipient=cast.bergen_caseworker, subject__contains="Påminnelse"
        ).count()
        == 1
    )
    proposal.refresh_from_db()
    assert proposal.reminded_at is not None
    assert proposal.state == Proposal.State.SENT

    Proposal.objects.filter(pk=proposal.pk).update(deadline=today - datetime.timedelta(days=1))
    for _ in range(2):
        call_command("expire_proposals", stdout=StringIO())
    proposal.refresh_from_db()
    unanswered.refresh_from_db()
    answered.refresh_from_db()
    assert proposal.state == Proposal.State.EXPIRED
    assert proposed(proposal, unanswered).answer == ProposedCase.Answer.EXPIRED
    assert unanswered.state == CaseState.READY
    assert answered.state == CaseState.PROPOSED  # the yes stands and waits for IMDi's decision
    assert AuditEvent.objects.filter(event_type=EventType.PROPOSAL_EXPIRED).count() == 1
    assert (
        Notification.objects.filter(
            recipient=cast.imdi_caseworker, subject__contains="utløpt"
        ).count()
        == 1
    )
    assert (
        Notification.objects.filter(
            recipient=cast.bergen_caseworker, subject__contains="utløpt"
        ).count()
        == 1
    )


def test_a_decline_leaves_bergen_without_access(cast):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    actions.answer_case(
        by=cast.bergen_caseworker,
        proposed_case=proposed(proposal, case),
        accept=False,
        reason="capacity",
    )
    assert not cases_visible_to(cast.bergen_caseworker).filter(pk=case.pk).exists()


def test_oslo_places_are_not_used_by_bergens_decisions(cast):
    approve_places(cast.oslo, places=5)
    accept_and_decide(cast, ready_case())
    assert free_places(cast.oslo, timezone.localdate().year).free == 5
