"""The example set imports where an operator first runs it: a new database with only the
municipalities loaded, and the demo database with its own centres, users and cases."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from bosetting.accounts.models import User
from bosetting.cases.models import Person, Residence
from bosetting.legacy.checks import check_all
from bosetting.legacy.checks.context import Context
from bosetting.legacy.progress import Progress
from bosetting.legacy.reading import read_directory
from bosetting.legacy.samples import EXAMPLE_DIR
from bosetting.organisations.models import Municipality, Organisation, ReceptionCentre

pytestmark = pytest.mark.django_db


def problems_in_example() -> list[str]:
    files = read_directory(EXAMPLE_DIR, progress=Progress(None))
    _data, problems = check_all(files, Context.load())
    return [str(problem) for problem in problems]


def run() -> str:
    out = io.StringIO()
    call_command("import_legacy", str(EXAMPLE_DIR), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_example_imports_on_a_fresh_database_with_only_the_municipalities_loaded() -> None:
    call_command("load_municipalities", stdout=io.StringIO())
    assert not ReceptionCentre.objects.exists()

    assert problems_in_example() == []
    assert "Overføringen er lagret." in run()

    fana = ReceptionCentre.objects.select_related("organisation", "municipality").get(
        name="Fana mottak"
    )
    assert (fana.kind, fana.municipality.number) == (ReceptionCentre.Kind.ORDINARY, "4601")
    assert fana.organisation.kind == Organisation.Kind.RECEPTION_CENTRE
    assert (fana.organisation.name, fana.organisation.organisation_number) == (
        "Fana mottak",
        "100000059",
    )
    stord = ReceptionCentre.objects.get(name="Stord integreringsmottak")
    assert stord.organisation.organisation_number is None  # the export had none
    residents = Person.objects.filter(residence=Residence.RECEPTION_CENTRE)
    assert residents.count() == 9 and set(residents.values_list("reception_centre", flat=True)) == {
        fana.pk
    }
    assert User.objects.get(email="mona.fana@fana.example").organisation == fana.organisation
    assert Organisation.objects.get(kind=Organisation.Kind.IMDI).organisation_number == "100000016"
    assert Municipality.objects.get(number="4601").organisation.organisation_number == "100000024"


def test_the_example_imports_twice_on_a_fresh_database_and_the_second_run_changes_nothing() -> None:
    call_command("load_municipalities", stdout=io.StringIO())
    run()

    output = run()

    assert "Alt var allerede overført" in output
    assert ReceptionCentre.objects.count() == 2
    assert Organisation.objects.filter(kind=Organisation.Kind.RECEPTION_CENTRE).count() == 2


@pytest.fixture
def demo_database(settings: Any) -> None:
    settings.DEMO_MODE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_municipalities", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.usefixtures("demo_database")
def test_the_example_still_imports_into_the_demo_database() -> None:
    demo_fana = ReceptionCentre.objects.get(name="Fana mottak")

    assert problems_in_example() == []
    assert "Overføringen er lagret." in run()

    # The demo's centre is the one the example names: found by its name, given its number.
    fana = ReceptionCentre.objects.select_related("organisation").get(name="Fana mottak")
    assert fana.pk == demo_fana.pk
    assert fana.organisation.organisation_number == "100000059"
