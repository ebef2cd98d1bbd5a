"""Registering persons and households, and correcting what was registered."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, scope_for
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.organisations.models import ReceptionCentre

from ..models import (
    Case,
    Person,
    Relation,
    Residence,
)
from ..queries import normalise_name
from ..validators import birth_date_from_national_id
from .common import (
    CaseError,
    _back_to_assessment,
    _check_editable,
    _require,
)

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


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


def _check_person(by: Actor, data: PersonData, *, existing: Person | None = None) -> None:
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
        centre_organisation_id = scope_for(by).reception_centre_organisation_id
        if centre_organisation_id is not None and (
            data.reception_centre is None
            or data.reception_centre.organisation_id != centre_organisation_id
        ):
            raise CaseError(
                _("Du kan bare registrere personer som bor i ditt eget mottak."),
                field="residence",
            )


def _create_person(by: Actor, data: PersonData, case: Case, relation: str) -> Person:
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


def change_person(*, by: Actor, person: Person, data: PersonData) -> Person:
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


def register_case(*, by: Actor, head: PersonData) -> Case:
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


def add_member(*, by: Actor, case: Case, person: PersonData, relation: str) -> Person:
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
