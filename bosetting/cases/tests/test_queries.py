import pytest
from django.http import Http404

from bosetting.cases.models import Case, CaseState
from bosetting.cases.queries import (
    cases_visible_to,
    get_case_for,
    persons_visible_to,
    search_persons,
)

from .factories import make_case


def _matched_in(case, municipality, state):
    # The distribution issue will make this happen through an action; here the state is set
    # directly to prove what the scoping query lets through.
    Case.objects.filter(pk=case.pk).update(municipality=municipality, state=state)


def test_imdi_caseworkers_see_every_case_and_imdi_readers_none(cast):
    make_case(centre=cast.centre)
    make_case()
    assert cases_visible_to(cast.imdi_caseworker).count() == 2
    assert cases_visible_to(cast.imdi_admin).count() == 2
    assert cases_visible_to(cast.imdi_reader).count() == 0


def test_reception_staff_see_cases_with_a_member_at_their_centre(cast):
    at_centre = make_case(centre=cast.centre)
    make_case()
    assert list(cases_visible_to(cast.reception_staff)) == [at_centre]
    assert persons_visible_to(cast.reception_staff).count() == 1


@pytest.mark.parametrize(
    "persona",
    [
        "bergen_admin",
        "bergen_caseworker",
        "bergen_reader",
        "oslo_caseworker",
        "stord_caseworker",
        "stord_admin",
    ],
)
@pytest.mark.parametrize("state", [CaseState.BEING_ASSESSED, CaseState.READY, CaseState.PROPOSED])
def test_no_municipal_user_reaches_a_person_before_the_case_is_matched(cast, persona, state):
    case = make_case(centre=cast.centre)  # Fana mottak lies in Bergen
    _matched_in(case, cast.bergen, state)
    user = getattr(cast, persona)
    assert not cases_visible_to(user).exists()
    assert not persons_visible_to(user).exists()
    with pytest.raises(Http404):
        get_case_for(user, case.pk)


def test_bergen_caseworker_reaches_a_case_matched_to_bergen_only(cast):
    case = make_case()
    _matched_in(case, cast.bergen, CaseState.MATCHED)
    assert list(cases_visible_to(cast.bergen_caseworker)) == [case]
    assert not cases_visible_to(cast.bergen_reader).exists()
    assert not cases_visible_to(cast.oslo_caseworker).exists()


def test_stord_without_agreement_reaches_nothing_even_when_matched(cast):
    case = make_case()
    _matched_in(case, cast.stord, CaseState.SETTLED)
    assert not cases_visible_to(cast.stord_caseworker).exists()


def test_search_by_duf_number_national_id_and_name_prefix_any_case(cast):
    case = make_case(given_names="Yonas Tesfay", family_name="Gebremedhin", with_national_id=True)
    person = case.members.get()
    user = cast.imdi_caseworker
    assert search_persons(user, person.duf_number).persons == [person]
    assert search_persons(user, f" {person.duf_number[:4]} {person.duf_number[4:]} ").kind == "duf"
    assert search_persons(user, person.national_id).persons == [person]
    assert search_persons(user, "gebrem").persons == [person]
    assert search_persons(user, "YONAS").persons == [person]
    assert search_persons(user, "yonas tesfay geb").persons == [person]
    assert search_persons(user, "tesfay").persons == []  # a middle name is not a prefix
    assert search_persons(cast.reception_staff, person.duf_number).persons == []


def test_a_name_ending_in_z_or_with_letters_beyond_ascii_is_found(cast):
    aziz = make_case(given_names="Aziz", family_name="Rahimi").members.get()
    oyvind = make_case(given_names="Øyvind", family_name="Ærø").members.get()
    assert search_persons(cast.imdi_caseworker, "Aziz").persons == [aziz]
    assert search_persons(cast.imdi_caseworker, "ærø øy").persons == [oyvind]
    assert search_persons(cast.imdi_caseworker, "ØYVIND").persons == [oyvind]
