"""Every write to persons, cases, assessments, documents and notes, each audited in its transaction.

Audit events about a case carry the case's settlement municipality (none before matching), so
no municipality's log shows anything about persons it has not accepted; summaries name the case
reference, never a person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import AccessDenied, Permission, access_state, denial_reason
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.organisations.models import Organisation, ReceptionCentre

from .assessment import DATA_KEYS, missing_fields
from .models import (
    AssessmentVersion,
    Case,
    CaseState,
    Document,
    Note,
    Person,
    Relation,
    Residence,
)
from .queries import cases_visible_to, members_of, normalise_name
from .transitions import change_case_state
from .validators import birth_date_from_national_id, sniff_document


class CaseError(ValueError):
    """A refused change, with the message the user is shown and the form field it concerns."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _require(by: Any, permission: Permission, case: Case | None = None) -> None:
    """`by=None` is the system itself (demo data, commands). Users need the permission and,
    for an existing case, to be able to see it."""
    if by is None:
        return
    reason = denial_reason(by, permission)
    if reason is not None:
        raise AccessDenied(reason)
    if case is not None and not cases_visible_to(by).filter(pk=case.pk).exists():
        raise AccessDenied(_("Du har ikke tilgang til denne saken."))


def _user_label(by: Any) -> str:
    if by is None:
        return "System"
    full_name: str = by.get_full_name()
    return f"{full_name} ({by.username})" if full_name else str(by.username)


@dataclass
class PersonData:
    duf_number: str
    given_names: str
    family_name: str
    birth_date: datetime.date
    sex: str
    citizenship: str
    category: str
    residence: str
    reception_centre: ReceptionCentre | None = None
    national_id: str = ""
    languages: list[str] = field(default_factory=list)
    interpreter_language: str = ""
    research_opt_out: bool = False


def _check_person(by: Any, data: PersonData, *, existing: Person | None = None) -> None:
    others = Person.objects.exclude(pk=existing.pk) if existing else Person.objects.all()
    if others.filter(duf_number=data.duf_number).exists():
        raise CaseError(
            _("Det finnes allerede en person med dette DUF-nummeret."), field="duf_number"
        )
    if data.national_id:
        if others.filter(national_id=data.national_id).exists():
            raise CaseError(
                _("Det finnes allerede en person med dette fødselsnummeret eller D-nummeret."),
                field="national_id",
            )
        if birth_date_from_national_id(data.national_id) != data.birth_date:
            raise CaseError(
                _("Fødselsdatoen stemmer ikke med fødselsnummeret eller D-nummeret."),
                field="birth_date",
            )
    if data.birth_date > timezone.localdate():
        raise CaseError(_("Fødselsdatoen kan ikke være i fremtiden."), field="birth_date")
    if data.residence == Residence.RECEPTION_CENTRE and data.reception_centre is None:
        raise CaseError(_("Velg mottaket personen bor i."), field="reception_centre")
    if data.residence != Residence.RECEPTION_CENTRE:
        data.reception_centre = None
    if by is not None:
        state = access_state(by)
        if state.organisation_kind == Organisation.Kind.RECEPTION_CENTRE and (
            data.reception_centre is None
            or data.reception_centre.organisation_id != state.organisation_id
        ):
            raise CaseError(
                _("Du kan bare registrere personer som bor i ditt eget mottak."),
                field="residence",
            )


def _create_person(by: Any, data: PersonData, case: Case, relation: str) -> Person:
    _check_person(by, data)
    person = Person.objects.create(
        duf_number=data.duf_number,
        national_id=data.national_id,
        given_names=data.given_names.strip(),
        family_name=data.family_name.strip(),
        family_name_key=normalise_name(f"{data.family_name} {data.given_names}"),
        given_name_key=normalise_name(f"{data.given_names} {data.family_name}"),
        birth_date=data.birth_date,
        sex=data.sex,
        citizenship=data.citizenship,
        languages=list(data.languages),
        interpreter_language=data.interpreter_language,
        category=data.category,
        residence=data.residence,
        reception_centre=data.reception_centre,
        research_opt_out=data.research_opt_out,
        case=case,
        relation=relation,
        registered_at=timezone.now(),
    )
    record_event(
        by=by,
        event_type=EventType.PERSON_REGISTERED,
        summary=_("Person registrert i sak %(reference)s") % {"reference": case.reference},
        obj=person,
        municipality=case.municipality,
        details={"case_id": case.pk},
    )
    return person


# The fields of PersonData that a change may touch, in the order the log lists them.
PERSON_FIELDS = (
    "duf_number",
    "national_id",
    "given_names",
    "family_name",
    "birth_date",
    "sex",
    "citizenship",
    "languages",
    "interpreter_language",
    "category",
    "residence",
    "reception_centre",
    "research_opt_out",
)


def change_person(*, by: Any, person: Person, data: PersonData) -> Person:
    """Correct or update a person's registered details; the log names the fields, not the values."""
    case = person.case
    if case is None:
        raise CaseError(_("Personen hører ikke til noen sak."))
    _require(by, Permission.CASE_REGISTER, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        _check_editable(case)
        _check_person(by, data, existing=person)
        changed = [name for name in PERSON_FIELDS if getattr(person, name) != getattr(data, name)]
        if not changed:
            return person
        for name in changed:
            setattr(person, name, getattr(data, name))
        person.family_name_key = normalise_name(f"{person.family_name} {person.given_names}")
        person.given_name_key = normalise_name(f"{person.given_names} {person.family_name}")
        person.save()
        record_event(
            by=by,
            event_type=EventType.PERSON_CHANGED,
            summary=_("Personopplysninger endret i sak %(reference)s")
            % {"reference": case.reference},
            obj=person,
            municipality=case.municipality,
            details={"case_id": case.pk, "fields": changed},
        )
    return person


def register_case(*, by: Any, head: PersonData) -> Case:
    """A new household with its head; the other members are added with add_member."""
    _require(by, Permission.CASE_REGISTER)
    with transaction.atomic():
        now = timezone.now()
        case = Case.objects.create(created_at=now, created_by=by, state_changed_at=now)
        record_event(
            by=by,
            event_type=EventType.CASE_CREATED,
            summary=_("Sak %(reference)s opprettet") % {"reference": case.reference},
            obj=case,
        )
        _create_person(by, head, case, Relation.HEAD)
    return case


def add_member(*, by: Any, case: Case, person: PersonData, relation: str) -> Person:
    _require(by, Permission.CASE_REGISTER, case)
    if relation == Relation.HEAD:
        raise CaseError(_("Saken har allerede en hovedperson."), field="relation")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        _check_editable(case)
        member = _create_person(by, person, case, relation)
        record_event(
            by=by,
            event_type=EventType.CASE_MEMBER_ADDED,
            summary=_("Person lagt til i sak %(reference)s") % {"reference": case.reference},
            obj=case,
            municipality=case.municipality,
            details={"person_id": member.pk, "relation": relation},
        )
        # A new member must be assessed before the household is ready again.
        _back_to_assessment(by, case, reason=_("ny person i husstanden"))
    return member


def _check_editable(case: Case) -> None:
    if case.state not in (CaseState.BEING_ASSESSED, CaseState.READY):
        raise CaseError(
            _("Saken er %(state)s og kan ikke endres her.")
            % {"state": CaseState(case.state).label.lower()}
        )


def _change_state(by: Any, case: Case, new_state: CaseState, *, reason: str = "") -> None:
    change_case_state(by=by, case=case, to=new_state, reason=reason)


def _back_to_assessment(by: Any, case: Case, *, reason: str) -> None:
    if case.state == CaseState.READY:
        _change_state(by, case, CaseState.BEING_ASSESSED, reason=reason)


@dataclass
class HealthInput:
    consent: bool = False
    consent_date: datetime.date | None = None
    consent_taken_by: str = ""
    # New details replace the stored ones; empty keeps them (as long as consent stands).
    details: str = ""
    delete_details: bool = False


def save_assessment(
    *, by: Any, person: Person, data: dict[str, Any], health: HealthInput
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


def mark_ready(*, by: Any, case: Case) -> Case:
    """Ready for settlement, if every member's assessment is complete; else say what is missing."""
    _require(by, Permission.ASSESSMENT_EDIT, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != CaseState.BEING_ASSESSED:
            raise CaseError(_("Bare saker under kartlegging kan merkes klare for bosetting."))
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
            raise CaseError(
                _("Kartleggingen er ikke fullstendig. %(problems)s")
                % {"problems": " ".join(problems)}
            )
        _change_state(by, case, CaseState.READY)
    return case


def return_to_assessment(*, by: Any, case: Case) -> Case:
    _require(by, Permission.ASSESSMENT_EDIT, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != CaseState.READY:
            raise CaseError(_("Bare saker som er klare for bosetting kan settes tilbake."))
        _change_state(by, case, CaseState.BEING_ASSESSED, reason=_("satt tilbake for hånd"))
    return case


def read_health_details(*, by: Any, person: Person) -> AssessmentVersion | None:
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


def record_file_view(*, by: Any, case: Case, person: Person | None = None) -> None:
    """Opening a person file is itself logged: who looked at whom, and when."""
    _require(by, Permission.PERSON_FILE_VIEW, case)
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.PERSON_FILE_VIEWED,
            summary=_("Personmappe i sak %(reference)s åpnet") % {"reference": case.reference},
            obj=person if person is not None else case,
            municipality=case.municipality,
            details={"case_id": case.pk},
        )


def record_search(*, by: Any, kind: str, result_count: int) -> None:
    """A search is logged with its kind and how many it found; the term itself never is."""
    _require(by, Permission.CASE_VIEW)
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.PERSON_SEARCHED,
            summary=_("Søk etter person: %(count)s treff") % {"count": result_count},
            details={"kind": kind, "result_count": result_count},
        )


def upload_document(
    *, by: Any, case: Case, title: str, upload: File, person: Person | None = None
) -> Document:
    _require(by, Permission.DOCUMENT_UPLOAD, case)
    from django.core.exceptions import ValidationError

    try:
        sniffed = sniff_document(upload)
    except ValidationError as error:
        raise CaseError(error.messages[0], field="file") from error
    if person is not None and person.case_id != case.pk:
        raise CaseError(_("Personen hører ikke til denne saken."), field="person")
    with transaction.atomic():
        document = Document(
            case=case,
            person=person,
            title=title.strip(),
            original_name=(upload.name or "dokument")[-255:],
            content_type=sniffed.content_type,
            size=sniffed.size,
            sha256=sniffed.sha256,
            uploaded_at=timezone.now(),
            uploaded_by=by,
        )
        document.file.save(f"dokument.{sniffed.extension}", upload, save=False)
        document.save()
        record_event(
            by=by,
            event_type=EventType.DOCUMENT_UPLOADED,
            summary=_("Dokument lastet opp i sak %(reference)s") % {"reference": case.reference},
            obj=document,
            municipality=case.municipality,
            details={"case_id": case.pk, "sha256": sniffed.sha256, "size": sniffed.size},
        )
    return document


def open_document(*, by: Any, document: Document) -> File:
    """The stored file for download, with the download logged."""
    case = document.case
    _require(by, Permission.PERSON_FILE_VIEW, case)
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.DOCUMENT_DOWNLOADED,
            summary=_("Dokument lastet ned fra sak %(reference)s") % {"reference": case.reference},
            obj=document,
            municipality=case.municipality,
            details={"case_id": case.pk},
        )
    return document.file.open("rb")


def add_note(*, by: Any, case: Case, text: str, person: Person | None = None) -> Note:
    _require(by, Permission.NOTE_WRITE, case)
    if not text.strip():
        raise CaseError(_("Skriv notatet."), field="text")
    with transaction.atomic():
        note = Note.objects.create(
            case=case,
            person=person,
            text=text.strip(),
            written_at=timezone.now(),
            author=by,
            author_label=_user_label(by),
        )
        record_event(
            by=by,
            event_type=EventType.NOTE_ADDED,
            summary=_("Notat skrevet i sak %(reference)s") % {"reference": case.reference},
            obj=note,
            municipality=case.municipality,
            details={"case_id": case.pk},
        )
    return note
