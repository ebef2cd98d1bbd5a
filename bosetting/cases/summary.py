"""The anonymised case summary a municipality sees in a proposal, before it has said yes.

The one builder of it, for one case and for a proposal's many (distribution), from explicit, coded
fields only: never a name, DUF number, national id, exact birth date, free text or document. Tests build a case whose every identity field carries a
marker and check that none of them reaches the summary or its template.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.utils import timezone

from .assessment import EducationLevel, NorwegianLevel, SpecialNeed, age_on
from .codes import country_name, language_name
from .models import Case, Category, Person, Relation, Sex
from .queries import members_of


@dataclass(frozen=True)
class AnonymisedMember:
    relation: str  # Relation value
    relation_label: str
    birth_year: int
    age: int
    sex_label: str
    citizenship: str  # ISO 3166 code
    citizenship_label: str
    category_label: str
    languages: tuple[str, ...]  # names of ISO 639 codes
    interpreter_language: str
    norwegian_level: str
    education_level: str
    education_years: int | None
    work_years: int | None
    special_needs: tuple[str, ...]  # category labels only


@dataclass(frozen=True)
class AnonymisedSummary:
    case_reference: str  # the case's number, which says nothing about the persons
    household_size: int
    members: tuple[AnonymisedMember, ...]

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def _label(choices: type, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def anonymised_summary(case: Case, *, today: datetime.date | None = None) -> AnonymisedSummary:
    """The case's summary, its members read with one query."""
    return summary_from_members(case, list(members_of(case)), today=today)


def summary_from_members(
    case: Case, members: list[Person], *, today: datetime.date | None = None
) -> AnonymisedSummary:
    """The summary from members already loaded (a proposal page prefetches them for every case),
    head of household first, then by birth date."""
    today = today or timezone.localdate()
    ordered = sorted(members, key=lambda p: (p.relation != Relation.HEAD, p.birth_date, p.pk))
    return AnonymisedSummary(
        case_reference=case.reference,
        household_size=len(ordered),
        members=tuple(_member(person, today) for person in ordered),
    )


def _member(person: Person, today: datetime.date) -> AnonymisedMember:
    """One member from coded fields only: never a name, number, exact date or free text."""
    data = person.current_assessment.data if person.current_assessment else {}
    needs = data.get("special_needs") or []
    return AnonymisedMember(
        relation=person.relation,
        relation_label=_label(Relation, person.relation),
        birth_year=person.birth_date.year,
        age=age_on(person.birth_date, today),
        sex_label=_label(Sex, person.sex),
        citizenship=person.citizenship,
        citizenship_label=country_name(person.citizenship),
        category_label=_label(Category, person.category),
        languages=tuple(language_name(code) for code in person.languages),
        interpreter_language=language_name(person.interpreter_language)
        if person.interpreter_language
        else "",
        norwegian_level=_label(NorwegianLevel, data.get("norwegian_level")),
        education_level=_label(EducationLevel, data.get("education_level")),
        education_years=_int_or_none(data.get("education_years")),
        work_years=_int_or_none(data.get("work_years")),
        special_needs=tuple(
            _label(SpecialNeed, need) for need in needs if need != SpecialNeed.NONE
        ),
    )
