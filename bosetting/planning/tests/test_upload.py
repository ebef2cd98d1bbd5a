"""Reading a preparation file: good files become drafts, a bad row refuses the whole file."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from bosetting.planning.models import SettlementRequest
from bosetting.planning.upload import UploadError, read_rows, template_csv, validate_rows

from .helpers import deadline, send

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _post(client, content: bytes, name: str):
    return client.post(
        reverse("planning:upload") + f"?aar={YEAR}",
        {
            "file": SimpleUploadedFile(name, content),
            "deadline": deadline().strftime("%d.%m.%Y"),
            "cover_text": "Følgetekst",
        },
    )


@pytest.mark.parametrize(
    "content",
    [
        "kommunenummer;antall;enslige_mindreaarige;planleggingstall\n4601;250;20;200\n301;600;40;\n",
        "\ufeffkommunenummer,antall,enslige_mindreaarige,planleggingstall\r\n4601,250,20,200\r\n0301,600,40,\r\n",
    ],
    ids=["semicolon-without-bom", "comma-with-bom"],
)
def test_csv_rows_become_requests(cast, content):
    rows = validate_rows(read_rows(content.encode("utf-8"), "tall.csv"), year=YEAR)
    assert [
        (r.municipality.name, r.places, r.unaccompanied_minors, r.planning_number_next_year)
        for r in rows
    ] == [
        ("Bergen", 250, 20, 200),
        ("Oslo", 600, 40, None),
    ]


def test_every_bad_row_is_named_with_row_and_field(cast):
    content = (
        b"kommunenummer;antall;enslige_mindreaarige;planleggingstall\n"
        b"4601;250;20;200\n"
        b"9999;10;0;\n"
        b"4614;tolv;0;\n"
        b"0301;5;6;\n"
        b"4601;1;0;\n"
    )
    with pytest.raises(UploadError) as error:
        validate_rows(read_rows(content, "tall.csv"), year=YEAR)
    assert error.value.messages == [
        "Rad 3, feltet kommunenummer: «9999» er ikke et kommunenummer.",
        "Rad 4, feltet antall: «tolv» er ikke et helt tall fra 0 og oppover.",
        "Rad 5, feltet enslige_mindreaarige: kan ikke være flere enn antall (5).",
        "Rad 6, feltet kommunenummer: 4601 står også på rad 2.",
    ]


def test_a_bad_row_saves_nothing_of_the_file(cast, client_for):
    content = b"kommunenummer;antall\n4601;250\n4614;-3\n"
    response = _post(client_for(cast.imdi_caseworker), content, "tall.csv")
    assert response.status_code == 200
    assert (
        "Rad 3, feltet antall: «-3» er ikke et helt tall fra 0 og oppover."
        in response.content.decode()
    )
    assert not SettlementRequest.objects.exists()


def test_a_file_not_in_utf8_is_refused_with_a_clear_message(cast, client_for):
    content = b"kommunenummer;antall\n4601;250\n" + "# Førde\n".encode("latin-1")
    response = _post(client_for(cast.imdi_caseworker), content, "tall.csv")
    assert "ikke lagret som UTF-8" in response.content.decode()
    assert not SettlementRequest.objects.exists()


def test_a_municipality_already_sent_its_request_is_refused(cast):
    send(cast, cast.bergen)
    with pytest.raises(UploadError) as error:
        validate_rows(read_rows(b"kommunenummer;antall\n4601;300\n", "tall.csv"), year=YEAR)
    assert error.value.messages[0].startswith("Rad 2, feltet kommunenummer: Bergen har allerede")


def test_missing_columns_are_named(cast):
    with pytest.raises(UploadError, match="Mangler: antall"):
        read_rows(b"kommunenummer;tall\n4601;3\n", "tall.csv")


def test_xlsx_upload_saves_drafts(cast, client_for):
    content = _xlsx(
        [
            ["kommunenummer", "antall", "enslige_mindreaarige", "planleggingstall"],
            ["4601", 250, 20, 200],
            ["4614", 15, None, None],
        ]
    )
    response = _post(client_for(cast.imdi_caseworker), content, "tall.xlsx")
    assert response.status_code == 302
    requests = SettlementRequest.objects.order_by("municipality__number")
    assert [
        (r.municipality.number, r.places, r.unaccompanied_minors, r.state) for r in requests
    ] == [
        ("4601", 250, 20, "draft"),
        ("4614", 15, 0, "draft"),
    ]


def test_xlsx_with_a_bad_row_saves_nothing(cast, client_for):
    content = _xlsx([["kommunenummer", "antall"], [4601, 250], [4614, "mange"]])
    response = _post(client_for(cast.imdi_caseworker), content, "tall.xlsx")
    assert "Rad 3, feltet antall" in response.content.decode()
    assert not SettlementRequest.objects.exists()


def test_a_damaged_xlsx_is_refused(cast):
    with pytest.raises(UploadError, match="XLSX"):
        read_rows(b"PK\x03\x04 ikke en zip", "tall.xlsx")


def test_the_template_reads_back_without_errors(cast, client_for):
    response = client_for(cast.imdi_caseworker).get(reverse("planning:upload_template"))
    assert response.content.decode("utf-8") == template_csv()
    rows = validate_rows(read_rows(response.content, "mal.csv"), year=YEAR)
    assert [r.municipality.number for r in rows] == ["4601", "4614"]
