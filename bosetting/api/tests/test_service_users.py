"""A client's service user acts through the permission rules, but is no one's colleague."""

from __future__ import annotations

from bosetting.accounts.queries import (
    imdi_caseworkers,
    municipal_admins,
    municipal_caseworkers,
    users_visible_to,
)
from bosetting.api.actions import create_client


def test_service_users_are_not_notified_counted_or_listed_as_colleagues(cast):
    bergen_client, _token = create_client(
        by=cast.imdi_admin,
        name="Bergens fagsystem",
        organisation=cast.bergen.organisation,
        scopes=["cases:read"],
    )
    imdi_client, _token = create_client(
        by=cast.imdi_admin, name="IMDis analyse", organisation=cast.imdi, scopes=["cases:read"]
    )
    bergen_service = bergen_client.service_user
    imdi_service = imdi_client.service_user

    assert municipal_caseworkers([cast.bergen.pk])[cast.bergen.pk] == [cast.bergen_caseworker]
    assert imdi_service not in imdi_caseworkers()
    assert cast.imdi_caseworker in imdi_caseworkers()
    assert bergen_service not in municipal_admins(cast.bergen.pk)
    assert bergen_service not in users_visible_to(cast.bergen_admin)
    assert imdi_service not in users_visible_to(cast.imdi_admin)
    assert cast.bergen_caseworker in users_visible_to(cast.bergen_admin)
