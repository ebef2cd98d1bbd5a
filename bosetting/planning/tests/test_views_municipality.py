"""The municipality's screens: its requests, the letter, registering and approving the decision."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.core.testing import close_response
from bosetting.planning.models import MunicipalDecision, SettlementRequest

from .helpers import decide, pdf_upload, prepare, send

pytestmark = pytest.mark.django_db
LIST = reverse("planning:request_list")


def _decision_data(**changes):
    data = {
        "places": "240",
        "takes_unaccompanied_minors": "ja",
        "unaccompanied_minors": "15",
        "council_decided_on": timezone.localdate().strftime("%d.%m.%Y"),
        "comment": "Vedtatt i kommunestyret.",
        "document": pdf_upload(),
        "action": "draft",
    }
    data.update(changes)
    return data


def test_list_shows_this_year_first_and_history_below(cast, client_for, bergen_request):
    last_year = SettlementRequest.objects.create(
        year=bergen_request.year - 1,
        municipality=cast.bergen,
        state=SettlementRequest.State.ACKNOWLEDGED,
        places=180,
        unaccompanied_minors=10,
        deadline=datetime.date(bergen_request.year - 1, 3, 1),
        created_by=cast.imdi_caseworker,
        sent_at=timezone.now(),
    )
    response = client_for(cast.bergen_reader).get(LIST)
    assert [e.request for e in response.context["current_entries"]] == [bergen_request]
    assert [e.request for e in response.context["history_entries"]] == [last_year]


def test_list_hides_drafts_and_other_municipalities(cast, client_for):
    prepare(cast, cast.bergen)
    send(cast, cast.oslo, 600, 40)
    response = client_for(cast.bergen_caseworker).get(LIST)
    assert response.context["current_entries"] == []
    assert "Oslo" not in response.content.decode().split("<main", 1)[1]


def test_letter_download_is_audited(cast, client_for, bergen_request):
    version = bergen_request.versions.get()
    response = client_for(cast.bergen_reader).get(
        reverse("planning:letter_download", args=[version.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    close_response(response)
    event = AuditEvent.objects.get(event_type=EventType.REQUEST_LETTER_DOWNLOADED)
    assert event.municipality == cast.bergen and event.actor == cast.bergen_reader


def test_caseworker_saves_a_draft_then_approves_it(cast, client_for, bergen_request):
    client = client_for(cast.bergen_caseworker)
    url = reverse("planning:decision_form", args=[bergen_request.pk])
    assert client.post(url, _decision_data()).status_code == 302
    draft = MunicipalDecision.objects.get()
    assert draft.state == MunicipalDecision.State.DRAFT
    detail = client.get(reverse("planning:request_detail", args=[bergen_request.pk]))
    assert "Utkast til vedtak" in detail.content.decode()
    response = client.post(reverse("planning:decision_approve", args=[draft.pk]), {"confirm": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == MunicipalDecision.State.APPROVED
    assert draft.approved_by == cast.bergen_caseworker


def test_approve_after_review_and_see_the_difference_plainly(cast, client_for, bergen_request):
    client = client_for(cast.bergen_caseworker)
    client.post(
        reverse("planning:decision_form", args=[bergen_request.pk]),
        _decision_data(action="approve"),
    )
    draft = MunicipalDecision.objects.get()
    client.post(reverse("planning:decision_approve", args=[draft.pk]), {"confirm": "1"})
    content = client.get(reverse("planning:request_detail", args=[bergen_request.pk])).content
    assert "Vedtaket er 10 færre enn anmodningen." in content.decode()


@pytest.mark.parametrize(
    ("places", "text"),
    [
        (260, "Vedtaket er 10 flere enn anmodningen."),
        (250, "Vedtaket er like mange som anmodningen."),
    ],
)
def test_difference_is_said_plainly(cast, client_for, bergen_request, places, text):
    decide(cast, bergen_request, places)
    content = client_for(cast.bergen_reader).get(LIST).content.decode()
    assert text in content


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unaccompanied_minors": "0"}, "unaccompanied_minors", "Skriv hvor mange"),
        (
            {"takes_unaccompanied_minors": "nei", "unaccompanied_minors": "3"},
            "unaccompanied_minors",
            "skal antallet være 0",
        ),
        (
            {
                "council_decided_on": (timezone.localdate() + datetime.timedelta(days=1)).strftime(
                    "%d.%m.%Y"
                )
            },
            "council_decided_on",
            "kan ikke være i fremtiden",
        ),
        (
            {"document": SimpleUploadedFile("vedtak.pdf", b"GIF89a ikke pdf")},
            "document",
            "Filen er ikke en PDF",
        ),
    ],
)
def test_decision_form_errors_stand_by_their_fields(
    cast, client_for, bergen_request, changes, field, message
):
    response = client_for(cast.bergen_caseworker).post(
        reverse("planning:decision_form", args=[bergen_request.pk]), _decision_data(**changes)
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not MunicipalDecision.objects.exists()


def test_approve_without_document_is_refused_at_the_document_field(
    cast, client_for, bergen_request
):
    data = _decision_data(action="approve")
    del data["document"]
    response = client_for(cast.bergen_caseworker).post(
        reverse("planning:decision_form", args=[bergen_request.pk]), data
    )
    assert "Last opp kommunestyrets vedtak" in response.context["form"].errors["document"][0]
    assert not MunicipalDecision.objects.exists()


def test_a_later_decision_replaces_the_current_and_both_are_shown(cast, client_for, bergen_request):
    decide(cast, bergen_request, 200)
    decide(cast, bergen_request, 240)
    content = (
        client_for(cast.bergen_reader)
        .get(reverse("planning:request_detail", args=[bergen_request.pk]))
        .content.decode()
    )
    assert "Erstattede vedtak" in content
    assert "Vedtaket er 10 færre enn anmodningen." in content


def test_reader_sees_no_register_button(cast, client_for, bergen_request):
    content = (
        client_for(cast.bergen_reader)
        .get(reverse("planning:request_detail", args=[bergen_request.pk]))
        .content.decode()
    )
    assert "Registrer vedtak" not in content


def test_imdi_does_not_see_the_municipalitys_draft(cast, client_for, bergen_request):
    decide(cast, bergen_request, approve=False)
    response = client_for(cast.imdi_caseworker).get(
        reverse("planning:request_detail", args=[bergen_request.pk])
    )
    assert response.context["draft"] is None


def test_oslo_gets_404_for_bergens_request_letter_and_decision(cast, client_for, bergen_request):
    decision = decide(cast, bergen_request)
    client = client_for(cast.oslo_caseworker)
    for url in (
        reverse("planning:request_detail", args=[bergen_request.pk]),
        reverse("planning:letter_download", args=[bergen_request.versions.get().pk]),
        reverse("planning:decision_form", args=[bergen_request.pk]),
        reverse("planning:decision_document", args=[decision.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_draft_request_is_404_for_the_municipality(cast, client_for):
    draft = prepare(cast, cast.bergen)
    response = client_for(cast.bergen_caseworker).get(
        reverse("planning:request_detail", args=[draft.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("years", [1, 6])
def test_list_query_count_is_constant(cast, client_for, django_assert_num_queries, years):
    for offset in range(years):
        request = send(cast, cast.bergen, year=timezone.localdate().year + 1 - offset)
        decide(cast, request, 200, approve=offset % 2 == 0)
    client = client_for(cast.bergen_caseworker)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(LIST).status_code == 200


LIST_QUERIES = 9


@pytest.mark.parametrize("decisions", [1, 4])
def test_detail_query_count_is_constant(
    cast, client_for, django_assert_num_queries, bergen_request, decisions
):
    for number in range(decisions):
        decide(cast, bergen_request, 200 + number)
    decide(cast, bergen_request, 190, approve=False)
    client = client_for(cast.bergen_caseworker)
    url = reverse("planning:request_detail", args=[bergen_request.pk])
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url).status_code == 200


DETAIL_QUERIES = 10
