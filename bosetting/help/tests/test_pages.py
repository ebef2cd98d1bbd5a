"""Every page a role reaches has its section in that role's guide, in every language."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from bosetting.accounts.roles import Role
from bosetting.help.guides import LANGUAGES, guides_for_roles, load
from bosetting.help.pages import PAGE_SECTIONS, PAGES_WITHOUT_HELP
from bosetting.site.tests.test_permission_matrix import ROUTES, _route_names

# The personas of the permission matrix and the role each holds (bosetting/conftest.py's cast).
PERSONA_ROLES = {
    "imdi_admin": Role.IMDI_ADMIN,
    "imdi_caseworker": Role.IMDI_CASEWORKER,
    "imdi_reader": Role.IMDI_READER,
    "bergen_admin": Role.MUNICIPAL_ADMIN,
    "bergen_caseworker": Role.MUNICIPAL_CASEWORKER,
    "bergen_reader": Role.MUNICIPAL_READER,
    "oslo_admin": Role.MUNICIPAL_ADMIN,
    "oslo_caseworker": Role.MUNICIPAL_CASEWORKER,
    "stord_admin": Role.MUNICIPAL_ADMIN,
    "stord_caseworker": Role.MUNICIPAL_CASEWORKER,
    "reception_staff": Role.RECEPTION_STAFF,
}
# Pages the matrix's small world does not open to a role that does reach them in real work:
# a municipality's caseworkers read the person file once IMDi has decided the case.
ALSO_REACHED = {
    Role.MUNICIPAL_CASEWORKER: [
        "cases:case_list",
        "cases:case_detail",
        "cases:person_detail",
        "cases:health_details",
        "cases:assessment_version",
        "cases:document_upload",
    ],
}


def _pages_reached() -> set[tuple[str, Role]]:
    reached = {
        (route.name, PERSONA_ROLES[persona])
        for route in ROUTES
        if route.method == "get" and route.allowed_status == 200
        for persona in route.allowed
        if persona in PERSONA_ROLES
    }
    reached |= {(name, role) for role, names in ALSO_REACHED.items() for name in names}
    return reached


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_a_role_reaches_has_a_section_in_that_roles_guides(language):
    missing = []
    for name, role in sorted(_pages_reached()):
        if name in PAGES_WITHOUT_HELP:
            continue
        anchor = PAGE_SECTIONS.get(name)
        guides = [load(info.slug, language) for info in guides_for_roles(frozenset({role}))]
        if anchor is None or not any(anchor in guide.anchors for guide in guides):
            missing.append(f"{name} for {role.value}: #{anchor}")
    assert missing == []


def test_the_map_names_only_routes_that_exist_and_each_once():
    routed = _route_names(get_resolver().url_patterns)
    assert set(PAGE_SECTIONS) - routed == set()
    assert set(PAGES_WITHOUT_HELP) - routed == set()
    assert set(PAGE_SECTIONS) & PAGES_WITHOUT_HELP == set()


def test_every_route_in_the_matrix_is_mapped_or_listed_as_without_help():
    pages = {route.name for route in ROUTES if route.method == "get"}
    assert pages - set(PAGE_SECTIONS) - PAGES_WITHOUT_HELP == set()


def test_the_login_pages_lead_to_sections_that_exist():
    for name in ("account_login", "mfa_activate_totp", "mfa_authenticate"):
        guide = load("kommune-saksbehandler", "nb")
        assert PAGE_SECTIONS[name] in guide.anchors
