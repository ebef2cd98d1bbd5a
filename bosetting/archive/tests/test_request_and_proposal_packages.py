"""The annual request's and the proposal's packages: every letter and receipt PDF/A, every
checksum right, the XML valid; and a proposal's package names no refugee."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bosetting.audit.models import AuditEvent, EventType
from bosetting.core.testing import pdf_text
from bosetting.distribution import actions as distribution_actions
from bosetting.distribution.tests.helpers import (
    accept_and_decide,
    approve_places,
    proposed,
    ready_case,
    sent_proposal,
)
from bosetting.planning import actions as planning_actions
from bosetting.planning.tests.helpers import decide, prepare, send

from .helpers import NS, checked_package, titles

pytestmark = pytest.mark.django_db


def _get(client, name, pk):
    response = client.get(reverse(f"archive:{name}", args=[pk]))
    assert response.status_code == 200
    return response.content


def test_decided_request_package_holds_letters_decision_and_acknowledgement(cast, client_for):
    request = send(cast, cast.bergen, 250, 20)
    planning_actions.adjust_request(
        by=cast.imdi_caseworker,
        request=request,
        places=180,
        unaccompanied_minors=15,
        planning_number_next_year=None,
        deadline=request.deadline,
        reason="Færre ankomster til Vestland",
    )
    decision = decide(cast, request, 180)
    planning_actions.acknowledge_decision(by=cast.imdi_caseworker, decision=decision)
    files, xml = checked_package(
        _get(client_for(cast.bergen_reader), "request_package", request.pk)
    )
    year = request.year
    assert titles(xml) == [
        f"Anmodning om bosetting {year}, versjon 1",
        f"Anmodning om bosetting {year}, versjon 2",
        f"Kommunens vedtak om bosetting i {year} – Bergen kommune",
        f"IMDis kvittering for kommunens vedtak {year} – Bergen kommune",
    ]
    for version in request.versions.all():
        [name] = [n for n in files if n.endswith(f"-v{version.number}.pdf")]
        with version.letter.open("rb") as stored:
            assert files[name] == stored.read()
    [receipt] = [content for name, content in files.items() if name.endswith("-kvittering.pdf")]
    assert "Antall flyktninger 180" in pdf_text(receipt)
    assert xml.findtext(".//n:saksstatus", namespaces=NS) == "Avsluttet"


def test_draft_request_package_has_no_letter_yet(cast, client_for):
    request = prepare(cast, cast.bergen)
    files, xml = checked_package(_get(client_for(cast.imdi_reader), "request_package", request.pk))
    assert titles(xml) == []
    assert "ingen brev eller dokumenter" in pdf_text(files["innhold.pdf"])


def test_answered_proposal_package_names_no_refugee(cast, client_for):
    approve_places(cast.bergen)
    yes, no = (
        ready_case(given_names="Yusuf", family_name="Zamani"),
        ready_case(given_names="Ladan", family_name="Farah"),
    )
    proposal = sent_proposal(cast, [yes, no])
    distribution_actions.answer_case(
        by=cast.bergen_caseworker, proposed_case=proposed(proposal, yes), accept=True
    )
    distribution_actions.answer_case(
        by=cast.bergen_caseworker,
        proposed_case=proposed(proposal, no),
        accept=False,
        reason="housing",
        comment="Ingen ledig bolig før påske",
    )
    for client in (client_for(cast.bergen_caseworker), client_for(cast.imdi_caseworker)):
        files, xml = checked_package(_get(client, "proposal_package", proposal.pk))
        assert titles(xml)[0] == f"Forespørsel {proposal.reference} om bosetting til Bergen kommune"
        everything = " ".join(
            pdf_text(content) for name, content in files.items() if name.endswith(".pdf")
        )
        everything += files["arkivstruktur.xml"].decode()
        for identity in ("Yusuf", "Zamani", "Ladan", "Farah", *_duf_numbers(yes, no)):
            assert identity not in everything
        assert "Ingen ledig bolig før påske" in everything
    assert AuditEvent.objects.filter(event_type=EventType.ARCHIVE_PACKAGE_DOWNLOADED).count() == 2


def test_decided_proposal_package_holds_imdis_decision_as_a_receipt(cast, client_for):
    approve_places(cast.bergen)
    case = accept_and_decide(cast, ready_case(given_names="Yusuf", family_name="Zamani"))
    proposal = case.proposals.get().proposal
    files, xml = checked_package(
        _get(client_for(cast.bergen_caseworker), "proposal_package", proposal.pk)
    )
    assert f"Vedtak om bosettingskommune for sak {case.reference}" in titles(xml)
    assert not any("Zamani" in pdf_text(c) for n, c in files.items() if n.endswith(".pdf"))


def _duf_numbers(*cases):
    return [person.duf_number for case in cases for person in case.members.all()]
