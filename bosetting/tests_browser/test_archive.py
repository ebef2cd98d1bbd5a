"""Bergen's caseworker downloads the archive packages of a settled case, of the year's request and
of the proposal the case came in, from their pages: each is a ZIP whose PDFs are PDF/A, whose checksums match and whose XML fits the
shipped schema. axe on every page visited, at both widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from bosetting.archive.tests.helpers import NS, checked_package, settled_case, titles
from bosetting.audit.models import AuditEvent, EventType
from bosetting.core.testing import pdf_text
from bosetting.planning.tests.helpers import decide, send

from .support import check_axe

pytestmark = pytest.mark.browser


def test_caseworker_downloads_the_case_and_request_packages_for_the_archive(
    cast, live_server, log_in_as
):
    case = settled_case(cast)
    request = send(cast, cast.bergen, 250, 20)
    decide(cast, request, 240)

    bergen = log_in_as(cast.bergen_caseworker)
    bergen.goto(f"{live_server.url}/saker/{case.pk}/")
    expect(bergen.get_by_role("heading", name="Arkivering")).to_be_visible()
    check_axe(bergen)
    with bergen.expect_download() as download:
        bergen.get_by_role("link", name="Last ned for arkivering").click()
    assert download.value.suggested_filename == f"arkivpakke-sak-{case.reference}.zip"
    _files, xml = checked_package(Path(download.value.path()).read_bytes())
    assert f"Notater i sak {case.reference}" in titles(xml)
    check_axe(bergen)

    bergen.goto(f"{live_server.url}/anmodninger/{request.pk}/")
    check_axe(bergen)
    with bergen.expect_download() as download:
        bergen.get_by_role("link", name="Last ned for arkivering").click()
    _files, xml = checked_package(Path(download.value.path()).read_bytes())
    assert xml.findtext(".//n:mappeID", namespaces=NS) == f"A-{request.year}-4601"

    proposal = case.proposals.get().proposal
    bergen.goto(f"{live_server.url}/fordeling/kommune/{proposal.pk}/")
    check_axe(bergen)
    with bergen.expect_download() as download:
        bergen.get_by_role("link", name="Last ned for arkivering").click()
    files, _xml = checked_package(Path(download.value.path()).read_bytes())
    assert f"Sak {case.reference}" in pdf_text(files[_named(files, "foresporsel-")])
    assert not any("Haddad" in pdf_text(c) for n, c in files.items() if n.endswith(".pdf"))

    downloads = AuditEvent.objects.filter(event_type=EventType.ARCHIVE_PACKAGE_DOWNLOADED)
    assert downloads.filter(actor=cast.bergen_caseworker).count() == 3


def _named(files: dict[str, bytes], part: str) -> str:
    [name] = [name for name in files if part in name]
    return name
