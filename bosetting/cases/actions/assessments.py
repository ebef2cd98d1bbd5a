"""Assessments: every save a new version; health details only with consent; ready or not."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType

from ..assessment import DATA_KEYS, missing_fields
from ..models import (
    AssessmentVersion,
    Case,
    CaseState,
    Person,
)
from ..queries import members_of
from .common import (
    CaseError,
    _back_to_assessment,
    _change_state,
    _check_editable,
    _require,
)

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


@dataclass
class HealthInput:
    consent: bool = False
    consent_date: datetime.date | None = None
    consent_taken_by: str = ""
    # New details replace the stored ones; empty keeps them (as long as consent stands).
    details: str = ""
    delete_details: bool = False


def save_assessment(
    *, by: Actor, person: Person, data: dict[str, Any], health: HealthInput
) -> AssessmentVersion:
    """Save the assessment as a new version. A material change returns a ready case to assessment."""
    case = person.case
    if case is None:
        raise CaseError(_("Personen hører ikke til noen sak."))
    _require(by, Permission.ASSESSMENT_EDIT, case)
    clean = {key: data.get(key) for key in DATA_KEYS}
    if health.details.strip() and not health.consent:
        raise CaseError(
            _(
                "Helseopplysninger kan bare registreres når personen har samtykket. Registrer "
                "samtykket, datoen og hvem som tok det, eller la feltet stå tomt."
            ),
            field="health_details",
        )
    if health.consent:
        if health.consent_date is None:
            raise CaseError(_("Skriv datoen samtykket ble gitt."), field="health_consent_date")
        if health.consent_date > timezone.localdate():
            raise CaseError(
                _("Samtykket kan ikke være gitt i fremtiden."), field="health_consent_date"
            )
        if not health.consent_taken_by.strip():
            raise CaseError(_("Skriv hvem som tok samtykket."), field="health_consent_taken_by")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        _check_editable(case)
        previous = AssessmentVersion.objects.filter(person=person).order_by("-number").first()
        if not health.consent or health.delete_details:
            details = ""  # without consent nothing is kept: a withdrawal removes the details
        elif health.details.strip():
            details = health.details.strip()
        else:
            details = previous.health_details if previous else ""
        version = AssessmentVersion.objects.create(
            person=person,
            number=(previous.number + 1) if previous else 1,
            saved_at=timezone.now(),
            saved_by=by,
            data=clean,
            health_consent=health.consent,
            health_consent_date=health.consent_date if health.consent else None,
            health_consent_taken_by=health.consent_taken_by.strip() if health.consent else "",
            health_details=details,
        )
        Person.objects.filter(pk=person.pk).update(current_assessment=version)
        person.current_assessment = version
        if not health.consent or health.delete_details:
            _erase_earlier_health_details(by, case, person, version, withdrawn=not health.consent)
        record_event(
            by=by,
            event_type=EventType.ASSESSMENT_SAVED,
            summary=_("Kartlegging versjon %(number)s lagret i sak %(reference)s")
            % {"number": version.number, "reference": case.reference},
            obj=person,
            municipality=case.municipality,
            details={"case_id": case.pk, "version": version.number},
        )
        consent_changed = previous is None or (
            previous.health_consent,
            previous.health_consent_date,
        ) != (version.health_consent, version.health_consent_date)
        if consent_changed and (version.health_consent or previous is not None):
            record_event(
                by=by,
                event_type=EventType.HEALTH_CONSENT_RECORDED,
                summary=(
                    _("Samtykke til helseopplysninger registrert i sak %(reference)s")
                    if version.health_consent
                    else _("Samtykke til helseopplysninger trukket i sak %(reference)s")
                )
                % {"reference": case.reference},
                obj=person,
                municipality=case.municipality,
                details={
                    "case_id": case.pk,
                    "consent": version.health_consent,
                    "consent_date": version.health_consent_date.isoformat()
                    if version.health_consent_date
                    else None,
                },
            )
        material = (
            previous is None
            or previous.data != version.data
            or (previous.health_details != version.health_details)
        )
        if material:
            _back_to_assessment(by, case, reason=_("kartleggingen er endret"))
    return version


def _erase_earlier_health_details(
    by: Actor, case: Case, person: Person, version: AssessmentVersion, *, withdrawn: bool
) -> None:
    """Consent withdrawn, or the details deleted: no earlier version may keep them either.

    Special-category data goes with the consent (GDPR art. 9 and 7(3)); the versions themselves,
    and the record of the consent once given, stay as the history of what was assessed.
    """
    earlier = (
        AssessmentVersion.objects.filter(person=person)
        .exclude(pk=version.pk)
        .exclude(health_details="")
    )
    numbers = sorted(earlier.values_list("number", flat=True))
    if not numbers:
        return
    earlier.update(health_details="")
    record_event(
        by=by,
        event_type=EventType.HEALTH_DETAILS_ERASED,
        summary=_(
            "Helseopplysninger slettet fra %(count)s tidligere versjoner av kartleggingen i sak "
            "%(reference)s"
        )
        % {"count": len(numbers), "reference": case.reference},
        obj=person,
        municipality=case.municipality,
        details={
            "case_id": case.pk,
            "versions": numbers,
            "reason": "consent_withdrawn" if withdrawn else "deleted",
        },
    )


def mark_ready(*, by: Actor, case: Case) -> Case:
    """Ready for settlement, if every member's assessment is complete; else say what is missing."""
    _require(by, Permission.ASSESSMENT_EDIT, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        refusal = ready_refusal(case)
        if refusal is not None:
            raise CaseError(refusal)
        _change_state(by, case, CaseState.READY)
    return case


def ready_refusal(case: Case) -> str | None:
    """Why the case cannot be marked ready now, or None when it can: for the review page, which
    must not ask to confirm what `mark_ready` would refuse."""
    if case.state != CaseState.BEING_ASSESSED:
        return _("Bare saker under kartlegging kan merkes klare for bosetting.")
    today = timezone.localdate()
    problems = []
    for member in members_of(case):
        missing = missing_fields(member, member.current_assessment, today=today)
        if missing:
            problems.append(
                _("%(name)s mangler: %(fields)s.")
                % {"name": member.full_name, "fields": ", ".join(missing)}
            )
    if problems:
        return _("Kartleggingen er ikke fullstendig. %(problems)s") % {
            "problems": " ".join(problems)
        }
    return None


def return_to_assessment(*, by: Actor, case: Case) -> Case:
    _require(by, Permission.ASSESSMENT_EDIT, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != CaseState.READY:
            raise CaseError(_("Bare saker som er klare for bosetting kan settes tilbake."))
        _change_state(by, case, CaseState.BEING_ASSESSED, reason=_("satt tilbake for hånd"))
    return case


def read_health_details(*, by: Actor, person: Person) -> AssessmentVersion | None:
    """The current version with its health details, and the read written to the audit log."""
    case = person.case
    if case is None:
        return None
    _require(by, Permission.HEALTH_DETAILS_VIEW, case)
    with transaction.atomic():
        version = AssessmentVersion.objects.filter(person=person).order_by("-number").first()
        record_event(
            by=by,
            event_type=EventType.HEALTH_DETAILS_READ,
            summary=_("Helseopplysninger lest i sak %(reference)s") % {"reference": case.reference},
            obj=person,
            municipality=case.municipality,
            details={"case_id": case.pk, "version": version.number if version else None},
        )
    return version
