"""«Flyttet ut»: what a reception centre keeps of residents who have moved out is the fact that
they settled, where and when; no name, DUF number or national id, anywhere it looks."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.cases.models import Case, Person, Relation
from bosetting.organisations.tests.factories import ReceptionCentreFactory
from bosetting.settlement.actions import register_settlement

from .factories import make_matched_case

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    # Asked for each time: a date taken when the module was imported goes stale when the
    # suite runs across midnight in Oslo.
    return timezone.localdate()


URL = reverse("settlement:moved_out")


def _moved_out(cast: Any, *, municipality: Any = None, children: int = 1) -> Case:
    case = make_matched_case(
        municipality=municipality or cast.oslo,
        centre=cast.centre,
        children=children,
        given_names="Yonas",
        family_name="Gebremedhin",
        with_national_id=True,
        birth_date=datetime.date(1985, 4, 2),
        decided_on=_today() - datetime.timedelta(days=10),
    )
    register_settlement(
        by=cast.reception_staff,
        persons=Person.objects.filter(case=case),
        settled_on=_today() - datetime.timedelta(days=2),
    )
    return case


def _identities(case: Case) -> list[str]:
    people = Person.objects.filter(case=case)
    return [
        *(person.given_names for person in people),
        *(person.family_name for person in people),
        *(person.duf_number for person in people),
        *(person.national_id for person in people if person.national_id),
    ]


def test_the_centre_sees_case_municipality_and_date_of_those_who_moved_out_and_no_identity(
    cast: Any, client_for: Any
) -> None:
    case = _moved_out(cast)

    response = client_for(cast.reception_staff).get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 personer har flyttet ut." in html
    rows = response.context["rows"]
    assert {(row.case_reference, row.municipality, row.settled_on) for row in rows} == {
        (case.reference, "Oslo", _today() - datetime.timedelta(days=2))
    }
    assert [(row.relation, row.birth_year) for row in rows] == [
        ("Hovedperson", 1985),
        ("Barn", 2015),
    ]
    assert f"Rett bosetting for Hovedperson i sak {case.reference}, født 1985" in html
    for identity in _identities(case):
        assert identity not in html


def test_another_centre_sees_none_of_them(cast: Any, client_for: Any) -> None:
    _moved_out(cast)
    other = ReceptionCentreFactory(name="Råde mottak", municipality=cast.oslo)
    staff = UserFactory(organisation=other.organisation, roles=[Role.RECEPTION_STAFF])

    response = client_for(staff).get(URL)

    assert response.context["rows"] == []
    assert "Ingen beboere har flyttet ut ennå." in response.content.decode()


def test_the_centre_corrects_the_date_it_registered_without_seeing_who(
    cast: Any, client_for: Any
) -> None:
    case = _moved_out(cast)
    head = Person.objects.get(case=case, relation=Relation.HEAD)
    client = client_for(cast.reception_staff)
    url = reverse("settlement:correct", args=[head.pk])

    page = client.get(url).content.decode()
    assert f"Rett bosetting for Hovedperson i sak {case.reference}, født 1985" in page
    for identity in _identities(case):
        assert identity not in page
    response = client.post(
        url, {"what": "change", "settled_on": _today().strftime("%d.%m.%Y"), "reason": "Skrivefeil"}
    )

    assert response.status_code == 302
    assert head.settlements.get(is_current=True).settled_on == _today()


def test_the_centres_registration_page_names_no_one_who_moved_out(
    cast: Any, client_for: Any
) -> None:
    case = _moved_out(cast)
    waiting = make_matched_case(
        municipality=cast.oslo, centre=cast.centre, given_names="Aster", family_name="Kidane"
    )

    html = client_for(cast.reception_staff).get(reverse("settlement:pending")).content.decode()

    assert "Aster" in html  # still living at the centre: its move-out is registered here
    assert f'href="{URL}"' in html
    for identity in _identities(case):
        assert identity not in html
    assert waiting.reference in html


@pytest.mark.parametrize("households", [1, 8])
def test_the_list_costs_the_same_queries_for_few_and_many(
    cast: Any, client_for: Any, django_assert_num_queries: Any, households: int
) -> None:
    for _ in range(households):
        _moved_out(cast, children=2)
    client = client_for(cast.reception_staff)
    # The page's own (session, user, roles, organisation, notifications, the session saved in
    # a savepoint: 7), the count and the page of rows: 10 however many moved out.
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["rows"]) == 3 * households
