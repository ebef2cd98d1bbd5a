"""The main menu offers each role what it may open, and nothing more."""

from __future__ import annotations

import pytest

from bosetting.site.navigation import navigation_for


def _labels(user) -> list[str]:
    return [item.url_name for item in navigation_for(user)]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (
            "imdi_caseworker",
            [
                "home",
                "planning:overview",
                "cases:case_list",
                "distribution:work_list",
                "reports:index",
                "organisations:municipality_list",
                "organisations:reception_centre_list",
                "audit:event_list",
            ],
        ),
        (
            "imdi_reader",
            [
                "home",
                "planning:overview",
                "reports:index",
                "organisations:municipality_list",
                "organisations:reception_centre_list",
                "audit:event_list",
            ],
        ),
        (
            "bergen_caseworker",
            [
                "home",
                "planning:request_list",
                "cases:case_list",
                "distribution:proposal_list",
                "settlement:pending",
                "reports:index",
                "matching:own_needs_profile",
                "organisations:own_agreement",
                "audit:event_list",
            ],
        ),
        (
            "bergen_reader",
            [
                "home",
                "planning:request_list",
                "reports:index",
                "organisations:own_agreement",
            ],
        ),
        (
            "reception_staff",
            ["home", "cases:case_list", "settlement:pending", "settlement:moved_out"],
        ),
    ],
)
def test_menu_offers_what_the_role_may_open(cast, persona, expected):
    assert _labels(getattr(cast, persona)) == expected


def test_every_menu_item_opens_for_those_it_is_shown_to(cast, client_for):
    for persona in ("imdi_caseworker", "bergen_caseworker", "bergen_reader", "reception_staff"):
        client = client_for(getattr(cast, persona))
        for item in navigation_for(getattr(cast, persona)):
            assert client.get(item.url).status_code == 200, (persona, item.url_name)
