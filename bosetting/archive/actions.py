"""Making an archive package is a read, but a read of letters, notes and documents that leaves
the system: each download is written to the audit log in the same transaction that gathers the
package, so there is no package without its event."""

from __future__ import annotations

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

if TYPE_CHECKING:
    from bosetting.accounts.models import User

# What is archived is in bokmål whatever the interface language: the municipality's journal is
# Norwegian, the letters are, and Noark 5's code values are.
ARCHIVE_LANGUAGE = "nb"


def _record(
    by: User,
    package: Package,
    *,
    summary: str,
    obj: models.Model,
    municipality: Municipality | None,
) -> None:
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


def download_case_package(*, by: User, case: Case) -> Package:
    """`case` as cases.case_history.get_case_with_decision_for gave it to `by`."""
    with transaction.atomic():
        made_at = timezone.now()
        with override(ARCHIVE_LANGUAGE):
            folder = case_folder(by, case, perspective_of(by))
            package = build_package(
                folder,
                filename=f"arkivpakke-sak-{case.reference}.zip",
                made_at=made_at,
                made_by=person_label(by),
            )
        _record(
            by,
            package,
            summary=_("Arkivpakke for sak %(reference)s lastet ned")
            % {"reference": case.reference},
            obj=case,
            municipality=case.municipality,
        )
    return package


def download_request_package(*, by: User, request: SettlementRequest) -> Package:
    with transaction.atomic():
        made_at = timezone.now()
        with override(ARCHIVE_LANGUAGE):
            folder = request_folder(request, perspective_of(by))
            package = build_package(
                folder,
                filename=f"arkivpakke-anmodning-{request.year}-{request.municipality.number}.zip",
                made_at=made_at,
                made_by=person_label(by),
            )
        _record(
            by,
            package,
            summary=_("Arkivpakke for anmodningen %(year)s til %(name)s lastet ned")
            % {"year": request.year, "name": request.municipality.name},
            obj=request,
            municipality=request.municipality,
        )
    return package


def download_proposal_package(*, by: User, proposal: Proposal) -> Package:
    with transaction.atomic():
        made_at = timezone.now()
        with override(ARCHIVE_LANGUAGE):
            folder = proposal_folder(proposal, perspective_of(by))
            package = build_package(
                folder,
                filename=f"arkivpakke-foresporsel-{proposal.reference}.zip",
                made_at=made_at,
                made_by=person_label(by),
            )
        _record(
            by,
            package,
            summary=_("Arkivpakke for forespørsel %(reference)s lastet ned")
            % {"reference": proposal.reference},
            obj=proposal,
            municipality=proposal.municipality,
        )
    return package
