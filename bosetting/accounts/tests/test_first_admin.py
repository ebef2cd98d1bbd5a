"""`create_first_admin EMAIL`: IMDi's first administrator on a new installation, through the same
invitation (password, then TOTP) as everyone else; refused once IMDi has an administrator."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from bosetting.accounts.models import User
from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.audit.models import AuditEvent, EventType
from bosetting.organisations.models import Organisation
from bosetting.organisations.tests.factories import MunicipalityFactory

NEW_PASSWORD = "et-langt-og-trygt-passord-2026"


def _create(email: str) -> str:
    out = StringIO()
    call_command("create_first_admin", email, "--fornavn", "Ingrid", stdout=out)
    return out.getvalue()


def test_on_an_empty_installation_it_prints_a_one_time_link_that_leads_to_totp(db):
    output = _create("Ingrid.Aas@IMDi.example")

    user = User.objects.get(email="ingrid.aas@imdi.example")
    assert user.role_set == {Role.IMDI_ADMIN}
    assert user.organisation.kind == Organisation.Kind.IMDI
    assert not user.has_usable_password()
    link = re.search(r"https?://\S+/brukere/invitasjon/(\S+)/", output)
    assert link is not None
    client = Client()
    page = client.get(f"/brukere/invitasjon/{link.group(1)}/")
    assert "Du er den første administratoren i IMDi" in page.content.decode()
    response = client.post(
        f"/brukere/invitasjon/{link.group(1)}/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert "2fa" in response["Location"] or "totp" in response["Location"]
    user.refresh_from_db()
    assert user.has_usable_password()
    # One-time: the link does not work again.
    assert Client().get(f"/brukere/invitasjon/{link.group(1)}/").status_code == 404
    assert (
        AuditEvent.objects.filter(
            event_type=EventType.USER_INVITED, details__first_admin=True
        ).count()
        == 1
    )


def test_refused_when_imdi_has_an_administrator(cast):
    with pytest.raises(CommandError, match="IMDi har allerede en administrator"):
        _create("ny.admin@imdi.example")
    assert not User.objects.filter(email="ny.admin@imdi.example").exists()


def test_refused_for_an_e_mail_already_in_use(db):
    existing = UserFactory(organisation=MunicipalityFactory().organisation)
    with pytest.raises(CommandError, match="finnes allerede en bruker"):
        _create(existing.email.upper())
    assert not User.objects.filter(roles__role=Role.IMDI_ADMIN).exists()


def test_the_first_administrator_can_bring_imdis_organisation_number(db):
    out = StringIO()
    call_command(
        "create_first_admin", "ola@imdi.no", "--organisasjonsnummer", "974 760 673", stdout=out
    )
    imdi = Organisation.objects.get(kind=Organisation.Kind.IMDI)
    assert imdi.organisation_number == "974760673"
