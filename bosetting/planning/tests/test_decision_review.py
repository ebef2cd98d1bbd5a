"""Approving the council's decision binds the municipality: it is reviewed first («Kontroller og
send inn»), and only «Send inn» approves it and sends it to IMDi."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.planning.models import MunicipalDecision, SettlementRequest

from .helpers import decide, pdf_upload

pytestmark = pytest.mark.django_db


def _approve_data(**changes: Any) -> dict[str, Any]:
    data = {
        "places": "240",
        "takes_unaccompanied_minors": "ja",
        "unaccompanied_minors": "15",
        "council_decided_on": timezone.localdate().strftime("%d.%m.%Y"),
        "comment": "Vedtatt i kommunestyret 12. mars.",
        "document": pdf_upload(),
        "action": "approve",
    }
    data.update(changes)
    return data


def test_godkjenn_shows_the_decision_for_review_and_approves_nothing(
    cast: Any, client_for: Any, bergen_request: SettlementRequest
) -> None:
    client = client_for(cast.bergen_caseworker)
    response = client.post(
        reverse("planning:decision_form", args=[bergen_request.pk]), _approve_data(), follow=True
    )
    assert response.templates[0].name == "planning/decision_review.html"
    html = response.content.decode()
    assert f"Kontroller vedtaket om bosetting i {bergen_request.year}" in html
    assert "Vedtaket er 10 færre enn anmodningen." in html
    assert "Ja, 15" in html and "Vedtatt i kommunestyret 12. mars." in html
    assert "Last ned vedtaket (PDF)" in html
    assert 'name="confirm" value="1"' in html and ">Send inn<" in html
    assert ">Tilbake og endre<" in html
    decision = MunicipalDecision.objects.get()
    assert decision.state == MunicipalDecision.State.DRAFT
    bergen_request.refresh_from_db()
    assert bergen_request.state == SettlementRequest.State.SENT
    assert not AuditEvent.objects.filter(event_type=EventType.DECISION_APPROVED).exists()


def test_send_inn_approves_it_with_its_audit_event(
    cast: Any, client_for: Any, bergen_request: SettlementRequest
) -> None:
    client = client_for(cast.bergen_caseworker)
    client.post(reverse("planning:decision_form", args=[bergen_request.pk]), _approve_data())
    decision = MunicipalDecision.objects.get()
    response = client.post(
        reverse("planning:decision_approve", args=[decision.pk]), {"confirm": "1"}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == MunicipalDecision.State.APPROVED
    assert decision.approved_by == cast.bergen_caseworker
    event = AuditEvent.objects.get(event_type=EventType.DECISION_APPROVED)
    assert event.actor == cast.bergen_caseworker and event.municipality == cast.bergen


def test_a_post_without_send_inn_only_leads_to_the_review(
    cast: Any, client_for: Any, bergen_request: SettlementRequest
) -> None:
    draft = decide(cast, bergen_request, 240, approve=False)
    url = reverse("planning:decision_approve", args=[draft.pk])
    response = client_for(cast.bergen_caseworker).post(url)
    assert response.status_code == 302 and response["Location"] == url
    draft.refresh_from_db()
    assert draft.state == MunicipalDecision.State.DRAFT


def test_tilbake_og_endre_shows_the_form_with_everything_as_it_was(
    cast: Any, client_for: Any, bergen_request: SettlementRequest
) -> None:
    client = client_for(cast.bergen_caseworker)
    client.post(reverse("planning:decision_form", args=[bergen_request.pk]), _approve_data())
    form = client.get(reverse("planning:decision_form", args=[bergen_request.pk]))
    html = form.content.decode()
    assert 'value="240"' in html and 'value="15"' in html
    assert "Vedtatt i kommunestyret 12. mars." in html
    assert "Et vedtaksdokument er allerede lastet opp" in html


def test_the_draft_on_the_request_page_leads_to_the_review(
    cast: Any, client_for: Any, bergen_request: SettlementRequest
) -> None:
    draft = decide(cast, bergen_request, 260, approve=False)
    client = client_for(cast.bergen_caseworker)
    detail = client.get(reverse("planning:request_detail", args=[bergen_request.pk]))
    review_url = reverse("planning:decision_approve", args=[draft.pk])
    assert f'href="{review_url}"' in detail.content.decode()
    review = client.get(review_url)
    assert "Vedtaket er 10 flere enn anmodningen." in review.content.decode()
    draft.refresh_from_db()
    assert draft.state == MunicipalDecision.State.DRAFT


def test_the_review_names_the_decision_it_replaces(
    cast: Any, client_for: Any, bergen_request: SettlementRequest
) -> None:
    decide(cast, bergen_request, 200)
    draft = decide(cast, bergen_request, 240, approve=False)
    review = client_for(cast.bergen_caseworker).get(
        reverse("planning:decision_approve", args=[draft.pk])
    )
    assert "Det erstatter det gjeldende vedtaket (200 flyktninger)" in review.content.decode()


def test_no_review_is_offered_for_a_decision_already_approved(
    cast: Any, client_for: Any, bergen_request: SettlementRequest
) -> None:
    decision = decide(cast, bergen_request, 240)
    response = client_for(cast.bergen_caseworker).get(
        reverse("planning:decision_approve", args=[decision.pk]), follow=True
    )
    assert response.templates[0].name == "planning/request_detail.html"
    assert "Bare et utkast kan godkjennes." in response.content.decode()
