"""The report "Anmodninger og vedtak" through the test client: who sees what, and the downloads."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import openpyxl
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.core.testing import close_response
from bosetting.organisations.tests.factories import MunicipalityFactory
from bosetting.planning.models import SettlementRequest
from bosetting.planning.tests.factories import MunicipalDecisionFactory, SettlementRequestFactory

YEAR = timezone.localdate().year
PAGE = reverse("reports:requests_and_decisions")
OVER_YEARS = reverse("reports:requests_and_decisions_over_years")


def _export(name: str, file_format: str) -> str:
    return reverse(f"reports:{name}_export", args=[file_format])


def _content(response) -> bytes:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    close_response(response)
    return data


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def report_world(cast):
    """Bergen asked for 117 and decided 97; Oslo asked for 222 and decided 333; Stord is unanswered."""
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=YEAR, request__places=117, places=97
    )
    MunicipalDecisionFactory(
        request__municipality=cast.bergen, request__year=YEAR - 1, request__places=44, places=44
    )
    MunicipalDecisionFactory(
        request__municipality=cast.oslo, request__year=YEAR, request__places=222, places=333
    )
    SettlementRequestFactory(municipality=cast.stord, year=YEAR, places=55)
    return cast


def test_imdi_sees_the_year_per_county_with_a_chart_and_national_total(report_world, client_for):
    response = client_for(report_world.imdi_caseworker).get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Anmodninger og vedtak {YEAR}: Hele landet, per fylke" in page
    assert "Vestland" in page and "Oslo" in page
    assert f'href="{PAGE}?year={YEAR}&amp;county=46"' in page
    assert 'role="img"' in page and "<desc" in page
    assert "Hele landet" in page
    assert ">\N{MINUS SIGN}20<" in page  # Vestland: Bergen's 97 decided − 117 requested
    assert ">111<" in page  # Oslo: 333 decided − 222 requested
    assert f"{_export('requests_and_decisions', 'xlsx')}" in page


def test_imdi_sees_the_municipalities_of_one_county(report_world, client_for):
    response = client_for(report_world.imdi_reader).get(PAGE, {"year": YEAR, "county": "46"})
    page = response.content.decode()
    assert "Vestland, per kommune" in page
    assert "4601 Bergen" in page and "4614 Stord" in page and "0301 Oslo" not in page
    assert "Sum Vestland" in page
    # The downloads carry the page's filters.
    assert f"{_export('requests_and_decisions', 'csv')}?year={YEAR}&amp;county=46" in page


def test_imdi_sees_the_county_on_a_map_coloured_by_the_share_answered(report_world, client_for):
    response = client_for(report_world.imdi_reader).get(PAGE, {"year": YEAR, "county": "46"})
    page = response.content.decode()
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="choropleth"') :]
    svg = svg[: svg.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)  # noqa: S314 (our own SVG)
    paths = {
        path.get("data-kommune"): path
        for path in root.iter("{http://www.w3.org/2000/svg}path")
        if path.get("data-kommune")
    }

    assert root.get("role") == "img"
    assert len(paths) == 43 and all(number.startswith("46") for number in paths)
    assert paths["4601"].get("data-klasse") == "3"  # Bergen answered its one request: all
    assert paths["4614"].get("data-klasse") == "0"  # Stord answered none
    assert paths["4602"].get("fill") == "url(#kart-besvart-ingen-data)"  # Kinn was asked nothing
    assert f"Andel besvarte anmodninger {YEAR}, Vestland, per kommune." in page
    assert 'href="#rapport-tabell"' in page and "© Kartverket" in page


def test_the_nation_and_a_municipality_see_no_map(report_world, client_for):
    nation = client_for(report_world.imdi_reader).get(PAGE, {"year": YEAR}).content.decode()
    bergen = client_for(report_world.bergen_caseworker).get(PAGE, {"year": YEAR}).content.decode()

    assert "Hele landet, per fylke" in nation and "choropleth" not in nation
    assert "4601 Bergen" in bergen and "choropleth" not in bergen


def test_imdi_sees_the_years_for_the_nation(report_world, client_for):
    response = client_for(report_world.imdi_caseworker).get(OVER_YEARS)
    page = response.content.decode()
    assert "Anmodninger og vedtak over tid: Hele landet" in page
    assert f">{YEAR - 1}<" in page and f">{YEAR}<" in page


def test_bergen_sees_only_bergen_in_the_year_and_over_time(report_world, client_for):
    client = client_for(report_world.bergen_caseworker)
    for url in (PAGE, OVER_YEARS, f"{PAGE}?county=03", f"{OVER_YEARS}?county=03"):
        page = client.get(url).content.decode()
        assert "Bergen" in page
        assert "Oslo" not in page and "Stord" not in page
        assert ">222<" not in page and ">333<" not in page
        assert 'name="county"' not in page  # no county filter for a municipality


def test_oslo_exports_contain_nothing_of_bergen(report_world, client_for):
    client = client_for(report_world.oslo_caseworker)
    for url in (PAGE, OVER_YEARS):
        page = client.get(url, {"county": "46"}).content.decode()
        assert "0301 Oslo" in page and "Bergen" not in page and ">117<" not in page
    for name in ("requests_and_decisions", "requests_and_decisions_over_years"):
        rows = _csv_rows(_content(client.get(_export(name, "csv"), {"county": "46"})))
        text = repr(rows)
        assert "Oslo" in text or str(YEAR) in text
        assert "Bergen" not in text and "'117'" not in text and "'97'" not in text
        workbook = openpyxl.load_workbook(
            io.BytesIO(_content(client.get(_export(name, "xlsx"), {"county": "46"})))
        )
        values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
        assert "Bergen" not in repr(values) and 117 not in values and 97 not in values
        assert 222 in values and 333 in values
    pdf = pypdf.PdfReader(
        io.BytesIO(_content(client.get(_export("requests_and_decisions", "pdf"))))
    )
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "0301 Oslo" in text and "Bergen" not in text


def test_bergens_reader_may_read_the_report(report_world, client_for):
    response = client_for(report_world.bergen_reader).get(PAGE)
    assert response.status_code == 200
    assert "4601 Bergen" in response.content.decode()


@pytest.mark.parametrize("persona", ["bergen_admin", "reception_staff"])
def test_users_without_the_report_role_are_refused(report_world, client_for, persona):
    client = client_for(getattr(report_world, persona))
    assert client.get(PAGE).status_code == 403
    assert client.get(_export("requests_and_decisions", "xlsx")).status_code == 403


def test_the_csv_export_holds_what_the_page_shows(report_world, client_for):
    response = client_for(report_world.imdi_caseworker).get(
        _export("requests_and_decisions", "csv"), {"year": YEAR, "county": "46"}
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="anmodninger-og-vedtak-{YEAR}-vestland.csv"'
    )
    rows = _csv_rows(_content(response))
    assert rows[0][:2] == ["Kommune", "Anmodet, antall"]
    assert rows[1][:6] == ["4601 Bergen", "117", "2", "97", "2", "-20"]
    # Stord has not answered: no difference to show, rather than a shortfall of everything.
    assert rows[2][:6] == ["4614 Stord", "55", "2", "0", "0", ""]
    assert rows[3][0] == "Sum Vestland" and rows[3][1] == "172"
    assert rows[3][-1] == "50,0 %"


def test_the_xlsx_export_names_the_year_and_has_the_total(report_world, client_for):
    response = client_for(report_world.imdi_caseworker).get(
        _export("requests_and_decisions", "xlsx"), {"year": YEAR}
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="anmodninger-og-vedtak-{YEAR}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(_content(response))).active
    rows = list(sheet.iter_rows(min_row=6, values_only=True))
    assert [row[0] for row in rows] == ["Oslo", "Vestland", "Hele landet"]
    assert rows[-1][1:4] == (394, 6, 430)
    assert sheet.cell(row=6 + len(rows) - 1, column=1).font.bold


def test_the_pdf_export_is_the_report_as_pdf_a(report_world, client_for):
    response = client_for(report_world.imdi_caseworker).get(
        _export("requests_and_decisions_over_years", "pdf"), {"county": "46"}
    )
    data = _content(response)
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Anmodninger og vedtak over tid" in text and "Vestland" in text
    assert "mindreårige" in text


def test_an_unknown_format_is_not_found(report_world, client_for):
    client = client_for(report_world.imdi_caseworker)
    assert client.get(_export("requests_and_decisions", "docx")).status_code == 404


def test_a_year_without_requests_is_refused_as_a_filter(report_world, client_for):
    client = client_for(report_world.imdi_caseworker)
    response = client.get(PAGE, {"year": "1999"})
    assert response.status_code == 400
    assert "Velg et gyldig valg" in response.content.decode()
    assert client.get(_export("requests_and_decisions", "csv"), {"year": "x"}).status_code == 400


def test_a_year_with_no_sent_requests_says_so(cast, client_for):
    SettlementRequestFactory(municipality=cast.bergen, state=SettlementRequest.State.DRAFT)
    page = client_for(cast.imdi_caseworker).get(PAGE).content.decode()
    assert "Ingen sendte anmodninger passer til valget." in page
    assert "<svg" not in page


def _municipalities_with_requests(cast, count: int) -> None:
    for _ in range(count):
        MunicipalDecisionFactory(
            request__municipality=MunicipalityFactory(county=cast.vestland), request__year=YEAR
        )


@pytest.mark.parametrize("count", [3, 30])
def test_the_year_per_municipality_uses_a_constant_number_of_queries(
    cast, client_for, django_assert_num_queries, count
):
    _municipalities_with_requests(cast, count)
    client = client_for(cast.imdi_caseworker)
    client.get(PAGE)  # the session and the user's access are loaded once per request anyway
    with django_assert_num_queries(13):
        response = client.get(PAGE, {"year": YEAR, "county": "46"})
    assert response.content.decode().count('<th scope="row">') == count + 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_export_uses_a_constant_number_of_queries(
    cast, client_for, django_assert_num_queries, count
):
    _municipalities_with_requests(cast, count)
    client = client_for(cast.imdi_caseworker)
    with django_assert_num_queries(11):
        response = client.get(_export("requests_and_decisions", "xlsx"), {"county": "46"})
    close_response(response)


def test_reports_page_lists_only_the_reports_the_user_may_open(cast, client_for):
    reader = client_for(cast.bergen_reader).get("/rapporter/").content.decode()
    assert "Anmodninger og vedtak" in reader
    assert "Bosetting i hele landet" in reader
    assert "Spesialisert bosettingsrapport" not in reader
    caseworker = client_for(cast.bergen_caseworker).get("/rapporter/").content.decode()
    assert "Spesialisert bosettingsrapport" in caseworker


def test_the_year_selector_shows_the_year_of_the_report_shown(report_world, client_for):
    client = client_for(report_world.imdi_caseworker)

    this_year = client.get(PAGE).content.decode()
    last_year = client.get(PAGE, {"year": YEAR - 1}).content.decode()

    assert f'<option value="{YEAR}" selected>{YEAR}</option>' in this_year
    assert f"Anmodninger og vedtak {YEAR}:" in this_year
    assert f'<option value="{YEAR - 1}" selected>{YEAR - 1}</option>' in last_year
    assert f'<option value="{YEAR}">{YEAR}</option>' in last_year
    assert f"Anmodninger og vedtak {YEAR - 1}:" in last_year
