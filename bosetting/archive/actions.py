"""Making an archive package is a read, but a read of letters, notes and documents that leaves
the system: each download is written to the audit log in the same transaction that gathers the
package, so there is no package without its event."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case
from bosetting.distribution.models import Proposal
from bosetting.organisations.models import Municipality
from bosetting.planning.models import SettlementRequest

from .case_package import case_folder
from .package import Package, build_package
from .parties import person_label, perspective_of
from .proposal_package import proposal_folder
from .request_package import request_folder
from .structure import Folder

if TYPE_CHECKING:
    from bosetting.accounts.models import User

# What is archived is in bokmål whatever the interface language: the municipality's journal is
# Norwegian, the letters are, and Noark 5's code values are.
ARCHIVE_LANGUAGE = "nb"


def _download(
    by: User,
    gather: Callable[[], Folder],
    *,
    filename: str,
    summary: str,
    obj: models.Model,
    municipality: Municipality | None,
) -> Package:
    """Gather the folder in bokmål, pack it, and write the download's event in one transaction."""
    with transaction.atomic():
        made_at = timezone.now()
        with override(ARCHIVE_LANGUAGE):
            package = build_package(
                gather(), filename=filename, made_at=made_at, made_by=person_label(by)
            )
        record_event(
            by=by,
            event_type=EventType.ARCHIVE_PACKAGE_DOWNLOADED,
            summary=summary,
            obj=obj,
            municipality=municipality,
            details={
                "file": package.filename,
                "documents": package.document_count,
                "missing": package.missing_count,
            },
        )
    return package


def download_case_package(*, by: User, case: Case) -> Package:
    """`case` as cases.case_history.get_case_with_decision_for gave it to `by`."""
    return _download(
        by,
        lambda: case_folder(by, case, perspective_of(by)),
        filename=f"arkivpakke-sak-{case.reference}.zip",
        summary=_("Arkivpakke for sak %(reference)s lastet ned") % {"reference": case.reference},
        obj=case,
        municipality=case.municipality,
    )


def download_request_package(*, by: User, request: SettlementRequest) -> Package:
    return _download(
        by,
        lambda: request_folder(request, perspective_of(by)),
        filename=f"arkivpakke-anmodning-{request.year}-{request.municipality.number}.zip",
        summary=_("Arkivpakke for anmodningen %(year)s til %(name)s lastet ned")
        % {"year": request.year, "name": request.municipality.name},
        obj=request,
        municipality=request.municipality,
    )


def download_proposal_package(*, by: User, proposal: Proposal) -> Package:
    return _download(
        by,
        lambda: proposal_folder(proposal, perspective_of(by)),
        filename=f"arkivpakke-foresporsel-{proposal.reference}.zip",
        summary=_("Arkivpakke for forespørsel %(reference)s lastet ned")
        % {"reference": proposal.reference},
        obj=proposal,
        municipality=proposal.municipality,
    )
