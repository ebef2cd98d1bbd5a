"""The plan pages and the special-needs profile speak English to a user who chose it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .test_views import solved_run

pytestmark = pytest.mark.django_db


def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_the_plan_pages_are_in_english(cast, client_for):
    run = solved_run(cast)
    client = english(client_for(cast.imdi_caseworker))

    start = client.get(reverse("matching:start")).content.decode()
    result = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    move = client.get(reverse("matching:move", args=[run.assignments.get().pk])).content.decode()
    profiles = client.get(reverse("matching:needs_profiles")).content.decode()

    assert "Make a distribution plan" in start
    assert "Weight: family and network" in start
    assert "Compute the plan" in start
    assert "Per municipality" in result
    assert "Make draft proposals" in result
    assert "Move the case" in move
    assert "Special needs the municipalities can meet" in profiles
    for page in (start, result, move, profiles):
        assert "Fordelingsforslag" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_the_own_profile_page_is_in_english(cast, client_for):
    client = english(client_for(cast.bergen_caseworker))
    page = client.get(reverse("matching:own_needs_profile")).content.decode()
    assert "Special needs the municipality can meet" in page
    assert "We can provide large dwellings (households of six or more)" in page
    assert "Save the profile" in page
