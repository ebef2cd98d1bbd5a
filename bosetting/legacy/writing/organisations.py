"""Writing the organisations' numbers, the reception centres and the users, in that order: users
belong to centres, and a centre is made with its organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.db.models.functions import Lower

from bosetting.accounts.models import User, UserRole
from bosetting.organisations.models import Organisation, ReceptionCentre

from .. import format as f
from ..models import LegacyReference
from ..syncing import Counts, Item

if TYPE_CHECKING:
    from .writer import Writer


def write_organisation_numbers(writer: Writer) -> None:
    """IMDi's and the municipalities' numbers. Nothing is made: both exist before any import."""
    records = writer.data.organisation_numbers
    organisations = Organisation.objects.in_bulk([record.organisation_id for record in records])
    changed = []
    for record in records:
        organisation = organisations[record.organisation_id]
        if organisation.organisation_number != record.organisation_number:
            organisation.organisation_number = record.organisation_number
            changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["organisation_number"])
    writer.counts[f.ORGANISATIONS.entity] = Counts(
        changed=len(changed), unchanged=len(records) - len(changed)
    )


def write_centres(writer: Writer) -> None:
    """The centres of mottak.csv, each with its own organisation, then `writer.centres`: every
    centre by name, as persons and users name them."""
    records = writer.data.centres
    # Found as sync() finds them, by the reference of an earlier run or else by name; the few
    # that are new need their organisation before sync() makes them.
    by_pk = ReceptionCentre.objects.in_bulk()
    by_name = {centre.name: centre.pk for centre in by_pk.values()}
    references = dict(
        LegacyReference.objects.filter(entity=f.CENTRES.entity).values_list(
            "legacy_id", "object_id"
        )
    )
    natural = {r.legacy_id: by_name[r.name] for r in records if r.name in by_name}
    new = [
        record
        for record in records
        if references.get(record.legacy_id) not in by_pk and record.legacy_id not in natural
    ]
    # A new centre's organisation is made first; its name and number follow the centre's.
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                kind=Organisation.Kind.RECEPTION_CENTRE,
                name=record.name,
                organisation_number=record.organisation_number or None,
            )
            for record in new
        ]
    )
    made = {record.legacy_id: org.pk for record, org in zip(new, organisations, strict=True)}
    items = [
        Item(
            record.legacy_id,
            {"name": record.name, "kind": record.kind, "municipality_id": record.municipality_id},
            {"organisation_id": made.get(record.legacy_id)},
        )
        for record in records
    ]
    pks = writer.sync(f.CENTRES, ReceptionCentre, items, natural)
    _follow_centres(writer, pks)
    writer.centres = {
        name: (pk, organisation_id)
        for name, pk, organisation_id in ReceptionCentre.objects.values_list(
            "name", "id", "organisation_id"
        )
    }


def _follow_centres(writer: Writer, pks: dict[str, int]) -> None:
    """A centre's organisation carries its name, and the number mottak.csv gives (an empty one
    keeps the number given here). A change there is a change of the centre's row."""
    numbers = {pks[r.legacy_id]: r.organisation_number for r in writer.data.centres}
    changed = []
    changed_ids = set()
    for centre in ReceptionCentre.objects.select_related("organisation").filter(pk__in=numbers):
        organisation = centre.organisation
        number = numbers[centre.pk] or organisation.organisation_number
        if (organisation.name, organisation.organisation_number) != (centre.name, number):
            organisation.name = centre.name
            organisation.organisation_number = number
            changed.append(organisation)
            changed_ids.add(centre.pk)
    Organisation.objects.bulk_update(changed, ["name", "organisation_number"])
    writer.count_also_changed(
        f.CENTRES, {legacy_id for legacy_id, pk in pks.items() if pk in changed_ids}
    )


def write_users(writer: Writer) -> None:
    records = writer.data.users
    # The e-mail is compared without regard to case, as the checks do: an account made here
    # as «Ola.Hansen@…» is the one the file names «ola.hansen@…», not a second one.
    by_email = {
        email_key: pk
        for email_key, pk in User.objects.annotate(email_key=Lower("email"))
        .filter(email_key__in=[record.email for record in records])
        .values_list("email_key", "id")
    }
    items = [
        Item(
            record.legacy_id,
            {
                "first_name": record.first_name,
                "last_name": record.last_name,
                "organisation_id": writer.centres[record.centre][1]
                if record.centre
                else record.organisation_id,
            },
            # No password and no second factor: users set both through "Glemt passord"
            # or an invitation (docs/import-format.md).
            {
                "username": record.email,
                "email": record.email,
                "password": make_password(None),
                "date_joined": writer.now,
            },
        )
        for record in records
    ]
    natural = {
        record.legacy_id: by_email[record.email] for record in records if record.email in by_email
    }
    pks = writer.sync(f.USERS, User, items, natural)
    # Roles are only added: a role given here since must not be taken away by a re-run. Which
    # roles an account with a password may gain is decided by the checks (--legg-til-roller).
    have = {
        (user_id, role)
        for user_id, role in UserRole.objects.filter(user_id__in=pks.values()).values_list(
            "user_id", "role"
        )
    }
    missing = []
    gained: set[str] = set()
    for record in records:
        for role in record.roles:
            if (pks[record.legacy_id], role) not in have:
                missing.append(UserRole(user_id=pks[record.legacy_id], role=role))
                gained.add(record.legacy_id)
    UserRole.objects.bulk_create(missing)
    writer.count_also_changed(f.USERS, gained)
    writer.users = {email.lower(): pk for email, pk in User.objects.values_list("email", "id")}
