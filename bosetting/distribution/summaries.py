"""Anonymised summaries of many cases at once, for the municipality's proposal page.

`cases.summary.anonymised_summary` reads each case's members itself, one query per case; a
proposal of twenty cases would cost twenty queries. This builds the very same
`AnonymisedSummary` from members already prefetched (`queries.proposal_cases`), field by field
as the cases app does, so the page's query count does not grow with the proposal.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from bosetting.cases.assessment import EducationLevel, NorwegianLevel, SpecialNeed, age_on
from bosetting.cases.codes import country_name, language_name
from bosetting.cases.models import Case, Category, Person, Relation, Sex
from bosetting.cases.summary import AnonymisedMember, AnonymisedSummary


def _label(choices: type, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _member(person: Person, today: datetime.date) -> AnonymisedMember:
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


def summary_from_members(
    case: Case, members: list[Person], *, today: datetime.date | None = None
) -> AnonymisedSummary:
    """As `anonymised_summary(case)`, with the members given (head first, then by birth date)."""
    today = today or timezone.localdate()
    ordered = sorted(members, key=lambda p: (p.relation != Relation.HEAD, p.birth_date, p.pk))
    return AnonymisedSummary(
        case_reference=case.reference,
        household_size=len(ordered),
        members=tuple(_member(person, today) for person in ordered),
    )
