"""The settlement reports: settled numbers in "Anmodninger og vedtak", the specialised report,
the national report with its suppression rule, and their exports read back."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import openpyxl
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.audit.models import AuditEvent, EventType
from bosetting.cases.models import Category, Person
from bosetting.core.testing import close_response
from bosetting.planning.tests.factories import MunicipalDecisionFactory
from bosetting.reports.national import AGE_GROUPS, national_report
from bosetting.reports.queries import figures_by_municipality, requests_visible_to
from bosetting.requestformula.tests.helpers import populate
from bosetting.settlement.actions import register_settlement, withdraw_settlement
from bosetting.settlement.tests.factories import make_matched_case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
SPECIALISED = reverse("reports:specialised_settlement")
NATIONAL = reverse("reports:national_settlement")


def settle(
    municipality: Any,
    *,
    children: int = 0,
    on: datetime.date | None = None,
    **head: Any,
) -> list[Person]:
    on = on or TODAY
    case = make_matched_case(
        municipality=municipality,
        decided_on=on - datetime.timedelta(days=3),
        children=children,
        **head,
    )
    persons = list(Person.objects.filter(case=case))
    register_settlement(by=None, persons=persons, settled_on=on)
    return persons


def _content(response: Any) -> bytes:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    close_response(response)
    return data


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


# --- Anmodninger og vedtak -----------------------------------------------------------------------


def test_requests_report_counts_persons_settled_in_the_municipality_that_year(cast: Any) -> None:
    MunicipalDecisionFactory(request__municipality=cast.bergen, request__year=YEAR)
    settle(cast.bergen, children=2)
    settle(cast.oslo)
    last_year = settle(cast.bergen, on=TODAY.replace(year=YEAR - 1, month=6, day=1))
    withdrawn = settle(cast.bergen)
    withdraw_settlement(by=None, person=withdrawn[0], reason="Feil")
    [bergen] = figures_by_municipality(requests_visible_to(cast.imdi_reader), year=YEAR)
    assert bergen.settled == 3
    assert last_year  # settled the year before: not counted for this year's request


# --- Specialised settlement report ---------------------------------------------------------------


def test_municipality_sees_only_its_own_settled_persons(cast: Any, client_for: Any) -> None:
    settle(cast.bergen, given_names="Åse", family_name="Ødegård")
    settle(cast.oslo, given_names="Olav")
    page = client_for(cast.bergen_caseworker).get(SPECIALISED + "?municipality=0301")
    text = page.content.decode()
    assert "Åse Ødegård" in text and "Olav" not in text
    assert "4601 Bergen" in text


def test_a_municipality_may_not_export_another_municipality(cast: Any, client_for: Any) -> None:
    url = reverse("reports:specialised_settlement_export", args=["4601", "csv"])
    assert client_for(cast.oslo_caseworker).get(url).status_code == 403


def test_imdi_chooses_the_municipality(cast: Any, client_for: Any) -> None:
    settle(cast.oslo, given_names="Olav")
    client = client_for(cast.imdi_caseworker)
    assert "Olav" not in client.get(SPECIALISED).content.decode()
    assert "Olav" in client.get(SPECIALISED + "?municipality=0301").content.decode()


def test_specialised_report_respects_the_period(cast: Any, client_for: Any) -> None:
    settle(cast.bergen, given_names="Tidlig", on=TODAY - datetime.timedelta(days=40))
    settle(cast.bergen, given_names="Sent")
    start = (TODAY - datetime.timedelta(days=10)).strftime("%d.%m.%Y")
    text = (
        client_for(cast.bergen_caseworker).get(SPECIALISED, {"from_date": start}).content.decode()
    )
    assert "Sent" in text and "Tidlig" not in text


def test_period_with_to_before_from_is_refused(cast: Any, client_for: Any) -> None:
    response = client_for(cast.bergen_caseworker).get(
        SPECIALISED, {"from_date": "10.02.2026", "to_date": "01.02.2026"}
    )
    assert response.status_code == 400
    assert "kan ikke være før fra-datoen" in response.content.decode()


def test_specialised_exports_read_back_and_are_logged(cast: Any, client_for: Any) -> None:
    [person] = settle(
        cast.bergen,
        given_names="=Åse",
        family_name="Ødegård",
        category=Category.UNACCOMPANIED_MINOR,
    )
    client = client_for(cast.bergen_caseworker)
    url = reverse("reports:specialised_settlement_export", args=["4601", "csv"])
    rows = _csv_rows(_content(client.get(url)))
    assert rows[0][:2] == ["Navn", "DUF-nummer"]
    assert rows[1][0] == "'=Åse Ødegård"  # neutralised, never a formula
    assert rows[1][1] == person.duf_number
    assert rows[1][3] == "Enslig mindreårig"
    assert rows[1][7] == TODAY.strftime("%d.%m.%Y")

    url = reverse("reports:specialised_settlement_export", args=["4601", "xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(_content(client.get(url)))).active
    assert sheet is not None
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values[4][0] == "Navn"
    assert values[5][0] == "=Åse Ødegård"
    assert values[5][7].date() == TODAY

    url = reverse("reports:specialised_settlement_export", args=["4601", "pdf"])
    pdf = _content(client.get(url))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Spesialisert bosettingsrapport" in text and "Ødegård" in text

    events = AuditEvent.objects.filter(event_type=EventType.REPORT_EXPORTED)
    assert events.count() == 3
    assert {event.details["format"] for event in events} == {"csv", "xlsx", "pdf"}
    assert all(event.details["rows"] == 1 for event in events)
    assert all(event.municipality == cast.bergen for event in events)


@pytest.mark.parametrize("count", [3, 20])
def test_specialised_report_has_a_constant_query_count(
    cast: Any, client_for: Any, django_assert_num_queries: Any, count: int
) -> None:
    for _ in range(count):
        settle(cast.bergen)
    client = client_for(cast.bergen_caseworker)
    # The rows are one query however many persons: the same 11 for 3 or 20.
    with django_assert_num_queries(8):
        response = client.get(SPECIALISED)
    assert response.status_code == 200


# --- National settlement report ------------------------------------------------------------------


@pytest.fixture
def national_world(cast: Any) -> Any:
    """Bergen: 3 persons (one household); Oslo: 6 persons (a household of 2 and one of 4)."""
    settle(cast.bergen, children=2)
    settle(cast.oslo, children=1)
    settle(cast.oslo, children=3)
    return cast


def _rows(report: Any) -> dict[str, Any]:
    return {row[0]: row[1] for row in (*report.rows, *report.totals)}


def test_imdi_sees_every_figure(national_world: Any) -> None:
    report = national_report(
        start=TODAY, end=TODAY, group_by="municipality", own_municipality_id=None
    )
    assert _rows(report) == {"4601 Bergen": 3, "0301 Oslo": 6, "Hele landet": 9}


def test_a_municipality_sees_small_counts_of_others_suppressed(national_world: Any) -> None:
    cast = national_world
    for_oslo = national_report(
        start=TODAY, end=TODAY, group_by="municipality", own_municipality_id=cast.oslo.pk
    )
    assert _rows(for_oslo) == {"4601 Bergen": "<5", "0301 Oslo": 6, "Hele landet": 9}
    for_bergen = national_report(
        start=TODAY, end=TODAY, group_by="municipality", own_municipality_id=cast.bergen.pk
    )
    # Bergen's own 3 persons are shown; Oslo's 6 are not small.
    assert _rows(for_bergen) == {"4601 Bergen": 3, "0301 Oslo": 6, "Hele landet": 9}


def test_suppression_applies_to_every_grouping(national_world: Any) -> None:
    cast = national_world
    report = national_report(
        start=TODAY, end=TODAY, group_by="age_group", own_municipality_id=cast.stord.pk
    )
    # Adults 1990 (3 heads) and children born 2015 (6): 3 adults in one group → suppressed.
    rows = _rows(report)
    assert rows["30–49"] == "<5"
    assert rows["6–15"] == 6 or rows["0–5"] == 6 or rows["16–17"] == 6
    assert report.chart is not None
    assert "tall under 5" in report.chart.title


def test_national_groupings_all_render(national_world: Any) -> None:
    for group_by in ("county", "month", "category", "citizenship"):
        report = national_report(
            start=TODAY, end=TODAY, group_by=group_by, own_municipality_id=None
        )
        assert report.totals[0][1] == 9
    assert [label for label, _low, _high in AGE_GROUPS][-1] == "67+"


def test_suppression_holds_in_the_exports(national_world: Any, client_for: Any) -> None:
    client = client_for(national_world.oslo_caseworker)
    params = "?group_by=municipality"
    url = reverse("reports:national_settlement_export", args=["csv"]) + params
    rows = _csv_rows(_content(client.get(url)))
    assert ["4601 Bergen", "<5"] in rows
    url = reverse("reports:national_settlement_export", args=["xlsx"]) + params
    sheet = openpyxl.load_workbook(io.BytesIO(_content(client.get(url)))).active
    assert sheet is not None
    assert ("4601 Bergen", "<5") in list(sheet.iter_rows(values_only=True))
    url = reverse("reports:national_settlement_export", args=["pdf"]) + params
    reader = pypdf.PdfReader(io.BytesIO(_content(client.get(url))))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "4601 Bergen" in text and "<5" in text and "Bosatte i hele landet" in text
    page = client.get(NATIONAL + params).content.decode()
    assert "&lt;5" in page and "vises som «&lt;5»" in page
    exported = AuditEvent.objects.filter(event_type=EventType.REPORT_EXPORTED)
    assert {event.details["format"] for event in exported} == {"csv", "xlsx", "pdf"}
    assert all(event.municipality == national_world.oslo for event in exported)


def test_reader_of_a_municipality_sees_the_national_report(
    national_world: Any, client_for: Any
) -> None:
    response = client_for(national_world.bergen_reader).get(NATIONAL)
    assert response.status_code == 200
    assert "46 Vestland" in response.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_national_report_has_a_constant_query_count(
    cast: Any, client_for: Any, django_assert_num_queries: Any, count: int
) -> None:
    for _ in range(count):
        settle(cast.bergen)
        settle(cast.oslo)
    client = client_for(cast.imdi_reader)
    # One query for the rows (the total is their sum) and one for the map's population, the
    # same for any number of municipalities.
    with django_assert_num_queries(7):
        response = client.get(NATIONAL + "?group_by=municipality")
    assert response.status_code == 200


def test_the_municipality_map_shows_settled_per_thousand_with_small_counts_suppressed(
    national_world: Any,
) -> None:
    cast = national_world
    populate(cast, {"4601": 1000, "0301": 2000, "4614": 500})
    for_imdi = national_report(
        start=TODAY, end=TODAY, group_by="municipality", own_municipality_id=None
    )
    assert for_imdi.map is not None
    assert "<title>Bergen: 3,0</title>" in for_imdi.map.svg
    assert "<title>Oslo: 3,0</title>" in for_imdi.map.svg
    assert "<title>Stord: 0,0</title>" in for_imdi.map.svg
    for_oslo = national_report(
        start=TODAY, end=TODAY, group_by="municipality", own_municipality_id=cast.oslo.pk
    )
    assert for_oslo.map is not None
    # Bergen's 3 are "<5" in Oslo's table, so no number on Oslo's map either.
    assert "<title>Bergen: ingen data</title>" in for_oslo.map.svg
    assert "07459" in for_oslo.map.description


def test_the_pdf_export_carries_the_map(national_world: Any, client_for: Any) -> None:
    populate(national_world, {"4601": 1000, "0301": 2000, "4614": 500})
    url = reverse("reports:national_settlement_export", args=["pdf"]) + "?group_by=municipality"
    reader = pypdf.PdfReader(io.BytesIO(_content(client_for(national_world.imdi_reader).get(url))))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Bosatte per 1 000 innbyggere" in text
