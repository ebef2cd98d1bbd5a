import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.organisations.agreements import AgreementStatus
from bosetting.organisations.tests.factories import (
    AgreementSignatureFactory,
    MunicipalityFactory,
)

LIST_URL = reverse("organisations:municipality_list")
MUNICIPAL_AND_RECEPTION_USERS = [
    "bergen_admin",
    "bergen_caseworker",
    "bergen_reader",
    "stord_caseworker",
    "reception_staff",
]


def _detail_url(number: str) -> str:
    return reverse("organisations:municipality_detail", kwargs={"number": number})


@pytest.mark.parametrize("who", ["imdi_admin", "imdi_caseworker", "imdi_reader"])
def test_imdi_sees_every_municipality_with_its_status(cast, client_for, who):
    response = client_for(getattr(cast, who)).get(LIST_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "Kommuner og avtaler" in page
    assert [m.name for m in response.context["municipalities"]] == ["Oslo", "Bergen", "Stord"]
    assert "Signert gjeldende versjon" in page
    assert "Ikke signert" in page
    assert 'data-color="danger">Ikke signert</span>' in page


@pytest.mark.parametrize("who", MUNICIPAL_AND_RECEPTION_USERS)
def test_municipality_list_is_closed_to_everyone_outside_imdi(cast, client_for, who):
    response = client_for(getattr(cast, who)).get(LIST_URL)

    assert response.status_code == 403


def test_county_filter_shows_only_that_county_and_its_totals(cast, client_for):
    response = client_for(cast.imdi_caseworker).get(LIST_URL, {"county": cast.vestland.pk})

    assert [m.name for m in response.context["municipalities"]] == ["Bergen", "Stord"]
    assert response.context["totals"]["total"] == 2
    assert response.context["totals"][AgreementStatus.NOT_SIGNED] == 1
    assert "Status i Vestland" in response.content.decode()


def test_status_filter_keeps_totals_for_all(cast, client_for):
    response = client_for(cast.imdi_caseworker).get(
        LIST_URL, {"status": AgreementStatus.NOT_SIGNED}
    )

    assert [m.name for m in response.context["municipalities"]] == ["Stord"]
    assert response.context["totals"][AgreementStatus.SIGNED_CURRENT] == 2
    assert response.context["totals"]["may_reach_personal_data"] == 2


def _add_signed_municipalities(cast, count: int) -> None:
    for _ in range(count):
        municipality = MunicipalityFactory(county=cast.vestland)
        AgreementSignatureFactory(agreement=cast.agreement, municipality=municipality)
        UserFactory(organisation=municipality.organisation, roles=[Role.MUNICIPAL_ADMIN])


def test_municipality_list_costs_the_same_queries_for_3_and_20_municipalities(
    cast, client_for, django_assert_num_queries
):
    client = client_for(cast.imdi_caseworker)
    client.get(LIST_URL)  # the session and the user are warm for both measured requests
    with CaptureQueriesContext(connection) as three:
        response = client.get(LIST_URL)
    assert len(response.context["municipalities"]) == 3

    _add_signed_municipalities(cast, 17)

    with django_assert_num_queries(len(three)):
        response = client.get(LIST_URL)
    assert len(response.context["municipalities"]) == 20
    assert response.content.decode().count("<tr>") == 21  # the header row and 20 municipalities


def test_detail_shows_signatures_and_administrators(cast, client_for):
    response = client_for(cast.imdi_reader).get(_detail_url("4601"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "Bergen" in page
    assert cast.agreement.version in page
    assert "Ordfører Eva Eksempel" in page
    assert cast.bergen_admin.email in page
    assert cast.bergen_caseworker.email not in page
    signature = cast.bergen.agreement_signatures.get()
    assert reverse("organisations:signature_download", kwargs={"pk": signature.pk}) in page
    assert "Registrer signatur" not in page
    assert "Inviter" not in page


def test_imdi_admin_gets_signature_and_invitation_links(cast, client_for):
    response = client_for(cast.imdi_admin).get(_detail_url("4614"))

    page = response.content.decode()
    assert reverse("organisations:register_signature", kwargs={"number": "4614"}) in page
    assert f"{reverse('accounts:user_invite')}?organisation={cast.stord.organisation_id}" in page


def test_detail_of_municipality_without_administrator_offers_to_invite_the_first(cast, client_for):
    municipality = MunicipalityFactory(county=cast.vestland, name="Fitjar", number="4615")

    response = client_for(cast.imdi_admin).get(_detail_url(municipality.number))

    page = response.content.decode()
    assert "Kommunen har ingen aktiv kommuneadministrativ bruker." in page
    assert "Inviter første kommuneadministrative bruker" in page


def test_detail_of_unknown_municipality_is_404(cast, client_for):
    assert client_for(cast.imdi_reader).get(_detail_url("9999")).status_code == 404


@pytest.mark.parametrize("who", MUNICIPAL_AND_RECEPTION_USERS)
def test_detail_is_closed_to_everyone_outside_imdi(cast, client_for, who):
    assert client_for(getattr(cast, who)).get(_detail_url("4601")).status_code == 403
