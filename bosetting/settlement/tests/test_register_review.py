"""Registering settlement binds: it uses the municipality's places and ends a reception centre's
access. The persons and the date are reviewed before they are registered («Kontroller og send
inn»)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Case, CaseState, Person
from bosetting.cases.queries import head_first

from ..models import Settlement
from .factories import make_matched_case

pytestmark = pytest.mark.django_db


def _setup(cast: Any, client_for: Any) -> tuple[Any, str, Case, list[Person]]:
    decided = timezone.localdate() - datetime.timedelta(days=5)
    case = make_matched_case(municipality=cast.bergen, decided_on=decided, children=1)
    persons = list(Person.objects.filter(case=case).order_by(*head_first()))
    url = reverse("settlement:register_case", args=[case.pk])
    return client_for(cast.bergen_caseworker), url, case, persons


def _day(days_ago: int) -> str:
    return f"{timezone.localdate() - datetime.timedelta(days=days_ago):%d.%m.%Y}"


def test_the_persons_and_date_are_shown_for_review_and_nothing_is_registered(
    cast: Any, client_for: Any
) -> None:
    client, url, case, (head, child) = _setup(cast, client_for)
    response = client.post(url, {"persons": [head.pk], "settled_on": _day(2)})
    assert response.status_code == 200
    assert response.templates[0].name == "settlement/register_review.html"
    html = response.content.decode()
    assert f"Kontroller bosettingen, sak {case.reference}" in html
    assert "1 person registreres bosatt" in html
    chosen = html.split('id="review-persons"', 1)[1].split("</ul>", 1)[0]
    assert head.full_name in chosen and child.full_name not in chosen
    assert "Disse venter fortsatt" in html
    assert f"registrert bosatt i Bergen fra {_day(2)}" in html
    assert 'name="confirm" value="1"' in html and ">Send inn<" in html
    assert 'name="back" value="1"' in html and ">Tilbake og endre<" in html
    assert not Settlement.objects.exists()
    assert not AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_REGISTERED).exists()


def test_send_inn_registers_with_its_audit_event(cast: Any, client_for: Any) -> None:
    client, url, case, persons = _setup(cast, client_for)
    response = client.post(
        url, {"persons": [p.pk for p in persons], "settled_on": _day(2), "confirm": "1"}
    )
    assert response.status_code == 302
    assert Settlement.objects.filter(is_current=True).count() == 2
    assert Case.objects.get(pk=case.pk).state == CaseState.SETTLED
    events = AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_REGISTERED)
    assert events.count() == 2
    assert {event.actor for event in events} == {cast.bergen_caseworker}


def test_tilbake_og_endre_shows_the_choice_and_date_as_they_were(
    cast: Any, client_for: Any
) -> None:
    client, url, _case, (head, child) = _setup(cast, client_for)
    response = client.post(url, {"persons": [child.pk], "settled_on": _day(1), "back": "1"})
    assert response.status_code == 200
    assert response.templates[0].name == "settlement/register.html"
    html = response.content.decode()
    assert re.search(rf'value="{child.pk}"[^>]*checked', html)
    assert not re.search(rf'value="{head.pk}"[^>]*checked', html)
    assert f'value="{_day(1)}"' in html
    assert "Skjemaet har feil" not in html
    assert not Settlement.objects.exists()


def test_a_date_the_rules_refuse_is_not_offered_for_review(cast: Any, client_for: Any) -> None:
    client, url, _case, persons = _setup(cast, client_for)
    response = client.post(url, {"persons": [p.pk for p in persons], "settled_on": _day(6)})
    assert response.templates[0].name == "settlement/register.html"
    assert "før vedtaket om bosettingskommune" in response.content.decode()
    assert not Settlement.objects.exists()
