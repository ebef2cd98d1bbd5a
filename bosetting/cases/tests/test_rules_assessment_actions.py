"""Saving assessment versions, consent and health details, and marking a household ready."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases import actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.assessment import DATA_KEYS
from bosetting.cases.models import AssessmentVersion, Case, CaseState, Person, Relation

from .factories import COMPLETE_ADULT, assess_completely, make_case, person_data

pytestmark = pytest.mark.django_db

CONSENT = {
    "consent": True,
    "consent_date": datetime.date(2026, 1, 5),
    "consent_taken_by": "Kari Lie, miljøarbeider",
}


def _ready_case(**head) -> Case:
    case = make_case(**head)
    assess_completely(case)
    actions.mark_ready(by=None, case=case)
    case.refresh_from_db()
    return case


def _state(case: Case) -> str:
    return Case.objects.get(pk=case.pk).state


def _years_ago(years: int, *, days_later: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) + datetime.timedelta(days=days_later)


def test_a_version_keeps_the_assessment_keys_and_nothing_else(cast):
    person = make_case().members.get()
    version = actions.save_assessment(
        by=cast.imdi_caseworker,
        person=person,
        data={"education_years": 3, "health_details": "Astma", "anything": "x"},
        health=HealthInput(),
    )
    assert set(version.data) == set(DATA_KEYS)
    assert version.data["education_years"] == 3
    assert "Astma" not in str(version.data)
    assert version.health_details == ""


def test_consent_cannot_be_dated_in_the_future(cast):
    person = make_case().members.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(actions.CaseError) as error:
        actions.save_assessment(
            by=cast.imdi_caseworker,
            person=person,
            data={},
            health=HealthInput(**{**CONSENT, "consent_date": tomorrow}),
        )
    assert error.value.field == "health_consent_date"
    assert not AssessmentVersion.objects.exists()


@pytest.mark.parametrize("state", [CaseState.PROPOSED, CaseState.MATCHED, CaseState.SETTLED])
def test_no_assessment_is_saved_once_the_case_has_left_assessment(cast, state):
    person = make_case().members.get()
    Case.objects.filter(pk=person.case_id).update(state=state)
    with pytest.raises(actions.CaseError, match="kan ikke endres her"):
        actions.save_assessment(
            by=cast.imdi_caseworker, person=person, data={}, health=HealthInput()
        )
    assert not AssessmentVersion.objects.exists()


def test_a_first_save_without_consent_records_no_consent_event(cast):
    person = make_case().members.get()
    actions.save_assessment(by=cast.imdi_caseworker, person=person, data={}, health=HealthInput())
    assert not AuditEvent.objects.filter(event_type=EventType.HEALTH_CONSENT_RECORDED).exists()


def test_a_new_consent_date_is_recorded_again_and_the_same_consent_is_not(cast):
    person = make_case().members.get()
    for consent_date in (
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 1),
    ):
        actions.save_assessment(
            by=cast.imdi_caseworker,
            person=person,
            data={},
            health=HealthInput(**{**CONSENT, "consent_date": consent_date}),
        )
    events = AuditEvent.objects.filter(event_type=EventType.HEALTH_CONSENT_RECORDED).order_by("id")
    assert [event.details["consent_date"] for event in events] == ["2026-01-05", "2026-02-01"]
    assert all("registrert" in event.summary for event in events)


def test_withdrawn_consent_is_recorded_as_withdrawn(cast):
    person = make_case().members.get()
    actions.save_assessment(
        by=cast.imdi_caseworker, person=person, data={}, health=HealthInput(**CONSENT)
    )
    withdrawn = actions.save_assessment(
        by=cast.imdi_caseworker, person=person, data={}, health=HealthInput()
    )
    assert (withdrawn.health_consent, withdrawn.health_consent_date) == (False, None)
    assert withdrawn.health_consent_taken_by == ""
    event = AuditEvent.objects.filter(event_type=EventType.HEALTH_CONSENT_RECORDED).first()
    assert event is not None
    assert "trukket" in event.summary and event.details["consent"] is False


def test_new_health_details_replace_the_stored_ones(cast):
    person = make_case().members.get()
    actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, details="Astma")
    )
    version = actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, details="  Diabetes ")
    )
    assert version.health_details == "Diabetes"


def test_deleting_the_health_details_keeps_the_consent(cast):
    person = make_case().members.get()
    actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, details="Astma")
    )
    version = actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, delete_details=True)
    )
    assert version.health_consent and version.health_details == ""


def test_withdrawn_consent_leaves_no_health_details_in_earlier_versions(cast):
    person = make_case().members.get()
    actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, details="Astma")
    )
    actions.save_assessment(by=None, person=person, data={"pets": "Katt"}, health=HealthInput())
    assert not AssessmentVersion.objects.filter(person=person).exclude(health_details="").exists()


def test_erasing_earlier_health_details_keeps_the_versions_and_their_consent(cast):
    person = make_case().members.get()
    first = actions.save_assessment(
        by=None,
        person=person,
        data={"education_years": 3},
        health=HealthInput(**CONSENT, details="Astma"),
    )
    actions.save_assessment(by=None, person=person, data={}, health=HealthInput())
    first.refresh_from_db()
    assert first.number == 1 and first.data["education_years"] == 3
    assert (first.health_consent, first.health_consent_date) == (True, CONSENT["consent_date"])
    assert first.health_details == ""
    assert AssessmentVersion.objects.filter(person=person).count() == 2


def test_deleting_the_health_details_deletes_them_from_earlier_versions_too(cast):
    person = make_case().members.get()
    for details in ("Astma", "Diabetes"):
        actions.save_assessment(
            by=None, person=person, data={}, health=HealthInput(**CONSENT, details=details)
        )
    actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, delete_details=True)
    )
    assert not AssessmentVersion.objects.filter(person=person).exclude(health_details="").exists()


def test_the_erasure_is_logged_with_the_versions_and_never_what_was_erased(cast):
    case = make_case()
    person = case.members.get()
    actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, details="Astma")
    )
    actions.save_assessment(by=cast.imdi_caseworker, person=person, data={}, health=HealthInput())
    event = AuditEvent.objects.get(event_type=EventType.HEALTH_DETAILS_ERASED)
    assert event.actor == cast.imdi_caseworker
    assert event.details == {"case_id": case.pk, "versions": [1], "reason": "consent_withdrawn"}
    assert case.reference in event.summary
    assert "Astma" not in f"{event.summary} {event.details}"


def test_nothing_is_erased_or_logged_while_consent_stands(cast):
    person = make_case().members.get()
    actions.save_assessment(
        by=None, person=person, data={}, health=HealthInput(**CONSENT, details="Astma")
    )
    actions.save_assessment(by=None, person=person, data={}, health=HealthInput(**CONSENT))
    assert list(
        AssessmentVersion.objects.filter(person=person)
        .order_by("number")
        .values_list("health_details", flat=True)
    ) == ["Astma", "Astma"]
    assert not AuditEvent.objects.filter(event_type=EventType.HEALTH_DETAILS_ERASED).exists()


def test_a_withdrawal_without_earlier_details_logs_no_erasure(cast):
    person = make_case().members.get()
    actions.save_assessment(by=None, person=person, data={}, health=HealthInput(**CONSENT))
    actions.save_assessment(by=None, person=person, data={}, health=HealthInput())
    assert not AuditEvent.objects.filter(event_type=EventType.HEALTH_DETAILS_ERASED).exists()


def test_changed_health_details_return_a_ready_case_to_assessment(cast):
    case = _ready_case()
    person = case.members.get()
    actions.save_assessment(
        by=None,
        person=person,
        data=dict(COMPLETE_ADULT),
        health=HealthInput(**CONSENT, details="Astma"),
    )
    assert _state(case) == CaseState.BEING_ASSESSED


def test_consent_alone_is_no_material_change(cast):
    case = _ready_case()
    person = case.members.get()
    actions.save_assessment(
        by=None, person=person, data=dict(COMPLETE_ADULT), health=HealthInput(**CONSENT)
    )
    assert _state(case) == CaseState.READY


def test_a_ready_case_cannot_be_marked_ready_again(cast):
    case = _ready_case()
    with pytest.raises(actions.CaseError, match="Bare saker under kartlegging"):
        actions.mark_ready(by=cast.imdi_caseworker, case=case)
    assert AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).count() == 1


def test_marking_ready_names_every_incomplete_member(cast):
    case = make_case(children=1)
    actions.add_member(
        by=None, case=case, person=person_data(given_names="Rami"), relation=Relation.SPOUSE
    )
    head = case.members.get(relation=Relation.HEAD)
    actions.save_assessment(by=None, person=head, data=dict(COMPLETE_ADULT), health=HealthInput())
    with pytest.raises(actions.CaseError) as error:
        actions.mark_ready(by=cast.imdi_caseworker, case=case)
    assert "Amina Haddad" not in error.value.message
    assert "Barn0 Haddad mangler: kartlegging er ikke påbegynt." in error.value.message
    assert "Rami Haddad mangler: kartlegging er ikke påbegynt." in error.value.message


def test_a_child_of_five_is_ready_without_school_answers(cast):
    case = make_case(birth_date=_years_ago(5))
    data = {**COMPLETE_ADULT, "education_level": "", "education_years": None, "work_years": None}
    actions.save_assessment(by=None, person=case.members.get(), data=data, health=HealthInput())
    actions.mark_ready(by=cast.imdi_caseworker, case=case)
    assert _state(case) == CaseState.READY


def test_a_sixteen_year_old_needs_the_years_of_work(cast):
    case = make_case(birth_date=_years_ago(16))
    data = {**COMPLETE_ADULT, "work_years": None}
    actions.save_assessment(by=None, person=case.members.get(), data=data, health=HealthInput())
    with pytest.raises(actions.CaseError, match="år med arbeidserfaring"):
        actions.mark_ready(by=cast.imdi_caseworker, case=case)
    assert _state(case) == CaseState.BEING_ASSESSED


def test_reception_staff_cannot_mark_another_centres_household_ready(cast):
    case = make_case()  # living privately: not a resident of Fana mottak
    assess_completely(case)
    with pytest.raises(AccessDenied):
        actions.mark_ready(by=cast.reception_staff, case=case)
    assert _state(case) == CaseState.BEING_ASSESSED


def test_setting_back_by_hand_gives_the_reason(cast):
    case = _ready_case()
    actions.return_to_assessment(by=cast.imdi_caseworker, case=case)
    event = AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).first()
    assert event is not None and event.details["reason"] == "satt tilbake for hånd"
    assert event.actor == cast.imdi_caseworker


def _matched_with_health_details(cast) -> Person:
    case = make_case(centre=cast.centre)
    actions.save_assessment(
        by=None,
        person=case.members.get(),
        data={},
        health=HealthInput(**CONSENT, details="Astma"),
    )
    Case.objects.filter(pk=case.pk).update(state=CaseState.MATCHED, municipality=cast.bergen)
    return Person.objects.select_related("case").get(case=case)


def test_the_matched_municipality_reads_health_details_and_each_read_is_logged(cast):
    person = _matched_with_health_details(cast)
    for _ in range(2):
        version = actions.read_health_details(by=cast.bergen_caseworker, person=person)
        assert version is not None and version.health_details == "Astma"
    events = AuditEvent.objects.filter(event_type=EventType.HEALTH_DETAILS_READ)
    assert events.count() == 2
    assert {(event.actor, event.municipality) for event in events} == {
        (cast.bergen_caseworker, cast.bergen)
    }
    assert events.first().details == {"case_id": person.case_id, "version": 1}


@pytest.mark.parametrize("persona", ["oslo_caseworker", "bergen_admin", "imdi_reader"])
def test_health_details_are_refused_outside_the_person_file_and_the_refusal_reads_nothing(
    cast, persona
):
    person = _matched_with_health_details(cast)
    with pytest.raises(AccessDenied):
        actions.read_health_details(by=getattr(cast, persona), person=person)
    assert not AuditEvent.objects.filter(event_type=EventType.HEALTH_DETAILS_READ).exists()


def test_a_municipality_reads_no_health_details_before_it_has_said_yes(cast):
    person = _matched_with_health_details(cast)
    Case.objects.filter(pk=person.case_id).update(state=CaseState.PROPOSED)
    person = Person.objects.select_related("case").get(pk=person.pk)
    with pytest.raises(AccessDenied):
        actions.read_health_details(by=cast.bergen_caseworker, person=person)
