"""The municipality's special-needs profile: who edits it, its audit event, IMDi's read of it,
and what it does to a plan (the objective's needs term and the explanation)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from bosetting.accounts.tests import expiry
from bosetting.audit.models import AuditEvent, EventType
from bosetting.distribution.tests.helpers import approve_places

from .. import actions
from ..models import NeedsProfile
from ..needs import LARGE_DWELLING, household_needs
from ..snapshot import municipalities
from .db_helpers import ready_case_with

pytestmark = pytest.mark.django_db

OWN = reverse("matching:own_needs_profile")
LIST = reverse("matching:needs_profiles")
YEAR = timezone.localdate().year


def save(cast, user, municipality, **answers):
    values = {"adapted_housing": False, "specialist_health": False, "large_dwellings": False}
    return actions.save_needs_profile(by=user, municipality=municipality, **(values | answers))


def test_a_municipal_caseworker_saves_the_profile_with_an_audit_event(cast):
    profile = save(cast, cast.bergen_caseworker, cast.bergen, adapted_housing=True)
    save(cast, cast.bergen_admin, cast.bergen, adapted_housing=True, large_dwellings=True)

    profile.refresh_from_db()
    assert profile.offers() == {"housing_adaptation", LARGE_DWELLING}
    assert profile.updated_by == cast.bergen_admin
    events = AuditEvent.objects.filter(event_type=EventType.NEEDS_PROFILE_SAVED).order_by("id")
    assert [e.details["changed"] for e in events] == [
        {"adapted_housing": {"before": False, "after": True}},
        {"large_dwellings": {"before": False, "after": True}},
    ]
    assert events.last().municipality == cast.bergen


@pytest.mark.parametrize("who", ["oslo_caseworker", "imdi_caseworker", "bergen_reader"])
def test_only_the_municipalitys_own_users_may_change_its_profile(cast, who):
    with pytest.raises(PermissionDenied):
        save(cast, getattr(cast, who), cast.bergen, adapted_housing=True)
    assert not NeedsProfile.objects.exists()
    assert not AuditEvent.objects.filter(event_type=EventType.NEEDS_PROFILE_SAVED).exists()


def test_the_own_page_shows_and_saves_the_profile(cast, client_for):
    client = client_for(cast.bergen_caseworker)
    page = client.get(OWN)
    assert "Kommunen har ikke svart ennå" in page.content.decode()

    answer = client.post(OWN, {"specialist_health": "on", "note": "Haukeland har kapasitet"})

    assert answer.status_code == 302
    profile = NeedsProfile.objects.get(municipality=cast.bergen)
    assert (profile.adapted_housing, profile.specialist_health) == (False, True)
    assert profile.note == "Haukeland har kapasitet"
    body = client.get(OWN).content.decode()
    assert "Profilen er lagret" in body
    assert body.count("checked") == 1
    assert 'id="id_specialist_health" checked' in body


def test_a_too_long_note_is_refused_next_to_the_field_and_nothing_saved(cast, client_for):
    page = client_for(cast.bergen_caseworker).post(
        OWN, {"adapted_housing": "on", "note": "x" * 1001}
    )
    assert page.status_code == 200
    assert "Merknaden kan være på høyst 1000 tegn." in page.content.decode()
    assert 'id="id_note_error"' in page.content.decode()
    assert not NeedsProfile.objects.exists()


def test_imdi_reads_every_municipalitys_answers(cast, client_for):
    save(cast, cast.oslo_caseworker, cast.oslo, large_dwellings=True)
    body = client_for(cast.imdi_caseworker).get(LIST).content.decode()
    assert "0301 Oslo" in body
    assert "4601 Bergen" in body
    assert "Ikke svart" in body  # Bergen has not answered
    assert "1 kommune har sagt" in body


@pytest.mark.parametrize("answered", [1, 3])
def test_the_list_asks_the_same_queries_however_many_have_answered(
    cast, client_for, django_assert_num_queries, answered
):
    client = client_for(cast.imdi_caseworker)
    client.get(LIST)  # fills the cached municipality names
    caseworkers = [cast.bergen_caseworker, cast.oslo_caseworker, cast.stord_caseworker]
    for user in caseworkers[:answered]:
        save(cast, user, user.organisation.municipality, adapted_housing=True)

    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(LIST).status_code == 200


def test_the_own_page_asks_a_fixed_number_of_queries(cast, client_for, django_assert_num_queries):
    save(cast, cast.bergen_caseworker, cast.bergen, adapted_housing=True)
    client = client_for(cast.bergen_caseworker)
    client.get(OWN)

    with django_assert_num_queries(OWN_QUERIES):
        assert client.get(OWN).status_code == 200


LIST_QUERIES = 6
OWN_QUERIES = 7


def test_a_large_household_needs_a_large_dwelling():
    assert household_needs(frozenset({"none"}), 6) == {LARGE_DWELLING}
    assert household_needs(frozenset({"none"}), 5) == frozenset()
    assert household_needs(frozenset({"health_follow_up", "none"}), 2) == {"health_follow_up"}


def test_the_snapshot_reads_what_each_municipality_offers(cast):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    save(cast, cast.bergen_caseworker, cast.bergen, specialist_health=True)

    offers = {m.id: m.offers for m in municipalities(YEAR)}

    assert offers["4601"] == {"health_follow_up", "psychological_follow_up"}
    assert offers["0301"] == frozenset()


@pytest.mark.parametrize("offering", ["bergen", "oslo"])
def test_a_household_with_a_need_goes_where_the_need_can_be_met(cast, offering):
    approve_places(cast.bergen)
    approve_places(cast.oslo)
    case = ready_case_with(special_needs=["housing_adaptation"])
    municipality = getattr(cast, offering)
    save(cast, getattr(cast, f"{offering}_caseworker"), municipality, adapted_housing=True)

    run = actions.start_plan_run(
        by=cast.imdi_caseworker, year=YEAR, filters={}, weights={"needs": 40}, time_limit=10
    )
    actions.solve_plan_run(run.pk)

    assignment = run.assignments.get(case=case)
    assert assignment.municipality == municipality
    assert assignment.explanation["terms"]["needs"] == 40.0
    assert "særskilte behov +40.0" in assignment.explanation["text"]


def test_answers_given_as_the_session_expired_are_there_after_login(cast, client_for, time_machine):
    time_machine.move_to(expiry.START, tick=False)
    client = client_for(cast.bergen_caseworker)
    client.get(OWN)
    time_machine.shift(expiry.PAST_IDLE_LIMIT)
    note = "To store leiligheter på Åsane fra mars."

    response = client.post(OWN, {"large_dwellings": "on", "note": note})

    assert response.status_code == 302
    assert expiry.next_of(response["Location"]) == OWN
    assert not NeedsProfile.objects.exists()
    landed = expiry.log_in_again(client, cast.bergen_caseworker, next_url=OWN)
    body = client.get(landed).content.decode()
    assert note in body
    assert 'id="id_large_dwellings" checked' in body
