"""Checks of the organisations' numbers (organisasjoner.csv) and the reception centres (mottak.csv).

IMDi and the municipalities are here before any import (load_municipalities); the centres may be
made by it. An organisation number is unique in the system, so one is checked against both
files and against every organisation already here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bosetting.organisations.models import ReceptionCentre
from bosetting.organisations.validators import validate_organisation_number

from ..cells import Cells
from ..format import IMDI_NAMES
from ..reading import Problem, Row
from ..records import CentreRecord, OrganisationNumberRecord
from .context import Context, duplicates, unique_ids

CENTRE_KINDS = frozenset(ReceptionCentre.Kind.values)


@dataclass(frozen=True)
class NumberClaim:
    """A row that gives an organisation a number; `organisation_id` None for a centre to be made."""

    row: Row
    number: str
    organisation_id: int | None


def organisation_number(cells: Cells, column: str, *, required: bool) -> str:
    value = cells.text(column, required=required, max_length=9)
    if not value:
        return ""
    try:
        validate_organisation_number(value)
    except ValidationError as error:
        cells.problem(column, error.messages[0])
        return ""
    return value


def check_organisation_numbers(
    rows: list[Row], context: Context, problems: list[Problem], claims: list[NumberClaim]
) -> list[OrganisationNumberRecord]:
    records = []
    organisations = []
    for row in rows:
        cells = Cells(row, problems)
        organisation_id = _imdi_or_municipality(cells, context)
        if organisation_id is not None:
            organisations.append((row, row.values["organisasjon"].lower()))
        number = organisation_number(cells, "organisasjonsnummer", required=True)
        if organisation_id is None or not number:
            continue
        claims.append(NumberClaim(row, number, organisation_id))
        records.append(OrganisationNumberRecord(organisation_id, number))
    duplicates(organisations, problems, "organisasjon")
    return records


def _imdi_or_municipality(cells: Cells, context: Context) -> int | None:
    value = cells.row.values["organisasjon"]
    if value.lower() in IMDI_NAMES:
        if context.imdi_organisation_id is None:
            cells.problem("organisasjon", _("IMDi finnes ikke i systemet ennå."))
        return context.imdi_organisation_id
    if value in context.municipalities:
        return context.municipalities[value][1]
    if value in context.centres:
        cells.problem(
            "organisasjon",
            _("Mottakenes organisasjonsnummer står i mottak.csv, ikke her."),
        )
    else:
        cells.problem(
            "organisasjon",
            _("«%(value)s» er verken IMDi eller et kommunenummer.") % {"value": value},
        )
    return None


def check_centres(
    rows: list[Row], context: Context, problems: list[Problem], claims: list[NumberClaim]
) -> list[CentreRecord]:
    unique_ids(rows, problems)
    here = {pk: (name, organisation) for name, (pk, organisation) in context.centres.items()}
    records = []
    names: list[tuple[Row, str]] = []
    targets: list[tuple[Row, int]] = []
    renamed: set[str] = set()
    found: dict[str, tuple[int | None, int | None]] = {}
    for row in rows:
        cells = Cells(row, problems)
        name = cells.text("navn", max_length=200)
        kind = cells.choice("type", CENTRE_KINDS)
        municipality_id = context.municipality(cells, "kommunenummer")
        number = organisation_number(cells, "organisasjonsnummer", required=False)
        names.append((row, name))
        # The centre this row is: the one an earlier run made of it, else the one of that name.
        centre_id = context.centre_references.get(row.values["gammel_id"])
        if centre_id not in here:
            centre_id = context.centres.get(name, (None, None))[0]
        elif name and name != here[centre_id][0]:
            owner = context.centres.get(name, (None, None))[0]
            if owner is not None and owner != centre_id:
                cells.problem(
                    "navn",
                    _("Et annet mottak i systemet heter allerede «%(value)s».") % {"value": name},
                )
            renamed.add(here[centre_id][0])
        if centre_id is not None:
            targets.append((row, centre_id))
        organisation_id = here[centre_id][1] if centre_id is not None else None
        if name:
            found[name] = (centre_id, organisation_id)
        if number:
            claims.append(NumberClaim(row, number, organisation_id))
        if not name or not kind or municipality_id is None:
            continue
        records.append(
            CentreRecord(
                legacy_id=row.values["gammel_id"],
                name=name,
                kind=kind,
                municipality_id=municipality_id,
                organisation_number=number,
            )
        )
    duplicates(names, problems, "navn")
    _one_row_per_centre(targets, problems)
    # Users and persons name a centre as the import leaves it: a renamed one by its new name.
    for old_name in renamed - set(found):
        del context.centres[old_name]
    context.centres.update(found)
    return records


def _one_row_per_centre(targets: list[tuple[Row, int]], problems: list[Problem]) -> None:
    """Two rows that are the same centre here: one found by its old id, one by the name the
    centre has had until now."""
    first: dict[int, Row] = {}
    for row, centre_id in targets:
        earlier = first.setdefault(centre_id, row)
        if earlier is not row:
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    "navn",
                    _("Mottaket står allerede på linje %(line)s (gammel_id «%(id)s»).")
                    % {"line": earlier.line, "id": earlier.values["gammel_id"]},
                )
            )


def check_number_claims(
    claims: list[NumberClaim], context: Context, problems: list[Problem]
) -> None:
    """Each number once across both files, and not held here by another organisation."""
    first: dict[str, NumberClaim] = {}
    for claim in claims:
        column = "organisasjonsnummer"
        earlier = first.setdefault(claim.number, claim)
        if earlier is not claim:
            problems.append(
                Problem(
                    claim.row.file,
                    claim.row.line,
                    column,
                    _("Organisasjonsnummeret %(number)s står også i %(file)s:%(line)s.")
                    % {"number": claim.number, "file": earlier.row.file, "line": earlier.row.line},
                )
            )
            continue
        holder = context.organisation_numbers.get(claim.number)
        if holder is not None and holder != claim.organisation_id:
            problems.append(
                Problem(
                    claim.row.file,
                    claim.row.line,
                    column,
                    _("Organisasjonsnummeret %(number)s tilhører allerede %(name)s i systemet.")
                    % {"number": claim.number, "name": context.organisation_names[holder]},
                )
            )
