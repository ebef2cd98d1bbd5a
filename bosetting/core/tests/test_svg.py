"""matplotlib's inline styles become presentation attributes, which CSP does not block."""

import pytest

from bosetting.core.svg import UnsupportedStyle, without_inline_styles

MATPLOTLIB = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><defs>'
    '<style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style></defs>'
    '<path d="M 0 0" style="fill: #1e3a5f; stroke: #ffffff; stroke-width: 0.8"/></svg>'
)


def test_style_attributes_become_presentation_attributes():
    svg = without_inline_styles(MATPLOTLIB)

    assert "style" not in svg
    assert '<path d="M 0 0" fill="#1e3a5f" stroke="#ffffff" stroke-width="0.8"/>' in svg
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" stroke-linejoin="round" '
        'stroke-linecap="butt">'
    )


def test_a_declaration_without_a_presentation_attribute_is_refused():
    with pytest.raises(UnsupportedStyle, match="font"):
        without_inline_styles('<svg><text style="font: 10px sans-serif">x</text></svg>')


def test_another_style_element_is_refused():
    with pytest.raises(UnsupportedStyle):
        without_inline_styles("<svg><style>path { fill: red }</style></svg>")


def test_a_real_chart_has_no_inline_style(db):
    from bosetting.reports.charts import Series, grouped_bar_chart

    chart = grouped_bar_chart(
        title="Bosatte",
        categories=["Bergen", "Oslo"],
        series=[Series("Vedtak", [3, 4])],
        value_label="Personer",
    )
    assert "style=" not in str(chart.svg)
    assert "<style" not in str(chart.svg)
    assert 'fill="#1e3a5f"' in str(chart.svg)
