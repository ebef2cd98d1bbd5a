"""«Last ned for arkivering» is on the case's, the request's and the proposal's page, for the
roles that open them, and leads to that object's package."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bosetting.distribution.tests.helpers import approve_places, ready_case, sent_proposal
from bosetting.planning.tests.helpers import send

from .helpers import settled_case

pytestmark = pytest.mark.django_db


def _offers(client, page: str, package: str) -> bool:
    response = client.get(page)
    assert response.status_code == 200
    text = response.content.decode()
    return "Last ned for arkivering" in text and f'href="{package}"' in text


def test_case_page_offers_the_case_package(cast, client_for):
    case = settled_case(cast)
    page = reverse("cases:case_detail", args=[case.pk])
    package = reverse("archive:case_package", args=[case.pk])
    for user in (cast.bergen_caseworker, cast.imdi_caseworker):
        assert _offers(client_for(user), page, package)


def test_request_page_offers_the_request_package(cast, client_for):
    request = send(cast, cast.bergen)
    page = reverse("planning:request_detail", args=[request.pk])
    package = reverse("archive:request_package", args=[request.pk])
    for user in (cast.bergen_reader, cast.bergen_caseworker, cast.imdi_reader):
        assert _offers(client_for(user), page, package)


def test_both_proposal_pages_offer_the_proposal_package(cast, client_for):
    approve_places(cast.bergen)
    proposal = sent_proposal(cast, [ready_case()])
    package = reverse("archive:proposal_package", args=[proposal.pk])
    assert _offers(
        client_for(cast.bergen_caseworker),
        reverse("distribution:answer", args=[proposal.pk]),
        package,
    )
    assert _offers(
        client_for(cast.imdi_caseworker),
        reverse("distribution:proposal_detail", args=[proposal.pk]),
        package,
    )


def test_english_interface_offers_it_in_english_and_archives_in_bokmal(cast, client_for):
    from bosetting.core.testing import pdf_text

    from .helpers import checked_package, titles

    case = settled_case(cast)
    client = client_for(cast.bergen_caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Download for archiving" in page
    files, xml = checked_package(
        client.get(reverse("archive:case_package", args=[case.pk])).content
    )
    assert f"Notater i sak {case.reference}" in titles(xml)
    assert "Arkivpakken ble laget" in pdf_text(files["innhold.pdf"])
