"""A yes binds the municipality: it is reviewed before it takes effect («Kontroller og send
inn»), with «Send inn» and «Tilbake og endre», as every binding action; a no with its reason is sent directly."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from bosetting.audit.models import AuditEvent, EventType

from .. import actions
from ..models import ProposedCase
from .helpers import proposed, ready_case, sent_proposal

pytestmark = pytest.mark.usefixtures("bergen_places")


def _yes(item: ProposedCase, **more: str) -> dict[str, Any]:
    return {"case": item.pk, f"c{item.pk}-answer": "ja", **more}


def response_template(response: Any) -> str:
    """The page's own template, the first one rendered."""
    return str(response.templates[0].name)


def _setup(cast: Any, client_for: Any) -> tuple[Any, str, ProposedCase]:
    case = ready_case(children=1)
    proposal = sent_proposal(cast, [case, ready_case()])
    return (
        client_for(cast.bergen_caseworker),
        reverse("distribution:answer", args=[proposal.pk]),
        proposed(proposal, case),
    )


def test_a_yes_is_shown_for_review_and_nothing_is_saved_yet(cast: Any, client_for: Any) -> None:
    client, url, item = _setup(cast, client_for)
    response = client.post(url, _yes(item))
    assert response.status_code == 200
    assert response_template(response) == "distribution/answer_review.html"
    html = response.content.decode()
    assert f"Kontroller svaret på sak {item.case.reference}" in html
    assert item.proposal.reference in html
    assert "Ja, vi kan bosette husstanden" in html
    assert "Sak " + item.case.reference + ": 2 personer" in html  # the summary of that case
    assert 'name="confirm" value="1"' in html and ">Send inn<" in html
    assert 'name="back" value="1"' in html and ">Tilbake og endre<" in html
    assert ProposedCase.objects.get(pk=item.pk).answer == ProposedCase.Answer.PENDING
    assert not AuditEvent.objects.filter(event_type=EventType.PROPOSAL_CASE_ANSWERED).exists()


def test_send_inn_saves_the_yes(cast: Any, client_for: Any) -> None:
    client, url, item = _setup(cast, client_for)
    response = client.post(url, _yes(item, confirm="1"))
    assert response.status_code == 302
    assert ProposedCase.objects.get(pk=item.pk).answer == ProposedCase.Answer.ACCEPTED


def test_tilbake_og_endre_shows_the_answer_page_with_everything_as_it_was(
    cast: Any, client_for: Any
) -> None:
    client, url, item = _setup(cast, client_for)
    review = client.post(url, _yes(item, **{f"c{item.pk}-comment": "Vi har bolig i juni."}))
    assert 'value="Vi har bolig i juni."' in review.content.decode()
    back = client.post(url, _yes(item, back="1", **{f"c{item.pk}-comment": "Vi har bolig i juni."}))
    assert back.status_code == 200
    assert response_template(back) == "distribution/answer.html"
    html = back.content.decode()
    assert re.search(rf'name="c{item.pk}-answer" value="ja"[^>]*checked', html)
    assert "Vi har bolig i juni." in html
    assert "Skjemaet har feil" not in html
    assert ProposedCase.objects.get(pk=item.pk).answer == ProposedCase.Answer.PENDING


def test_a_no_with_its_reason_is_sent_without_review(cast: Any, client_for: Any) -> None:
    client, url, item = _setup(cast, client_for)
    response = client.post(
        url, {"case": item.pk, f"c{item.pk}-answer": "nei", f"c{item.pk}-reason": "housing"}
    )
    assert response.status_code == 302
    assert ProposedCase.objects.get(pk=item.pk).answer == ProposedCase.Answer.DECLINED


def test_no_review_is_offered_for_a_case_already_answered(cast: Any, client_for: Any) -> None:
    client, url, item = _setup(cast, client_for)
    actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=item, accept=False, reason="housing"
    )
    response = client.post(url, _yes(item), follow=True)
    assert response_template(response) == "distribution/answer.html"
    assert "allerede besvart av" in response.content.decode()
