"""The expected-integration score file: its format, whole refusal of a broken file with a clear
message and nothing saved, and what a read file does to a run."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bosetting.cases.models import Person
from bosetting.cases.tests.factories import COMPLETE_ADULT
from bosetting.distribution.tests.helpers import approve_places, ready_case

from .. import actions
from ..errors import MatchingError
from ..explain import NO_INTEGRATION_SCORES
from ..integration_scores import PROFILES, parse_score_file, person_profile
from ..models import PlanRun

YEAR = timezone.localdate().year
START = reverse("matching:start")
GOOD = "profil;kommunenummer;poeng\n30-44/secondary;4601;0,62\n30-44/secondary;0301;0.55\n"


def test_a_good_file_is_read_with_its_hash():
    content = ("\ufeff" + GOOD).encode()
    scores = parse_score_file(content, municipalities=["4601", "0301"])
    assert scores.scores == {"30-44/secondary": {"4601": 0.62, "0301": 0.55}}
    assert scores.sha256 == hashlib.sha256(content).hexdigest()
    assert scores.rows == 2


def test_commas_separate_too():
    text = "profil,kommunenummer,poeng\n67+/none,4601,1\n"
    assert parse_score_file(text.encode(), municipalities=["4601"]).scores == {
        "67+/none": {"4601": 1.0}
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Filen er tom."),
        ("kommune;poeng\n4601;1\n", "Første linje må være overskriftene"),
        ("profil;kommunenummer;poeng\n", "Filen har ingen linjer med poeng."),
        (GOOD + "30-44/secondary;9999;0.5\n", "Linje 4: ukjent kommunenummer «9999»."),
        (GOOD + "voksen;4601;0.5\n", "Linje 4: ukjent profil «voksen»."),
        (GOOD + "18-29/master;4601;1,5\n", "Linje 4: poeng må være et tall fra 0 til 1"),
        (GOOD + "18-29/master;4601;høy\n", "Linje 4: poeng må være et tall fra 0 til 1"),
        (GOOD + "18-29/master;4601\n", "Linje 4: skal ha tre felt, har 2."),
        (GOOD + "30-44/secondary;4601;0.1\n", "står to ganger"),
    ],
)
def test_a_broken_file_is_refused_whole_with_what_is_wrong(text, message):
    with pytest.raises(MatchingError) as refused:
        parse_score_file(text.encode(), municipalities=["4601", "0301"])
    assert message in refused.value.message
    assert refused.value.field == "integration_file"


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(MatchingError, match="UTF-8"):
        parse_score_file("profil;kommunenummer;poeng\nø".encode("latin-1"), municipalities=[])


def test_many_errors_are_counted_beyond_the_first_five():
    text = "profil;kommunenummer;poeng\n" + "x;4601;1\n" * 8
    with pytest.raises(MatchingError) as refused:
        parse_score_file(text.encode(), municipalities=["4601"])
    assert "(3 feil til.)" in refused.value.message


def test_a_persons_profile_is_age_group_and_education():
    today = datetime.date(2026, 6, 1)
    assert person_profile(datetime.date(1990, 6, 2), "secondary", today=today) == "30-44/secondary"
    assert person_profile(datetime.date(2020, 1, 1), None, today=today) == "0-17/unknown"
    assert person_profile(datetime.date(1950, 1, 1), "master", today=today) == "67+/master"
    assert len(PROFILES) == 35


def _post(client, content: bytes, name: str = "poeng.csv"):
    data = {
        "year": YEAR,
        "network": 60,
        "wish": 30,
        "waiting": 20,
        "spread": 20,
        "needs": 40,
        "integration": 20,
        "time_limit": 30,
        "integration_file": SimpleUploadedFile(name, content, content_type="text/csv"),
    }
    return client.post(START, data)


@pytest.mark.django_db
def test_a_file_with_an_unknown_municipality_is_refused_next_to_the_field(cast, client_for):
    approve_places(cast.bergen)
    ready_case()
    page = _post(client_for(cast.imdi_caseworker), (GOOD + "adults;1234;0.5\n").encode())

    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="id_integration_file_error"' in body
    assert "Filen er ikke lest inn, og ingenting er lagret" in body
    assert "ukjent profil «adults»" in body
    assert not PlanRun.objects.exists()


@pytest.mark.django_db
def test_a_run_with_a_file_stores_its_hash_and_scores_the_pairs(cast, client_for):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    person = Person.objects.get(case=ready_case())  # one adult with a complete assessment
    profile = person_profile(
        person.birth_date, COMPLETE_ADULT["education_level"], today=timezone.localdate()
    )
    content = f"profil;kommunenummer;poeng\n{profile};0301;0,9\n".encode()

    page = _post(client_for(cast.imdi_caseworker), content)

    run = PlanRun.objects.get()
    assert page.status_code == 302
    assert run.integration_hash == hashlib.sha256(content).hexdigest()
    actions.solve_plan_run(run.pk)
    run.refresh_from_db()
    assignment = run.assignments.get()
    assert assignment.municipality == cast.oslo
    assert assignment.explanation["terms"]["integration"] == pytest.approx(20 * 0.9)
    assert run.notes == [
        f"Forventet integrering er hentet fra filen med SHA-256-sjekksum {run.integration_hash}."
    ]
    assert (
        run.integration_hash
        in client_for(cast.imdi_caseworker)
        .get(reverse("matching:run", args=[run.pk]))
        .content.decode()
    )


@pytest.mark.django_db
def test_without_a_file_the_plan_says_the_term_is_zero(cast):
    approve_places(cast.bergen)
    ready_case()
    run = actions.start_plan_run(
        by=cast.imdi_caseworker, year=YEAR, filters={}, weights={}, time_limit=5
    )
    actions.solve_plan_run(run.pk)
    run.refresh_from_db()
    assert run.integration_hash == ""
    assert run.notes == [NO_INTEGRATION_SCORES]
