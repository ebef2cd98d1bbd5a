"""Who reaches which case and person, the person search, and the reads the person file is built of."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.audit.models import EventType
from bosetting.cases import actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.models import Case, CaseState, Category, Person, Relation
from bosetting.cases.queries import (
    SEARCH_LIMIT,
    assessment_history,
    case_list,
    cases_visible_to,
    get_case_for,
    get_document_for,
    get_person_for,
    members_of,
    own_reception_centre,
    person_file_opens,
    persons_visible_to,
    search_persons,
    timeline,
)
from bosetting.organisations.tests.factories import (
    DataProcessingAgreementFactory,
    ReceptionCentreFactory,
)

from .factories import make_case, person_data

pytestmark = pytest.mark.django_db


def _put(case: Case, state: CaseState, municipality=None) -> Case:
    Case.objects.filter(pk=case.pk).update(state=state, municipality=municipality)
    return Case.objects.get(pk=case.pk)


def _fresh(user: User) -> User:
    """The user as a new request would load them: access state computed anew."""
    return User.objects.get(pk=user.pk)


def test_a_deactivated_imdi_caseworker_sees_no_case(cast):
    make_case()
    cast.imdi_caseworker.is_active = False
    cast.imdi_caseworker.save()
    assert not cases_visible_to(_fresh(cast.imdi_caseworker)).exists()
    assert not persons_visible_to(_fresh(cast.imdi_caseworker)).exists()


def test_reception_staff_keep_seeing_their_residents_case_after_it_is_matched(cast):
    case = _put(make_case(centre=cast.centre), CaseState.MATCHED, cast.oslo)
    assert list(cases_visible_to(cast.reception_staff)) == [case]


def test_reception_staff_of_another_centre_see_none_of_fana_mottaks_residents(cast):
    make_case(centre=cast.centre)
    other = ReceptionCentreFactory(municipality=cast.oslo)
    staff = UserFactory(organisation=other.organisation, roles=[Role.RECEPTION_STAFF])
    assert not cases_visible_to(staff).exists()


def test_one_resident_at_the_centre_opens_the_whole_household_to_its_staff(cast):
    case = make_case()  # the head lives privately
    actions.add_member(
        by=None, case=case, person=person_data(centre=cast.centre), relation=Relation.CHILD
    )
    assert list(cases_visible_to(cast.reception_staff)) == [case]
    assert persons_visible_to(cast.reception_staff).count() == 2


def test_the_municipality_keeps_the_person_file_of_a_settled_case(cast):
    case = _put(make_case(), CaseState.SETTLED, cast.bergen)
    assert list(cases_visible_to(cast.bergen_caseworker)) == [case]
    assert get_case_for(cast.bergen_caseworker, case.pk) == case


def test_a_new_agreement_version_closes_the_person_files_until_it_is_signed(cast):
    _put(make_case(), CaseState.MATCHED, cast.bergen)
    assert cases_visible_to(_fresh(cast.bergen_caseworker)).exists()
    DataProcessingAgreementFactory(
        published_by=cast.imdi_admin,
        published_at=cast.agreement.published_at + datetime.timedelta(days=1),
    )
    assert not cases_visible_to(_fresh(cast.bergen_caseworker)).exists()


def test_without_an_active_administrator_the_municipality_reaches_no_person(cast):
    _put(make_case(), CaseState.MATCHED, cast.bergen)
    cast.bergen_admin.is_active = False
    cast.bergen_admin.save()
    assert not cases_visible_to(_fresh(cast.bergen_caseworker)).exists()


@pytest.mark.parametrize("state", list(CaseState))
def test_person_file_opens_answers_as_the_scoped_query_does(cast, state):
    users = [
        cast.bergen_caseworker,
        cast.oslo_caseworker,
        cast.stord_caseworker,
        cast.bergen_reader,
    ]
    for municipality in (cast.bergen, cast.stord, None):
        case = _put(make_case(), state, municipality)
        for user in users:
            expected = cases_visible_to(user).filter(pk=case.pk).exists()
            assert person_file_opens(user, case) == expected, (state, municipality, user)


def test_person_file_opens_is_for_municipalities_only(cast):
    case = _put(make_case(centre=cast.centre), CaseState.MATCHED, cast.bergen)
    assert not person_file_opens(cast.imdi_caseworker, case)
    assert not person_file_opens(cast.reception_staff, case)


def test_a_person_or_document_outside_the_users_reach_is_not_found(cast):
    case = make_case()  # living privately
    document = actions.upload_document(
        by=None, case=case, title="Pass", upload=SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n0")
    )
    person = case.members.get()
    with pytest.raises(Http404):
        get_person_for(cast.reception_staff, person.pk)
    with pytest.raises(Http404):
        get_document_for(cast.reception_staff, document.pk)
    assert get_document_for(cast.imdi_caseworker, document.pk) == document


def test_a_national_id_is_found_however_it_is_grouped(cast):
    person = make_case(with_national_id=True).members.get()
    grouped = f"{person.national_id[:6]} {person.national_id[6:]}"
    result = search_persons(cast.imdi_caseworker, grouped)
    assert (result.kind, result.persons) == ("national_id", [person])
    assert search_persons(
        cast.imdi_caseworker, person.duf_number.replace("0", ".0", 1)
    ).persons == [person]


@pytest.mark.parametrize("term", ["", "   ", "%", "_", "a%", ".-"])
def test_a_blank_or_wildcard_term_finds_nobody(cast, term):
    make_case(given_names="Amina", family_name="Haddad")
    make_case(given_names="Omar", family_name="Rahimi")
    assert search_persons(cast.imdi_caseworker, term).persons == []


def test_name_results_are_ordered_by_family_name_and_limited(cast):
    for number in range(SEARCH_LIMIT + 1):
        actions.register_case(
            by=None,
            head=person_data(family_name=f"Haddad{(SEARCH_LIMIT - number):02d}", given_names="Ali"),
        )
    persons = search_persons(cast.imdi_caseworker, "hadd").persons
    assert len(persons) == SEARCH_LIMIT
    keys = [person.family_name_key for person in persons]
    assert keys == sorted(keys) and keys[0] == "haddad00 ali"


def test_the_search_finds_only_persons_the_user_may_see(cast):
    make_case(given_names="Yonas", family_name="Tesfay")  # living privately
    at_centre = make_case(centre=cast.centre, given_names="Yohannes", family_name="Tesfay")
    assert search_persons(cast.reception_staff, "tesfay").persons == [at_centre.members.get()]


def test_members_are_listed_head_first_then_by_birth_date(cast):
    case = make_case(birth_date=datetime.date(1995, 1, 1))
    older = actions.add_member(
        by=None,
        case=case,
        person=person_data(birth_date=datetime.date(1960, 1, 1)),
        relation=Relation.PARENT,
    )
    child = actions.add_member(
        by=None,
        case=case,
        person=person_data(birth_date=datetime.date(2018, 1, 1)),
        relation=Relation.CHILD,
    )
    relations = [(p.relation, p.pk) for p in members_of(case)]
    assert relations[0][0] == Relation.HEAD
    assert [pk for _relation, pk in relations[1:]] == [older.pk, child.pk]


def test_the_case_list_filters_on_any_member(cast):
    mixed = make_case()
    actions.add_member(
        by=None,
        case=mixed,
        person=person_data(centre=cast.centre, category=Category.UNACCOMPANIED_MINOR),
        relation=Relation.SIBLING,
    )
    make_case()
    user = cast.imdi_caseworker
    assert list(case_list(user, category=Category.UNACCOMPANIED_MINOR)) == [mixed]
    assert list(case_list(user, centre=cast.centre)) == [mixed]
    assert list(case_list(user, county=cast.vestland)) == [mixed]
    assert list(case_list(user, state=CaseState.READY)) == []
    assert len(case_list(user)[1].member_list) == 2


def test_the_timeline_shows_what_happened_to_the_case_but_not_who_looked(cast):
    case = make_case()
    person = case.members.get()
    note = actions.add_note(by=None, case=case, text="Ringte.")
    actions.record_file_view(by=cast.imdi_caseworker, case=case)
    actions.record_file_view(by=cast.imdi_caseworker, case=case, person=person)
    other = make_case()
    actions.add_note(by=None, case=other, text="Annen sak.")
    events = timeline(case, person_ids=[person.pk], document_ids=[], note_ids=[note.pk])
    assert [event.event_type for event in events] == [
        EventType.NOTE_ADDED,
        EventType.PERSON_REGISTERED,
        EventType.CASE_CREATED,
    ]


def test_the_assessment_history_does_not_load_health_details(cast):
    person = make_case().members.get()
    actions.save_assessment(
        by=None,
        person=person,
        data={},
        health=HealthInput(
            consent=True,
            consent_date=datetime.date(2026, 1, 5),
            consent_taken_by="Kari",
            details="Astma",
        ),
    )
    actions.save_assessment(by=None, person=person, data={"note": "ny"}, health=HealthInput())
    history = list(assessment_history(person))
    assert [version.number for version in history] == [2, 1]
    assert all("health_details" in version.get_deferred_fields() for version in history)


def test_only_reception_staff_have_an_own_centre(cast):
    assert own_reception_centre(cast.reception_staff) == cast.centre
    assert own_reception_centre(cast.imdi_caseworker) is None
    assert own_reception_centre(cast.bergen_caseworker) is None


def test_persons_outside_any_case_are_not_in_imdis_reach(cast):
    person = make_case().members.get()
    Person.objects.filter(pk=person.pk).update(case=None)
    assert not persons_visible_to(cast.imdi_caseworker).exists()
