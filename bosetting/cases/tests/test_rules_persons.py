"""Registering households, adding members and correcting persons: who may, and what is refused."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from django.utils import timezone

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases import actions
from bosetting.cases.models import Case, CaseState, Person, Relation, Residence
from bosetting.organisations.tests.factories import ReceptionCentreFactory

from .factories import assess_completely, make_case, person_data

pytestmark = pytest.mark.django_db


def _in_state(case: Case, state: CaseState) -> Case:
    Case.objects.filter(pk=case.pk).update(state=state)
    case.refresh_from_db()
    return case


def _data_of(person: Person, **changes):
    data = actions.PersonData(
        **{name: getattr(person, name) for name in actions.PERSON_FIELDS},
    )
    return replace(data, languages=list(person.languages), **changes)


def test_a_new_household_is_being_assessed_with_its_head():
    case = make_case(given_names="  Anna   Maria ", family_name="ÅSE")
    head = case.members.get()
    assert case.state == CaseState.BEING_ASSESSED
    assert head.relation == Relation.HEAD
    assert (head.given_names, head.family_name) == ("Anna   Maria", "ÅSE")
    assert head.family_name_key == "åse anna maria"
    assert head.given_name_key == "anna maria åse"


@pytest.mark.parametrize("persona", ["imdi_reader", "bergen_admin", "bergen_reader"])
def test_only_case_workers_register_households(cast, persona):
    with pytest.raises(AccessDenied):
        actions.register_case(by=getattr(cast, persona), head=person_data())
    assert not Case.objects.exists()


def test_a_refused_head_leaves_no_empty_case_behind(cast):
    taken = person_data()
    actions.register_case(by=cast.imdi_caseworker, head=taken)
    with pytest.raises(actions.CaseError):
        actions.register_case(
            by=cast.imdi_caseworker, head=person_data(duf_number=taken.duf_number)
        )
    assert Case.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.CASE_CREATED).count() == 1


def test_a_birth_date_in_the_future_is_refused_on_its_field(cast):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(actions.CaseError) as error:
        actions.register_case(by=cast.imdi_caseworker, head=person_data(birth_date=tomorrow))
    assert error.value.field == "birth_date"


def test_living_at_a_reception_centre_needs_the_centre(cast):
    data = person_data(residence=Residence.RECEPTION_CENTRE, reception_centre=None)
    with pytest.raises(actions.CaseError) as error:
        actions.register_case(by=cast.imdi_caseworker, head=data)
    assert error.value.field == "reception_centre"


def test_a_centre_given_for_a_person_living_privately_is_not_kept(cast):
    data = person_data(residence=Residence.PRIVATE, reception_centre=cast.centre)
    case = actions.register_case(by=cast.imdi_caseworker, head=data)
    assert case.members.get().reception_centre is None


def test_reception_staff_cannot_register_a_resident_of_another_centre(cast):
    other = ReceptionCentreFactory(municipality=cast.oslo)
    with pytest.raises(actions.CaseError) as error:
        actions.register_case(by=cast.reception_staff, head=person_data(centre=other))
    assert error.value.field == "residence"
    assert not Person.objects.exists()


def test_a_national_id_already_registered_is_refused_on_its_field(cast):
    first = make_case(with_national_id=True).members.get()
    data = person_data(national_id=first.national_id, birth_date=first.birth_date)
    with pytest.raises(actions.CaseError) as error:
        actions.register_case(by=cast.imdi_caseworker, head=data)
    assert error.value.field == "national_id"


def test_a_member_cannot_be_a_second_head(cast):
    case = make_case()
    with pytest.raises(actions.CaseError) as error:
        actions.add_member(
            by=cast.imdi_caseworker, case=case, person=person_data(), relation=Relation.HEAD
        )
    assert error.value.field == "relation"
    assert case.members.count() == 1


def test_a_member_added_is_logged_on_the_case_with_the_relation(cast):
    case = make_case()
    member = actions.add_member(
        by=cast.imdi_caseworker, case=case, person=person_data(), relation=Relation.SIBLING
    )
    assert member.relation == Relation.SIBLING and member.case == case
    event = AuditEvent.objects.get(event_type=EventType.CASE_MEMBER_ADDED)
    assert (event.object_id, event.details) == (
        str(case.pk),
        {"person_id": member.pk, "relation": "sibling"},
    )
    case.refresh_from_db()
    assert case.state == CaseState.BEING_ASSESSED
    assert not AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).exists()


@pytest.mark.parametrize("state", [CaseState.PROPOSED, CaseState.MATCHED, CaseState.SETTLED])
def test_no_member_is_added_once_the_case_has_left_assessment(cast, state):
    case = _in_state(make_case(), state)
    with pytest.raises(actions.CaseError, match="kan ikke endres her"):
        actions.add_member(
            by=cast.imdi_caseworker, case=case, person=person_data(), relation=Relation.CHILD
        )
    assert case.members.count() == 1


def test_a_change_that_changes_nothing_is_not_logged(cast):
    person = make_case(with_national_id=True).members.get()
    actions.change_person(by=cast.imdi_caseworker, person=person, data=_data_of(person))
    assert not AuditEvent.objects.filter(event_type=EventType.PERSON_CHANGED).exists()


def test_a_person_keeps_their_own_national_id_through_a_change(cast):
    person = make_case(with_national_id=True).members.get()
    actions.change_person(
        by=cast.imdi_caseworker, person=person, data=_data_of(person, given_names="Amira")
    )
    person.refresh_from_db()
    assert person.given_names == "Amira"
    assert person.given_name_key == "amira haddad"
    event = AuditEvent.objects.get(event_type=EventType.PERSON_CHANGED)
    assert event.details["fields"] == ["given_names"]


def test_a_change_may_not_take_another_persons_national_id(cast):
    first = make_case(with_national_id=True).members.get()
    second = make_case().members.get()
    data = _data_of(second, national_id=first.national_id, birth_date=first.birth_date)
    with pytest.raises(actions.CaseError) as error:
        actions.change_person(by=cast.imdi_caseworker, person=second, data=data)
    assert error.value.field == "national_id"
    second.refresh_from_db()
    assert second.national_id == ""


@pytest.mark.parametrize("state", [CaseState.PROPOSED, CaseState.MATCHED])
def test_a_person_is_not_changed_once_the_case_has_left_assessment(cast, state):
    person = make_case().members.get()
    _in_state(person.case, state)
    with pytest.raises(actions.CaseError):
        actions.change_person(
            by=cast.imdi_caseworker, person=person, data=_data_of(person, family_name="Ny")
        )
    assert Person.objects.get(pk=person.pk).family_name == "Haddad"


def test_reception_staff_cannot_move_their_resident_to_another_centre(cast):
    person = make_case(by=cast.reception_staff, centre=cast.centre).members.get()
    other = ReceptionCentreFactory(municipality=cast.oslo)
    with pytest.raises(actions.CaseError) as error:
        actions.change_person(
            by=cast.reception_staff, person=person, data=_data_of(person, reception_centre=other)
        )
    assert error.value.field == "residence"
    assert Person.objects.get(pk=person.pk).reception_centre == cast.centre


def test_a_new_member_sends_a_ready_household_back_with_the_reason(cast):
    case = make_case()
    assess_completely(case)
    actions.mark_ready(by=None, case=case)
    actions.add_member(by=None, case=case, person=person_data(), relation=Relation.CHILD)
    event = AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).first()
    assert event is not None
    assert event.details == {
        "from": "ready",
        "to": "being_assessed",
        "reason": "ny person i husstanden",
    }
