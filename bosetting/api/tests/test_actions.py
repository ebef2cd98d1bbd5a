import pytest

from bosetting.accounts.roles import Role
from bosetting.api.actions import (
    ApiClientError,
    create_client,
    hash_token,
    revoke_client,
    split_token,
)
from bosetting.api.scopes import Scope
from bosetting.audit.models import AuditEvent, EventType


def test_create_client_keeps_only_the_hash_of_the_token(cast):
    client, token = create_client(
        by=cast.imdi_admin,
        name="Fana mottak – beboersystem",
        organisation=cast.centre.organisation,
        scopes=[Scope.CASES_READ, Scope.SETTLEMENT_WRITE],
    )
    assert token.startswith(f"bos_{client.token_prefix}_")
    assert len(token) > 40
    assert client.token_hash == hash_token(token)
    assert token not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_service_user_belongs_to_the_organisation_with_roles_from_the_scopes(cast):
    client, _token = create_client(
        by=cast.imdi_admin,
        name="Beboersystem",
        organisation=cast.centre.organisation,
        scopes=[Scope.CASES_READ, Scope.SETTLEMENT_WRITE],
    )
    user = client.service_user
    assert user.organisation == cast.centre.organisation
    assert user.role_set == {Role.RECEPTION_STAFF}
    assert not user.has_usable_password()
    assert user.get_full_name() == "API-klient: Beboersystem"


def test_municipal_client_gets_reader_role_for_figures(cast):
    client, _token = create_client(
        by=cast.imdi_admin,
        name="Bergen styringsdata",
        organisation=cast.bergen.organisation,
        scopes=[Scope.FIGURES_READ],
    )
    assert client.service_user.role_set == {Role.MUNICIPAL_READER}


def test_reception_centre_cannot_be_given_figures(cast):
    with pytest.raises(ApiClientError) as refused:
        create_client(
            by=cast.imdi_admin,
            name="Tall",
            organisation=cast.centre.organisation,
            scopes=[Scope.FIGURES_READ],
        )
    assert refused.value.field == "scopes"


def test_only_imdi_admin_creates_clients(cast):
    with pytest.raises(ApiClientError):
        create_client(
            by=cast.imdi_caseworker,
            name="Uten lov",
            organisation=cast.imdi,
            scopes=[Scope.CASES_READ],
        )


def test_create_and_revoke_are_audit_events(cast):
    client, _token = create_client(
        by=cast.imdi_admin,
        name="Beboersystem",
        organisation=cast.centre.organisation,
        scopes=[Scope.CASES_READ],
    )
    revoke_client(by=cast.imdi_admin, client=client)
    client.refresh_from_db()
    assert client.revoked_at is not None
    assert not client.service_user.is_active
    events = AuditEvent.objects.filter(object_id=str(client.pk), object_type="api.apiclient")
    assert list(events.order_by("id").values_list("event_type", flat=True)) == [
        EventType.API_CLIENT_CREATED,
        EventType.API_CLIENT_REVOKED,
    ]


def test_revoking_twice_is_refused(cast):
    client, _token = create_client(
        by=cast.imdi_admin, name="X", organisation=cast.imdi, scopes=[Scope.FIGURES_READ]
    )
    revoke_client(by=cast.imdi_admin, client=client)
    with pytest.raises(ApiClientError):
        revoke_client(by=cast.imdi_admin, client=client)


def test_token_secret_may_itself_contain_underscores():
    assert split_token("bos_1a2b3c4d_ab_c-d_e") == "1a2b3c4d"
    assert split_token("bos_1a2b3c4d") is None
    assert split_token("xyz_1a2b3c4d_secret") is None
