"""Checks of users, annual requests and the municipalities' decisions."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bosetting.accounts.roles import ROLES_BY_ORGANISATION_KIND, Role
from bosetting.organisations.models import Organisation

from ..cells import Cells
from ..format import DECISION_STATES, IMDI_NAMES, REQUESTS
from ..reading import Problem, Row
from ..records import DecisionRecord, RequestRecord, UserRecord
from .context import Context, duplicates, unique_ids


def check_users(
    rows: list[Row], context: Context, problems: list[Problem], notices: list[Problem]
) -> list[UserRecord]:
    unique_ids(rows, problems)
    records = []
    emails = []
    for row in rows:
        cells = Cells(row, problems)
        email = cells.email("epost")
        emails.append((row, email))
        organisation_id, kind, centre = _organisation(cells, context)
        roles = cells.codes("roller", Role.values)
        if not roles:
            cells.problem("roller", _("Brukeren må ha minst én rolle."))
        elif kind and not set(roles) <= {str(r) for r in ROLES_BY_ORGANISATION_KIND[kind]}:
            cells.problem("roller", _("Rollene passer ikke for organisasjonen."))
        existing = context.existing_users.get(email)
        # A centre this import makes (organisation None) is no one's organisation yet.
        if existing is not None and kind and existing.organisation_id != organisation_id:
            cells.problem(
                "organisasjon",
                _("Brukeren finnes allerede i en annen organisasjon; en import flytter ingen."),
            )
        if existing is not None and existing.has_password:
            roles = _roles_for_account_in_use(cells, roles, existing.roles, context, notices)
        record = UserRecord(
            legacy_id=row.values["gammel_id"],
            email=email,
            first_name=cells.text("fornavn", max_length=150),
            last_name=cells.text("etternavn", max_length=150),
            organisation_id=(organisation_id or 0) if not centre else 0,
            centre=centre,
            roles=sorted(set(roles)),
        )
        if email and kind:
            context.users[email] = kind
        records.append(record)
    duplicates(emails, problems, "epost")
    return records


def _roles_for_account_in_use(
    cells: Cells,
    roles: list[str],
    held: frozenset[str],
    context: Context,
    notices: list[Problem],
) -> list[str]:
    """The roles to give an account someone may be logged in to: new ones only when asked."""
    new_roles = sorted(set(roles) - held)
    if not new_roles:
        return roles
    names = ", ".join(new_roles)
    if context.add_roles:
        message = _(
            "Brukeren finnes og har passord; rollene %(roles)s legges til (--legg-til-roller)."
        )
    else:
        message = _(
            "Brukeren finnes og har passord; rollene %(roles)s legges ikke til uten "
            "--legg-til-roller."
        )
    notices.append(Problem(cells.row.file, cells.row.line, "roller", message % {"roles": names}))
    return roles if context.add_roles else [role for role in roles if role in held]


def _organisation(cells: Cells, context: Context) -> tuple[int | None, str, str]:
    """The organisation's id, its kind and, for a reception centre, its name (the id is None
    for a centre mottak.csv makes). (None, "", "") with a problem noted."""
    value = cells.row.values["organisasjon"]
    if value.lower() in IMDI_NAMES:
        if context.imdi_organisation_id is None:
            cells.problem("organisasjon", _("IMDi finnes ikke i systemet ennå."))
            return None, "", ""
        return context.imdi_organisation_id, Organisation.Kind.IMDI, ""
    if value.isdigit():
        municipality = context.municipalities.get(value)
        if municipality is None:
            cells.problem("organisasjon", _("Ukjent kommunenummer «%(value)s».") % {"value": value})
            return None, "", ""
        return municipality[1], Organisation.Kind.MUNICIPALITY, ""
    if value in context.centres:
        return context.centres[value][1], Organisation.Kind.RECEPTION_CENTRE, value
    if not context.centres_unreadable:
        cells.problem(
            "organisasjon",
            _(
                "«%(value)s» er verken IMDi, et kommunenummer eller et mottak i mottak.csv eller i systemet."
            )
            % {"value": value},
        )
    return None, "", ""


def check_requests(
    rows: list[Row], context: Context, problems: list[Problem]
) -> list[RequestRecord]:
    unique_ids(rows, problems)
    records = []
    keys = []
    for row in rows:
        cells = Cells(row, problems)
        year = cells.integer("aar", minimum=2000, maximum=context.today.year + 1)
        municipality_id = context.municipality(cells, "kommunenummer")
        places = cells.integer("antall")
        minors = cells.integer("herav_enslige_mindreaarige")
        if places is not None and minors is not None and minors > places:
            cells.problem(
                "herav_enslige_mindreaarige",
                _("Enslige mindreårige kan ikke være flere enn antallet i anmodningen."),
            )
        planning = cells.integer("planleggingstall_neste_aar", required=False)
        deadline = cells.date("svarfrist")
        sent_on = cells.date("sendt_dato")
        cells.not_future("sendt_dato", sent_on, context.today)
        sent_by = context.user(cells, "sendt_av", kind=Organisation.Kind.IMDI)
        keys.append((row, f"{year} {row.values['kommunenummer']}"))
        if None in (year, municipality_id, places, minors, deadline, sent_on) or not sent_by:
            continue
        assert year is not None and municipality_id is not None and places is not None
        assert minors is not None and deadline is not None and sent_on is not None
        records.append(
            RequestRecord(
                legacy_id=row.values["gammel_id"],
                year=year,
                municipality_id=municipality_id,
                places=places,
                unaccompanied_minors=minors,
                planning_number_next_year=planning,
                deadline=deadline,
                sent_on=sent_on,
                sent_by=sent_by,
            )
        )
    duplicates(keys, problems, "aar")
    return records


def check_decisions(
    rows: list[Row], request_ids: set[str] | None, context: Context, problems: list[Problem]
) -> list[DecisionRecord]:
    unique_ids(rows, problems)
    records = []
    requests = []
    for row in rows:
        cells = Cells(row, problems)
        request = cells.reference("anmodning", request_ids, REQUESTS.filename)
        requests.append((row, request))
        places = cells.integer("antall")
        takes_minors = cells.yes_no("tar_enslige_mindreaarige")
        minors = cells.integer("herav_enslige_mindreaarige")
        if minors and not takes_minors:
            cells.problem(
                "herav_enslige_mindreaarige",
                _("Kommunen tar ikke imot enslige mindreårige, men antallet er ikke 0."),
            )
        if places is not None and minors is not None and minors > places:
            cells.problem(
                "herav_enslige_mindreaarige",
                _("Enslige mindreårige kan ikke være flere enn antallet i vedtaket."),
            )
        council = cells.date("kommunestyrets_vedtaksdato")
        cells.not_future("kommunestyrets_vedtaksdato", council, context.today)
        state = cells.mapped("status", DECISION_STATES)
        registered_by = context.user(cells, "registrert_av", kind=Organisation.Kind.MUNICIPALITY)
        if not request or None in (places, minors, council, state) or not registered_by:
            continue
        assert places is not None and minors is not None and council is not None
        assert state is not None
        records.append(
            DecisionRecord(
                legacy_id=row.values["gammel_id"],
                request=request,
                places=places,
                takes_unaccompanied_minors=takes_minors,
                unaccompanied_minors=minors,
                council_decided_on=council,
                state=state,
                registered_by=registered_by,
            )
        )
    # The new system keeps one current decision per request: the old one's replaced decisions
    # are not part of the transfer.
    duplicates(requests, problems, "anmodning")
    return records
