"""A package is read in a fixed number of queries however many letters, documents, notes and
answers it holds: no N+1 can creep in as a household's file grows."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bosetting.cases import actions as case_actions
from bosetting.distribution import actions as distribution_actions
from bosetting.distribution.tests.helpers import approve_places, proposed, ready_case, sent_proposal
from bosetting.planning import actions as planning_actions
from bosetting.planning.tests.factories import MINIMAL_PDF
from bosetting.planning.tests.helpers import decide, make_letters, send

from .helpers import png, settled_case

pytestmark = pytest.mark.django_db


def _count(client, name, pk) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"archive:{name}", args=[pk]))
    assert response.status_code == 200
    return len(queries)


def test_case_package_queries_do_not_grow_with_documents_and_notes(cast, client_for):
    case = settled_case(cast)
    client = client_for(cast.bergen_caseworker)
    before = _count(client, "case_package", case.pk)
    for number in range(3):
        case_actions.add_note(by=cast.bergen_caseworker, case=case, text=f"Oppfølging nr. {number}")
        case_actions.upload_document(
            by=cast.bergen_caseworker,
            case=case,
            title=f"Vedlegg {number}",
            upload=SimpleUploadedFile(f"v{number}.png", png(), content_type="image/png"),
        )
    case_actions.upload_document(
        by=cast.bergen_caseworker,
        case=case,
        title="Husleieavtale",
        upload=SimpleUploadedFile("husleie.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    assert _count(client, "case_package", case.pk) == before
    assert before == CASE_PACKAGE_QUERIES


def test_request_package_queries_do_not_grow_with_versions(cast, client_for):
    request = send(cast, cast.bergen, 250, 20)
    decide(cast, request, 250)
    client = client_for(cast.bergen_caseworker)
    before = _count(client, "request_package", request.pk)
    for places in (200, 150):
        planning_actions.adjust_request(
            by=cast.imdi_caseworker,
            request=request,
            places=places,
            unaccompanied_minors=10,
            planning_number_next_year=None,
            deadline=request.deadline,
            reason="Justert",
        )
    make_letters()
    assert _count(client, "request_package", request.pk) == before
    assert before == REQUEST_PACKAGE_QUERIES


def test_proposal_package_queries_do_not_grow_with_cases(cast, client_for):
    approve_places(cast.bergen)
    small = sent_proposal(cast, [ready_case()])
    cases = [ready_case(children=1) for _ in range(3)]
    large = sent_proposal(cast, cases)
    for case in cases:
        distribution_actions.answer_case(
            by=cast.bergen_caseworker,
            proposed_case=proposed(large, case),
            accept=False,
            reason="capacity",
        )
    client = client_for(cast.bergen_caseworker)
    assert _count(client, "proposal_package", small.pk) == _count(
        client, "proposal_package", large.pk
    )
    assert _count(client, "proposal_package", large.pk) == PROPOSAL_PACKAGE_QUERIES


# Login and session, the scoped object, its parts (one query each), the audit event's chain
# (which PostgreSQL locks with one query more: audit.actions.lock_chain).
CHAIN_LOCK = connection.vendor == "postgresql"
CASE_PACKAGE_QUERIES = 15 + CHAIN_LOCK
REQUEST_PACKAGE_QUERIES = 13 + CHAIN_LOCK
PROPOSAL_PACKAGE_QUERIES = 14 + CHAIN_LOCK
