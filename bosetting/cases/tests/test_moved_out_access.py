"""A reception centre's access to a household ends when it has moved out (settled): no case or
person page, no search hit, no document or note. A household partly settled stays open for the
members still living at the centre, who are assessed and registered as moving out as before."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from bosetting.cases import actions
from bosetting.cases.models import Case, Person, Relation
from bosetting.cases.queries import (
    case_list,
    cases_visible_to,
    get_case_for,
    get_document_for,
    get_person_for,
    persons_visible_to,
    search_persons,
)
from bosetting.core.testing import close_response
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.queries import awaiting_settlement
from bosetting.settlement.tests.factories import make_matched_case

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n0"


def _household(cast: Any) -> Case:
    """A family of three at Fana mottak, matched to Oslo, with a document and a note about the
    head and a document about the whole household."""
    case = make_matched_case(
        municipality=cast.oslo,
        centre=cast.centre,
        children=2,
        given_names="Senait",
        family_name="Tesfay",
        with_national_id=True,
    )
    head = case.members.get(relation=Relation.HEAD)
    for person, title in ((head, "Pass"), (None, "Husstandens vedtak")):
        actions.upload_document(
            by=None,
            case=case,
            title=title,
            upload=SimpleUploadedFile("a.png", PNG),
            person=person,
        )
    actions.add_note(by=None, case=case, text="Om hovedpersonen", person=head)
    return case


def _settle(persons: Any) -> None:
    register_settlement(by=None, persons=persons, settled_on=timezone.localdate())


def test_a_household_that_moved_out_is_gone_for_the_centre_but_not_for_imdi(cast):
    case = _household(cast)
    head = case.members.get(relation=Relation.HEAD)
    document = case.documents.first()
    _settle(case.members.all())
    staff = cast.reception_staff

    assert not cases_visible_to(staff).exists()
    assert not persons_visible_to(staff).exists()
    assert not case_list(staff).exists()
    assert search_persons(staff, "Tesfay").persons == []
    assert search_persons(staff, head.national_id).persons == []
    for reach in (
        lambda: get_case_for(staff, case.pk),
        lambda: get_person_for(staff, head.pk),
        lambda: get_document_for(staff, document.pk),
    ):
        with pytest.raises(Http404):
            reach()
    assert get_person_for(cast.imdi_caseworker, head.pk) == head
    assert get_case_for(cast.oslo_caseworker, case.pk) == case


def test_the_centres_pages_answer_404_once_the_household_has_moved_out(cast, client_for):
    case = _household(cast)
    head = case.members.get(relation=Relation.HEAD)
    document = case.documents.first()
    client = client_for(cast.reception_staff)
    urls = [
        reverse("cases:case_detail", args=[case.pk]),
        reverse("cases:person_detail", args=[head.pk]),
        reverse("cases:document_download", args=[document.pk]),
    ]
    assert [_status(client, url) for url in urls] == [200, 200, 200]

    _settle(case.members.all())

    assert [_status(client, url) for url in urls] == [404, 404, 404]
    listed = client.get(reverse("cases:case_list")).content.decode()
    assert case.reference not in listed
    for term in (head.national_id, head.duf_number, "Tesfay"):
        found = client.post(reverse("cases:case_list"), {"term": term})
        assert found.context["result"].persons == []
        assert head.duf_number not in found.content.decode().replace(f'value="{term}"', "")


def _status(client: Any, url: str) -> int:
    response = client.get(url)
    close_response(response)
    return response.status_code


def test_a_partly_settled_household_shows_the_centre_only_those_still_living_there(
    cast, client_for
):
    case = _household(cast)
    head = case.members.get(relation=Relation.HEAD)
    children = list(case.members.exclude(pk=head.pk))
    about_head, about_household = case.documents.order_by("pk")
    _settle([head])
    staff = cast.reception_staff

    assert set(persons_visible_to(staff)) == set(children)
    with pytest.raises(Http404):
        get_person_for(staff, head.pk)
    with pytest.raises(Http404):
        get_document_for(staff, about_head.pk)
    assert get_document_for(staff, about_household.pk) == about_household
    page = client_for(staff).get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200
    assert [row["person"] for row in page.context["rows"]] == sorted(
        children, key=lambda child: (child.birth_date, child.pk)
    )
    html = page.content.decode()
    assert "Senait" not in html and head.duf_number not in html
    assert "Pass" not in html and "Om hovedpersonen" not in html
    assert "Husstandens vedtak" in html
    assert "1 person i husstanden har flyttet ut og vises ikke lenger her." in html
    # Oslo, who took the household in, sees every member.
    oslo = client_for(cast.oslo_caseworker).get(reverse("cases:case_detail", args=[case.pk]))
    assert len(oslo.context["rows"]) == 3
    assert "har flyttet ut og vises ikke" not in oslo.content.decode()


def test_the_centre_still_registers_the_moving_out_of_those_not_yet_settled(cast):
    case = _household(cast)
    head = case.members.get(relation=Relation.HEAD)
    _settle([head])
    staff = cast.reception_staff

    waiting = list(awaiting_settlement(staff))
    assert waiting and head not in waiting
    register_settlement(by=staff, persons=waiting, settled_on=timezone.localdate())

    assert not cases_visible_to(staff).exists()
    assert Person.objects.filter(case=case, settlements__is_current=True).count() == 3


def test_the_centres_registration_page_offers_the_members_not_yet_settled(cast, client_for):
    case = _household(cast)
    head = case.members.get(relation=Relation.HEAD)
    _settle([head])
    client = client_for(cast.reception_staff)
    url = reverse("settlement:register_case", args=[case.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert [person.pk for person in page.context["case"].awaiting] == [
        child.pk for child in case.members.exclude(pk=head.pk).order_by("birth_date", "pk")
    ]
    assert "Senait" not in page.content.decode()
