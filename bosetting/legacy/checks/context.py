"""What the checks look up in the database: municipalities, centres, users and persons already here."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.models import User
from bosetting.cases.models import Person
from bosetting.organisations.models import Municipality, Organisation, ReceptionCentre

from ..cells import Cells
from ..format import CASES
from ..models import LegacyReference
from ..reading import Problem, Row


@dataclass
class Context:
    today: datetime.date
    imdi_organisation_id: int | None
    municipalities: dict[str, tuple[int, int]]  # number -> (id, organisation id)
    centres: dict[str, tuple[int, int]]  # name -> (id, organisation id)
    # Who may be named as the one who sent, registered or decided: users of the set and the
    # users already here, by lower-case e-mail, with their organisation kind.
    users: dict[str, str]
    existing_users: dict[str, int]  # e-mail -> organisation id
    national_ids: dict[str, str]  # national id -> DUF number, of the persons already here
    # DUF number -> case reference, of persons already here in a case the new system made: an
    # import must not move them into one of its own.
    in_new_cases: dict[str, str] = field(default_factory=dict)
    case_lines: dict[str, int] = field(default_factory=dict)  # case id -> line in saker.csv
    users_unreadable: bool = False  # brukere.csv could not be read: user references go unchecked

    @classmethod
    def load(cls) -> Context:
        kinds = dict(Organisation.objects.values_list("id", "kind"))
        existing = {
            email.lower(): organisation_id or 0
            for email, organisation_id in User.objects.values_list("email", "organisation_id")
        }
        return cls(
            today=timezone.localdate(),
            imdi_organisation_id=Organisation.objects.filter(kind=Organisation.Kind.IMDI)
            .values_list("id", flat=True)
            .first(),
            municipalities={
                number: (pk, org)
                for number, pk, org in Municipality.objects.values_list(
                    "number", "id", "organisation_id"
                )
            },
            centres={
                name: (pk, org)
                for name, pk, org in ReceptionCentre.objects.values_list(
                    "name", "id", "organisation_id"
                )
            },
            users={email: kinds.get(org, "") for email, org in existing.items()},
            existing_users=existing,
            national_ids=dict(
                Person.objects.exclude(national_id="").values_list("national_id", "duf_number")
            ),
            in_new_cases={
                duf: f"{case_id:06d}"
                for duf, case_id in Person.objects.exclude(case__isnull=True)
                .exclude(
                    case_id__in=LegacyReference.objects.filter(entity=CASES.entity).values(
                        "object_id"
                    )
                )
                .values_list("duf_number", "case_id")
            },
        )

    def municipality(self, cells: Cells, column: str) -> int | None:
        number = cells.row.values[column]
        if number not in self.municipalities:
            cells.problem(column, _("Ukjent kommunenummer «%(value)s».") % {"value": number})
            return None
        return self.municipalities[number][0]

    def user(
        self, cells: Cells, column: str, *, kind: str | None = None, required: bool = True
    ) -> str:
        email = cells.email(column, required=required)
        if not email:
            return ""
        if email not in self.users:
            if self.users_unreadable:
                return email
            cells.problem(
                column,
                _("Finner ingen bruker med e-post «%(value)s» i brukere.csv eller i systemet.")
                % {"value": email},
            )
            return ""
        if kind is not None and self.users[email] != kind:
            cells.problem(
                column,
                _("Brukeren «%(value)s» hører ikke til riktig organisasjon for dette feltet.")
                % {"value": email},
            )
            return ""
        return email


def unique_ids(rows: Iterable[Row], problems: list[Problem], column: str = "gammel_id") -> set[str]:
    """The file's ids; each one seen again is a problem on the line it is repeated."""
    rows = list(rows)
    seen: set[str] = set()
    for row in rows:
        value = row.values[column]
        if not value:
            problems.append(Problem(row.file, row.line, column, _("Feltet må fylles ut.")))
        elif value in seen:
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    column,
                    _("«%(value)s» står flere ganger i filen.") % {"value": value},
                )
            )
        seen.add(value)
    return seen


def duplicates(values: Iterable[tuple[Row, str]], problems: list[Problem], column: str) -> None:
    """A natural key (DUF number, e-mail, year and municipality) repeated within a file."""
    values = [(row, value) for row, value in values if value]
    counts = Counter(value for _row, value in values)
    first: set[str] = set()
    for row, value in values:
        if counts[value] > 1:
            if value in first:
                problems.append(
                    Problem(
                        row.file,
                        row.line,
                        column,
                        _("«%(value)s» står flere ganger i filen.") % {"value": value},
                    )
                )
            first.add(value)
