"""IMDi's screens for API clients: the token is shown once, revoking ends it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bosetting.api.actions import create_client
from bosetting.api.models import ApiClient
from bosetting.api.scopes import Scope

from .conftest import TokenClient


def _create(browser, organisation, scopes, name="Fana-systemet"):
    return browser.post(
        reverse("api:client_create"),
        {"name": name, "organisation": organisation.pk, "scopes": scopes},
    )


def test_creating_a_client_shows_its_token_once(cast, client_for):
    browser = client_for(cast.imdi_admin)
    response = _create(browser, cast.centre.organisation, [Scope.CASES_READ])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client = ApiClient.objects.get()
    token = response.context["token"]
    assert token.startswith(f"bos_{client.token_prefix}_")
    assert token in response.content.decode()
    assert TokenClient(token).get("/api/v1/cases/").status_code == 200
    listing = browser.get(reverse("api:client_list")).content.decode()
    assert "Fana-systemet" in listing
    assert f"bos_{client.token_prefix}_" in listing
    assert token not in listing


def test_a_scope_the_organisation_cannot_have_is_shown_by_the_field(cast, client_for):
    response = _create(client_for(cast.imdi_admin), cast.centre.organisation, [Scope.FIGURES_READ])
    assert response.status_code == 200
    assert "scopes" in response.context["form"].errors
    assert not ApiClient.objects.exists()


def test_revoking_asks_first_and_then_ends_the_token(cast, client_for):
    browser = client_for(cast.imdi_admin)
    token = _create(browser, cast.centre.organisation, [Scope.CASES_READ]).context["token"]
    client = ApiClient.objects.get()
    confirm = browser.get(reverse("api:client_revoke", args=[client.pk]))
    assert "slutter å virke med en gang" in confirm.content.decode()
    assert TokenClient(token).get("/api/v1/cases/").status_code == 200
    response = browser.post(reverse("api:client_revoke", args=[client.pk]))
    assert response.status_code == 302
    assert TokenClient(token).get("/api/v1/cases/").status_code == 401
    again = browser.post(reverse("api:client_revoke", args=[client.pk]))
    assert "allerede tilbakekalt" in again.content.decode()


def test_client_list_queries_are_constant(cast, client_for, django_assert_num_queries):
    browser = client_for(cast.imdi_admin)
    for number in range(3):
        create_client(
            by=cast.imdi_admin, name=f"K{number}", organisation=cast.imdi, scopes=["cases:read"]
        )
    browser.get(reverse("api:client_list"))
    with CaptureQueriesContext(connection) as three:
        browser.get(reverse("api:client_list"))
    for number in range(17):
        create_client(
            by=cast.imdi_admin, name=f"L{number}", organisation=cast.imdi, scopes=["cases:read"]
        )
    with django_assert_num_queries(len(three.captured_queries)):
        browser.get(reverse("api:client_list"))
