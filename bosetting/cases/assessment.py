"""What an assessment holds, and when it is complete enough to mark a case ready.

The sections are stored as one JSON object per version (AssessmentVersion.data) with the keys
below; health details live in their own columns because they need consent and audited reads.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AssessmentVersion, Person


class EducationLevel(models.TextChoices):
    NONE = "none", gettext_lazy("Ingen skolegang")
    PRIMARY = "primary", gettext_lazy("Grunnskole")
    SECONDARY = "secondary", gettext_lazy("Videregående skole")
    VOCATIONAL = "vocational", gettext_lazy("Fagutdanning")
    BACHELOR = "bachelor", gettext_lazy("Høyere utdanning, lavere grad")
    MASTER = "master", gettext_lazy("Høyere utdanning, høyere grad")
    UNKNOWN = "unknown", gettext_lazy("Ukjent")


class NorwegianLevel(models.TextChoices):
    NONE = "none", gettext_lazy("Ingen norskkunnskaper")
    A1 = "A1", gettext_lazy("A1 (nybegynner)")
    A2 = "A2", gettext_lazy("A2")
    B1 = "B1", gettext_lazy("B1")
    B2 = "B2", gettext_lazy("B2")
    C1 = "C1", gettext_lazy("C1 eller høyere")


class SpecialNeed(models.TextChoices):
    NONE = "none", gettext_lazy("Ingen særskilte behov")
    HOUSING_ADAPTATION = "housing_adaptation", gettext_lazy("Tilrettelagt bolig")
    HEALTH_FOLLOW_UP = "health_follow_up", gettext_lazy("Helsemessig oppfølging")
    PSYCHOLOGICAL_FOLLOW_UP = "psychological_follow_up", gettext_lazy("Psykisk helse-oppfølging")
    PRACTICAL_ASSISTANCE = "practical_assistance", gettext_lazy("Praktisk bistand")
    INSTITUTION = "institution", gettext_lazy("Institusjonsplass")


class YesNo(models.TextChoices):
    YES = "yes", gettext_lazy("Ja")
    NO = "no", gettext_lazy("Nei")


# Keys of AssessmentVersion.data; a change to any of them is a material change of the assessment.
DATA_KEYS = (
    "family_in_norway",
    "family_municipalities",
    "network_note",
    "education_level",
    "education_field",
    "education_years",
    "work_years",
    "work_fields",
    "norwegian_level",
    "special_needs",
    "wish_municipalities",
    "wish_counties",
    "wish_reasons",
    "has_pets",
    "pets",
    "note",
)

# Children this young have no school or work history to assess.
SCHOOL_AGE = 6
WORK_AGE = 16


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def missing_fields(
    person: Person, version: AssessmentVersion | None, *, today: datetime.date
) -> list[str]:
    """The Norwegian names of what must be filled in before the person's case can be ready."""
    if version is None:
        return [_("kartlegging er ikke påbegynt")]
    data = version.data
    age = age_on(person.birth_date, today)
    required: list[tuple[str, str]] = [("family_in_norway", _("familie eller nettverk i Norge"))]
    if age >= SCHOOL_AGE:
        required += [
            ("education_level", _("utdanningsnivå")),
            ("education_years", _("antall år skolegang")),
        ]
    if age >= WORK_AGE:
        required.append(("work_years", _("år med arbeidserfaring")))
    required += [
        ("norwegian_level", _("norsknivå")),
        ("special_needs", _("særskilte behov (kryss av for «Ingen særskilte behov» om ingen)")),
        ("has_pets", _("kjæledyr")),
    ]
    missing = [label for key, label in required if _blank(data.get(key))]
    if data.get("family_in_norway") == YesNo.YES and not data.get("family_municipalities"):
        missing.append(_("kommuner der personen har familie"))
    if data.get("has_pets") == YesNo.YES and not data.get("pets"):
        missing.append(_("hvilke kjæledyr"))
    return missing


def special_need_labels(codes: list[str]) -> list[str]:
    return [str(SpecialNeed(code).label) for code in codes if code in SpecialNeed.values]
