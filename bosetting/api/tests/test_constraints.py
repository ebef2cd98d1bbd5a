"""The database refuses an API client revoked by someone at no time."""

import pytest
from django.db import IntegrityError, transaction

from bosetting.api.actions import create_client
from bosetting.api.models import ApiClient
from bosetting.api.scopes import Scope

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_revoker_without_the_time_of_the_revocation(cast):
    client, _token = create_client(
        by=cast.imdi_admin,
        name="Beboersystem",
        organisation=cast.centre.organisation,
        scopes=[Scope.CASES_READ],
    )
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        ApiClient.objects.filter(pk=client.pk).update(revoked_by=cast.imdi_admin)
    assert "api_client_revoked_by_only_with_revoked_at" in str(error.value)
