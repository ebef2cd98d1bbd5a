"""The screens through the test client: the journey's steps, privacy, and pinned query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.tests.expiry import PAST_IDLE_LIMIT, log_in_again, next_of
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import CaseState, Person
from bosetting.cases.summary import summary_from_members
from bosetting.core.testing import close_response
from bosetting.notifications.models import Notification

from .. import actions
from ..models import DecisionLetter, Proposal, ProposedCase
from ..queries import proposal_cases
from .helpers import accept_and_decide, deadline, proposed, ready_case, sent_proposal

pytestmark = pytest.mark.usefixtures("bergen_places")


def _identity_markers(case) -> list[str]:
    markers = []
    for person in Person.objects.filter(case=case):
        markers += [person.given_names, person.family_name, person.duf_number]
        if person.national_id:
            markers.append(person.national_id)
        markers.append(person.birth_date.strftime("%d.%m.%Y"))
    return markers


def test_imdi_builds_a_proposal_from_the_work_list_and_sends_it(cast, client_for):
    first, second = ready_case(), ready_case()
    client = client_for(cast.imdi_caseworker)
    page = client.get(reverse("distribution:work_list"))
    assert page.status_code == 200
    assert f'id="case-{first.pk}"' in page.content.decode()
    response = client.post(
        reverse("distribution:work_list"),
        {
            "cases": [first.pk, second.pk],
            "municipality": cast.bergen.pk,
            "deadline": deadline().strftime("%d.%m.%Y"),
            "message": "Hei Bergen",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("distribution:proposal_detail", args=[proposal.pk])
    response = client.post(reverse("distribution:proposal_send", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SENT
    # The sent cases are no longer in the work list.
    assert (
        f'id="case-{first.pk}"'
        not in client.get(reverse("distribution:work_list")).content.decode()
    )


def test_the_deadline_defaults_to_a_week_and_a_past_one_is_refused(cast, client_for):
    case = ready_case()
    client = client_for(cast.imdi_caseworker)
    page = client.get(reverse("distribution:work_list")).content.decode()
    assert deadline().strftime("%d.%m.%Y") in page
    response = client.post(
        reverse("distribution:work_list"),
        {"cases": [case.pk], "municipality": cast.bergen.pk, "deadline": "01.01.2020"},
    )
    assert response.status_code == 200
    assert "tilbake i tid" in response.content.decode()


def test_a_minor_to_a_municipality_without_minors_is_a_field_error(cast, client_for):
    from .helpers import approve_places, minor_case

    approve_places(cast.oslo, takes_minors=False)
    response = client_for(cast.imdi_caseworker).post(
        reverse("distribution:work_list"),
        {
            "cases": [minor_case().pk],
            "municipality": cast.oslo.pk,
            "deadline": deadline().strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 200
    assert "enslige mindreårige" in response.content.decode()
    assert not Proposal.objects.exists()


def test_over_capacity_shows_the_warning_and_sends_after_confirmation(cast, client_for):
    from .helpers import approve_places

    approve_places(cast.oslo, places=1)
    draft = actions.create_proposal(
        by=cast.imdi_caseworker,
        municipality=cast.oslo,
        cases=[ready_case(children=2)],
        deadline=deadline(),
    )
    client = client_for(cast.imdi_caseworker)
    assert (
        "bare 1 ledige"
        in client.get(reverse("distribution:proposal_detail", args=[draft.pk])).content.decode()
    )
    refused = client.post(reverse("distribution:proposal_send", args=[draft.pk]))
    assert refused.status_code == 400
    assert "Bekreft" in refused.content.decode()
    sent = client.post(
        reverse("distribution:proposal_send", args=[draft.pk]), {"confirm_over_capacity": "on"}
    )
    assert sent.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Proposal.State.SENT


@pytest.mark.django_db(transaction=True)
def test_the_proposal_page_and_email_show_bergen_no_identity(cast, client_for, settings):
    case = ready_case(children=1, with_national_id=True)
    markers = _identity_markers(case)
    proposal = sent_proposal(cast, [case])
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay")
    [message] = [m for m in mail.outbox if cast.bergen_caseworker.email in m.to]
    page = client_for(cast.bergen_caseworker).get(
        reverse("distribution:answer", args=[proposal.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert case.reference in html
    for marker in markers:
        assert marker not in html
        assert marker not in message.body
        assert marker not in message.subject
    notice = Notification.objects.get(recipient=cast.bergen_caseworker)
    for marker in markers:
        assert marker not in notice.body


def test_bergen_answers_yes_and_no_with_a_reason(cast, client_for):
    yes, no = ready_case(), ready_case()
    proposal = sent_proposal(cast, [yes, no])
    client = client_for(cast.bergen_caseworker)
    url = reverse("distribution:answer", args=[proposal.pk])
    yes_item, no_item = proposed(proposal, yes), proposed(proposal, no)
    missing_reason = client.post(url, {"case": no_item.pk, f"c{no_item.pk}-answer": "nei"})
    assert missing_reason.status_code == 400
    assert "Velg en begrunnelse" in missing_reason.content.decode()
    # A yes is reviewed first (test_answer_review.py); "confirm" is its «Send inn».
    assert (
        client.post(
            url, {"case": yes_item.pk, f"c{yes_item.pk}-answer": "ja", "confirm": "1"}
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SENT
    response = client.post(
        url,
        {"case": no_item.pk, f"c{no_item.pk}-answer": "nei", f"c{no_item.pk}-reason": "housing"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ANSWERED
    no.refresh_from_db()
    assert no.state == CaseState.READY


def test_a_double_submit_changes_nothing_and_says_so(cast, client_for):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    item = proposed(proposal, case)
    client = client_for(cast.bergen_caseworker)
    url = reverse("distribution:answer", args=[proposal.pk])
    data = {"case": item.pk, f"c{item.pk}-answer": "ja", "confirm": "1"}
    client.post(url, data)
    answered_at = ProposedCase.objects.get(pk=item.pk).answered_at
    second = client.post(url, data, follow=True)
    assert "allerede besvart av" in second.content.decode()
    assert ProposedCase.objects.get(pk=item.pk).answered_at == answered_at


def test_oslo_gets_404_on_bergens_proposal_letter_and_person(cast, client_for):
    case = accept_and_decide(cast, ready_case())
    proposal = Proposal.objects.get()
    letter = DecisionLetter.objects.filter(decision__case=case).first()
    person = case.members.first()
    oslo = client_for(cast.oslo_caseworker)
    assert oslo.get(reverse("distribution:answer", args=[proposal.pk])).status_code == 404
    assert oslo.get(reverse("distribution:letter_download", args=[letter.pk])).status_code == 404
    assert oslo.get(reverse("cases:person_detail", args=[person.pk])).status_code == 404
    assert oslo.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    assert (
        proposal.reference not in oslo.get(reverse("distribution:proposal_list")).content.decode()
    )


def test_after_a_no_bergen_gets_404_on_the_person_file(cast, client_for):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    actions.answer_case(
        by=cast.bergen_caseworker,
        proposed_case=proposed(proposal, case),
        accept=False,
        reason="housing",
    )
    person = case.members.first()
    assert (
        client_for(cast.bergen_caseworker)
        .get(reverse("cases:person_detail", args=[person.pk]))
        .status_code
        == 404
    )


def test_after_the_decision_bergen_opens_the_file_and_downloads_the_letter(cast, client_for):
    case = accept_and_decide(cast, ready_case())
    client = client_for(cast.bergen_caseworker)
    page = client.get(
        reverse("distribution:answer", args=[Proposal.objects.get().pk])
    ).content.decode()
    assert reverse("cases:case_detail", args=[case.pk]) in page
    letter = DecisionLetter.objects.get(decision__case=case, recipient="municipality")
    assert reverse("distribution:letter_download", args=[letter.pk]) in page
    response = client.get(reverse("distribution:letter_download", args=[letter.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    close_response(response)
    assert AuditEvent.objects.filter(
        event_type=EventType.DECISION_LETTER_DOWNLOADED, actor=cast.bergen_caseworker
    ).exists()
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200


def test_imdi_decides_on_the_decision_page(cast, client_for):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    item = actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, case), accept=True
    )
    client = client_for(cast.imdi_caseworker)
    assert case.reference in client.get(reverse("distribution:decide")).content.decode()
    future = client.post(
        reverse("distribution:decide"), {"cases": [item.pk], "decided_on": "01.01.2099"}
    )
    assert future.status_code == 400
    response = client.post(
        reverse("distribution:decide"),
        {
            "cases": [item.pk],
            "decided_on": timezone.localdate().strftime("%d.%m.%Y"),
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.MATCHED


def test_imdi_withdraws_a_case_with_a_reason(cast, client_for):
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    item = proposed(proposal, case)
    client = client_for(cast.imdi_caseworker)
    url = reverse("distribution:proposal_withdraw_case", args=[item.pk])
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {f"w{item.pk}-reason": "Feil kommune"}).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.READY


def test_the_batch_summary_equals_the_cases_apps_summary(cast):
    from bosetting.cases.summary import anonymised_summary

    case = ready_case(children=2)
    proposal = sent_proposal(cast, [case])
    [item] = proposal_cases(proposal)
    assert summary_from_members(item.case, item.case.member_list) == anonymised_summary(case)


# --- Pinned query counts: the same for 3 rows as for 20 ----------------------------------------


@pytest.mark.parametrize("size", [3, 20])
def test_work_list_query_count_is_constant(cast, client_for, django_assert_num_queries, size):
    for _ in range(size):
        ready_case(children=1)
    accept_and_decide(cast, ready_case())
    client = client_for(cast.imdi_caseworker)
    client.get(reverse("distribution:work_list"))  # warm the session
    with django_assert_num_queries(WORK_LIST_QUERIES):
        client.get(reverse("distribution:work_list"))


@pytest.mark.parametrize("size", [3, 20])
def test_municipality_proposal_page_query_count_is_constant(
    cast, client_for, django_assert_num_queries, size
):
    proposal = sent_proposal(cast, [ready_case(children=1) for _ in range(size)])
    client = client_for(cast.bergen_caseworker)
    url = reverse("distribution:answer", args=[proposal.pk])
    client.get(url)
    with django_assert_num_queries(ANSWER_PAGE_QUERIES):
        client.get(url)


@pytest.mark.parametrize("size", [3, 20])
def test_imdi_proposal_page_query_count_is_constant(
    cast, client_for, django_assert_num_queries, size
):
    proposal = sent_proposal(cast, [ready_case(children=1) for _ in range(size)])
    client = client_for(cast.imdi_caseworker)
    url = reverse("distribution:proposal_detail", args=[proposal.pk])
    client.get(url)
    with django_assert_num_queries(IMDI_PROPOSAL_PAGE_QUERIES):
        client.get(url)


# The two municipality selects read their options once between them (organisations.fields);
# with the options already cached, as on a running server, one fewer.
WORK_LIST_QUERIES = 17
ANSWER_PAGE_QUERIES = 12
IMDI_PROPOSAL_PAGE_QUERIES = 13


def test_stord_without_agreement_is_told_why_it_cannot_answer(cast, client_for):
    response = client_for(cast.stord_caseworker).get(reverse("distribution:proposal_list"))
    assert response.status_code == 403
    assert "databehandleravtale" in response.content.decode()


def test_bergens_list_shows_open_proposals_first_by_deadline(cast, client_for):
    later = sent_proposal(cast, [ready_case()])
    Proposal.objects.filter(pk=later.pk).update(deadline=deadline() + datetime.timedelta(days=3))
    sooner = sent_proposal(cast, [ready_case()])
    closed_case = ready_case()
    closed = sent_proposal(cast, [closed_case])
    actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(closed, closed_case), accept=True
    )
    html = (
        client_for(cast.bergen_caseworker)
        .get(reverse("distribution:proposal_list"))
        .content.decode()
    )
    positions = [html.index(p.reference) for p in (sooner, later, closed)]
    assert positions == sorted(positions)


def test_a_decline_posted_after_the_session_expired_is_given_back_after_login(
    cast, client_for, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    proposal = sent_proposal(cast, [ready_case()])
    item = proposal.proposed_cases.get()
    url = reverse("distribution:answer", args=[proposal.pk])
    client = client_for(cast.bergen_caseworker)
    client.get(url)
    time_machine.shift(PAST_IDLE_LIMIT)
    comment = "Vi har ingen ledig bolig med fire soverom før til sommeren."

    expired = client.post(
        url,
        {
            "case": item.pk,
            f"c{item.pk}-answer": "nei",
            f"c{item.pk}-reason": "other",
            f"c{item.pk}-comment": comment,
        },
    )
    landed = log_in_again(client, cast.bergen_caseworker, next_url=next_of(expired["Location"]))
    response = client.get(landed)

    body = response.content.decode()
    assert landed == url
    assert response.status_code == 200
    assert f"{comment}</textarea>" in body
    assert re.search(rf'name="c{item.pk}-answer" value="nei"[^>]*checked', body)
    assert re.search(r'<option value="other"[^>]*selected', body)
    assert "Det du skrev før økten utløp, er hentet fram igjen." in body
    item.refresh_from_db()
    assert item.answer == ProposedCase.Answer.PENDING
