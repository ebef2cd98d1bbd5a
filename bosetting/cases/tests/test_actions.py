import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases import actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.models import AssessmentVersion, CaseState, Person, Relation

from .factories import COMPLETE_ADULT, assess_completely, make_case, person_data

CONSENT = {
    "consent": True,
    "consent_date": datetime.date(2026, 1, 5),
    "consent_taken_by": "Kari Lie, miljøarbeider",
}


def test_registering_a_case_logs_case_and_person_without_naming_the_person(cast):
    case = make_case(by=cast.reception_staff, centre=cast.centre, family_name="Unikt-Etternavn")
    assert case.state == CaseState.BEING_ASSESSED
    events = AuditEvent.objects.filter(
        event_type__in=[EventType.CASE_CREATED, EventType.PERSON_REGISTERED]
    )
    assert events.count() == 2
    assert all("Unikt-Etternavn" not in event.summary for event in events)
    assert all(event.municipality_id is None for event in events)


def test_reception_staff_register_only_residents_of_their_own_centre(cast):
    with pytest.raises(actions.CaseError) as error:
        make_case(by=cast.reception_staff, centre=None)
    assert error.value.field == "residence"
    assert not Person.objects.exists()


def test_duplicate_duf_number_is_a_field_error(cast):
    data = person_data(centre=cast.centre)
    actions.register_case(by=cast.imdi_caseworker, head=data)
    with pytest.raises(actions.CaseError) as error:
        actions.register_case(by=cast.imdi_caseworker, head=data)
    assert error.value.field == "duf_number"


def test_birth_date_must_match_the_national_id(cast):
    data = person_data(with_national_id=True)
    data.birth_date = datetime.date(1991, 1, 1)
    with pytest.raises(actions.CaseError) as error:
        actions.register_case(by=cast.imdi_caseworker, head=data)
    assert error.value.field == "birth_date"


def test_municipal_caseworkers_cannot_register(cast):
    with pytest.raises(AccessDenied):
        make_case(by=cast.bergen_caseworker)


def test_every_save_is_a_new_version_and_old_versions_stay(cast):
    case = make_case(by=cast.imdi_caseworker)
    person = case.members.get()
    first = actions.save_assessment(
        by=cast.imdi_caseworker, person=person, data={"education_years": 3}, health=HealthInput()
    )
    second = actions.save_assessment(
        by=cast.imdi_caseworker, person=person, data={"education_years": 4}, health=HealthInput()
    )
    assert (first.number, second.number) == (1, 2)
    assert AssessmentVersion.objects.get(pk=first.pk).data["education_years"] == 3
    person.refresh_from_db()
    assert person.current_assessment_id == second.pk
    assert AuditEvent.objects.filter(event_type=EventType.ASSESSMENT_SAVED).count() == 2


def test_health_details_without_consent_are_refused_on_the_field(cast):
    person = make_case(by=cast.imdi_caseworker).members.get()
    with pytest.raises(actions.CaseError) as error:
        actions.save_assessment(
            by=cast.imdi_caseworker, person=person, data={}, health=HealthInput(details="Diabetes")
        )
    assert error.value.field == "health_details"
    assert not AssessmentVersion.objects.exists()


def test_consent_needs_date_and_who_took_it(cast):
    person = make_case(by=cast.imdi_caseworker).members.get()
    with pytest.raises(actions.CaseError) as error:
        actions.save_assessment(
            by=cast.imdi_caseworker,
            person=person,
            data={},
            health=HealthInput(consent=True, details="x"),
        )
    assert error.value.field == "health_consent_date"
    with pytest.raises(actions.CaseError) as error:
        actions.save_assessment(
            by=cast.imdi_caseworker,
            person=person,
            data={},
            health=HealthInput(consent=True, consent_date=datetime.date(2026, 1, 5), details="x"),
        )
    assert error.value.field == "health_consent_taken_by"


def test_consent_is_logged_details_are_kept_when_blank_and_removed_when_consent_is_withdrawn(cast):
    person = make_case(by=cast.imdi_caseworker).members.get()
    actions.save_assessment(
        by=cast.imdi_caseworker,
        person=person,
        data={},
        health=HealthInput(**CONSENT, details="Astma"),
    )
    kept = actions.save_assessment(
        by=cast.imdi_caseworker, person=person, data={}, health=HealthInput(**CONSENT)
    )
    assert kept.health_details == "Astma"
    withdrawn = actions.save_assessment(
        by=cast.imdi_caseworker, person=person, data={}, health=HealthInput()
    )
    assert withdrawn.health_details == ""
    assert AuditEvent.objects.filter(event_type=EventType.HEALTH_CONSENT_RECORDED).count() == 2


def test_reading_health_details_is_logged(cast):
    person = make_case(by=cast.imdi_caseworker).members.get()
    actions.save_assessment(
        by=cast.imdi_caseworker,
        person=person,
        data={},
        health=HealthInput(**CONSENT, details="Astma"),
    )
    version = actions.read_health_details(by=cast.imdi_caseworker, person=person)
    assert version is not None and version.health_details == "Astma"
    event = AuditEvent.objects.get(event_type=EventType.HEALTH_DETAILS_READ)
    assert event.actor == cast.imdi_caseworker
    assert "Astma" not in event.summary and "Astma" not in str(event.details)


def test_marking_ready_names_the_missing_fields_in_norwegian(cast):
    case = make_case(by=cast.imdi_caseworker, children=1)
    person = case.members.get(relation=Relation.HEAD)
    actions.save_assessment(
        by=cast.imdi_caseworker,
        person=person,
        data={"education_level": "secondary"},
        health=HealthInput(),
    )
    with pytest.raises(actions.CaseError) as error:
        actions.mark_ready(by=cast.imdi_caseworker, case=case)
    assert "norsknivå" in error.value.message
    assert "år med arbeidserfaring" in error.value.message
    assert "Barn0 Haddad mangler: kartlegging er ikke påbegynt" in error.value.message
    case.refresh_from_db()
    assert case.state == CaseState.BEING_ASSESSED


def test_complete_case_can_be_marked_ready_and_a_child_needs_no_work_history(cast):
    case = make_case(by=cast.imdi_caseworker, children=1)
    assess_completely(case, by=cast.imdi_caseworker)
    actions.mark_ready(by=cast.imdi_caseworker, case=case)
    case.refresh_from_db()
    assert case.state == CaseState.READY
    assert AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).count() == 1


def test_a_material_change_returns_a_ready_case_to_assessment(cast):
    case = make_case(by=cast.imdi_caseworker)
    assess_completely(case, by=cast.imdi_caseworker)
    actions.mark_ready(by=cast.imdi_caseworker, case=case)
    person = case.members.get()
    actions.save_assessment(
        by=cast.imdi_caseworker, person=person, data=dict(COMPLETE_ADULT), health=HealthInput()
    )
    case.refresh_from_db()
    assert case.state == CaseState.READY  # saved again unchanged: nothing material
    actions.save_assessment(
        by=cast.imdi_caseworker,
        person=person,
        data={**COMPLETE_ADULT, "work_years": 9},
        health=HealthInput(),
    )
    case.refresh_from_db()
    assert case.state == CaseState.BEING_ASSESSED


def test_a_ready_case_can_be_set_back_by_hand_and_a_new_member_sets_it_back(cast):
    case = make_case(by=cast.imdi_caseworker)
    assess_completely(case, by=cast.imdi_caseworker)
    actions.mark_ready(by=cast.imdi_caseworker, case=case)
    actions.return_to_assessment(by=cast.imdi_caseworker, case=case)
    case.refresh_from_db()
    assert case.state == CaseState.BEING_ASSESSED
    with pytest.raises(actions.CaseError):
        actions.return_to_assessment(by=cast.imdi_caseworker, case=case)
    actions.mark_ready(by=cast.imdi_caseworker, case=case)
    actions.add_member(
        by=cast.imdi_caseworker,
        case=case,
        person=person_data(given_names="Ny"),
        relation=Relation.SPOUSE,
    )
    case.refresh_from_db()
    assert case.state == CaseState.BEING_ASSESSED


def test_reception_staff_cannot_assess_another_centres_resident(cast):
    person = make_case(by=cast.imdi_caseworker).members.get()  # living privately
    with pytest.raises(AccessDenied):
        actions.save_assessment(
            by=cast.reception_staff, person=person, data={}, health=HealthInput()
        )


def test_upload_keeps_sha256_and_refuses_other_types(cast):
    case = make_case(by=cast.imdi_caseworker)
    content = b"%PDF-1.4\n%\xe6\xf8\xe5 attest"
    document = actions.upload_document(
        by=cast.imdi_caseworker,
        case=case,
        title="Attest",
        upload=SimpleUploadedFile("a.pdf", content),
    )
    import hashlib

    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.content_type == "application/pdf"
    with pytest.raises(actions.CaseError) as error:
        actions.upload_document(
            by=cast.imdi_caseworker,
            case=case,
            title="Exe",
            upload=SimpleUploadedFile("b.pdf", b"MZ\x90\x00"),
        )
    assert error.value.field == "file"


def test_search_is_logged_with_count_and_never_the_term(cast):
    actions.record_search(by=cast.imdi_caseworker, kind="name", result_count=3)
    event = AuditEvent.objects.get(event_type=EventType.PERSON_SEARCHED)
    assert event.details == {"kind": "name", "result_count": 3}


def test_changing_a_person_logs_which_fields_changed_but_not_the_values(cast):
    from dataclasses import replace

    case = make_case(by=cast.imdi_caseworker, family_name="Haddad")
    person = case.members.get()
    data = person_data(family_name="Al-Haddad", duf_number=person.duf_number)
    data = replace(data, given_names=person.given_names)
    actions.change_person(by=cast.imdi_caseworker, person=person, data=data)
    person.refresh_from_db()
    assert person.family_name_key == "al-haddad amina"
    event = AuditEvent.objects.get(event_type=EventType.PERSON_CHANGED)
    assert event.details["fields"] == ["family_name"]
    assert "Haddad" not in event.summary and "Haddad" not in str(event.details)


def test_a_change_may_not_take_another_persons_duf_number(cast):
    first = make_case(by=cast.imdi_caseworker).members.get()
    second = make_case(by=cast.imdi_caseworker).members.get()
    with pytest.raises(actions.CaseError) as error:
        actions.change_person(
            by=cast.imdi_caseworker, person=second, data=person_data(duf_number=first.duf_number)
        )
    assert error.value.field == "duf_number"
