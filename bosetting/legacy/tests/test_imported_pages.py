"""What the import made opens in the interface like what the screens made: no letters, no
versions and no per-row audit events are needed by the pages."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from bosetting.cases.models import Case
from bosetting.distribution.models import Proposal
from bosetting.legacy.samples import EXAMPLE_DIR
from bosetting.planning.models import SettlementRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(cast: SimpleNamespace) -> SimpleNamespace:
    call_command("import_legacy", str(EXAMPLE_DIR), stdout=io.StringIO(), stderr=io.StringIO())
    return cast


def test_imdi_opens_every_imported_case_proposal_and_request(
    imported: SimpleNamespace, client_for: Any
) -> None:
    client = client_for(imported.imdi_caseworker)
    urls = [
        reverse("cases:case_detail", args=[pk]) for pk in Case.objects.values_list("pk", flat=True)
    ]
    urls += [
        reverse("distribution:proposal_detail", args=[pk])
        for pk in Proposal.objects.values_list("pk", flat=True)
    ]
    urls += [
        reverse("planning:request_detail", args=[pk])
        for pk in SettlementRequest.objects.values_list("pk", flat=True)
    ]

    for url in urls:
        assert client.get(url).status_code == 200, url


def test_bergen_opens_its_settled_case_and_the_list_of_its_proposals(
    imported: SimpleNamespace, client_for: Any
) -> None:
    client = client_for(imported.bergen_caseworker)
    settled = Case.objects.filter(municipality=imported.bergen, state="settled").first()
    assert settled is not None

    assert client.get(reverse("cases:case_detail", args=[settled.pk])).status_code == 200
    assert client.get(reverse("distribution:proposal_list")).status_code == 200
