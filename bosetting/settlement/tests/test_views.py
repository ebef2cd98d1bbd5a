from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.cases.models import CaseState, Person
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.models import Settlement

from .factories import make_matched_case

pytestmark = pytest.mark.django_db


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def test_pending_lists_own_cases_with_days_waiting(cast: Any, client_for: Any) -> None:
    decided = timezone.localdate() - datetime.timedelta(days=9)
    make_matched_case(municipality=cast.bergen, decided_on=decided, given_names="Leyla")
    make_matched_case(municipality=cast.oslo, given_names="Omar")
    response = client_for(cast.bergen_caseworker).get(reverse("settlement:pending"))
    text = response.content.decode()
    assert "Leyla" in text and "Omar" not in text
    assert '<td class="number">9</td>' in text


@pytest.mark.parametrize("count", [3, 20])
def test_pending_has_a_constant_query_count(
    cast: Any, client_for: Any, django_assert_num_queries: Any, count: int
) -> None:
    for _ in range(count):
        case = make_matched_case(municipality=cast.bergen, children=1)
    register_settlement(
        by=None, persons=Person.objects.filter(case=case), settled_on=timezone.localdate()
    )
    client = client_for(cast.bergen_caseworker)
    # The same 12 for 3 or 20 cases: persons, decisions and the settled list are joined or
    # prefetched, never loaded per row.
    with django_assert_num_queries(9):
        response = client.get(reverse("settlement:pending"))
    assert response.status_code == 200


def test_register_shows_the_date_error_by_the_field(cast: Any, client_for: Any) -> None:
    decided = timezone.localdate() - datetime.timedelta(days=5)
    case = make_matched_case(municipality=cast.bergen, decided_on=decided, children=1)
    persons = list(Person.objects.filter(case=case))
    client = client_for(cast.bergen_caseworker)
    url = reverse("settlement:register_case", args=[case.pk])
    response = client.post(
        url,
        {
            "persons": [p.pk for p in persons],
            "settled_on": _date(decided - datetime.timedelta(days=1)),
        },
    )
    assert response.status_code == 200
    assert "før vedtaket om bosettingskommune" in response.content.decode()
    response = client.post(
        url, {"persons": [p.pk for p in persons], "settled_on": _date(decided), "confirm": "1"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.SETTLED


def test_register_one_person_of_a_household(cast: Any, client_for: Any) -> None:
    case = make_matched_case(municipality=cast.bergen, children=1)
    first = Person.objects.filter(case=case).first()
    assert first is not None
    response = client_for(cast.bergen_caseworker).post(
        reverse("settlement:register_case", args=[case.pk]),
        {"persons": [first.pk], "settled_on": _date(timezone.localdate()), "confirm": "1"},
    )
    assert response.status_code == 302
    assert list(Settlement.objects.values_list("person", flat=True)) == [first.pk]


def test_correction_without_reason_is_refused_then_saved(cast: Any, client_for: Any) -> None:
    case = make_matched_case(municipality=cast.bergen)
    person = Person.objects.get(case=case)
    today = timezone.localdate()
    register_settlement(by=cast.bergen_caseworker, persons=[person], settled_on=today)
    client = client_for(cast.bergen_caseworker)
    url = reverse("settlement:correct", args=[person.pk])
    yesterday = _date(today - datetime.timedelta(days=1))
    response = client.post(url, {"what": "change", "settled_on": yesterday, "reason": ""})
    assert response.status_code == 200
    assert "Skriv hvorfor" in response.content.decode()
    response = client.post(
        url, {"what": "change", "settled_on": yesterday, "reason": "Kom dagen før"}
    )
    assert response.status_code == 302
    current = Settlement.objects.get(is_current=True)
    assert current.settled_on == today - datetime.timedelta(days=1)
    assert current.reason == "Kom dagen før"


def test_withdrawal_through_the_form(cast: Any, client_for: Any) -> None:
    case = make_matched_case(municipality=cast.bergen)
    person = Person.objects.get(case=case)
    register_settlement(by=None, persons=[person], settled_on=timezone.localdate())
    response = client_for(cast.bergen_caseworker).post(
        reverse("settlement:correct", args=[person.pk]),
        {"what": "withdraw", "settled_on": "", "reason": "Feil person"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.MATCHED


def test_reception_staff_see_only_their_residents(cast: Any, client_for: Any) -> None:
    make_matched_case(municipality=cast.oslo, centre=cast.centre, given_names="Nadia")
    make_matched_case(municipality=cast.bergen, given_names="Privat")
    text = client_for(cast.reception_staff).get(reverse("settlement:pending")).content.decode()
    assert "Nadia" in text and "Privat" not in text


def test_registering_twice_says_so_instead_of_failing(cast: Any, client_for: Any) -> None:
    case = make_matched_case(municipality=cast.bergen, children=1)
    first, second = Person.objects.filter(case=case).order_by("pk")
    client = client_for(cast.bergen_caseworker)
    url = reverse("settlement:register_case", args=[case.pk])
    page = client.get(url)  # both are waiting when the form is shown
    assert page.status_code == 200
    register_settlement(by=None, persons=[first], settled_on=timezone.localdate())
    response = client.post(
        url, {"persons": [first.pk, second.pk], "settled_on": _date(timezone.localdate())}
    )
    assert response.status_code == 200
    assert "allerede registrert bosatt" in response.content.decode()
    assert not Settlement.objects.filter(person=second).exists()
