"""Every transition of requests and decisions, and its refusals."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from bosetting.accounts.permissions import AccessDenied
from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.audit.models import AuditEvent, EventType
from bosetting.notifications.models import Notification
from bosetting.planning import actions
from bosetting.planning.actions import PlanningError, RequestNumbers
from bosetting.planning.models import MunicipalDecision, SettlementRequest

from .helpers import deadline, decide, pdf_upload, prepare, send

pytestmark = pytest.mark.django_db


def _rows(*pairs):
    return [RequestNumbers(m, places, minors, None) for m, places, minors in pairs]


def test_prepare_creates_drafts_with_one_audit_event(cast):
    year = timezone.localdate().year
    saved = actions.prepare_requests(
        by=cast.imdi_caseworker,
        year=year,
        rows=_rows((cast.bergen, 250, 20), (cast.stord, 15, 0)),
        deadline=deadline(),
        cover_text="Tekst",
    )
    assert {r.state for r in saved} == {SettlementRequest.State.DRAFT}
    assert SettlementRequest.objects.filter(year=year).count() == 2
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_PREPARED)
    assert event.details["requests"]["4601"] == [250, 20, None]


def test_prepare_again_updates_the_draft_and_the_years_common_deadline(cast):
    prepare(cast, cast.bergen, 250)
    prepare(cast, cast.stord, 15, 0)
    new_deadline = deadline() + datetime.timedelta(days=7)
    actions.prepare_requests(
        by=cast.imdi_caseworker,
        year=timezone.localdate().year,
        rows=_rows((cast.bergen, 300, 25)),
        deadline=new_deadline,
        cover_text="Ny tekst",
    )
    bergen = SettlementRequest.objects.get(municipality=cast.bergen)
    stord = SettlementRequest.objects.get(municipality=cast.stord)
    assert (bergen.places, bergen.unaccompanied_minors) == (300, 25)
    assert stord.deadline == new_deadline and stord.cover_text == "Ny tekst"


def test_prepare_refuses_a_municipality_already_sent_its_request_and_saves_nothing(cast):
    send(cast, cast.bergen)
    with pytest.raises(PlanningError, match="Juster den i stedet"):
        actions.prepare_requests(
            by=cast.imdi_caseworker,
            year=timezone.localdate().year,
            rows=_rows((cast.stord, 15, 0), (cast.bergen, 10, 0)),
            deadline=deadline(),
            cover_text="",
        )
    assert not SettlementRequest.objects.filter(municipality=cast.stord).exists()


def test_prepare_refuses_more_minors_than_places(cast):
    with pytest.raises(PlanningError, match="enslige mindreårige"):
        actions.prepare_requests(
            by=cast.imdi_caseworker,
            year=2030,
            rows=_rows((cast.bergen, 5, 6)),
            deadline=deadline(),
            cover_text="",
        )


@pytest.mark.parametrize("persona", ["imdi_reader", "bergen_caseworker"])
def test_only_imdi_caseworkers_and_admins_prepare(cast, persona):
    with pytest.raises(AccessDenied):
        actions.prepare_requests(
            by=getattr(cast, persona),
            year=2030,
            rows=_rows((cast.bergen, 5, 0)),
            deadline=deadline(),
            cover_text="",
        )


def test_send_makes_version_one_with_its_letter_and_notifies_the_caseworkers(cast):
    request = send(cast, cast.bergen)
    assert request.state == SettlementRequest.State.SENT
    assert request.sent_by == cast.imdi_caseworker
    [version] = request.versions.all()
    assert version.number == 1
    assert len(version.letter_sha256) == 64
    with version.letter.open("rb") as letter:
        assert letter.read(5) == b"%PDF-"
    assert Notification.objects.filter(recipient=cast.bergen_caseworker).count() == 1
    assert not Notification.objects.filter(recipient=cast.oslo_caseworker).exists()
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_SENT)
    assert event.municipality == cast.bergen


def test_one_refugee_and_one_minor_are_counted_in_the_singular(cast):
    send(cast, cast.stord, places=1, minors=1)
    notification = Notification.objects.get(recipient=cast.stord_caseworker)
    assert "bosette 1 flyktning i " in notification.body
    assert "herav 1 enslig mindreårig." in notification.body
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_SENT)
    assert event.summary.endswith(": 1 flyktning")
    prepared = AuditEvent.objects.get(event_type=EventType.REQUEST_PREPARED)
    assert prepared.summary.endswith("lagret for 1 kommune")


def test_send_refuses_a_request_already_sent(cast, bergen_request):
    with pytest.raises(PlanningError, match="allerede sendt"):
        actions.send_requests(by=cast.imdi_caseworker, requests=[bergen_request])


def test_adjust_keeps_every_version_and_notifies(cast, bergen_request):
    version = actions.adjust_request(
        by=cast.imdi_caseworker,
        request=bergen_request,
        places=200,
        unaccompanied_minors=10,
        planning_number_next_year=150,
        deadline=bergen_request.deadline,
        reason="Færre ankomster enn ventet",
    )
    bergen_request.refresh_from_db()
    assert version.number == 2 and bergen_request.version == 2
    assert [v.places for v in bergen_request.versions.order_by("number")] == [250, 200]
    assert Notification.objects.filter(recipient=cast.bergen_caseworker).count() == 2
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_ADJUSTED)
    assert event.details["before"]["places"] == "250"


def test_adjust_requires_a_reason(cast, bergen_request):
    with pytest.raises(PlanningError) as error:
        actions.adjust_request(
            by=cast.imdi_caseworker,
            request=bergen_request,
            places=200,
            unaccompanied_minors=10,
            planning_number_next_year=None,
            deadline=bergen_request.deadline,
            reason="  ",
        )
    assert error.value.field == "reason"


def test_adjust_refuses_no_change_and_drafts(cast, bergen_request):
    with pytest.raises(PlanningError, match="Ingen"):
        actions.adjust_request(
            by=cast.imdi_caseworker,
            request=bergen_request,
            places=bergen_request.places,
            unaccompanied_minors=bergen_request.unaccompanied_minors,
            planning_number_next_year=bergen_request.planning_number_next_year,
            deadline=bergen_request.deadline,
            reason="Ingen endring",
        )
    draft = prepare(cast, cast.stord, 15, 0)
    with pytest.raises(PlanningError, match="ikke sendt"):
        actions.adjust_request(
            by=cast.imdi_caseworker,
            request=draft,
            places=10,
            unaccompanied_minors=0,
            planning_number_next_year=None,
            deadline=draft.deadline,
            reason="Endring",
        )


def test_reminders_reach_only_municipalities_without_an_approved_decision(cast, bergen_request):
    oslo = send(cast, cast.oslo, 600, 40)
    decide(cast, bergen_request)
    count = actions.send_reminders(by=cast.imdi_caseworker, year=bergen_request.year)
    assert count == 1
    oslo.refresh_from_db()
    bergen_request.refresh_from_db()
    assert oslo.last_reminded_at is not None and bergen_request.last_reminded_at is None
    assert AuditEvent.objects.filter(
        event_type=EventType.REQUEST_REMINDER_SENT, municipality=cast.oslo
    ).exists()


def test_automatic_reminder_comes_once_within_the_days_before_the_deadline(cast, bergen_request):
    def run_on(day: datetime.date) -> int:
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(6)), tick=False):
            return actions.send_due_reminders(today=day, days_before=14)

    first_day = bergen_request.deadline - datetime.timedelta(days=14)
    assert run_on(first_day - datetime.timedelta(days=1)) == 0
    assert run_on(first_day) == 1
    assert run_on(first_day) == 0
    assert run_on(first_day + datetime.timedelta(days=1)) == 0
    assert run_on(bergen_request.deadline + datetime.timedelta(days=1)) == 0


def test_decision_draft_is_saved_once_and_updated(cast, bergen_request):
    first = decide(cast, bergen_request, 200, approve=False)
    second = decide(cast, bergen_request, 210, approve=False)
    assert first.pk == second.pk and second.places == 210
    assert second.state == MunicipalDecision.State.DRAFT
    bergen_request.refresh_from_db()
    assert bergen_request.state == SettlementRequest.State.SENT


def test_approve_by_another_caseworker_records_both(cast, bergen_request):
    draft = decide(cast, bergen_request, 200, approve=False)
    other = UserFactory(organisation=cast.bergen.organisation, roles=[Role.MUNICIPAL_CASEWORKER])
    decision = actions.approve_decision(by=other, decision=draft)
    assert decision.registered_by == cast.bergen_caseworker
    assert decision.approved_by == other
    bergen_request.refresh_from_db()
    assert bergen_request.state == SettlementRequest.State.DECIDED
    assert Notification.objects.filter(recipient=cast.imdi_caseworker).exists()


def test_approve_requires_the_document(cast, bergen_request):
    draft = actions.save_decision(
        by=cast.bergen_caseworker,
        request=bergen_request,
        places=10,
        takes_unaccompanied_minors=False,
        unaccompanied_minors=0,
        council_decided_on=timezone.localdate(),
        document=None,
        comment="",
    )
    with pytest.raises(PlanningError) as error:
        actions.approve_decision(by=cast.bergen_caseworker, decision=draft)
    assert error.value.field == "document"


@pytest.mark.parametrize(
    ("takes", "minors", "decided_on", "field"),
    [
        (True, 0, 0, "unaccompanied_minors"),
        (False, 3, 0, "unaccompanied_minors"),
        (True, 300, 0, "unaccompanied_minors"),
        (True, 5, 1, "council_decided_on"),
    ],
)
def test_decision_rules(cast, bergen_request, takes, minors, decided_on, field):
    with pytest.raises(PlanningError) as error:
        actions.save_decision(
            by=cast.bergen_caseworker,
            request=bergen_request,
            places=200,
            takes_unaccompanied_minors=takes,
            unaccompanied_minors=minors,
            council_decided_on=timezone.localdate() + datetime.timedelta(days=decided_on),
            document=pdf_upload(),
            comment="",
        )
    assert error.value.field == field


def test_a_later_decision_replaces_the_current_one(cast, bergen_request):
    first = decide(cast, bergen_request, 200)
    actions.acknowledge_decision(by=cast.imdi_caseworker, decision=first)
    second = decide(cast, bergen_request, 260)
    first.refresh_from_db()
    bergen_request.refresh_from_db()
    assert first.state == MunicipalDecision.State.REPLACED
    assert second.state == MunicipalDecision.State.APPROVED
    assert bergen_request.state == SettlementRequest.State.DECIDED


def test_only_a_sent_request_can_be_decided(cast):
    draft = prepare(cast, cast.bergen)
    with pytest.raises(PlanningError, match="ikke sendt"):
        decide(cast, draft)


def test_oslo_cannot_decide_for_bergen(cast, bergen_request):
    with pytest.raises(AccessDenied):
        actions.save_decision(
            by=cast.oslo_caseworker,
            request=bergen_request,
            places=1,
            takes_unaccompanied_minors=False,
            unaccompanied_minors=0,
            council_decided_on=timezone.localdate(),
            document=None,
            comment="",
        )


def test_a_reader_cannot_decide(cast, bergen_request):
    with pytest.raises(AccessDenied):
        actions.save_decision(
            by=cast.bergen_reader,
            request=bergen_request,
            places=1,
            takes_unaccompanied_minors=False,
            unaccompanied_minors=0,
            council_decided_on=timezone.localdate(),
            document=None,
            comment="",
        )


def test_stord_without_an_agreement_still_decides(cast):
    request = send(cast, cast.stord, 15, 0)
    decision = actions.save_decision(
        by=cast.stord_caseworker,
        request=request,
        places=15,
        takes_unaccompanied_minors=False,
        unaccompanied_minors=0,
        council_decided_on=timezone.localdate(),
        document=pdf_upload(),
        comment="",
        approve=True,
    )
    assert decision.state == MunicipalDecision.State.APPROVED


def test_acknowledge_only_an_approved_decision(cast, bergen_request):
    draft = decide(cast, bergen_request, approve=False)
    with pytest.raises(PlanningError):
        actions.acknowledge_decision(by=cast.imdi_caseworker, decision=draft)
    approved = actions.approve_decision(by=cast.bergen_caseworker, decision=draft)
    acknowledged = actions.acknowledge_decision(by=cast.imdi_caseworker, decision=approved)
    assert acknowledged.acknowledged_by == cast.imdi_caseworker
    bergen_request.refresh_from_db()
    assert bergen_request.state == SettlementRequest.State.ACKNOWLEDGED
    with pytest.raises(PlanningError):
        actions.acknowledge_decision(by=cast.imdi_caseworker, decision=acknowledged)
    with pytest.raises(AccessDenied):
        actions.acknowledge_decision(by=cast.imdi_reader, decision=acknowledged)


@pytest.mark.django_db(transaction=True)
def test_sending_e_mails_the_caseworkers_through_the_worker(cast, mailoutbox):
    send(cast, cast.bergen)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mailoutbox] == [[cast.bergen_caseworker.email]]
    assert "Anmodning om bosetting" in mailoutbox[0].subject
