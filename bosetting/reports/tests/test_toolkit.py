"""The export and chart toolkit: CSV, XLSX, PDF and SVG read back as their readers would."""

from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import openpyxl
import pypdf
import pytest
from django.template import Context, Template

from bosetting.core.testing import close_response, pdf_text
from bosetting.reports import charts
from bosetting.reports.charts import Series, grouped_bar_chart
from bosetting.reports.exports import (
    BOM,
    csv_bytes,
    export_response,
    neutralise,
    pdf_bytes,
    sheet_name,
    xlsx_bytes,
)
from bosetting.reports.table import Column, Kind, Report, format_cell, safe_filename

SVG = "{http://www.w3.org/2000/svg}"


def _report(**overrides) -> Report:
    chart = grouped_bar_chart(
        title="Anmodet og vedtatt i Møre og Romsdal",
        categories=["Ålesund", "Ørsta"],
        series=[Series("Anmodet", [25, 10]), Series("Vedtatt", [20, 12])],
        value_label="Antall flyktninger",
    )
    values = {
        "title": "Anmodninger og vedtak 2026",
        "subtitle": "Møre og Romsdal, per kommune",
        "columns": [
            Column("Kommune"),
            Column("Anmodet", Kind.INTEGER),
            Column("Differanse", Kind.INTEGER),
            Column("Andel besvart", Kind.PERCENT),
            Column("Frist", Kind.DATE),
        ],
        "rows": [
            ["1508 Ålesund", 25, -5, 1.0, datetime.date(2026, 3, 1)],
            ["1520 Ørsta", 1234, 2, 0.5, None],
            ['=HYPERLINK("http://x")', 0, 0, None, None],
        ],
        "totals": [["Sum Møre og Romsdal", 1259, -3, 0.6667, None]],
        "chart": chart,
        "filename": "Anmodninger og vedtak 2026 Møre og Romsdal",
        "generated_at": datetime.datetime(2026, 6, 30, 22, 15, tzinfo=datetime.UTC),
    }
    values.update(overrides)
    return Report(**values)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_like_a_formula_is_neutralised(start):
    assert neutralise(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


def test_ordinary_text_and_empty_cells_are_left_alone():
    assert neutralise("Ørsta") == "Ørsta"
    assert neutralise(None) == ""


def test_csv_has_a_bom_semicolons_and_neutralised_text_but_plain_negative_numbers():
    text = csv_bytes(_report()).decode("utf-8")
    assert text.startswith(BOM)
    lines = text[1:].splitlines()
    assert lines[0] == "Kommune;Anmodet;Differanse;Andel besvart;Frist"
    assert lines[1] == "1508 Ålesund;25;-5;100,0 %;01.03.2026"
    assert lines[2] == "1520 Ørsta;1234;2;50,0 %;"
    assert lines[3] == '"\'=HYPERLINK(""http://x"")";0;0;;'
    assert lines[4] == "Sum Møre og Romsdal;1259;-3;66,7 %;"


def test_xlsx_reads_back_with_numbers_totals_and_norwegian_letters():
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(_report())))
    sheet = workbook.active
    assert sheet.title == "Anmodninger og vedtak 2026"
    assert sheet["A1"].value == "Anmodninger og vedtak 2026"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "Møre og Romsdal, per kommune"
    assert sheet["A3"].value == "Laget 01.07.2026 00:15"  # Oslo time, summer
    assert [cell.value for cell in sheet[5]] == [
        "Kommune",
        "Anmodet",
        "Differanse",
        "Andel besvart",
        "Frist",
    ]
    assert all(cell.font.bold for cell in sheet[5])
    assert [cell.value for cell in sheet[6]] == [
        "1508 Ålesund",
        25,
        -5,
        1,
        datetime.datetime(2026, 3, 1),
    ]
    assert sheet["D6"].number_format == "0.0%"
    assert sheet["B7"].number_format == "#,##0"
    assert sheet["E6"].number_format == "dd.mm.yyyy"
    # A text that looks like a formula is stored as text, never as a formula.
    assert sheet["A8"].value == '=HYPERLINK("http://x")'
    assert sheet["A8"].data_type == "s"
    total = sheet[9]
    assert [cell.value for cell in total[:3]] == ["Sum Møre og Romsdal", 1259, -3]
    assert all(cell.font.bold for cell in total)
    assert sheet.column_dimensions["A"].width >= len("Sum Møre og Romsdal")
    assert workbook.properties.title == "Anmodninger og vedtak 2026"
    assert workbook.properties.subject == "Møre og Romsdal, per kommune"


def test_sheet_names_are_at_most_31_characters_without_forbidden_ones():
    assert sheet_name("Anmodninger og vedtak over tid: Møre og Romsdal [2026]") == (
        "Anmodninger og vedtak over tid"
    )
    assert len(sheet_name("x" * 50)) == 31
    assert sheet_name("/") == "Rapport"


def test_pdf_is_pdf_a_3_with_title_numbers_and_norwegian_letters():
    data = pdf_bytes(_report())
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Anmodninger og vedtak 2026" in text
    assert "Møre og Romsdal, per kommune" in text
    assert "1508 Ålesund" in text and "1520 Ørsta" in text
    assert "1\N{NO-BREAK SPACE}234" in text or "1 234" in text
    assert "Laget 01.07.2026 00:15" in text
    metadata = reader.xmp_metadata
    assert metadata is not None
    xmp = metadata.rdf_root.toxml()
    assert re.search(r"pdfaid:part[^0-9]*3", xmp)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


def test_pdf_text_survives_extraction():
    text = pdf_text(pdf_bytes(_report()))
    assert "Ålesund" in text and "Ørsta" in text and "Sum Møre og Romsdal" in text


def test_chart_is_svg_with_a_title_and_description_for_screen_readers():
    chart = grouped_bar_chart(
        title="Anmodet og vedtatt, Vestland",
        categories=["Bergen", "Stord"],
        series=[Series("Anmodet", [250, 30]), Series("Vedtatt", [200, 35])],
        value_label="Antall flyktninger",
        chart_id="vestland",
    )
    root = ET.fromstring(chart.svg)  # noqa: S314 (our own SVG)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "vestland-tittel vestland-beskrivelse"
    assert root.find(f"{SVG}title").text == "Anmodet og vedtatt, Vestland"
    description = root.find(f"{SVG}desc").text
    assert "Bergen: Anmodet 250, Vedtatt 200" in description
    assert "Stord: Anmodet 30, Vedtatt 35" in description


def test_chart_with_many_categories_still_parses():
    names = [f"Kommune {number}" for number in range(40)]
    chart = grouped_bar_chart(
        title="Mange",
        categories=names,
        series=[Series("Anmodet", list(range(40)))],
        value_label="Antall",
    )
    ET.fromstring(chart.svg)  # noqa: S314 (our own SVG)


def test_a_chart_is_drawn_once_for_the_same_figures_and_again_for_new_ones(monkeypatch):
    """matplotlib took 240 of the national report's 289 ms on every request (issue 14)."""
    drawings = []
    real = charts._figure

    def counting(spec):
        drawings.append(spec)
        return real(spec)

    monkeypatch.setattr(charts, "_figure", counting)
    first, again = (
        grouped_bar_chart(
            title=title,
            categories=["Hol", "Ål"],
            series=[Series("Bosatt", [7, 3])],
            value_label="Personer",
            chart_id=chart_id,
        )
        for title, chart_id in (("Bosatt", "a"), ("Bosatt i Hallingdal", "b"))
    )
    assert len(drawings) == 1
    assert 'id="b-tittel"' in again.svg and "Bosatt i Hallingdal" in again.svg
    assert first.svg.replace('"a-', '"b-') != again.svg  # each its own title, one drawing
    grouped_bar_chart(
        title="Bosatt",
        categories=["Hol", "Ål"],
        series=[Series("Bosatt", [7, 4])],
        value_label="Personer",
    )
    assert len(drawings) == 2


def test_the_pdf_carries_the_chart_as_an_image_at_print_resolution():
    """The SVG's hatched bars were tiled by WeasyPrint path by path: 10 s for Vestland."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(_report())))
    [image] = [image for page in reader.pages for image in page.images]
    width, height = image.image.size
    assert width >= 6 * 200 and height >= 4 * 200  # 6 × 4.2 inches at 200 dpi


# The template loops the page had before the rows were written in Python (issue 14).
_ROWS_AS_TEMPLATES = (
    "{% for link, cells in report.display_rows %}<tr>{% for column, text in cells %}"
    '{% if forloop.first %}<th scope="row">{% if link %}<a class="ds-link" href="{{ link }}">'
    "{{ text }}</a>{% else %}{{ text }}{% endif %}</th>{% else %}<td"
    '{% if column.is_numeric %} class="number"{% endif %}>{{ text }}</td>{% endif %}{% endfor %}'
    '</tr>{% endfor %}|{% for cells in report.display_totals %}<tr class="report-total">'
    '{% for column, text in cells %}{% if forloop.first %}<th scope="row">{{ text }}</th>'
    '{% else %}<td{% if column.is_numeric %} class="number"{% endif %}>{{ text }}</td>{% endif %}'
    "{% endfor %}</tr>{% endfor %}"
)


@pytest.mark.parametrize("links", [False, True], ids=["plain", "linked"])
def test_the_rows_written_in_python_are_what_the_template_wrote(links):
    report = _report()
    if links:
        report = _report(row_links=["/rapporter/?a=1&b=2", "", "/x/<y>"])
    expected = Template(_ROWS_AS_TEMPLATES).render(Context({"report": report}))
    assert f"{report.body_html()}|{report.totals_html()}" == expected
    assert "&lt;" in expected or not links


def test_rows_must_have_one_cell_per_column():
    with pytest.raises(ValueError, match="2 cells for 5 columns"):
        _report(rows=[["Ørsta", 1]])


def test_cells_are_formatted_the_norwegian_way():
    assert format_cell(Kind.INTEGER, 12345) == "12\N{NO-BREAK SPACE}345"
    assert format_cell(Kind.INTEGER, -3) == "\N{MINUS SIGN}3"
    assert format_cell(Kind.PERCENT, 0.875) == "87,5\N{NO-BREAK SPACE}%"
    assert format_cell(Kind.DATE, datetime.date(2026, 2, 3)) == "03.02.2026"
    assert format_cell(Kind.PERCENT, None) == ""


def test_file_names_are_ascii_with_norwegian_letters_spelled_out():
    assert safe_filename("Anmodninger og vedtak 2026 Møre og Romsdal") == (
        "anmodninger-og-vedtak-2026-more-og-romsdal"
    )
    assert safe_filename("Ærlig Åsane") == "aerlig-asane"
    assert safe_filename("???") == "rapport"


@pytest.mark.parametrize(
    ("file_format", "content_type"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "text/csv; charset=utf-8"),
        ("pdf", "application/pdf"),
    ],
)
def test_export_response_is_an_attachment_with_a_safe_name(file_format, content_type):
    response = export_response(_report(), file_format)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="anmodninger-og-vedtak-2026-more-og-romsdal.{file_format}"'
    )
    assert response["Cache-Control"] == "private, no-store"
    close_response(response)


def test_unknown_export_format_is_refused():
    with pytest.raises(ValueError, match="Unknown export format"):
        export_response(_report(), "docx")


def test_charts_work_without_a_writable_home_and_raise_no_warning():
    # A server's home may be read-only or missing; matplotlib must fall back by itself, and no
    # Python warning (an error under -W error) may escape while it does.
    script = (
        "import django; django.setup()\n"
        "from bosetting.reports.charts import Series, grouped_bar_chart\n"
        "chart = grouped_bar_chart(title='Ørsta', categories=['Ørsta'],"
        " series=[Series('Anmodet', [3])], value_label='Antall')\n"
        "print(chart.svg[:4])\n"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}
    }
    environment.update(HOME="/dev/null", DJANGO_SETTINGS_MODULE="bosetting.settings.test")
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "<svg"
    assert "Warning" not in result.stderr and "Traceback" not in result.stderr
