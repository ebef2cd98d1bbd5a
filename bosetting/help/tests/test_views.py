"""The guide pages, the search, and the help links in the header of every page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse


def _links(response) -> tuple[str, str | None]:
    context = response.context
    return context["help_url"], context["page_help_url"]


@pytest.mark.django_db
def test_the_login_page_leads_to_the_access_section():
    response = Client().get(reverse("account_login"))

    assert _links(response) == (
        "/hjelp/kommune-saksbehandler/#tilgang",
        "/hjelp/kommune-saksbehandler/#tilgang",
    )
    assert 'href="/hjelp/kommune-saksbehandler/#tilgang"' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "page", "expected"),
    [
        (
            "bergen_caseworker",
            "distribution:proposal_list",
            ("kommune-saksbehandler", "foresporsler"),
        ),
        ("bergen_caseworker", "settlement:pending", ("kommune-saksbehandler", "bosettingsdato")),
        ("bergen_admin", "accounts:user_list", ("kommuneadministrator", "brukere")),
        ("imdi_caseworker", "distribution:work_list", ("imdi-saksbehandler", "fordeling")),
        # An administrator's own guide first; the caseworkers' guide for the rest.
        ("imdi_admin", "accounts:user_list", ("imdi-administrator", "brukere")),
        ("imdi_admin", "matching:start", ("imdi-saksbehandler", "fordelingsforslag")),
        ("reception_staff", "settlement:moved_out", ("mottak", "flyttet-ut")),
    ],
)
def test_each_page_links_to_its_section_in_the_users_guide(
    cast, client_for, persona, page, expected
):
    user = getattr(cast, persona)
    response = client_for(user).get(reverse(page))

    assert response.status_code == 200
    help_url, page_help_url = _links(response)
    guide, anchor = expected
    assert page_help_url == f"/hjelp/{guide}/#{anchor}"
    body = response.content.decode()
    assert "Hjelp til denne siden" in body
    assert f'href="{help_url}"' in body


def test_a_download_has_no_help_link_of_its_own(cast, client_for):
    response = client_for(cast.bergen_caseworker).get(reverse("home"))
    assert _links(response) == (
        "/hjelp/kommune-saksbehandler/",
        "/hjelp/kommune-saksbehandler/#oversikt",
    )


@pytest.mark.django_db
def test_a_guide_is_rendered_with_its_contents_and_print_stylesheet():
    body = Client().get(reverse("help:guide", args=["mottak"])).content.decode()

    assert "<h1" in body and "Brukerveiledning for ansatte i mottak" in body
    assert '<a class="ds-link" href="#flyttet-ut">' in body
    assert '<h2 id="flyttet-ut">' in body
    assert "help/help.css" in body


@pytest.mark.django_db
def test_an_unknown_guide_is_not_found():
    assert Client().get(reverse("help:guide", args=["finnes-ikke"])).status_code == 404


@pytest.mark.django_db
def test_search_finds_the_sections_and_links_to_them():
    response = Client().get(reverse("help:search"), {"q": "bosettingsdato privat"})

    body = response.content.decode()
    assert 'href="/hjelp/kommune-saksbehandler/#bosettingsdato"' in body
    hits = response.context["hits"]
    assert all("privat" in f"{h.section.title} {h.section.text}".lower() for h in hits)


@pytest.mark.django_db
def test_search_says_so_when_nothing_matches():
    body = Client().get(reverse("help:search"), {"q": "xyzzy"}).content.decode()
    assert "Ingen avsnitt inneholder alle ordene" in body


@pytest.mark.django_db
def test_the_guides_are_in_english_where_the_interface_is():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    guide = client.get(reverse("help:guide", args=["kommune-saksbehandler"])).content.decode()
    found = client.get(reverse("help:search"), {"q": "settlement date"}).content.decode()

    assert '<h2 id="bosettingsdato">Registering the settlement date</h2>' in guide
    assert 'href="/hjelp/kommune-saksbehandler/#bosettingsdato"' in found


# The guides come from files read once per process: the pages ask the database only what every
# page asks (the session, the user and roles, the navigation's permissions, unread notifications).
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        (reverse("help:index"), 6),
        (reverse("help:guide", args=["kommune-saksbehandler"]), 6),
        (reverse("help:search") + "?q=forespørsel", 6),
    ],
)
def test_the_help_pages_ask_a_fixed_number_of_queries(
    cast, client_for, django_assert_num_queries, url, queries
):
    client = client_for(cast.bergen_caseworker)
    client.get(url)  # the first request loads and caches the guides

    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_a_user_setting_up_the_second_factor_can_read_the_help(cast):
    client = Client()
    client.force_login(cast.oslo_caseworker)  # a password, no authenticator app yet
    # (Enrolling asks for the password again when the login is not fresh: the same help.)

    enrolment = client.get(reverse("mfa_activate_totp"), follow=True)
    guide = client.get(reverse("help:guide", args=["kommune-saksbehandler"]))

    assert client.get(reverse("home")).status_code == 302
    assert enrolment.context["page_help_url"] == "/hjelp/kommune-saksbehandler/#autentiseringsapp"
    assert guide.status_code == 200
