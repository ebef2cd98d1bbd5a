import pytest
from django.urls import reverse

from bosetting.organisations.models import ReceptionCentre

LIST_URL = reverse("organisations:reception_centre_list")
CREATE_URL = reverse("organisations:reception_centre_create")


@pytest.mark.parametrize("who", ["imdi_admin", "imdi_caseworker", "imdi_reader"])
def test_imdi_sees_reception_centres(cast, client_for, who):
    response = client_for(getattr(cast, who)).get(LIST_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Fana mottak" in page
    assert "Ordinært mottak" in page
    assert ("Nytt mottak" in page) == (who == "imdi_admin")


@pytest.mark.parametrize("who", ["bergen_admin", "stord_caseworker", "reception_staff"])
def test_reception_centre_list_is_closed_outside_imdi(cast, client_for, who):
    assert client_for(getattr(cast, who)).get(LIST_URL).status_code == 403


def test_imdi_admin_creates_a_reception_centre(cast, client_for):
    client = client_for(cast.imdi_admin)
    form_page = client.get(CREATE_URL).content.decode()
    assert "4614 Stord" in form_page

    response = client.post(
        CREATE_URL,
        {
            "name": "Stord mottak",
            "kind": ReceptionCentre.Kind.TRANSIT,
            "municipality": cast.stord.pk,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    centre = ReceptionCentre.objects.get(name="Stord mottak")
    assert (centre.kind, centre.municipality) == (ReceptionCentre.Kind.TRANSIT, cast.stord)


def test_a_duplicate_name_is_shown_on_the_name_field(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        CREATE_URL,
        {
            "name": "Fana mottak",
            "kind": ReceptionCentre.Kind.ORDINARY,
            "municipality": cast.stord.pk,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Det finnes allerede et mottak med dette navnet."
    ]
    assert ReceptionCentre.objects.filter(name="Fana mottak").count() == 1


@pytest.mark.parametrize("who", ["imdi_caseworker", "imdi_reader", "bergen_admin"])
def test_only_imdi_admins_create_reception_centres(cast, client_for, who):
    client = client_for(getattr(cast, who))
    data = {"name": "Stord mottak", "kind": "ordinary", "municipality": cast.stord.pk}

    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, data).status_code == 403
    assert not ReceptionCentre.objects.filter(name="Stord mottak").exists()


def test_a_centre_is_created_with_its_organisation_number_written_in_groups(cast, client_for):
    client = client_for(cast.imdi_admin)
    response = client.post(
        CREATE_URL,
        {
            "name": "Stord mottak",
            "kind": ReceptionCentre.Kind.ORDINARY,
            "municipality": cast.stord.pk,
            "organisation_number": "974 760 673",
        },
    )

    assert response.status_code == 302
    centre = ReceptionCentre.objects.get(name="Stord mottak")
    assert centre.organisation.organisation_number == "974760673"
    assert "974760673" in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("974760674", "Kontrollsifferet stemmer ikke. Sjekk organisasjonsnummeret."),
        ("97476067", "Organisasjonsnummeret må ha 9 sifre."),
    ],
)
def test_a_wrong_organisation_number_is_shown_on_its_field(cast, client_for, number, message):
    response = client_for(cast.imdi_admin).post(
        CREATE_URL,
        {
            "name": "Stord mottak",
            "kind": ReceptionCentre.Kind.ORDINARY,
            "municipality": cast.stord.pk,
            "organisation_number": number,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["organisation_number"] == [message]
    assert not ReceptionCentre.objects.filter(name="Stord mottak").exists()


def test_an_organisation_number_another_organisation_has_is_refused(cast, client_for):
    cast.bergen.organisation.organisation_number = "974760673"
    cast.bergen.organisation.save()

    response = client_for(cast.imdi_admin).post(
        CREATE_URL,
        {
            "name": "Stord mottak",
            "kind": ReceptionCentre.Kind.ORDINARY,
            "municipality": cast.stord.pk,
            "organisation_number": "974760673",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["organisation_number"] == [
        "Organisasjonsnummeret tilhører allerede Bergen kommune."
    ]
