"""The CSV export: the same search and scope as the list, safe to open in Excel."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from bosetting.audit.exports import csv_lines, neutralise
from bosetting.audit.models import AuditEvent, EventType

from .factories import AuditEventFactory

URL = reverse("audit:event_export")


def _rows(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


@pytest.fixture
def events(cast):
    return [
        AuditEventFactory(
            by=cast.bergen_admin, municipality=cast.bergen, summary="Endring i Bergen kommune"
        ),
        AuditEventFactory(
            by=cast.oslo_admin, municipality=cast.oslo, summary="Endring i Oslo kommune"
        ),
    ]


def test_export_is_a_streamed_utf8_csv_with_a_header(cast, client_for, events):
    response = client_for(cast.imdi_reader).get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="hendelseslogg-')
    rows = _rows(response)
    assert rows[0][:3] == ["Hendelse-id", "Tidspunkt", "Utført av"]
    summaries = [row[5] for row in rows[1:]]
    assert "Endring i Oslo kommune" in summaries
    assert "Endring i Bergen kommune" in summaries


def test_export_row_holds_the_event_in_oslo_time(cast, client_for, events):
    rows = _rows(client_for(cast.imdi_reader).get(URL, {"text": "Bergen"}))

    assert len(rows) == 2
    event = AuditEvent.objects.get(summary="Endring i Bergen kommune")
    row = rows[1]
    assert row[0] == str(event.pk)
    assert row[1] == event.occurred_at.astimezone(_oslo()).strftime("%d.%m.%Y %H:%M:%S")
    assert cast.bergen_admin.username in row[2]
    assert row[3] == "Bergen kommune"
    assert row[4] == "Bruker opprettet"
    assert row[8] == "4601 Bergen"


def _oslo():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Oslo")


def test_oslo_gets_none_of_bergens_events(cast, client_for, events):
    rows = _rows(client_for(cast.oslo_caseworker).get(URL))

    assert "Endring i Oslo kommune" in [row[5] for row in rows[1:]]
    assert {row[8] for row in rows[1:]} == {"0301 Oslo"}
    assert "Bergen" not in "".join(";".join(row) for row in rows)


def test_export_applies_the_filters(cast, client_for, events):
    AuditEventFactory(event_type=EventType.LOGIN, summary="Innlogging")

    rows = _rows(client_for(cast.imdi_reader).get(URL, {"event_type": EventType.LOGIN}))

    assert {row[4] for row in rows[1:]} == {"Innlogging"}


def test_export_refuses_municipality_without_signed_agreement(cast, client_for, events):
    response = client_for(cast.stord_caseworker).get(URL)

    assert response.status_code == 403
    assert "har ikke signert gjeldende databehandleravtale" in response.content.decode()


def test_export_refuses_municipal_reader(cast, client_for, events):
    assert client_for(cast.bergen_reader).get(URL).status_code == 403


def test_export_with_an_invalid_search_shows_the_form(cast, client_for):
    response = client_for(cast.imdi_reader).get(URL, {"from_date": "i går"})

    assert response.status_code == 400
    assert "Skriv datoen som dd.mm.åååå" in response.content.decode()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_start_like_a_formula_are_neutralised(start):
    assert neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_ordinary_cells_are_left_alone():
    assert neutralise("Bruker opprettet") == "Bruker opprettet"
    assert neutralise(None) == ""
    assert neutralise(42) == "42"


def test_formula_in_a_summary_reaches_the_file_neutralised(cast, client_for):
    AuditEventFactory(summary='=HYPERLINK("http://example.com","Klikk")')

    rows = _rows(client_for(cast.imdi_reader).get(URL, {"text": "HYPERLINK"}))

    assert rows[1][5] == '\'=HYPERLINK("http://example.com","Klikk")'


def test_export_stops_at_the_limit_with_a_note(db):
    AuditEventFactory.create_batch(4)

    content = "".join(csv_lines(AuditEvent.objects.all(), limit=3))
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))

    assert len(rows) == 1 + 3 + 1
    assert rows[-1][0].startswith("Eksporten stopper ved 3 hendelser.")
    assert [row[5] for row in rows[1:4]] == [
        event.summary for event in AuditEvent.objects.order_by("-pk")[:3]
    ]


def test_export_at_exactly_the_limit_has_no_note(db):
    AuditEventFactory.create_batch(3)

    content = "".join(csv_lines(AuditEvent.objects.all(), limit=3))

    assert "Eksporten stopper" not in content
    assert len(content.strip().splitlines()) == 4
