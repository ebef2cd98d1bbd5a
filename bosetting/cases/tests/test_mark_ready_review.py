"""Marking a case ready lets IMDi propose it to municipalities: the household is reviewed first
(«Kontroller og send inn»), with what municipalities will see, and only «Send inn» marks it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bosetting.audit.models import AuditEvent, EventType

from ..models import Case, CaseState
from .factories import assess_completely, make_case

pytestmark = pytest.mark.django_db


def _complete_case(cast: Any) -> Case:
    case = make_case(centre=cast.centre, children=1)
    assess_completely(case)
    return case


def test_merk_klar_shows_the_household_for_review_and_changes_nothing(
    cast: Any, client_for: Any
) -> None:
    case = _complete_case(cast)
    response = client_for(cast.reception_staff).post(
        reverse("cases:case_mark_ready", args=[case.pk])
    )
    assert response.status_code == 200
    assert response.templates[0].name == "cases/mark_ready_review.html"
    html = response.content.decode()
    assert f"Kontroller sak {case.reference} før den merkes klar for bosetting" in html
    for person in case.members.all():
        assert person.full_name in html
    assert f"Sak {case.reference}: 2 personer" in html  # the anonymised summary
    assert 'name="confirm" value="1"' in html and ">Send inn<" in html
    assert ">Tilbake og endre<" in html
    assert Case.objects.get(pk=case.pk).state == CaseState.BEING_ASSESSED
    assert not AuditEvent.objects.filter(
        event_type=EventType.CASE_STATE_CHANGED, details__to=CaseState.READY
    ).exists()


def test_send_inn_marks_it_ready_with_its_audit_event(cast: Any, client_for: Any) -> None:
    case = _complete_case(cast)
    response = client_for(cast.reception_staff).post(
        reverse("cases:case_mark_ready", args=[case.pk]), {"confirm": "1"}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == CaseState.READY
    event = AuditEvent.objects.filter(event_type=EventType.CASE_STATE_CHANGED).latest("pk")
    assert event.actor == cast.reception_staff
    assert "klar for bosetting" in event.summary.lower()


def test_an_incomplete_case_is_not_offered_for_review(cast: Any, client_for: Any) -> None:
    case = make_case(centre=cast.centre)
    response = client_for(cast.reception_staff).post(
        reverse("cases:case_mark_ready", args=[case.pk]), follow=True
    )
    assert response.templates[0].name == "cases/case_detail.html"
    assert "Kartleggingen er ikke fullstendig." in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == CaseState.BEING_ASSESSED


def test_tilbake_og_endre_leads_to_the_case_page(cast: Any, client_for: Any) -> None:
    case = _complete_case(cast)
    html = (
        client_for(cast.reception_staff)
        .post(reverse("cases:case_mark_ready", args=[case.pk]))
        .content.decode()
    )
    assert f'href="{reverse("cases:case_detail", args=[case.pk])}"' in html
