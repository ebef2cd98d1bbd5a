"""Test data made through the actions, so the audit log and denormalised keys are as in use."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from bosetting.cases import actions
from bosetting.cases.actions import HealthInput, PersonData
from bosetting.cases.models import Case, Category, Person, Relation, Residence, Sex
from bosetting.cases.validators import make_national_id

_sequence = itertools.count(1)


def duf_number() -> str:
    return f"2024{next(_sequence):08d}"


def person_data(
    *,
    centre: Any = None,
    given_names: str = "Amina",
    family_name: str = "Haddad",
    birth_date: datetime.date = datetime.date(1990, 5, 17),
    with_national_id: bool = False,
    **overrides: Any,
) -> PersonData:
    values: dict[str, Any] = {
        "duf_number": duf_number(),
        "given_names": given_names,
        "family_name": family_name,
        "birth_date": birth_date,
        "sex": Sex.FEMALE,
        "citizenship": "SYR",
        "category": Category.RESETTLEMENT,
        "residence": Residence.RECEPTION_CENTRE if centre else Residence.PRIVATE,
        "reception_centre": centre,
        "languages": ["ara"],
        "interpreter_language": "ara",
    }
    if with_national_id:
        values["national_id"] = make_national_id(birth_date, start=next(_sequence))
    values.update(overrides)
    return PersonData(**values)


def make_case(*, centre: Any = None, children: int = 0, by: Any = None, **head: Any) -> Case:
    case = actions.register_case(by=by, head=person_data(centre=centre, **head))
    for number in range(children):
        actions.add_member(
            by=by,
            case=case,
            person=person_data(
                centre=centre,
                given_names=f"Barn{number}",
                birth_date=datetime.date(2015, 3, 1 + number),
            ),
            relation=Relation.CHILD,
        )
    return case


COMPLETE_ADULT = {
    "family_in_norway": "no",
    "family_municipalities": [],
    "education_level": "secondary",
    "education_years": 12,
    "work_years": 8,
    "norwegian_level": "A1",
    "special_needs": ["none"],
    "has_pets": "no",
}


def assess_completely(case: Case, *, by: Any = None) -> None:
    for person in Person.objects.filter(case=case):
        actions.save_assessment(
            by=by, person=person, data=dict(COMPLETE_ADULT), health=HealthInput()
        )
