"""The audit log search: who may see what, the filters, the pages."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Person
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

from .factories import AuditEventFactory

URL = reverse("audit:event_list")


@pytest.fixture
def events(cast):
    """One event for Bergen, one for Oslo, one concerning no municipality (a login)."""
    return {
        "bergen": AuditEventFactory(
            by=cast.bergen_admin,
            municipality=cast.bergen,
            obj=cast.bergen_caseworker,
            summary="Bruker bergen.saksbehandler opprettet i Bergen kommune",
        ),
        "oslo": AuditEventFactory(
            by=cast.oslo_admin,
            municipality=cast.oslo,
            obj=cast.oslo_caseworker,
            summary="Bruker oslo.saksbehandler opprettet i Oslo kommune",
        ),
        "login": AuditEventFactory(
            by=cast.imdi_caseworker, event_type=EventType.LOGIN, summary="Innlogging for IMDi"
        ),
    }


def _page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_municipal_caseworker_sees_own_municipalitys_events_only(cast, client_for, events):
    html = _page(client_for(cast.bergen_caseworker))

    assert "Hendelseslogg" in html
    assert "opprettet i Bergen kommune" in html
    assert "Oslo kommune" not in html
    assert "Innlogging for IMDi" not in html


def test_municipal_admin_sees_own_municipalitys_events(cast, client_for, events):
    html = _page(client_for(cast.oslo_admin))

    assert "opprettet i Oslo kommune" in html
    assert "Bergen kommune" not in html


def test_imdi_reader_sees_every_event(cast, client_for, events):
    html = _page(client_for(cast.imdi_reader))

    for event in events.values():
        assert event.summary in html


def test_municipality_without_signed_agreement_is_refused_with_the_reason(cast, client_for, events):
    response = client_for(cast.stord_caseworker).get(URL)

    assert response.status_code == 403
    assert "har ikke signert gjeldende databehandleravtale" in response.content.decode()


@pytest.mark.parametrize("user", ["bergen_reader", "reception_staff"])
def test_users_without_the_log_permission_are_refused(cast, client_for, user):
    response = client_for(getattr(cast, user)).get(URL)

    assert response.status_code == 403
    assert "Rollene dine gir ikke tilgang til dette." in response.content.decode()


def test_anonymous_user_is_sent_to_login(db, client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_table_shows_time_in_oslo_who_what_object_and_address(cast, client_for):
    with time_machine.travel(datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC)):
        AuditEventFactory(
            by=cast.bergen_admin,
            municipality=cast.bergen,
            obj=cast.bergen_caseworker,
            event_type=EventType.USER_ROLES_CHANGED,
        )

    html = _page(client_for(cast.bergen_caseworker))

    assert "01.02.2026 00:30" in html  # 23:30 UTC is half past midnight in Oslo
    assert cast.bergen_admin.username in html
    assert "Bergen kommune" in html  # the actor's organisation
    assert "Roller endret" in html
    assert f"Bruker {cast.bergen_caseworker.pk}" in html


def test_municipality_filter_is_offered_to_imdi_only(cast, client_for):
    assert 'name="municipality"' in _page(client_for(cast.imdi_reader))
    assert 'name="municipality"' not in _page(client_for(cast.bergen_caseworker))


def test_municipal_user_cannot_widen_the_scope_with_the_municipality_parameter(
    cast, client_for, events
):
    html = _page(client_for(cast.bergen_caseworker), municipality=cast.oslo.pk)

    assert "Oslo kommune" not in html
    assert "opprettet i Bergen kommune" in html


def test_imdi_filters_by_municipality(cast, client_for, events):
    html = _page(client_for(cast.imdi_reader), municipality=cast.oslo.pk)

    assert "opprettet i Oslo kommune" in html
    assert "Bergen kommune" not in html


def test_filters_by_event_type(cast, client_for, events):
    html = _page(client_for(cast.imdi_reader), event_type=EventType.LOGIN)

    assert "Innlogging for IMDi" in html
    assert "opprettet i" not in html


def test_filters_by_user_in_the_actor_label(cast, client_for, events):
    html = _page(client_for(cast.imdi_reader), user="OSLO.ADM")

    assert "opprettet i Oslo kommune" in html
    assert "Bergen kommune" not in html


def test_free_text_searches_the_summaries_ignoring_case(cast, client_for, events):
    html = _page(client_for(cast.imdi_reader), text="BERGEN.saksbehandler")

    assert "opprettet i Bergen kommune" in html
    assert "Oslo kommune" not in html


def test_filters_by_object(cast, client_for, events):
    html = _page(
        client_for(cast.imdi_reader),
        object_type="accounts.user",
        object_id=str(cast.oslo_caseworker.pk),
    )

    assert "opprettet i Oslo kommune" in html
    assert "Bergen kommune" not in html


def test_period_is_whole_days_in_oslo_time(cast, client_for):
    # 31.01 23:30 UTC is 01.02 in Oslo; 28.02 22:59 UTC is still 28.02 in Oslo.
    for moment, summary in [
        (datetime.datetime(2026, 1, 31, 22, 59, tzinfo=datetime.UTC), "Siste i januar"),
        (datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC), "Første i februar"),
        (datetime.datetime(2026, 2, 28, 22, 59, tzinfo=datetime.UTC), "Siste i februar"),
        (datetime.datetime(2026, 2, 28, 23, 0, tzinfo=datetime.UTC), "Første i mars"),
    ]:
        with time_machine.travel(moment):
            AuditEventFactory(summary=summary)

    html = _page(client_for(cast.imdi_reader), from_date="01.02.2026", to_date="28.02.2026")

    assert "Første i februar" in html
    assert "Siste i februar" in html
    assert "Siste i januar" not in html
    assert "Første i mars" not in html


def test_a_date_in_the_wrong_format_is_explained_and_shows_no_results(cast, client_for, events):
    html = _page(client_for(cast.imdi_reader), from_date="2026-13-01")

    assert "Skriv datoen som dd.mm.åååå" in html
    assert "Innlogging for IMDi" not in html


def test_to_date_before_from_date_is_explained(cast, client_for):
    html = _page(client_for(cast.imdi_reader), from_date="02.02.2026", to_date="01.02.2026")

    assert "Til-datoen kan ikke være før fra-datoen." in html


def test_pages_of_fifty_link_to_older_and_back_to_newer(cast, client_for):
    events = AuditEventFactory.create_batch(60, municipality=cast.bergen)
    client = client_for(cast.bergen_caseworker)

    first = client.get(URL, {"text": "Hendelse"})
    first_page = first.context["page"]
    assert [e.pk for e in first_page.events] == [e.pk for e in reversed(events[10:])]
    assert first.context["newer_url"] is None
    assert first.context["older_url"] == f"{URL}?text=Hendelse&older_than={events[10].pk}"

    second = client.get(first.context["older_url"])
    assert [e.pk for e in second.context["page"].events] == [e.pk for e in reversed(events[:10])]
    assert second.context["older_url"] is None
    assert "Nyeste" in second.content.decode()

    back = client.get(second.context["newer_url"])
    assert [e.pk for e in back.context["page"].events] == [e.pk for e in first_page.events]


def test_htmx_search_gets_the_search_partial_only(cast, client_for, events):
    response = client_for(cast.imdi_reader).get(
        URL,
        {"event_type": EventType.LOGIN},
        headers={"HX-Request": "true", "HX-Target": "hendelsessok"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'role="search"' in html
    assert "Innlogging for IMDi" in html


def test_export_link_carries_the_search(cast, client_for, events):
    response = client_for(cast.imdi_reader).get(URL, {"text": "Oslo", "event_type": ""})

    assert response.context["export_url"] == f"{reverse('audit:event_export')}?text=Oslo"


def test_list_query_count_does_not_grow_with_the_events(
    cast, client_for, django_assert_num_queries
):
    AuditEventFactory.create_batch(
        60, by=cast.bergen_admin, municipality=cast.bergen, obj=cast.bergen_caseworker
    )
    client = client_for(cast.bergen_caseworker)

    # session, user, roles, organisation, the municipality with its agreement status, the page
    # of events (with organisation and municipality joined), the unread count, and the session
    # saved again (savepoint, update, release).
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["page"].events) == 50


def test_imdi_list_query_count(cast, client_for, django_assert_num_queries):
    AuditEventFactory.create_batch(60, by=cast.bergen_admin, municipality=cast.bergen)
    client = client_for(cast.imdi_reader)

    # session, user, roles, organisation, the page of events, the municipality choices, the
    # unread count, and the session saved again (savepoint, update, release).
    with django_assert_num_queries(7):
        client.get(URL)


@pytest.fixture
def settled_case(cast):
    """A household of two settled in Bergen by the centre's system, and another household."""
    case = make_matched_case(municipality=cast.bergen, children=1)
    other = make_matched_case(municipality=cast.bergen)
    register_settlement(
        by=None,
        persons=Person.objects.filter(case__in=[case, other]),
        settled_on=timezone.localdate(),
    )
    return case


def test_a_search_for_a_case_number_finds_the_settlement_events_of_that_case(
    cast, client_for, settled_case
):
    reference = settled_case.reference
    registered = AuditEvent.objects.filter(event_type=EventType.SETTLEMENT_REGISTERED)
    assert registered.count() == 3
    assert set(registered.filter(case_reference=reference).values_list("object_id", flat=True)) == {
        str(pk) for pk in settled_case.members.values_list("pk", flat=True)
    }
    client = client_for(cast.imdi_caseworker)

    for params in (
        {"case_reference": reference},
        {"case_reference": reference.lstrip("0")},
        {"text": reference},
    ):
        html = _page(client, event_type=EventType.SETTLEMENT_REGISTERED, **params)
        assert html.count(f"i sak {reference} bosatt") == 2, params
        assert "Viser 2 hendelser" in html, params


def test_the_case_number_filter_shows_every_event_about_the_case_and_its_people(
    cast, client_for, settled_case
):
    about_case = AuditEvent.objects.filter(case_reference=settled_case.reference)
    kinds = set(about_case.values_list("event_type", flat=True))
    assert {
        EventType.CASE_CREATED,
        EventType.PERSON_REGISTERED,
        EventType.CASE_MEMBER_ADDED,
        EventType.CASE_STATE_CHANGED,
        EventType.SETTLEMENT_REGISTERED,
    } <= kinds
    html = _page(client_for(cast.imdi_caseworker), case_reference=settled_case.reference)
    assert f"Viser {about_case.count()} hendelser" in html
    assert f'href="{URL}?case_reference={settled_case.reference}"' in html


def test_a_case_number_that_is_not_one_is_explained_by_the_field(cast, client_for, events):
    html = _page(client_for(cast.imdi_caseworker), case_reference="sak 12a")

    assert "Skriv saksnummeret med sifre, for eksempel 000218." in html
    assert 'aria-invalid="true"' in html
    assert 'value="sak 12a"' in html
