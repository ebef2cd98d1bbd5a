"""The case page holds everything: the settlement decision and both letters, the proposals and
answers, settlement dates, documents, notes and the timeline; the decision's notice leads there."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases import actions
from bosetting.cases.models import Case, Person
from bosetting.core.testing import close_response
from bosetting.distribution import actions as distribution_actions
from bosetting.distribution.models import DecisionLetter, Proposal
from bosetting.distribution.tests.helpers import (
    accept_and_decide,
    approve_places,
    make_decision_letters,
    proposed,
    ready_case,
    sent_proposal,
)
from bosetting.notifications.models import Notification
from bosetting.settlement.actions import register_settlement

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(cast: Any) -> None:
    approve_places(cast.bergen)
    approve_places(cast.oslo)


def _declined_by_oslo_then_decided_for_bergen(cast: Any, **head: Any) -> Case:
    case = ready_case(**head)
    oslo = sent_proposal(cast, [case], cast.oslo)
    distribution_actions.answer_case(
        by=cast.oslo_caseworker,
        proposed_case=proposed(oslo, case),
        accept=False,
        reason="housing",
    )
    return accept_and_decide(cast, case)


def _page(client: Any, case: Case) -> str:
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("places")
def test_the_case_page_shows_the_decision_both_letters_and_bergens_answer(
    cast: Any, client_for: Any
) -> None:
    case = _declined_by_oslo_then_decided_for_bergen(cast, children=1)
    client = client_for(cast.bergen_caseworker)
    client.post(reverse("cases:note_add", args=[case.pk]), {"text": "Bolig er klar."})
    html = _page(client, case)
    vedtak = html[html.index('id="vedtak"') :]
    assert timezone.localdate().strftime("%d.%m.%Y") in vedtak
    for letter in DecisionLetter.objects.filter(decision__case=case):
        assert reverse("distribution:letter_download", args=[letter.pk]) in vedtak
    bergen, oslo = (
        Proposal.objects.get(municipality=cast.bergen),
        Proposal.objects.get(municipality=cast.oslo),
    )
    answers = html[html.index('id="foresporsel"') :]
    assert bergen.reference in answers
    assert reverse("distribution:answer", args=[bergen.pk]) in answers
    # Oslo's no is Oslo's business.
    assert oslo.reference not in html
    assert "Bolig er klar." in html
    assert "Hendelser i saken" in html and "vedtak om bosetting" in html


@pytest.mark.usefixtures("places")
def test_imdi_sees_every_answer_and_reception_staff_none_and_no_letters(
    cast: Any, client_for: Any
) -> None:
    case = _declined_by_oslo_then_decided_for_bergen(cast)
    imdi = _page(client_for(cast.imdi_caseworker), case)
    for proposal in Proposal.objects.all():
        assert proposal.reference in imdi
        assert reverse("distribution:proposal_detail", args=[proposal.pk]) in imdi
    Person.objects.filter(case=case).update(
        residence="reception_centre", reception_centre=cast.centre
    )
    reception = _page(client_for(cast.reception_staff), case)
    assert 'id="vedtak"' in reception
    assert "distribution/brev" not in reception and "/fordeling/brev/" not in reception
    for proposal in Proposal.objects.all():
        assert proposal.reference not in reception


@pytest.mark.usefixtures("places")
def test_a_letter_downloaded_from_the_case_page_is_logged(cast: Any, client_for: Any) -> None:
    case = accept_and_decide(cast, ready_case())
    letter = DecisionLetter.objects.get(decision__case=case, recipient="household")
    client = client_for(cast.bergen_caseworker)
    assert reverse("distribution:letter_download", args=[letter.pk]) in _page(client, case)
    response = client.get(reverse("distribution:letter_download", args=[letter.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    close_response(response)
    event = AuditEvent.objects.get(event_type=EventType.DECISION_LETTER_DOWNLOADED)
    assert event.actor == cast.bergen_caseworker and event.object_id == str(case.pk)


@pytest.mark.usefixtures("places")
def test_the_decision_notice_leads_to_the_decision_on_its_case_page(
    cast: Any, client_for: Any
) -> None:
    first, second = ready_case(), ready_case()
    proposal = sent_proposal(cast, [first, second])
    items = [
        distribution_actions.answer_case(
            by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
        )
        for case in (first, second)
    ]
    distribution_actions.decide_settlement(
        by=cast.imdi_caseworker, proposed_cases=items, decided_on=timezone.localdate()
    )
    make_decision_letters()
    notices = Notification.objects.filter(
        recipient=cast.bergen_caseworker, body__contains="laste ned vedtaksbrevet"
    ).order_by("pk")
    assert [n.url for n in notices] == [
        reverse("cases:case_detail", args=[case.pk]) + "#vedtak" for case in (first, second)
    ]
    client = client_for(cast.bergen_caseworker)
    opened = client.get(reverse("notifications:open", args=[notices[0].pk]))
    assert opened["Location"] == notices[0].url
    html = _page(client, first)
    vedtak = html[html.index('id="vedtak"') :]
    letter = DecisionLetter.objects.get(decision__case=first, recipient="municipality")
    assert reverse("distribution:letter_download", args=[letter.pk]) in vedtak


@pytest.mark.usefixtures("places")
def test_each_members_settlement_date_is_on_the_case_page(cast: Any, client_for: Any) -> None:
    case = accept_and_decide(cast, ready_case(children=1))
    head = case.members.get(relation="head")
    register_settlement(by=None, persons=[head], settled_on=timezone.localdate())
    html = _page(client_for(cast.bergen_caseworker), case)
    household = html[html.index('id="household-heading"') : html.index('id="foresporsel"')]
    assert timezone.localdate().strftime("%d.%m.%Y") in household


# As the reception centre's page (test_views.QUERIES_PERSON_FILE), and the municipality's
# agreement, the letters and the case's answers; the decision, its decider and municipality are
# joined to the case. The same for 3 and 20 members.
QUERIES_MUNICIPAL_CASE_PAGE = 18 + (connection.vendor == "postgresql")


@pytest.mark.usefixtures("places")
@pytest.mark.parametrize("members", [3, 20])
def test_the_municipal_case_page_costs_the_same_queries_for_3_and_20_members(
    cast: Any, client_for: Any, django_assert_num_queries: Any, members: int
) -> None:
    case = accept_and_decide(cast, ready_case(children=members - 1))
    actions.add_note(by=None, case=case, text="Notat")
    client = client_for(cast.bergen_caseworker)
    url = reverse("cases:case_detail", args=[case.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES_MUNICIPAL_CASE_PAGE):
        response = client.get(url)
    assert len(response.context["rows"]) == members
    assert len(response.context["letters"]) == 2
