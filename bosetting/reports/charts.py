"""Charts as SVG with matplotlib, for the page and the PDF.

matplotlib is used through `Figure` and a canvas of its own only: pyplot keeps global state
that requests on several threads would share. `savefig` picks the SVG or PNG writer by format. When the home directory cannot be written, matplotlib
falls back to a temporary config directory by itself; nothing here writes a font cache.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast
from xml.sax.saxutils import escape

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bosetting.core.svg import without_inline_styles

from .table import Chart, format_integer

# Designsystemet's dark blue and a dark orange: each has at least 4.5:1 contrast on white, and the
# second series is also hatched, so the bars differ without colour.
SERIES_STYLES = [
    {"color": "#1e3a5f", "hatch": ""},
    {"color": "#a34700", "hatch": "///"},
    {"color": "#2f6b3a", "hatch": "..."},
]
_TEXT_COLOUR = "#1a1a1a"
Drawn = TypeVar("Drawn", str, bytes)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int | float]


def grouped_bar_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_label: str,
    chart_id: str = "diagram",
) -> Chart:
    """Bars side by side per category, one colour per series, with a title and a text alternative.

    `chart_id` makes the ids of the SVG's <title> and <desc> unique on the page. The drawing is
    cached by everything it is drawn from (the figures themselves, so new data draws anew):
    matplotlib took about 240 ms of the national report's 289 ms on every request.
    """
    spec = _Spec(
        tuple(categories), tuple((one.label, tuple(one.values)) for one in series), value_label
    )
    description = _describe(categories, series)
    return Chart(
        svg=_accessible_svg(_cached(spec, _svg), title, description, chart_id),
        title=title,
        description=description,
        print_png=lambda: _cached(spec, _png),
    )


# A chart's inputs fix its drawing; a day only bounds what the cache holds for old figures.
CACHE_SECONDS = 24 * 60 * 60
# Print resolution for the PDF: sharp on paper, and WeasyPrint places a PNG at once, where the
# SVG's hatched bars were tiled path by path (405,805 points, about 10 s for Vestland).
PRINT_DPI = 200


@dataclass(frozen=True)
class _Spec:
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int | float, ...]], ...]
    value_label: str


def _cached(spec: _Spec, draw: Callable[[_Spec], Drawn]) -> Drawn:
    key = repr((spec, draw.__name__, CHART_VERSION)).encode("utf-8")
    key_text = f"chart:{hashlib.sha256(key).hexdigest()}"
    drawn = cache.get(key_text)
    if drawn is None:
        drawn = draw(spec)
        cache.set(key_text, drawn, CACHE_SECONDS)
    return cast(Drawn, drawn)


# Raise when the drawing code changes, so that no cache serves the old look.
CHART_VERSION = 2


def _svg(spec: _Spec) -> str:
    """The chart as SVG markup, without inline styles (CSP)."""
    buffer = io.StringIO()
    _figure(spec).savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return without_inline_styles(buffer.getvalue())


def _png(spec: _Spec) -> bytes:
    """The chart as PNG at print resolution, for the PDF."""
    binary = io.BytesIO()
    _figure(spec).savefig(binary, format="png", dpi=PRINT_DPI, metadata={"Software": None})
    return binary.getvalue()


def _figure(spec: _Spec) -> Figure:
    categories, series = spec.categories, spec.series
    figure = Figure(figsize=(max(6.0, min(14.0, 1.0 + 0.55 * len(categories) * len(series))), 4.2))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    width = 0.8 / max(len(series), 1)
    positions = range(len(categories))
    for index, (label, values) in enumerate(series):
        style = SERIES_STYLES[index % len(SERIES_STYLES)]
        axes.bar(
            [position - 0.4 + width * (index + 0.5) for position in positions],
            list(values),
            width=width,
            label=label,
            color=style["color"],
            hatch=style["hatch"],
            edgecolor="white" if style["hatch"] else style["color"],
            linewidth=0,
        )
    axes.set_xticks(
        list(positions),
        list(categories),
        rotation=45 if len(categories) > 6 else 0,
        ha="right" if len(categories) > 6 else "center",
        color=_TEXT_COLOUR,
    )
    axes.set_ylabel(spec.value_label, color=_TEXT_COLOUR)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(colors=_TEXT_COLOUR)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d0d0d0", linewidth=0.6)
    axes.set_axisbelow(True)
    if series:
        axes.legend(frameon=False, labelcolor=_TEXT_COLOUR)
    figure.tight_layout()
    return figure


def _describe(categories: Sequence[str], series: Sequence[Series]) -> str:
    """The chart in words: what a screen reader says instead of showing the bars."""
    parts = []
    for index, category in enumerate(categories):
        values = ", ".join(f"{one.label} {format_integer(one.values[index])}" for one in series)
        parts.append(f"{category}: {values}")
    intro = _("Stolpediagram. Tallene står også i tabellen.")
    return f"{intro} {'; '.join(parts)}." if parts else intro


_SVG_START = re.compile(r"<svg\b[^>]*>")


def _accessible_svg(markup: str, title: str, description: str, chart_id: str) -> SafeString:
    """The <svg> element alone (no XML prologue), with role="img", <title> and <desc>."""
    start = _SVG_START.search(markup)
    if start is None:
        raise ValueError("matplotlib wrote no <svg> element")
    title_id, desc_id = f"{chart_id}-tittel", f"{chart_id}-beskrivelse"
    opening = start.group(0)[:-1] + f' role="img" aria-labelledby="{title_id} {desc_id}">'
    labels = (
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
    )
    return mark_safe(opening + labels + markup[start.end() :])
