"""The municipality map: every municipality has a shape, and the SVG is an accessible image."""

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.cache import cache
from django.template import Context, Template

from bosetting.core.maps.choropleth import (
    GEOMETRY,
    MAX_CLASSES,
    ValueKind,
    choropleth_description,
    choropleth_svg,
    class_fills,
    class_labels,
    draw_choropleth,
    format_value,
    geometry,
    map_classes,
)

MUNICIPALITIES_CSV = (
    Path(__file__).resolve().parents[2] / "organisations" / "data" / "kommuner-2024.csv"
)
SVG = "{http://www.w3.org/2000/svg}"
BOUNDS = [0.5, 0.8, 1.0]
VALUES = {"4601": 0.875, "0301": 1.25, "5001": 0.2, "1103": None}


def _csv_names() -> dict[str, str]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as file:
        return {row["kommunenummer"]: row["kommunenavn"] for row in csv.DictReader(file)}


def _draw(values=VALUES, **options) -> ET.Element:
    options = {"title": "Andel brukt", "legend_label": "Andel brukt", "bounds": BOUNDS, **options}
    return ET.fromstring(draw_choropleth(values, **options))  # noqa: S314 (our own SVG)


def _municipalities(svg: ET.Element) -> dict[str, ET.Element]:
    return {
        path.get("data-kommune"): path
        for path in svg.iter(f"{SVG}path")
        if path.get("data-kommune")
    }


def test_every_municipality_of_2024_has_a_shape_and_its_name():
    names = _csv_names()

    assert len(names) == 357
    assert dict(geometry().names) == names
    assert all(
        re.fullmatch(r"M\d+ \d+l[-\d ]+z(M\d+ \d+l[-\d ]+z)*", d) for d in geometry().paths.values()
    )


def test_the_geometry_file_is_small_enough_to_commit_and_read_at_once():
    data = json.loads(GEOMETRY.read_text(encoding="utf-8"))

    assert GEOMETRY.stat().st_size < 300_000
    assert data["viewBox"][:2] == [0, 0]
    assert data["county_borders"].startswith("M")


def test_the_map_is_an_image_with_a_title_and_a_description():
    svg = _draw(title='Plass <brukt> & "fylt"')

    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "kart-tittel kart-beskrivelse"
    assert svg.find(f"{SVG}title").text == 'Plass <brukt> & "fylt"'
    description = svg.find(f"{SVG}desc").text
    assert description.startswith("Kart over Norges kommuner, fargelagt etter andel brukt.")
    assert description == (
        "Kart over Norges kommuner, fargelagt etter andel brukt. Under 50 %: 1 kommune; "
        "80 % til under 100 %: 1 kommune; 100 % og over: 1 kommune; ingen data: 354 kommuner. "
        "Tallene står i tabellen."
    ).replace(" %", "\N{NO-BREAK SPACE}%")  # no municipality between 50 and 80 %


def test_each_municipality_is_one_path_filled_by_its_class_with_its_name_and_value():
    svg = _draw()
    paths = _municipalities(svg)
    fills = class_fills(4)

    assert len(paths) == 357
    assert paths["5001"].get("fill") == fills[0]
    assert paths["4601"].get("fill") == fills[2]
    assert paths["0301"].get("fill") == fills[3]
    assert paths["0301"].get("data-klasse") == "3"
    assert paths["1103"].get("fill") == "url(#kart-ingen-data)"
    assert paths["1103"].get("data-klasse") == "4"
    assert paths["3201"].get("fill") == "url(#kart-ingen-data)"
    assert paths["4601"].find(f"{SVG}title").text == "Bergen: 87,5\N{NO-BREAK SPACE}%"
    assert paths["1103"].find(f"{SVG}title").text == "Stavanger: ingen data"
    assert svg.find(f".//{SVG}pattern").get("id") == "kart-ingen-data"


def test_a_value_on_a_limit_belongs_to_the_class_above():
    paths = _municipalities(_draw({"4601": 0.5, "0301": 1.0}))

    assert paths["4601"].get("data-klasse") == "1"
    assert paths["0301"].get("data-klasse") == "3"


def test_names_are_escaped_in_the_markup():
    markup = draw_choropleth(
        {"1515": 0.1}, title="a < b", legend_label="<script>", bounds=BOUNDS, map_id="k"
    )

    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert "a &lt; b" in markup
    assert ET.fromstring(markup)  # noqa: S314 (our own SVG); still well-formed


def test_the_legend_has_a_swatch_and_a_label_per_class_and_for_no_data():
    svg = _draw()
    legend = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "choropleth-legend")
    swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    texts = [text.text for text in legend.iter(f"{SVG}text")]

    assert swatches == [*class_fills(4), "url(#kart-ingen-data)"]
    assert texts == [
        "Andel brukt",
        "under 50\N{NO-BREAK SPACE}% (1)",
        "50\N{NO-BREAK SPACE}% til under 80\N{NO-BREAK SPACE}% (0)",
        "80\N{NO-BREAK SPACE}% til under 100\N{NO-BREAK SPACE}% (1)",
        "100\N{NO-BREAK SPACE}% og over (1)",
        "ingen data (354)",
    ]


def test_own_labels_replace_the_classes_labels():
    svg = _draw(labels=["lite", "noe", "mye", "alt"])
    legend = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "choropleth-legend")

    assert [text.text for text in legend.iter(f"{SVG}text")][1:] == [
        "lite (1)",
        "noe (0)",
        "mye (1)",
        "alt (1)",
        "ingen data (354)",
    ]
    with pytest.raises(ValueError, match="4 classes need as many labels"):
        _draw(labels=["lite", "mye"])


def test_the_map_has_no_inline_style_that_the_content_security_policy_would_refuse():
    markup = draw_choropleth(VALUES, title="t", legend_label="l", bounds=BOUNDS)

    assert "style" not in markup
    assert not any(element.get("style") for element in ET.fromstring(markup).iter())  # noqa: S314 (our own SVG)


def test_a_county_alone_draws_its_municipalities_and_its_neighbours_pale():
    svg = _draw(county="46", highlight="4601")
    paths = _municipalities(svg)

    assert len(paths) == 43
    assert all(number.startswith("46") for number in paths)
    width = int(svg.get("viewBox").split()[2])
    assert width < 1601
    context = [g for g in svg.iter(f"{SVG}g") if g.get("aria-hidden") == "true"]
    assert len(context) == 1 and len(context[0]) > 0  # Rogaland's and Innlandet's municipalities
    assert "kommunene i fylket" in svg.find(f"{SVG}desc").text
    highlighted = [path for path in svg.iter(f"{SVG}path") if path.get("data-fremhevet")]
    assert [path.get("data-fremhevet") for path in highlighted] == ["4601"]
    assert highlighted[0].get("fill") == "none"


def test_an_unknown_county_is_refused():
    with pytest.raises(ValueError, match="No municipality in county '99'"):
        _draw(county="99")


def test_the_whole_country_stays_small_enough_to_send_inline():
    values = {number: index / 357 for index, number in enumerate(geometry().paths)}

    markup = draw_choropleth(values, title="t", legend_label="l", bounds=[0.2, 0.4, 0.6, 0.8])

    assert len(markup.encode("utf-8")) < 150_000


def test_the_cached_map_is_the_map_drawn():
    options = {"title": "t", "legend_label": "l", "bounds": BOUNDS}
    cache.clear()

    first = choropleth_svg(VALUES, **options)
    again = choropleth_svg(VALUES, **options)

    assert first == again == draw_choropleth(VALUES, **options)
    assert choropleth_svg({**VALUES, "4601": 0.1}, **options) != first


def test_the_description_alone_is_the_maps_desc():
    description = choropleth_description(VALUES, legend_label="Andel brukt", bounds=BOUNDS)

    assert _draw().find(f"{SVG}desc").text == description


def test_classes_count_over_the_municipalities_shown():
    classes = map_classes({"4601": 0.9, "0301": 0.1}, bounds=[0.5], numbers=["4601", "4602"])

    assert [(one.label, one.count) for one in classes] == [
        ("under 50\N{NO-BREAK SPACE}%", 0),
        ("50\N{NO-BREAK SPACE}% og over", 1),
        ("ingen data", 1),
    ]
    with pytest.raises(ValueError, match="ascending"):
        map_classes({}, bounds=[0.8, 0.5])


def test_fills_are_distinct_and_the_number_of_classes_is_bounded():
    for count in range(1, MAX_CLASSES + 1):
        assert len(set(class_fills(count))) == count
    with pytest.raises(ValueError):
        class_fills(MAX_CLASSES + 1)


def test_values_read_as_the_reports_write_them():
    assert format_value(0.875, ValueKind.PERCENT) == "87,5\N{NO-BREAK SPACE}%"
    assert format_value(0.5, ValueKind.PERCENT) == "50\N{NO-BREAK SPACE}%"
    assert format_value(12345, ValueKind.INTEGER) == "12\N{NO-BREAK SPACE}345"
    assert format_value(-3, ValueKind.INTEGER) == "\N{MINUS SIGN}3"
    assert class_labels([10, 20], ValueKind.INTEGER) == [
        "under 10",
        "10 til under 20",
        "20 og over",
    ]


def test_the_figure_puts_the_map_above_its_caption_and_the_attribution():
    rendered = Template(
        "{% load maps %}{% map_figure svg 'Andel brukt per kommune.' 'tabell' %}"
    ).render(Context({"svg": choropleth_svg(VALUES, title="t", legend_label="l", bounds=BOUNDS)}))

    assert rendered.count("<svg") == 1
    assert "&lt;svg" not in rendered
    assert "<figcaption" in rendered
    assert "Andel brukt per kommune." in rendered
    assert 'href="#tabell"' in rendered
    assert "© Kartverket" in rendered


def _contrast_against_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def test_every_municipality_has_an_outline_visible_against_the_white_page():
    # The lightest class (viridis's yellow) is too faint against white by itself (WCAG 1.4.11).
    assert _contrast_against_white(class_fills(5)[0]) < 3
    svg = _draw()
    group = next(g for g in svg.iter(f"{SVG}g") if g.find(f"{SVG}path[@data-kommune]") is not None)
    outline = group.get("stroke")
    assert _contrast_against_white(outline) >= 3
    assert all(path.get("stroke") in (None, outline) for path in _municipalities(svg).values())
