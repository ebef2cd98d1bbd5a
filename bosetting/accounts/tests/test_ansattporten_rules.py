"""The rules Bosetting adds to the protocol: the level, and the organisations chosen."""

import pytest

from bosetting.accounts.ansattporten.client import chosen_organisations
from bosetting.accounts.ansattporten.config import Config, acr_is_enough
from bosetting.accounts.ansattporten.pid import hash_pid

CONFIG = Config(
    issuer="https://test.ansattporten.no",
    client_id="bosetting",
    key="",
    key_id="",
    scopes=("openid", "profile"),
    acr_values="idporten-loa-high",
    details_type="ansattporten:altinn:resource",
    resource="urn:altinn:resource:imdi-bosetting",
    timeout=10,
)


@pytest.mark.parametrize(
    ("acr", "enough"),
    [
        ("idporten-loa-high", True),
        ("Level4", True),
        ("idporten-loa-substantial", False),
        ("Level3", False),
        ("", False),
        (None, False),
        ("idporten-loa-ukjent", False),
    ],
)
def test_only_the_level_asked_for_or_higher_is_enough(acr, enough):
    assert acr_is_enough(acr, "idporten-loa-high") is enough


def test_the_organisation_is_read_from_the_authorized_parties_of_our_type():
    details = [
        {
            "type": "ansattporten:altinn:resource",
            "resource": "urn:altinn:resource:imdi-bosetting",
            "authorized_parties": [
                {"orgno": {"authority": "iso6523-actorid-upis", "ID": "0192:964338531"}},
                {"orgno": {"authority": "iso6523-actorid-upis", "ID": "0192:964338531"}},
            ],
        },
        # Another type, a number without the Enhetsregisteret prefix, and nonsense: ignored.
        {"type": "ansattporten:orgno", "orgno": {"ID": "0192:974760673"}},
        {
            "type": "ansattporten:altinn:resource",
            "authorized_parties": [{"orgno": {"ID": "974760673"}}, "x", {"orgno": None}],
        },
    ]
    assert chosen_organisations(details, CONFIG) == ["964338531"]


@pytest.mark.parametrize("details", [None, "tekst", [], [None], {"type": "x"}])
def test_no_authorization_details_means_no_organisation(details):
    assert chosen_organisations(details, CONFIG) == []


def test_the_identity_number_is_kept_as_a_keyed_hash(settings):
    settings.ANSATTPORTEN_PID_KEY = "a" * 32
    first = hash_pid("05918096587")
    assert len(first) == 64 and "05918096587" not in first
    settings.ANSATTPORTEN_PID_KEY = "b" * 32
    assert hash_pid("05918096587") != first
