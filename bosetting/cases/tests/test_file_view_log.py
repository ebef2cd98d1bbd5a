"""One page view of a person file is one «Personmappe åpnet» in the log, filed under its case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bosetting.audit.models import AuditEvent, EventType
from bosetting.settlement.tests.factories import make_matched_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["cases:case_detail", "cases:person_detail"])
def test_one_view_of_the_case_or_person_page_logs_one_file_opened(cast, client_for, url_name):
    case = make_matched_case(municipality=cast.bergen, children=2)
    child = case.members.exclude(relation="head").first()
    client = client_for(cast.bergen_caseworker)

    pk = case.pk if url_name == "cases:case_detail" else child.pk
    response = client.get(reverse(url_name, args=[pk]))

    assert response.status_code == 200
    opened = AuditEvent.objects.filter(event_type=EventType.PERSON_FILE_VIEWED)
    assert opened.count() == 1
    event = opened.get()
    assert event.event_type_label == "Personmappe åpnet"
    assert event.case_reference == case.reference
    assert event.municipality == cast.bergen
