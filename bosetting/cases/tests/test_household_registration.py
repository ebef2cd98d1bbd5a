"""Registering a household at the reception centre: a step indicator on each page, a new member
started from the head of household, and an incomplete assessment that says what is missing for
whom."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from bosetting.cases import actions
from bosetting.cases.actions import HealthInput

from ..models import Category, Person, Relation
from .factories import assess_completely, make_case

pytestmark = pytest.mark.django_db

STEPS = ["Hovedperson", "Husstanden", "Kartlegging", "Kontroller og merk klar"]


def _steps(html: str) -> tuple[list[str], str, list[str]]:
    """The steps' labels in order, the current one, and those marked done."""
    nav = re.search(
        r'<nav aria-label="Steg i registreringen av husstanden"[^>]*>(.*?)</nav>', html, re.S
    )
    assert nav, "no step indicator"
    items = re.findall(r"<li([^>]*)>(.*?)</li>", nav.group(1), re.S)
    steps = []
    for attrs, body in items:
        label = re.search(r'steps__label">([^<]+)', body)
        assert label
        steps.append((label.group(1).strip(), 'aria-current="step"' in attrs, "(fullført)" in body))
    labels = [label for label, _, _ in steps]
    current = [label for label, is_current, _ in steps if is_current]
    done = [label for label, _, is_done in steps if is_done]
    assert "<ol" in nav.group(1)
    assert len(current) == 1
    return labels, current[0], done


def test_registering_the_head_is_step_one_of_four(cast: Any, client_for: Any) -> None:
    html = client_for(cast.reception_staff).get(reverse("cases:case_register")).content.decode()
    labels, current, done = _steps(html)
    assert labels == STEPS
    assert current == "Hovedperson" and done == []


def test_adding_a_member_is_step_two(cast: Any, client_for: Any) -> None:
    case = make_case(centre=cast.centre)
    html = (
        client_for(cast.reception_staff)
        .get(reverse("cases:member_add", args=[case.pk]))
        .content.decode()
    )
    _labels, current, done = _steps(html)
    assert current == "Husstanden" and done == ["Hovedperson"]


def test_the_assessment_is_step_three(cast: Any, client_for: Any) -> None:
    person = make_case(centre=cast.centre).members.get()
    html = (
        client_for(cast.reception_staff)
        .get(reverse("cases:assessment_edit", args=[person.pk]))
        .content.decode()
    )
    _labels, current, done = _steps(html)
    assert current == "Kartlegging" and done == ["Hovedperson", "Husstanden"]


def test_the_review_before_ready_is_step_four(cast: Any, client_for: Any) -> None:
    case = make_case(centre=cast.centre)
    assess_completely(case)
    html = (
        client_for(cast.reception_staff)
        .post(reverse("cases:case_mark_ready", args=[case.pk]))
        .content.decode()
    )
    _labels, current, done = _steps(html)
    assert current == "Kontroller og merk klar" and done == STEPS[:3]


def test_a_case_already_ready_shows_no_registration_steps(cast: Any, client_for: Any) -> None:
    case = make_case(centre=cast.centre)
    assess_completely(case)
    actions.mark_ready(by=None, case=case)
    person = case.members.get()
    html = (
        client_for(cast.reception_staff)
        .get(reverse("cases:assessment_edit", args=[person.pk]))
        .content.decode()
    )
    assert "Steg i registreringen" not in html


def test_a_new_member_starts_with_the_heads_citizenship_languages_and_category(
    cast: Any, client_for: Any
) -> None:
    case = make_case(
        centre=cast.centre,
        citizenship="ERI",
        languages=["tir", "ara"],
        category=Category.ASYLUM,
    )
    response = client_for(cast.reception_staff).get(reverse("cases:member_add", args=[case.pk]))
    form = response.context["form"]
    assert form["citizenship"].value() == "ERI"
    assert sorted(form["languages"].value()) == ["ara", "tir"]
    assert form["category"].value() == Category.ASYLUM
    html = response.content.decode()
    assert re.search(r'<option value="ERI"[^>]*selected', html)
    assert re.search(r'<option value="tir"[^>]*selected', html)
    assert re.search(rf'<option value="{Category.ASYLUM}"[^>]*selected', html)
    assert "fylt ut som for hovedpersonen" in html
    # What identifies the person is never copied.
    assert form["given_names"].value() is None and form["duf_number"].value() is None


def test_the_copied_values_are_saved_as_shown_or_as_changed(cast: Any, client_for: Any) -> None:
    case = make_case(centre=cast.centre, citizenship="ERI", languages=["tir"])
    client = client_for(cast.reception_staff)
    url = reverse("cases:member_add", args=[case.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name in ("citizenship", "languages", "category")
        if (value := form[name].value()) is not None
    }
    data |= {
        "relation": Relation.CHILD,
        "duf_number": "202400009999",
        "given_names": "Samuel",
        "family_name": "Tesfamariam",
        "birth_date": "02.06.2019",
        "sex": "male",
        "languages": ["tir", "ara"],  # changed for this person
        "residence": "reception_centre",
        "reception_centre": cast.centre.pk,
    }
    assert client.post(url, data).status_code == 302
    child = Person.objects.get(duf_number="202400009999")
    assert child.citizenship == "ERI" and child.category == Category.RESETTLEMENT
    assert sorted(child.languages) == ["ara", "tir"]


def test_an_incomplete_assessment_lists_what_is_missing_for_whom(
    cast: Any, client_for: Any
) -> None:
    case = make_case(centre=cast.centre, given_names="Helen", family_name="Tesfamariam", children=1)
    head = case.members.get(relation=Relation.HEAD)
    actions.save_assessment(
        by=None,
        person=head,
        data={"family_in_norway": "no", "education_level": "secondary", "education_years": 9},
        health=HealthInput(),
    )
    html = (
        client_for(cast.reception_staff)
        .get(reverse("cases:case_detail", args=[case.pk]))
        .content.decode()
    )
    block = html.split('id="missing-fields"', 1)[1].split("</div>", 1)[0]
    assert "Kartleggingen er ikke fullstendig" in block
    assert (
        "<strong>Helen Tesfamariam</strong>: år med arbeidserfaring, norsknivå, særskilte behov"
        in block
    )
    assert "kjæledyr." in block
    child = case.members.get(relation=Relation.CHILD)
    assert f"<strong>{child.full_name}</strong>: kartlegging er ikke påbegynt." in block
    assert "familie eller nettverk i Norge" not in block  # answered for Helen, the child has none


def test_a_complete_household_lists_nothing_missing(cast: Any, client_for: Any) -> None:
    case = make_case(centre=cast.centre, children=1)
    assess_completely(case)
    html = (
        client_for(cast.reception_staff)
        .get(reverse("cases:case_detail", args=[case.pk]))
        .content.decode()
    )
    assert 'id="missing-fields"' not in html
