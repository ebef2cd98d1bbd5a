"""Checks of cases, persons and assessments, with the cases app's own rules and validators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bosetting.cases.assessment import EducationLevel, NorwegianLevel, SpecialNeed
from bosetting.cases.codes import COUNTRIES, LANGUAGES
from bosetting.cases.forms import AssessmentForm
from bosetting.cases.models import Category, Relation, Residence, Sex
from bosetting.cases.validators import (
    birth_date_from_national_id,
    validate_duf_number,
    validate_national_id,
)

from ..cells import Cells
from ..format import CASES, PERSONS
from ..reading import Problem, Row
from ..records import AssessmentRecord, CaseRecord, PersonRecord
from .context import Context, duplicates, unique_ids

# Sets made once: a choices class builds its list of values anew on every access.
RELATIONS = frozenset(Relation.values)
RESIDENCES = frozenset(Residence.values)
SEXES = frozenset(Sex.values)
CATEGORIES = frozenset(Category.values)
SPECIAL_NEEDS = frozenset(SpecialNeed.values)
EDUCATION_LEVELS = frozenset(EducationLevel.values)
NORWEGIAN_LEVELS = frozenset(NorwegianLevel.values)


def check_cases(rows: list[Row], context: Context, problems: list[Problem]) -> list[CaseRecord]:
    unique_ids(rows, problems)
    context.case_lines = {row.values["gammel_id"]: row.line for row in rows}
    records = []
    for row in rows:
        cells = Cells(row, problems)
        created = cells.date("opprettet_dato")
        cells.not_future("opprettet_dato", created, context.today)
        if created is not None:
            records.append(CaseRecord(legacy_id=row.values["gammel_id"], created_on=created))
    return records


def check_persons(
    rows: list[Row], case_ids: set[str] | None, context: Context, problems: list[Problem]
) -> list[PersonRecord]:
    unique_ids(rows, problems)
    records = []
    dufs, national_ids, heads = [], [], []
    for row in rows:
        cells = Cells(row, problems)
        case = cells.reference("sak", case_ids, CASES.filename)
        relation = cells.choice("relasjon", RELATIONS)
        if relation == Relation.HEAD:
            heads.append((row, case))
        duf = cells.text("duf_nummer", max_length=12)
        if duf:
            try:
                validate_duf_number(duf)
            except ValidationError as error:
                cells.problem("duf_nummer", error.messages[0])
                duf = ""
            else:
                if duf in context.in_new_cases:
                    cells.problem(
                        "duf_nummer",
                        _(
                            "Personen med dette DUF-nummeret er allerede i sak %(case)s, som er "
                            "registrert i det nye systemet. Importen flytter ikke personer ut av "
                            "saker den ikke selv har laget."
                        )
                        % {"case": context.in_new_cases[duf]},
                    )
        dufs.append((row, duf))
        birth_date = cells.date("fodselsdato")
        cells.not_future("fodselsdato", birth_date, context.today)
        national_id = cells.row.values["fodselsnummer"]
        if national_id:
            try:
                validate_national_id(national_id)
            except ValidationError as error:
                cells.problem("fodselsnummer", error.messages[0])
                national_id = ""
            else:
                if birth_date and birth_date_from_national_id(national_id) != birth_date:
                    cells.problem(
                        "fodselsdato",
                        _("Fødselsdatoen stemmer ikke med fødselsnummeret eller D-nummeret."),
                    )
                if context.national_ids.get(national_id, duf) != duf:
                    cells.problem(
                        "fodselsnummer",
                        _("En annen person i systemet har dette fødselsnummeret eller D-nummeret."),
                    )
        national_ids.append((row, national_id))
        residence = cells.choice("bor", RESIDENCES)
        centre_name = cells.row.values["mottak"]
        if residence == Residence.RECEPTION_CENTRE:
            if centre_name not in context.centres and not context.centres_unreadable:
                cells.problem(
                    "mottak",
                    _("Ukjent mottak «%(value)s»; det står verken i mottak.csv eller i systemet.")
                    % {"value": centre_name},
                )
        elif centre_name:
            cells.problem("mottak", _("Mottak fylles bare ut når personen bor i mottak."))
        record = PersonRecord(
            legacy_id=row.values["gammel_id"],
            case=case,
            relation=relation,
            duf_number=duf,
            national_id=national_id,
            given_names=cells.text("fornavn", max_length=100),
            family_name=cells.text("etternavn", max_length=100),
            birth_date=birth_date,  # type: ignore[arg-type]  # None only with a problem noted
            sex=cells.choice("kjonn", SEXES),
            citizenship=cells.choice("statsborgerskap", COUNTRIES),
            languages=cells.codes("sprak", LANGUAGES),
            interpreter_language=cells.choice("tolkesprak", LANGUAGES, required=False),
            category=cells.choice("kategori", CATEGORIES),
            residence=residence,
            reception_centre=centre_name if residence == Residence.RECEPTION_CENTRE else "",
            research_opt_out=cells.yes_no("reservert_forskning"),
        )
        records.append(record)
    duplicates(dufs, problems, "duf_nummer")
    duplicates(national_ids, problems, "fodselsnummer")
    duplicates(heads, problems, "relasjon")
    with_head = {case for _row, case in heads}
    for case in sorted((case_ids or set()) - with_head):
        problems.append(
            Problem(
                CASES.filename,
                context.case_lines.get(case, 0),
                "gammel_id",
                _("Saken «%(case)s» har ingen hovedperson (relasjon «head») i %(file)s.")
                % {"case": case, "file": PERSONS.filename},
            )
        )
    return records


def _form_range(name: str) -> tuple[int, int]:
    """The assessment form's own limits, so the import accepts what the screen accepts."""
    field: Any = AssessmentForm.base_fields[name]
    return field.min_value, field.max_value


def check_assessments(
    rows: list[Row], person_ids: set[str] | None, context: Context, problems: list[Problem]
) -> list[AssessmentRecord]:
    unique_ids(rows, problems)
    records = []
    school_min, school_max = _form_range("education_years")
    work_min, work_max = _form_range("work_years")
    for row in rows:
        cells = Cells(row, problems)
        person = cells.reference("person", person_ids, PERSONS.filename)
        saved_on = cells.date("lagret_dato")
        cells.not_future("lagret_dato", saved_on, context.today)
        family = cells.optional_yes_no("familie_i_norge")
        family_municipalities = cells.codes("familie_kommuner", context.municipalities)
        needs = cells.codes("saerskilte_behov", SPECIAL_NEEDS)
        if SpecialNeed.NONE in needs and len(needs) > 1:
            cells.problem(
                "saerskilte_behov",
                _("«Ingen særskilte behov» kan ikke velges sammen med et behov."),
            )
        has_pets = cells.optional_yes_no("kjaeledyr")
        data = {
            "family_in_norway": family,
            "family_municipalities": family_municipalities,
            "network_note": "",
            "education_level": cells.choice("utdanningsniva", EDUCATION_LEVELS, required=False),
            "education_field": "",
            "education_years": cells.integer(
                "skolear", required=False, minimum=school_min, maximum=school_max
            ),
            "work_years": cells.integer(
                "arbeidsaar", required=False, minimum=work_min, maximum=work_max
            ),
            "work_fields": "",
            "norwegian_level": cells.choice("norskniva", NORWEGIAN_LEVELS, required=False),
            "special_needs": needs,
            "wish_municipalities": [],
            "wish_counties": [],
            "wish_reasons": "",
            "has_pets": has_pets,
            "pets": cells.text("hvilke_kjaeledyr", required=False),
            "note": cells.text("merknad", required=False, max_length=5000),
        }
        consent = cells.yes_no("helse_samtykke")
        consent_date = cells.date("samtykke_dato", required=consent)
        cells.not_future("samtykke_dato", consent_date, context.today)
        taken_by = cells.text("samtykke_tatt_av", required=consent)
        details = cells.text("helseopplysninger", required=False, max_length=20_000)
        if details and not consent:
            cells.problem(
                "helseopplysninger",
                _("Helseopplysninger kan bare overføres når personen har samtykket."),
            )
        if not consent and (consent_date or taken_by):
            cells.problem("helse_samtykke", _("Samtykkedato og -tatt av krever samtykke «ja»."))
        if not person or saved_on is None:
            continue
        records.append(
            AssessmentRecord(
                legacy_id=row.values["gammel_id"],
                person=person,
                saved_on=saved_on,
                line=row.line,
                data=data,
                health_consent=consent,
                health_consent_date=consent_date if consent else None,
                health_consent_taken_by=taken_by if consent else "",
                health_details=details if consent else "",
            )
        )
    return records
