"""IMDi's administrator edits the letter templates in the browser's forms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import LetterKind, LetterTemplate


def _household() -> LetterTemplate:
    return LetterTemplate.objects.get(kind=LetterKind.DECISION_HOUSEHOLD, language="nob")


def _form(template: LetterTemplate, **changes: str) -> dict[str, str]:
    version = template.versions.order_by("-number").first()
    return {
        "title": version.title,
        "body": version.body,
        "legal_basis": version.legal_basis,
        "person_columns": version.person_columns,
        "based_on": str(version.number),
        **changes,
    }


@pytest.mark.parametrize("translations", [0, 3])
def test_template_list_shows_every_template_in_constant_queries(
    cast, client_for, django_assert_num_queries, translations
):
    from .. import actions

    for language in ["ukr", "som", "tir"][:translations]:
        actions.add_translation(
            by=cast.imdi_admin,
            kind=LetterKind.DECISION_HOUSEHOLD,
            language=language,
            **{k: v for k, v in _form(_household()).items() if k != "based_on"},
        )
    client = client_for(cast.imdi_admin)
    client.get(reverse("letters:template_list"))
    with django_assert_num_queries(TEMPLATE_LIST_QUERIES):
        page = client.get(reverse("letters:template_list")).content.decode()
    assert "Vedtak om bosettingskommune, til husstanden" in page
    assert "versjon 1" in page
    assert "(standardtekst)" in page


@pytest.mark.parametrize("saves", [0, 3])
def test_template_page_shows_its_versions_in_constant_queries(
    cast, client_for, django_assert_num_queries, saves
):
    client = client_for(cast.imdi_admin)
    url = reverse("letters:template_edit", args=[_household().pk])
    for number in range(saves):
        client.post(url, _form(_household(), title=f"Vedtak {number}"))
    client.get(url)
    with django_assert_num_queries(TEMPLATE_EDIT_QUERIES):
        page = client.get(url).content.decode()
    assert f"Versjon {saves + 1}, lagret" in page


def test_saving_the_form_makes_the_next_version(cast, client_for):
    client = client_for(cast.imdi_admin)
    url = reverse("letters:template_edit", args=[_household().pk])
    response = client.post(url, _form(_household(), legal_basis="integreringsloven § 41 (ny)"))
    assert response.status_code == 302
    assert _household().versions.order_by("-number").first().legal_basis == (
        "integreringsloven § 41 (ny)"
    )
    page = client.get(url).content.decode()
    assert "Versjon 2 er lagret" in page
    assert "Versjon 2, lagret" in page


def test_an_unknown_placeholder_is_shown_next_to_the_text_and_nothing_is_lost(cast, client_for):
    client = client_for(cast.imdi_admin)
    url = reverse("letters:template_edit", args=[_household().pk])
    typed = "Hei {fornavn}!\n\nMye tekst som ikke må gå tapt."
    response = client.post(url, _form(_household(), body=typed))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_body_error"' in page
    assert "Ukjent flettefelt: {fornavn}" in page
    assert "Mye tekst som ikke må gå tapt." in page
    assert _household().versions.count() == 1


def test_unchanged_text_saves_no_new_version(cast, client_for):
    client = client_for(cast.imdi_admin)
    url = reverse("letters:template_edit", args=[_household().pk])
    page = client.post(url, _form(_household()), follow=True).content.decode()
    assert "Teksten er uendret" in page
    assert _household().versions.count() == 1


def test_a_translation_starts_from_the_norwegian_text_and_saves_version_one(cast, client_for):
    client = client_for(cast.imdi_admin)
    url = reverse("letters:translation_add", args=[LetterKind.DECISION_HOUSEHOLD])
    page = client.get(url).content.decode()
    assert "Tilbud om bosettingskommune kan ikke påklages." in page
    assert 'value="eng"' not in page  # English exists already
    data = {k: v for k, v in _form(_household(), title="Go'aan").items() if k != "based_on"}
    response = client.post(url, {**data, "language": "som"})
    assert response.status_code == 302
    somali = LetterTemplate.objects.get(kind=LetterKind.DECISION_HOUSEHOLD, language="som")
    assert somali.versions.get().title == "Go'aan"


def test_a_translation_without_a_language_is_refused_next_to_the_field(cast, client_for):
    client = client_for(cast.imdi_admin)
    url = reverse("letters:translation_add", args=[LetterKind.DECISION_HOUSEHOLD])
    data = {k: v for k, v in _form(_household()).items() if k != "based_on"}
    response = client.post(url, {**data, "language": ""})
    assert response.status_code == 400
    assert 'id="id_language_error"' in response.content.decode()


def test_an_unknown_kind_of_letter_is_not_found(cast, client_for):
    client = client_for(cast.imdi_admin)
    assert client.get(reverse("letters:translation_add", args=["ukjent"])).status_code == 404


TEMPLATE_LIST_QUERIES = 7
TEMPLATE_EDIT_QUERIES = 7
