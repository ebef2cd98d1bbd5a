import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.kept_input import KEPT_INPUT
from bosetting.accounts.tests.expiry import PAST_IDLE_LIMIT, log_in_again, next_of
from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases import actions
from bosetting.cases.actions import HealthInput
from bosetting.cases.models import AssessmentVersion, Case, CaseState, Document, Person
from bosetting.core.testing import close_response

from .factories import assess_completely, make_case


def _person_post(cast, **overrides):
    data = {
        "duf_number": "2024 0000 0042",
        "national_id": "",
        "given_names": "Mariam",
        "family_name": "Yusuf",
        "birth_date": "12.04.1988",
        "sex": "female",
        "citizenship": "SOM",
        "languages": ["som", "ara"],
        "interpreter_language": "som",
        "category": "resettlement",
        "residence": "reception_centre",
        "reception_centre": str(cast.centre.pk),
    }
    data.update(overrides)
    return data


def test_reception_staff_register_a_household_and_land_on_its_page(cast, client_for):
    client = client_for(cast.reception_staff)
    response = client.post(reverse("cases:case_register"), _person_post(cast))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    person = case.members.get()
    assert person.duf_number == "202400000042"
    assert person.family_name_key == "yusuf mariam"


def test_an_invalid_national_id_is_shown_next_to_its_field(cast, client_for):
    client = client_for(cast.imdi_caseworker)
    response = client.post(
        reverse("cases:case_register"), _person_post(cast, national_id="12345678901")
    )
    assert response.status_code == 200
    assert "id_national_id_error" in response.content.decode()
    assert not Person.objects.exists()


def test_search_is_post_only_and_the_term_never_reaches_the_log(cast, client_for):
    case = make_case(centre=cast.centre, family_name="Abdirahman")
    person = case.members.get()
    client = client_for(cast.reception_staff)
    page = client.get(reverse("cases:case_list")).content.decode()
    assert 'method="post"' in page and 'role="search"' in page
    response = client.post(reverse("cases:case_list"), {"term": "abdi"})
    body = response.content.decode()
    assert person.duf_number in body
    event = AuditEvent.objects.get(event_type=EventType.PERSON_SEARCHED)
    assert "abdi" not in event.summary.lower() and "abdi" not in str(event.details).lower()
    assert event.details["result_count"] == 1


def test_list_filters_by_state_and_centre(cast, client_for):
    ready = make_case(centre=cast.centre)
    assess_completely(ready)
    actions.mark_ready(by=None, case=ready)
    make_case(centre=cast.centre)
    make_case()
    client = client_for(cast.imdi_caseworker)
    response = client.get(reverse("cases:case_list"), {"state": "ready"})
    assert list(response.context["page"].object_list) == [ready]
    response = client.get(reverse("cases:case_list"), {"centre": cast.centre.pk})
    assert response.context["page"].paginator.count == 2
    response = client.get(
        reverse("cases:case_list"), {"county": cast.vestland.pk, "category": "resettlement"}
    )
    assert response.context["page"].paginator.count == 2


# Session, user, roles, organisation; the page's own reads; the audit write of a file view; the
# session save. The same for 3 rows as for 20: no query per row.
QUERIES_LIST = 10
# Opening the file writes an audit event; on PostgreSQL that takes the chain's advisory lock too.
QUERIES_PERSON_FILE = 15 + (connection.vendor == "postgresql")


def _list_queries(cast, client_for, django_assert_num_queries, rows):
    for _ in range(rows):
        make_case(centre=cast.centre, children=1)
    client = client_for(cast.reception_staff)
    client.get(reverse("cases:case_list"))  # warm the session and the user's access state
    return client


@pytest.mark.parametrize("rows", [3, 20])
def test_case_list_costs_the_same_queries_for_3_and_20_cases(
    cast, client_for, django_assert_num_queries, rows
):
    client = _list_queries(cast, client_for, django_assert_num_queries, rows)
    with django_assert_num_queries(QUERIES_LIST):
        response = client.get(reverse("cases:case_list"))
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("members", [3, 20])
def test_person_file_costs_the_same_queries_for_3_and_20_members(
    cast, client_for, django_assert_num_queries, members
):
    case = make_case(centre=cast.centre, children=members - 1)
    for person in case.members.all():
        actions.save_assessment(
            by=None, person=person, data={"education_years": 2}, health=HealthInput()
        )
        actions.add_note(by=None, case=case, text="Notat", person=person)
        actions.upload_document(
            by=None,
            case=case,
            title="Dok",
            upload=SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n0"),
            person=person,
        )
    client = client_for(cast.reception_staff)
    client.get(reverse("cases:case_detail", args=[case.pk]))
    with django_assert_num_queries(QUERIES_PERSON_FILE):
        response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert len(response.context["rows"]) == members


def test_opening_the_person_file_is_logged(cast, client_for):
    case = make_case(centre=cast.centre)
    client_for(cast.imdi_caseworker).get(reverse("cases:case_detail", args=[case.pk]))
    event = AuditEvent.objects.get(event_type=EventType.PERSON_FILE_VIEWED)
    assert event.object_id == str(case.pk)


def test_health_details_are_shown_only_on_their_own_page_and_the_read_is_logged(cast, client_for):
    person = make_case(centre=cast.centre).members.get()
    actions.save_assessment(
        by=None,
        person=person,
        data={},
        health=HealthInput(
            consent=True,
            consent_date=datetime.date(2026, 1, 2),
            consent_taken_by="Per",
            details="Hjertesykdom",
        ),
    )
    client = client_for(cast.reception_staff)
    assert (
        "Hjertesykdom"
        not in client.get(reverse("cases:person_detail", args=[person.pk])).content.decode()
    )
    assert not AuditEvent.objects.filter(event_type=EventType.HEALTH_DETAILS_READ).exists()
    assert (
        "Hjertesykdom"
        in client.get(reverse("cases:health_details", args=[person.pk])).content.decode()
    )
    assert (
        AuditEvent.objects.filter(
            event_type=EventType.HEALTH_DETAILS_READ, actor=cast.reception_staff
        ).count()
        == 1
    )


def test_assessment_form_refuses_health_details_without_consent_next_to_the_field(cast, client_for):
    person = make_case(centre=cast.centre).members.get()
    response = client_for(cast.reception_staff).post(
        reverse("cases:assessment_edit", args=[person.pk]),
        {"health_details": "Diabetes", "education_years": "12"},
    )
    assert response.status_code == 200
    assert "id_health_details_error" in response.content.decode()
    assert not AssessmentVersion.objects.exists()


def test_mark_ready_lists_what_is_missing_then_succeeds(cast, client_for):
    case = make_case(centre=cast.centre)
    client = client_for(cast.reception_staff)
    response = client.post(reverse("cases:case_mark_ready", args=[case.pk]), follow=True)
    assert "kartlegging er ikke påbegynt" in response.content.decode()
    assess_completely(case)
    client.post(reverse("cases:case_mark_ready", args=[case.pk]), {"confirm": "1"})
    case.refresh_from_db()
    assert case.state == CaseState.READY


def test_upload_of_another_type_is_refused_with_a_message_by_the_field(cast, client_for):
    case = make_case(centre=cast.centre)
    response = client_for(cast.reception_staff).post(
        reverse("cases:document_upload", args=[case.pk]),
        {"title": "Program", "file": SimpleUploadedFile("attest.pdf", b"MZ\x90\x00program")},
    )
    body = response.content.decode()
    assert "id_file_error" in body and "ikke en PDF, JPEG eller PNG" in body
    assert not Document.objects.exists()


def test_download_returns_the_file_and_is_logged(cast, client_for):
    case = make_case(centre=cast.centre)
    document = actions.upload_document(
        by=None,
        case=case,
        title="Pass",
        upload=SimpleUploadedFile("p.jpg", b"\xff\xd8\xff\xe0jpeg"),
    )
    response = client_for(cast.imdi_caseworker).get(
        reverse("cases:document_download", args=[document.pk])
    )
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff\xe0jpeg"
    assert response["Content-Type"] == "image/jpeg"
    close_response(response)
    assert AuditEvent.objects.filter(event_type=EventType.DOCUMENT_DOWNLOADED).count() == 1


def test_notes_and_timeline_show_on_the_case_page(cast, client_for):
    case = make_case(centre=cast.centre)
    client = client_for(cast.reception_staff)
    client.post(reverse("cases:note_add", args=[case.pk]), {"text": "Ringte tolk."})
    body = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Ringte tolk." in body
    assert "Notat skrevet i sak" in body and "Person registrert i sak" in body


def test_no_municipal_user_reaches_any_person_page_today(cast, client_for):
    case = make_case(centre=cast.centre)
    Case.objects.filter(pk=case.pk).update(municipality=cast.bergen, state=CaseState.READY)
    person = case.members.get()
    for persona in ("bergen_caseworker", "oslo_caseworker"):
        client = client_for(getattr(cast, persona))
        assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
        assert client.get(reverse("cases:person_detail", args=[person.pk])).status_code == 404
        assert client.get(reverse("cases:health_details", args=[person.pk])).status_code == 404
    for persona in ("bergen_admin", "bergen_reader", "stord_caseworker"):
        client = client_for(getattr(cast, persona))
        assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 403


def test_reception_staff_correct_a_persons_name(cast, client_for):
    person = make_case(centre=cast.centre).members.get()
    client = client_for(cast.reception_staff)
    form = client.get(reverse("cases:person_edit", args=[person.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(family_name="Haddad-Nasser", birth_date=person.birth_date.strftime("%d.%m.%Y"))
    response = client.post(reverse("cases:person_edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.family_name == "Haddad-Nasser"


def test_assessment_posted_after_expiry_comes_back_without_the_health_details(
    cast, client_for, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    person = make_case(centre=cast.centre).members.get()
    url = reverse("cases:assessment_edit", args=[person.pk])
    client = client_for(cast.reception_staff)
    client.get(url)
    time_machine.shift(PAST_IDLE_LIMIT)
    network = "En bror bor i Bergen og kan hjelpe familien den første tiden."
    health = "Diabetes type 2, trenger oppfølging hos fastlege."

    expired = client.post(
        url,
        {
            "network_note": network,
            "education_years": "9",
            "special_needs": ["housing_adaptation", "health_follow_up"],
            "health_consent": "on",
            "health_consent_date": "01.12.2026",
            "health_consent_taken_by": "Kari Nordmann, miljøarbeider",
            "health_details": health,
        },
    )
    kept = dict(cache.get("kept-input:" + client.session[KEPT_INPUT]["token"]))
    landed = log_in_again(client, cast.reception_staff, next_url=next_of(expired["Location"]))
    body = client.get(landed).content.decode()

    assert landed == url
    assert kept["network_note"] == network and "health_details" not in kept
    assert f"{network}</textarea>" in body
    assert 'name="education_years" value="9"' in body
    assert health not in body
    assert "Helseopplysningene ble ikke tatt vare på." in body
    assert not AssessmentVersion.objects.exists()
