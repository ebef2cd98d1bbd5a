"""What the checks look up in the database: municipalities, centres, users and persons already here."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import is_password_usable
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.models import User, UserRole
from bosetting.cases.models import Person
from bosetting.organisations.models import Municipality, Organisation, ReceptionCentre

from ..cells import Cells
from ..format import CASES, CENTRES
from ..models import LegacyReference
from ..reading import Problem, Row


@dataclass(frozen=True)
class ExistingUser:
    organisation_id: int
    # A usable password: someone may be using the account, and a role given to it is power given
    # to them, so the import adds none without --legg-til-roller.
    has_password: bool
    roles: frozenset[str]


@dataclass
class Context:
    today: datetime.date
    imdi_organisation_id: int | None
    municipalities: dict[str, tuple[int, int]]  # number -> (id, organisation id)
    # Reception centres by name -> (id, organisation id): those here, then as mottak.csv leaves
    # them (its new centres as (None, None) until written; a renamed one under its new name).
    centres: dict[str, tuple[int | None, int | None]]
    centre_references: dict[str, int]  # mottak.csv's gammel_id -> centre id, of earlier runs
    organisation_numbers: dict[str, int]  # organisation number -> organisation id, here
    organisation_names: dict[int, str]  # organisation id -> name, for the messages
    # Who may be named as the one who sent, registered or decided: users of the set and the
    # users already here, by lower-case e-mail, with their organisation kind.
    users: dict[str, str]
    existing_users: dict[str, ExistingUser]  # by lower-case e-mail
    national_ids: dict[str, str]  # national id -> DUF number, of the persons already here
    # DUF number -> case reference, of persons already here in a case the new system made: an
    # import must not move them into one of its own.
    in_new_cases: dict[str, str] = field(default_factory=dict)
    case_lines: dict[str, int] = field(default_factory=dict)  # case id -> line in saker.csv
    users_unreadable: bool = False  # brukere.csv could not be read: user references go unchecked
    centres_unreadable: bool = False  # mottak.csv could not be read: centre names go unchecked
    add_roles: bool = False  # --legg-til-roller: roles are added to accounts with a password too

    @classmethod
    def load(cls) -> Context:
        organisations = {
            pk: (kind, name, number)
            for pk, kind, name, number in Organisation.objects.values_list(
                "id", "kind", "name", "organisation_number"
            )
        }
        roles: dict[int, set[str]] = {}
        for user_id, role in UserRole.objects.values_list("user_id", "role"):
            roles.setdefault(user_id, set()).add(role)
        existing = {
            email.lower(): ExistingUser(
                organisation_id=organisation_id or 0,
                has_password=is_password_usable(password),
                roles=frozenset(roles.get(pk, ())),
            )
            for pk, email, organisation_id, password in User.objects.values_list(
                "id", "email", "organisation_id", "password"
            )
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
            centre_references=dict(
                LegacyReference.objects.filter(entity=CENTRES.entity).values_list(
                    "legacy_id", "object_id"
                )
            ),
            organisation_numbers={
                number: pk for pk, (_kind, _name, number) in organisations.items() if number
            },
            organisation_names={pk: name for pk, (_kind, name, _number) in organisations.items()},
            users={
                email: organisations[user.organisation_id][0]
                if user.organisation_id in organisations
                else ""
                for email, user in existing.items()
            },
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
        if column in row.refused:
            continue
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
