"""The standing cast every test can use: IMDi, Bergen, Oslo, Stord and a reception centre, with users.

Bergen and Oslo have signed the current data processing agreement; Stord has not.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from allauth.account.internal.flows.login import record_authentication
from django.core.cache import cache
from django.test import Client

from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.accounts.tests.oidc_provider import ansattporten, oidc_provider
from bosetting.organisations.models import Organisation
from bosetting.organisations.tests.factories import (
    AgreementSignatureFactory,
    CountyFactory,
    DataProcessingAgreementFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ReceptionCentreFactory,
)

# The test OpenID provider (Ansattporten's stand-in), one per test session for every app's tests.
__all__ = ["ansattporten", "oidc_provider"]


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    # Rate limits and used TOTP codes live in the cache; tests must not see each other's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db: Any) -> SimpleNamespace:
    imdi = OrganisationFactory(kind=Organisation.Kind.IMDI, name="IMDi")
    vestland = CountyFactory(number="46", name="Vestland")
    oslo_county = CountyFactory(number="03", name="Oslo")
    bergen = MunicipalityFactory(number="4601", name="Bergen", county=vestland)
    oslo = MunicipalityFactory(number="0301", name="Oslo", county=oslo_county)
    stord = MunicipalityFactory(number="4614", name="Stord", county=vestland)
    centre = ReceptionCentreFactory(name="Fana mottak", municipality=bergen)

    def user(username: str, organisation: Organisation, role: Role) -> Any:
        return UserFactory(username=username, organisation=organisation, roles=[role])

    imdi_admin = user("imdi.admin", imdi, Role.IMDI_ADMIN)
    agreement = DataProcessingAgreementFactory(published_by=imdi_admin)
    for municipality in (bergen, oslo):
        AgreementSignatureFactory(agreement=agreement, municipality=municipality)
    return SimpleNamespace(
        imdi=imdi,
        vestland=vestland,
        bergen=bergen,
        oslo=oslo,
        stord=stord,
        centre=centre,
        agreement=agreement,
        imdi_admin=imdi_admin,
        imdi_caseworker=user("imdi.saksbehandler", imdi, Role.IMDI_CASEWORKER),
        imdi_reader=user("imdi.leser", imdi, Role.IMDI_READER),
        bergen_admin=user("bergen.admin", bergen.organisation, Role.MUNICIPAL_ADMIN),
        bergen_caseworker=user(
            "bergen.saksbehandler", bergen.organisation, Role.MUNICIPAL_CASEWORKER
        ),
        bergen_reader=user("bergen.leser", bergen.organisation, Role.MUNICIPAL_READER),
        oslo_admin=user("oslo.admin", oslo.organisation, Role.MUNICIPAL_ADMIN),
        oslo_caseworker=user("oslo.saksbehandler", oslo.organisation, Role.MUNICIPAL_CASEWORKER),
        stord_admin=user("stord.admin", stord.organisation, Role.MUNICIPAL_ADMIN),
        stord_caseworker=user("stord.saksbehandler", stord.organisation, Role.MUNICIPAL_CASEWORKER),
        reception_staff=user("mottak.ansatt", centre.organisation, Role.RECEPTION_STAFF),
    )


def log_in(client: Client, user: Any) -> Client:
    """Log in as if password and TOTP were both given (the login flow itself is tested elsewhere)."""
    client.force_login(user)
    request = SimpleNamespace(session=client.session)
    record_authentication(request, user, method="password", username=user.username)  # type: ignore[arg-type]
    record_authentication(request, user, method="mfa", type="totp")  # type: ignore[arg-type]
    request.session.save()
    return client


@pytest.fixture
def client_for(db: Any) -> Any:
    """client_for(user) -> a test client logged in with both factors as that user."""

    def make(user: Any) -> Client:
        return log_in(Client(), user)

    return make
