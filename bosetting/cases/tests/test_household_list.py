"""The municipality's own households: the case list, scoped as the person file is, with search,
filters, sorting, paging and a pinned query count."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases import actions
from bosetting.cases.models import Case, CaseState, Person
from bosetting.settlement.actions import register_settlement
from bosetting.settlement.tests.factories import make_matched_case

from .factories import assess_completely, make_case

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    # Asked for each time: a date taken when the module was imported goes stale when the
    # suite runs across midnight in Oslo.
    return timezone.localdate()


LIST = reverse("cases:case_list")


def _settled(municipality: Any, *, on: datetime.date, **head: Any) -> Case:
    case = make_matched_case(
        municipality=municipality, decided_on=on - datetime.timedelta(days=10), **head
    )
    register_settlement(by=None, persons=Person.objects.filter(case=case), settled_on=on)
    case.refresh_from_db()
    return case


def _listed(response: Any) -> list[Case]:
    return list(response.context["page"].object_list)


def test_a_municipal_caseworker_lists_its_matched_and_settled_households_only(
    cast: Any, client_for: Any
) -> None:
    matched = make_matched_case(municipality=cast.bergen)
    settled = _settled(cast.bergen, on=_today())
    make_matched_case(municipality=cast.oslo)
    ready = make_case(centre=cast.centre)
    assess_completely(ready)
    actions.mark_ready(by=None, case=ready)
    make_case(centre=cast.centre)
    response = client_for(cast.bergen_caseworker).get(LIST)
    assert response.status_code == 200
    assert set(_listed(response)) == {matched, settled}
    assert "Kommunens husstander" in response.content.decode()


def test_the_saker_breadcrumb_on_case_and_person_pages_opens_for_the_caseworker(
    cast: Any, client_for: Any
) -> None:
    case = make_matched_case(municipality=cast.bergen)
    client = client_for(cast.bergen_caseworker)
    for url in (
        reverse("cases:case_detail", args=[case.pk]),
        reverse("cases:person_detail", args=[case.members.get().pk]),
    ):
        crumbs = client.get(url).context["breadcrumbs"]
        assert crumbs[0]["label"] == "Saker"
        assert client.get(crumbs[0]["url"]).status_code == 200, url


def test_search_finds_own_households_by_duf_number_and_name_and_logs_no_term(
    cast: Any, client_for: Any
) -> None:
    own = make_matched_case(municipality=cast.bergen, family_name="Tesfamariam")
    make_matched_case(municipality=cast.oslo, family_name="Tesfaye")
    make_case(centre=cast.centre, family_name="Tesfalem")
    client = client_for(cast.bergen_caseworker)
    by_name = client.post(LIST, {"term": "tesfa"})
    assert [p.case_id for p in by_name.context["result"].persons] == [own.pk]
    duf = own.members.get().duf_number
    by_duf = client.post(LIST, {"term": duf})
    assert by_duf.context["result"].kind == "duf"
    assert [p.case_id for p in by_duf.context["result"].persons] == [own.pk]
    events = AuditEvent.objects.filter(
        event_type=EventType.PERSON_SEARCHED, actor=cast.bergen_caseworker
    )
    assert [(e.details["kind"], e.details["result_count"]) for e in events.order_by("pk")] == [
        ("name", 1),
        ("duf", 1),
    ]
    for event in events:
        assert "tesfa" not in (event.summary + str(event.details)).lower()
        assert duf not in event.summary + str(event.details)


def test_filters_by_state_waiting_and_settled_year(cast: Any, client_for: Any) -> None:
    waiting = make_matched_case(municipality=cast.bergen, children=1)
    partly = make_matched_case(municipality=cast.bergen, children=1)
    register_settlement(
        by=None, persons=[partly.members.order_by("pk").first()], settled_on=_today()
    )
    this_year = _settled(cast.bergen, on=_today())
    last_year = _settled(cast.bergen, on=datetime.date(_today().year - 1, 6, 1))
    client = client_for(cast.bergen_caseworker)
    assert set(_listed(client.get(LIST, {"state": "settled"}))) == {this_year, last_year}
    assert set(_listed(client.get(LIST, {"state": "matched"}))) == {waiting, partly}
    assert set(_listed(client.get(LIST, {"waiting": "on"}))) == {waiting, partly}
    assert set(_listed(client.get(LIST, {"settled_year": _today().year}))) == {this_year, partly}
    assert _listed(client.get(LIST, {"settled_year": _today().year - 1})) == [last_year]
    assert _listed(client.get(LIST, {"settled_year": _today().year, "state": "settled"})) == [
        this_year
    ]


def test_a_municipality_is_offered_only_the_filters_that_apply_to_it(
    cast: Any, client_for: Any
) -> None:
    form = client_for(cast.bergen_caseworker).get(LIST).context["filters"]
    assert "centre" not in form.fields and "county" not in form.fields
    assert [value for value, _ in form.fields["state"].choices] == ["", "matched", "settled"]
    imdi_form = client_for(cast.imdi_caseworker).get(LIST).context["filters"]
    assert {"centre", "county", "waiting", "settled_year", "sort"} <= set(imdi_form.fields)


def test_an_invalid_filter_is_told_next_to_its_field_and_the_others_still_apply(
    cast: Any, client_for: Any
) -> None:
    make_matched_case(municipality=cast.bergen)
    settled = _settled(cast.bergen, on=_today())
    response = client_for(cast.bergen_caseworker).get(
        LIST, {"settled_year": "1890", "state": "settled"}
    )
    html = response.content.decode()
    assert 'id="id_settled_year_error"' in html
    assert "Velg et gyldig valg" in html
    assert _listed(response) == [settled]
    assert 'value="settled" selected' in html


def test_sorts_by_reference_decision_date_settlement_date_and_size(
    cast: Any, client_for: Any
) -> None:
    old = make_matched_case(
        municipality=cast.bergen, decided_on=_today() - datetime.timedelta(days=30)
    )
    big = make_matched_case(
        municipality=cast.bergen, decided_on=_today() - datetime.timedelta(days=5), children=3
    )
    early = _settled(cast.bergen, on=_today() - datetime.timedelta(days=3))
    late = _settled(cast.bergen, on=_today() - datetime.timedelta(days=1))
    client = client_for(cast.bergen_caseworker)

    def order(sort: str) -> list[Case]:
        return _listed(client.get(LIST, {"sort": sort}))

    assert order("") == [late, early, big, old]
    assert order("oldest") == [old, big, early, late]
    # Decided 10 days before settling: early 13 days ago, late 11.
    assert order("decided_asc") == [old, early, late, big]
    assert order("decided_desc") == [big, late, early, old]
    # Not yet settled go last, either way.
    assert order("settled_desc")[:2] == [late, early]
    assert order("settled_asc")[:2] == [early, late]
    assert order("largest")[0] == big
    assert order("smallest")[-1] == big


def test_pages_of_25_keep_the_filters_in_the_page_links(cast: Any, client_for: Any) -> None:
    for _ in range(27):
        make_matched_case(municipality=cast.bergen)
    client = client_for(cast.bergen_caseworker)
    first = client.get(LIST, {"state": "matched", "sort": "oldest"})
    assert len(_listed(first)) == 25
    html = first.content.decode()
    assert re.search(r'href="\?state=matched&amp;sort=oldest&amp;side=2"', html)
    second = client.get(LIST, {"state": "matched", "sort": "oldest", "side": 2})
    assert len(_listed(second)) == 2
    assert set(_listed(first)).isdisjoint(_listed(second))


def test_the_row_shows_decision_date_and_settlement_date(cast: Any, client_for: Any) -> None:
    make_matched_case(municipality=cast.bergen, decided_on=datetime.date(_today().year, 1, 2))
    _settled(cast.bergen, on=_today())
    html = client_for(cast.bergen_caseworker).get(LIST).content.decode()
    assert f"02.01.{_today().year}" in html
    assert _today().strftime("%d.%m.%Y") in html
    assert "Venter på bosettingsdato" in html


# Session, user, roles, organisation and agreement; the menu and unread notifications; the
# page's count, its cases and their members. The same for 3 households as for 20.
QUERIES_MUNICIPAL_LIST = 9


@pytest.mark.parametrize("households", [3, 20])
@pytest.mark.parametrize("sort", ["", "decided_asc", "settled_desc", "largest"])
def test_the_municipal_list_costs_the_same_queries_for_3_and_20_households(
    cast: Any, client_for: Any, django_assert_num_queries: Any, households: int, sort: str
) -> None:
    for _ in range(households):
        _settled(cast.bergen, on=_today())
        make_matched_case(municipality=cast.bergen, children=1)
    client = client_for(cast.bergen_caseworker)
    client.get(LIST)
    with django_assert_num_queries(QUERIES_MUNICIPAL_LIST):
        response = client.get(LIST, {"sort": sort, "settled_year": _today().year, "waiting": ""})
    assert len(_listed(response)) == households
    assert all(case.state == CaseState.SETTLED for case in _listed(response))
