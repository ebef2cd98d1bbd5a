"""API clients for the standing cast, and a test client that sends their token."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.test import Client

from bosetting.api.actions import create_client
from bosetting.api.models import ApiClient
from bosetting.organisations.models import Organisation


class TokenClient(Client):
    """A test client that sends `Authorization: Bearer <token>` with every request."""

    def __init__(self, token: str, **defaults: Any) -> None:
        super().__init__(HTTP_AUTHORIZATION=f"Bearer {token}", **defaults)
        self.token = token


@pytest.fixture
def make_api_client(cast: Any) -> Callable[..., tuple[ApiClient, TokenClient]]:
    def make(
        organisation: Organisation, scopes: Iterable[str], name: str = "Fagsystem"
    ) -> tuple[ApiClient, TokenClient]:
        client, token = create_client(
            by=cast.imdi_admin, name=name, organisation=organisation, scopes=scopes
        )
        return client, TokenClient(token)

    return make
