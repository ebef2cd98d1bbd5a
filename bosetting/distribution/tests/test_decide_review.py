"""IMDi's settlement decision binds and opens the person file: the chosen cases and the date are
reviewed before the decisions are made («Kontroller og send inn»)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Case, CaseState

from .. import actions
from ..models import ProposedCase, SettlementDecision
from .helpers import proposed, ready_case, sent_proposal

pytestmark = pytest.mark.usefixtures("bergen_places")
URL = reverse("distribution:decide")


def _accepted(cast: Any, *, children: int = 0) -> tuple[Case, ProposedCase]:
    case = ready_case(children=children)
    proposal = sent_proposal(cast, [case])
    item = actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
    )
    return case, item


def _data(*items: ProposedCase, **more: str) -> dict[str, Any]:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {"cases": [item.pk for item in items], "decided_on": f"{yesterday:%d.%m.%Y}", **more}


def test_the_chosen_cases_are_shown_for_review_and_nothing_is_decided(
    cast: Any, client_for: Any
) -> None:
    case, item = _accepted(cast, children=1)
    other, _other_item = _accepted(cast)
    response = client_for(cast.imdi_caseworker).post(URL, _data(item))
    assert response.status_code == 200
    assert response.templates[0].name == "distribution/decide_review.html"
    html = response.content.decode()
    assert "Kontroller vedtak om bosettingskommune" in html
    assert case.reference in html and other.reference not in html
    assert f"{timezone.localdate() - datetime.timedelta(days=1):%d.%m.%Y}" in html
    assert "1 sak" in html and "Bergen" in html
    assert 'name="confirm" value="1"' in html and ">Send inn<" in html
    assert 'name="back" value="1"' in html and ">Tilbake og endre<" in html
    assert not SettlementDecision.objects.exists()
    assert Case.objects.get(pk=case.pk).state == CaseState.PROPOSED
    assert not AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_DECIDED).exists()


def test_send_inn_makes_the_decisions_with_their_audit_events(cast: Any, client_for: Any) -> None:
    case, item = _accepted(cast)
    response = client_for(cast.imdi_caseworker).post(URL, _data(item, confirm="1"))
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == CaseState.MATCHED
    decision = SettlementDecision.objects.get(case=case)
    assert decision.decided_on == timezone.localdate() - datetime.timedelta(days=1)
    event = AuditEvent.objects.get(event_type=EventType.SETTLEMENT_DECIDED)
    assert event.actor == cast.imdi_caseworker


def test_tilbake_og_endre_shows_the_choice_and_date_as_they_were(
    cast: Any, client_for: Any
) -> None:
    _case, item = _accepted(cast)
    _other, other_item = _accepted(cast)
    data = _data(item, back="1")
    response = client_for(cast.imdi_caseworker).post(URL, data)
    assert response.status_code == 200
    assert response.templates[0].name == "distribution/decide.html"
    html = response.content.decode()
    assert re.search(rf'value="{item.pk}" id="decide-{item.pk}" checked', html)
    assert not re.search(rf'value="{other_item.pk}" id="decide-{other_item.pk}" checked', html)
    assert f'value="{data["decided_on"]}"' in html
    assert "Skjemaet har feil" not in html
    assert not SettlementDecision.objects.exists()


def test_no_review_is_offered_for_a_case_decided_meanwhile(cast: Any, client_for: Any) -> None:
    case, item = _accepted(cast)
    actions.decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=[item], decided_on=timezone.localdate()
    )
    response = client_for(cast.imdi_caseworker).post(URL, _data(item), follow=True)
    assert response.templates[0].name == "distribution/decide.html"
    assert f"Sak {case.reference} har ikke et ja som venter på vedtak." in (
        response.content.decode()
    )
