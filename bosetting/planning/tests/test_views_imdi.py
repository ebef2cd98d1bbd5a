"""IMDi's screens: prepare, send, adjust, overview, acknowledge, remind."""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLResolver, reverse
from django.utils import timezone

from bosetting.accounts.roles import Role
from bosetting.accounts.tests.expiry import PAST_IDLE_LIMIT, log_in_again, next_of
from bosetting.accounts.tests.factories import UserFactory
from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.tests.factories import MunicipalityFactory
from bosetting.planning.models import MunicipalDecision, SettlementRequest

from .helpers import deadline, decide, prepare, send

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
PREPARE = reverse("planning:prepare") + f"?aar={YEAR}&fylke=46"
OVERVIEW = reverse("planning:overview")


def _preparation(**rows: str) -> dict[str, str]:
    data = {"deadline": deadline().strftime("%d.%m.%Y"), "cover_text": "Vi ber om bosetting."}
    data.update(rows)
    return data


def test_preparation_table_lists_the_countys_municipalities_with_drafts_filled_in(cast, client_for):
    prepare(cast, cast.stord, 15, 0)
    response = client_for(cast.imdi_caseworker).get(PREPARE)
    content = response.content.decode()
    assert "4601 Bergen" in content and "4614 Stord" in content
    assert "0301 Oslo" not in content
    assert 'name="places_4614" value="15"' in content


def test_preparation_saves_drafts(cast, client_for):
    response = client_for(cast.imdi_caseworker).post(
        PREPARE, _preparation(places_4601="250", minors_4601="20", planning_4601="200")
    )
    assert response.status_code == 302
    request = SettlementRequest.objects.get()
    assert (request.municipality, request.places, request.planning_number_next_year) == (
        cast.bergen,
        250,
        200,
    )
    assert request.state == SettlementRequest.State.DRAFT


def test_preparation_with_a_bad_cell_saves_nothing_and_ties_the_error_to_the_input(
    cast, client_for
):
    response = client_for(cast.imdi_caseworker).post(
        PREPARE,
        _preparation(places_4601="250", minors_4601="20", places_4614="10", minors_4614="12"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_minors_4614_error"' in content
    assert 'aria-describedby="id_minors_4614_error"' in content
    assert "Kan ikke være flere enn antallet (10)." in content
    assert 'name="places_4601" value="250"' in content  # nothing the user typed is lost
    assert not SettlementRequest.objects.exists()


def test_rows_left_out_keep_their_drafts(cast, client_for):
    """The page's script posts changed rows only; the others keep their drafts."""
    prepare(cast, cast.stord, 15, 0)
    client = client_for(cast.imdi_caseworker)
    client.post(PREPARE, _preparation(places_4601="250", minors_4601="20"))
    stord = SettlementRequest.objects.get(municipality=cast.stord)
    assert stord.places == 15
    response = client.post(PREPARE, _preparation(places_4601="250", minors_4601="300"))
    assert 'name="places_4614" value="15"' in response.content.decode()


def test_a_save_that_changes_nothing_says_so_and_is_not_green(cast, client_for):
    prepare(cast, cast.stord, 15, 0)
    stord = SettlementRequest.objects.get(municipality=cast.stord)
    client = client_for(cast.imdi_caseworker)
    data = _preparation(places_4614="15", minors_4614="0")
    data["deadline"] = stord.deadline.strftime("%d.%m.%Y")
    data["cover_text"] = stord.cover_text
    response = client.post(PREPARE, data, follow=True)
    content = response.content.decode()
    assert "Ingenting er endret, så ingenting ble lagret." in content
    assert "Utkastene er lagret" not in content and "Utkastet er lagret" not in content
    [message] = list(response.context["messages"])
    assert message.level_tag == "info"


def test_numbers_shown_again_after_an_error_are_saved_with_the_next_save(cast, client_for):
    """The page shows the typed numbers after an error; posting them again saves them all."""
    client = client_for(cast.imdi_caseworker)
    rows = {"places_4601": "250", "minors_4601": "20", "places_4614": "12"}
    data = _preparation(**rows)
    data["deadline"] = "31.02.2027"
    response = client.post(PREPARE, data)
    assert "Skriv en gyldig dato som dd.mm.åååå." in response.content.decode()
    assert 'name="places_4614" value="12"' in response.content.decode()
    response = client.post(PREPARE, _preparation(**rows), follow=True)
    assert "Utkastene er lagret for 2 kommuner." in response.content.decode()
    assert dict(SettlementRequest.objects.values_list("municipality__number", "places")) == {
        "4601": 250,
        "4614": 12,
    }


def test_emptying_a_rows_numbers_discards_its_draft(cast, client_for):
    prepare(cast, cast.stord, 15, 0)
    prepare(cast, cast.bergen, 250, 20)
    response = client_for(cast.imdi_caseworker).post(
        PREPARE,
        _preparation(places_4614="", minors_4614="", places_4601="250", minors_4601="20"),
        follow=True,
    )
    assert "Utkastet for Stord er slettet." in response.content.decode()
    assert list(SettlementRequest.objects.values_list("municipality__number", flat=True)) == [
        "4601"
    ]
    event = AuditEvent.objects.filter(event_type=EventType.REQUEST_PREPARED).latest("pk")
    assert event.details["discarded"] == ["4614"]


def test_an_empty_table_saved_asks_for_numbers(cast, client_for):
    response = client_for(cast.imdi_caseworker).post(PREPARE, _preparation())
    assert "Fyll inn tall for minst én kommune." in response.content.decode()
    assert not SettlementRequest.objects.exists()


def test_preparation_refuses_a_past_deadline(cast, client_for):
    data = _preparation(places_4601="250")
    data["deadline"] = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    response = client_for(cast.imdi_caseworker).post(PREPARE, data)
    assert "Svarfristen kan ikke være tilbake i tid." in response.content.decode()
    assert not SettlementRequest.objects.exists()


def test_sent_requests_have_no_inputs_in_the_table(cast, client_for):
    send(cast, cast.bergen)
    content = client_for(cast.imdi_caseworker).get(PREPARE).content.decode()
    assert 'name="places_4601"' not in content
    assert "Allerede sendt" in content


def test_send_all_drafts(cast, client_for):
    prepare(cast, cast.bergen)
    prepare(cast, cast.stord, 15, 0)
    response = client_for(cast.imdi_caseworker).post(
        reverse("planning:send") + f"?aar={YEAR}", {"all": "1"}
    )
    assert response.status_code == 302
    assert set(SettlementRequest.objects.values_list("state", flat=True)) == {"sent"}


def test_send_chosen_drafts_only(cast, client_for):
    bergen = prepare(cast, cast.bergen)
    prepare(cast, cast.stord, 15, 0)
    client_for(cast.imdi_caseworker).post(
        reverse("planning:send") + f"?aar={YEAR}", {"requests": [bergen.pk]}
    )
    states = dict(SettlementRequest.objects.values_list("municipality__number", "state"))
    assert states == {"4601": "sent", "4614": "draft"}


def test_send_with_nothing_chosen_says_so(cast, client_for):
    prepare(cast, cast.bergen)
    response = client_for(cast.imdi_caseworker).post(reverse("planning:send") + f"?aar={YEAR}", {})
    assert "Velg minst én anmodning" in response.content.decode()


def test_adjust_shows_all_versions_on_the_request_page(cast, client_for, bergen_request):
    client = client_for(cast.imdi_caseworker)
    response = client.post(
        reverse("planning:adjust", args=[bergen_request.pk]),
        {
            "places": "200",
            "unaccompanied_minors": "15",
            "planning_number_next_year": "",
            "deadline": bergen_request.deadline.strftime("%d.%m.%Y"),
            "reason": "Færre ankomster",
        },
    )
    assert response.status_code == 302
    content = client.get(reverse("planning:request_detail", args=[bergen_request.pk])).content
    assert "2 versjoner" in content.decode()
    assert "Færre ankomster" in content.decode()


def test_adjust_without_reason_is_refused_next_to_the_field(cast, client_for, bergen_request):
    response = client_for(cast.imdi_caseworker).post(
        reverse("planning:adjust", args=[bergen_request.pk]),
        {
            "places": "200",
            "unaccompanied_minors": "15",
            "deadline": bergen_request.deadline.strftime("%d.%m.%Y"),
            "reason": "",
        },
    )
    assert 'id="id_reason_error"' in response.content.decode()
    assert bergen_request.versions.count() == 1


def _overview(client, **params):
    response = client.get(OVERVIEW, {"aar": YEAR, **params})
    assert response.status_code == 200
    return response


def test_overview_shows_status_per_municipality_and_totals(cast, client_for, bergen_request):
    send(cast, cast.oslo, 600, 40)
    decide(cast, bergen_request, 260)
    rows = {
        row.municipality.number: row
        for row in _overview(client_for(cast.imdi_reader)).context["rows"]
    }
    assert rows["4601"].status_label == "Vedtak over anmodning"
    assert rows["0301"].status_label == "Ikke besvart"
    assert rows["4614"].status_label == "Ikke sendt"
    nation = _overview(client_for(cast.imdi_reader)).context["nation"]
    assert (nation.requested, nation.decided, nation.settled) == (850, 260, 0)


def test_overview_marks_a_passed_deadline(cast, client_for, bergen_request):
    SettlementRequest.objects.filter(pk=bergen_request.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    [row] = _overview(client_for(cast.imdi_reader), status="deadline_passed").context["rows"]
    assert row.municipality == cast.bergen


def test_overview_filters_by_county_and_sorts_by_column(cast, client_for, bergen_request):
    send(cast, cast.stord, 15, 0)
    client = client_for(cast.imdi_reader)
    rows = _overview(client, fylke="46", sorter="anmodet").context["rows"]
    assert [row.municipality.name for row in rows] == ["Stord", "Bergen"]
    response = _overview(client, fylke="46", sorter="anmodet", retning="synkende")
    assert [row.municipality.name for row in response.context["rows"]] == ["Bergen", "Stord"]
    assert 'aria-sort="descending"' in response.content.decode()


def test_overview_acknowledges_a_decision(cast, client_for, bergen_request):
    decision = decide(cast, bergen_request)
    client = client_for(cast.imdi_caseworker)
    assert "Kvitter ut" in _overview(client).content.decode()
    response = client.post(
        reverse("planning:decision_acknowledge", args=[decision.pk]),
        {"next": f"{OVERVIEW}?aar={YEAR}"},
    )
    assert response["Location"] == f"{OVERVIEW}?aar={YEAR}"
    decision.refresh_from_db()
    assert decision.state == MunicipalDecision.State.ACKNOWLEDGED


def test_acknowledge_does_not_redirect_elsewhere(cast, client_for, bergen_request):
    decision = decide(cast, bergen_request)
    response = client_for(cast.imdi_caseworker).post(
        reverse("planning:decision_acknowledge", args=[decision.pk]),
        {"next": "https://example.com/"},
    )
    assert response["Location"] == reverse("planning:request_detail", args=[bergen_request.pk])


def test_reader_sees_the_overview_without_buttons(cast, client_for, bergen_request):
    decide(cast, bergen_request)
    content = _overview(client_for(cast.imdi_reader)).content.decode()
    assert "Send påminnelse" not in content and "Kvitter ut" not in content


def test_reminder_button_reminds_those_without_decision(cast, client_for, bergen_request):
    send(cast, cast.oslo, 600, 40)
    decide(cast, bergen_request)
    response = client_for(cast.imdi_caseworker).post(
        reverse("planning:send_reminders"), {"aar": YEAR}
    )
    assert response.status_code == 302
    reminded = AuditEvent.objects.filter(event_type=EventType.REQUEST_REMINDER_SENT)
    assert [event.municipality for event in reminded] == [cast.oslo]


def _country(count: int, cast, first: int = 5000) -> None:
    for number in range(count):
        municipality = MunicipalityFactory(number=f"{first + number}", county=cast.vestland)
        request = send(cast, municipality, 30, 2)
        if number % 2:
            user = UserFactory(
                organisation=municipality.organisation, roles=[Role.MUNICIPAL_CASEWORKER]
            )
            decide(cast, request, 25, by=user)


@pytest.mark.parametrize("count", [3, 20])
def test_overview_query_count_is_constant(cast, client_for, django_assert_num_queries, count):
    _country(count, cast)
    client = client_for(cast.imdi_caseworker)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        _overview(client)


OVERVIEW_QUERIES = 7


def _reverses_while(action, monkeypatch) -> int:
    """How many times Django reverses a URL while `action` runs (a counter, not a stand-in: every
    call still goes to Django's resolver, namespaced ones through their own resolver objects)."""
    calls = 0
    real = URLResolver._reverse_with_prefix

    def counting(self, *args, **kwargs):
        nonlocal calls
        calls += 1
        return real(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(URLResolver, "_reverse_with_prefix", counting)
        action()
    return calls


def test_the_overview_reverses_no_url_per_row(cast, client_for, monkeypatch):
    """451 reverse() calls were most of the template's time for 357 municipalities (issue 14)."""
    client = client_for(cast.imdi_caseworker)
    _country(3, cast)
    few = _reverses_while(lambda: _overview(client), monkeypatch)
    _country(20, cast, first=6000)
    page = _overview(client).content.decode()
    many = _reverses_while(lambda: _overview(client), monkeypatch)
    assert many == few
    request = SettlementRequest.objects.filter(municipality__number="5000").get()
    assert f'href="{reverse("planning:request_detail", kwargs={"pk": request.pk})}"' in page


def test_preparation_posted_after_expiry_is_given_back_on_the_same_year_and_county(
    cast, client_for, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    client = client_for(cast.imdi_caseworker)
    client.get(PREPARE)
    time_machine.shift(PAST_IDLE_LIMIT)

    expired = client.post(PREPARE, _preparation(places_4601="250", minors_4601="20"))
    landed = log_in_again(client, cast.imdi_caseworker, next_url=next_of(expired["Location"]))
    body = client.get(landed).content.decode()

    assert landed == PREPARE
    assert 'name="places_4601" value="250"' in body
    assert 'name="minors_4601" value="20"' in body
    assert "Vi ber om bosetting.</textarea>" in body
    assert "Det er ikke lagret ennå" in body
    assert not SettlementRequest.objects.exists()
