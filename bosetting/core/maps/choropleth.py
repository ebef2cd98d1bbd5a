"""A map of Norway's municipalities coloured by a value, as inline SVG drawn on the server.

The outlines are `data/kommuner-2024-svg.json` (see its README). The SVG is for sighted users
beside a table that holds the same figures: the table is the real alternative (WCAG 1.1.1), and
the SVG itself is an image with a title and a description that counts the municipalities per
class. Everything is drawn with presentation attributes (fill=, stroke=), which the
Content-Security-Policy's `style-src 'self'` does not govern, never with `style`.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

GEOMETRY = Path(__file__).parent / "data" / "kommuner-2024-svg.json"

# Viridis, sampled at tenths: perceptually even, readable in greyscale and by the common forms of
# colour blindness. The lowest class takes the light end, the highest the dark end.
_VIRIDIS = (
    "#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
    "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725",
)  # fmt: skip
MAX_CLASSES = 6
# "Ingen data" is hatched grey, so that it differs from every class without colour.
_NO_DATA_BACKGROUND = "#e0e0e0"
_NO_DATA_HATCH = "#6f6f6f"
# Municipalities outside the county shown, drawn for orientation only.
_CONTEXT_FILL = "#f4f4f4"
_CONTEXT_STROKE = "#c4c4c4"
_TEXT = "#1a1a1a"
# The municipalities' outlines. Viridis's light end (#fde725) is faint against the white page
# (1.3:1); this grey has 4.5:1 against white, so every shape, the lightest class's along the
# coast too, has a visible edge (WCAG 1.4.11 asks 3:1 for a graphic needed to understand it).
MUNICIPALITY_OUTLINE = "#767676"

# Raise when the drawing changes, so that no cache serves the old look.
MAP_VERSION = 2
# A map's inputs fix its drawing; a day only bounds what the cache holds for old figures.
CACHE_SECONDS = 24 * 60 * 60


class ValueKind(StrEnum):
    """How values and class limits read in the legend and the hover titles."""

    PERCENT = "percent"  # a share, 0.875 reads "87,5 %"
    INTEGER = "integer"
    DECIMAL = "decimal"  # a rate, 3.45 reads "3,5" (one decimal)


def format_value(value: float, kind: ValueKind) -> str:
    """As the reports write numbers: a comma for decimals, a no-break space before % and in
    thousands, a minus sign."""
    if kind == ValueKind.PERCENT:
        number = f"{value * 100:.1f}".replace(".", ",").removesuffix(",0")
        text = f"{number}\N{NO-BREAK SPACE}%"
    elif kind == ValueKind.DECIMAL:
        text = f"{value:,.1f}".replace(",", "\N{NO-BREAK SPACE}").replace(".", ",")
    else:
        text = f"{round(value):,}".replace(",", "\N{NO-BREAK SPACE}")
    return text.replace("-", "\N{MINUS SIGN}")


@dataclass(frozen=True)
class MapClass:
    """One class of the legend: its label, its fill and how many municipalities fall in it."""

    label: str
    fill: str
    count: int


@dataclass(frozen=True)
class Geometry:
    view_box: tuple[int, int, int, int]
    names: Mapping[str, str]
    boxes: Mapping[str, tuple[int, int, int, int]]
    paths: Mapping[str, str]
    county_borders: str


@functools.cache
def geometry() -> Geometry:
    """The committed outlines, read once per process."""
    data: dict[str, Any] = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    municipalities: dict[str, dict[str, Any]] = data["municipalities"]
    return Geometry(
        view_box=tuple(data["viewBox"]),
        names={number: one["name"] for number, one in municipalities.items()},
        boxes={number: tuple(one["box"]) for number, one in municipalities.items()},
        paths={number: one["d"] for number, one in municipalities.items()},
        county_borders=data["county_borders"],
    )


def counties() -> frozenset[str]:
    """The county numbers the map can draw alone (`county=`)."""
    return frozenset(number[:2] for number in geometry().paths)


def class_fills(count: int) -> list[str]:
    """`count` fills from light to dark, as far apart on viridis as they can be."""
    if not 1 <= count <= MAX_CLASSES:
        raise ValueError(f"A map has 1 to {MAX_CLASSES} classes, not {count}.")
    if count == 1:
        return [_VIRIDIS[5]]
    last = len(_VIRIDIS) - 1
    return [_VIRIDIS[last - round(index * last / (count - 1))] for index in range(count)]


def class_labels(bounds: Sequence[float], kind: ValueKind) -> list[str]:
    """«under 50 %», «50 % til under 80 %», «80 % og over» for the bounds 0.5 and 0.8."""
    texts = [format_value(bound, kind) for bound in bounds]
    if not texts:
        return [_("alle verdier")]
    labels = [_("under %(limit)s") % {"limit": texts[0]}]
    labels += [
        _("%(low)s til under %(high)s") % {"low": low, "high": high}
        for low, high in itertools.pairwise(texts)
    ]
    labels.append(_("%(limit)s og over") % {"limit": texts[-1]})
    return labels


def class_index(value: float, bounds: Sequence[float]) -> int:
    """The class of `value`: the number of bounds at or below it."""
    return bisect.bisect_right(bounds, value)


def choropleth_svg(
    values: Mapping[str, float | None],
    *,
    title: str,
    legend_label: str,
    bounds: Sequence[float],
    kind: ValueKind = ValueKind.PERCENT,
    labels: Sequence[str] | None = None,
    county: str | None = None,
    highlight: str | None = None,
    map_id: str = "kart",
) -> SafeString:
    """The map as an `<svg>` element, cached by its inputs.

    `values` maps kommunenummer to a value; a municipality missing from it, or None, is «ingen
    data». `bounds` are the class limits in ascending order (one to five: two to six classes); a
    value equal to a limit belongs to the class above. `labels` replaces the classes' labels
    (one per class), e.g. «alle» for a share's top class. `county` (a fylkesnummer) draws that
    county's municipalities alone, its neighbours pale around it. `highlight` (a kommunenummer)
    outlines one municipality. `map_id` keeps the ids inside the SVG unique on the page.
    """
    spec = (
        tuple(sorted(values.items())),
        title,
        legend_label,
        tuple(bounds),
        str(kind),
        None if labels is None else tuple(labels),
        county,
        highlight,
        map_id,
        get_language(),  # the legend and the text alternative are translated
        MAP_VERSION,
    )
    key = f"choropleth:{hashlib.sha256(repr(spec).encode('utf-8')).hexdigest()}"
    drawn = cache.get(key)
    if drawn is None:
        drawn = draw_choropleth(
            values,
            title=title,
            legend_label=legend_label,
            bounds=bounds,
            kind=kind,
            labels=labels,
            county=county,
            highlight=highlight,
            map_id=map_id,
        )
        cache.set(key, str(drawn), CACHE_SECONDS)
    return mark_safe(drawn)


def map_classes(
    values: Mapping[str, float | None],
    *,
    bounds: Sequence[float],
    kind: ValueKind = ValueKind.PERCENT,
    labels: Sequence[str] | None = None,
    numbers: Sequence[str] | None = None,
) -> list[MapClass]:
    """The legend's classes with their counts over `numbers` (every municipality by default),
    «ingen data» last."""
    if list(bounds) != sorted(bounds):
        raise ValueError("The class limits must be in ascending order.")
    fills = class_fills(len(bounds) + 1)
    counts = [0] * (len(bounds) + 2)
    for number in geometry().paths if numbers is None else numbers:
        value = values.get(number)
        counts[-1 if value is None else class_index(value, bounds)] += 1
    if labels is None:
        labels = class_labels(bounds, kind)
    elif len(labels) != len(bounds) + 1:
        raise ValueError(f"{len(bounds) + 1} classes need as many labels, not {len(labels)}.")
    labels = [*labels, _("ingen data")]
    return [
        MapClass(label, fill, count)
        for label, fill, count in zip(labels, [*fills, ""], counts, strict=True)
    ]


def choropleth_description(
    values: Mapping[str, float | None],
    *,
    legend_label: str,
    bounds: Sequence[float],
    kind: ValueKind = ValueKind.PERCENT,
    labels: Sequence[str] | None = None,
    county: str | None = None,
) -> str:
    """The map in words, as its `<desc>` says it: how many municipalities fall in each class."""
    shown = _shown(county)
    classes = map_classes(values, bounds=bounds, kind=kind, labels=labels, numbers=shown)
    return _describe(legend_label, classes, county)


def _describe(legend_label: str, classes: Sequence[MapClass], county: str | None) -> str:
    where = _("Norges kommuner") if county is None else _("kommunene i fylket")
    counted = "; ".join(
        _("%(label)s: %(count)s") % {"label": one.label, "count": _kommuner(one.count)}
        for one in classes
        if one.count
    )
    return _(
        "Kart over %(where)s, fargelagt etter %(legend)s. %(counted)s. Tallene står i tabellen."
    ) % {
        "where": where,
        "legend": legend_label[:1].lower() + legend_label[1:],
        "counted": counted[:1].upper() + counted[1:],
    }


def _shown(county: str | None) -> list[str]:
    shown = [number for number in geometry().paths if county is None or number[:2] == county]
    if not shown:
        raise ValueError(f"No municipality in county {county!r}.")
    return shown


def _kommuner(count: int) -> str:
    return _("1 kommune") if count == 1 else _("%(count)s kommuner") % {"count": count}


def draw_choropleth(
    values: Mapping[str, float | None],
    *,
    title: str,
    legend_label: str,
    bounds: Sequence[float],
    kind: ValueKind = ValueKind.PERCENT,
    labels: Sequence[str] | None = None,
    county: str | None = None,
    highlight: str | None = None,
    map_id: str = "kart",
) -> str:
    """The map's markup, not cached (`choropleth_svg` caches it)."""
    shapes = geometry()
    shown = _shown(county)
    classes = map_classes(values, bounds=bounds, kind=kind, labels=labels, numbers=shown)
    hatch_id = f"{map_id}-ingen-data"
    no_data_fill = f"url(#{hatch_id})"
    box = shapes.view_box if county is None else _box_around(shapes, shown)
    x, y, width, height = box
    # One pixel when the map is shown that wide: the whole country is shown large (its legend
    # fits beside Sweden), a county often in a narrow column beside its table.
    unit = width / (400 if county is None else 300)
    font = 14 * unit
    # vector-effect does not inherit, and on each of 357 paths it would cost 12 kB: the borders
    # between municipalities are thin in the drawing's units instead.
    thin = _n(unit * 0.6)
    legend_rows = len(classes) + 1
    line = font * 1.6
    if county is None:
        # Norway leaves the south-east corner empty: the legend goes there.
        legend_x, legend_y = x + width * 0.42, y + height - line * (legend_rows + 0.5)
        total_height = height
    else:
        legend_x, legend_y = x + unit * 4, y + height + line * 0.5
        total_height = round(height + line * (legend_rows + 1))

    title_id, desc_id = f"{map_id}-tittel", f"{map_id}-beskrivelse"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="choropleth" '
        f'viewBox="{x} {y} {width} {total_height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" fill="{_TEXT}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(_describe(legend_label, classes, county))}</desc>',
        f'<defs><pattern id="{hatch_id}" patternUnits="userSpaceOnUse" '
        f'width="{_n(unit * 6)}" height="{_n(unit * 6)}" patternTransform="rotate(45)">'
        f'<rect width="{_n(unit * 6)}" height="{_n(unit * 6)}" fill="{_NO_DATA_BACKGROUND}"/>'
        f'<line x1="0" y1="0" x2="0" y2="{_n(unit * 6)}" stroke="{_NO_DATA_HATCH}" '
        f'stroke-width="{_n(unit * 2)}"/></pattern></defs>',
    ]
    if county is not None:
        parts.append(
            f'<g fill="{_CONTEXT_FILL}" stroke="{_CONTEXT_STROKE}" stroke-width="{thin}" '
            f'aria-hidden="true">'
        )
        parts += [
            f'<path d="{shapes.paths[number]}"/>'
            for number in shapes.paths
            if number[:2] != county and _overlaps(shapes.boxes[number], box)
        ]
        parts.append("</g>")
    parts.append(f'<g stroke="{MUNICIPALITY_OUTLINE}" stroke-width="{thin}" fill-rule="evenodd">')
    for number in shown:
        value = values.get(number)
        if value is None:
            fill, shown_value, index = no_data_fill, _("ingen data"), len(classes) - 1
        else:
            index = class_index(value, bounds)
            fill, shown_value = classes[index].fill, format_value(value, kind)
        parts.append(
            f'<path d="{shapes.paths[number]}" fill="{fill}" data-kommune="{number}" '
            f'data-klasse="{index}"><title>{escape(shapes.names[number])}: '
            f"{escape(shown_value)}</title></path>"
        )
    parts.append("</g>")
    parts.append(
        f'<path d="{shapes.county_borders}" fill="none" stroke="{_TEXT}" '
        f'stroke-width="1.25" vector-effect="non-scaling-stroke" stroke-linejoin="round"/>'
    )
    if highlight is not None and highlight in shapes.paths:
        parts.append(
            f'<path d="{shapes.paths[highlight]}" fill="none" stroke="#000000" '
            f'stroke-width="3" vector-effect="non-scaling-stroke" stroke-linejoin="round" '
            f'data-fremhevet="{highlight}"><title>{escape(shapes.names[highlight])}</title></path>'
        )
    if county is not None:
        # The neighbours and the borders run on below the county: the legend's strip hides them.
        parts.append(
            f'<rect x="{x - width}" y="{y + height}" width="{width * 3}" '
            f'height="{total_height * 2}" fill="#ffffff"/>'
        )
    parts.append(_legend(legend_label, classes, no_data_fill, legend_x, legend_y, font, line))
    parts.append("</svg>")
    return "".join(parts)


def _legend(
    label: str,
    classes: Sequence[MapClass],
    no_data_fill: str,
    x: float,
    y: float,
    font: float,
    line: float,
) -> str:
    swatch = font * 1.1
    parts = [
        f'<g class="choropleth-legend" font-size="{_n(font)}">',
        f'<text x="{_n(x)}" y="{_n(y + font)}" font-weight="bold">{escape(label)}</text>',
    ]
    for row, one in enumerate(classes, start=1):
        top = y + row * line
        fill = one.fill or no_data_fill
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(swatch * 1.6)}" height="{_n(swatch)}" '
            f'fill="{fill}" stroke="{_TEXT}" stroke-width="1" vector-effect="non-scaling-stroke"/>'
            f'<text x="{_n(x + swatch * 2)}" y="{_n(top + font)}">'
            f"{escape(one.label)} ({one.count})</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _box_around(shapes: Geometry, numbers: Sequence[str]) -> tuple[int, int, int, int]:
    boxes = [shapes.boxes[number] for number in numbers]
    min_x, min_y = min(box[0] for box in boxes), min(box[1] for box in boxes)
    max_x, max_y = max(box[2] for box in boxes), max(box[3] for box in boxes)
    margin = max(2, round(max(max_x - min_x, max_y - min_y) * 0.03))
    return (
        min_x - margin,
        min_y - margin,
        max_x - min_x + 2 * margin,
        max_y - min_y + 2 * margin,
    )


def _overlaps(one: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> bool:
    x, y, width, height = box
    return one[0] <= x + width and one[2] >= x and one[1] <= y + height and one[3] >= y


def _n(number: float) -> str:
    """A coordinate with at most one decimal, as short as it can be written."""
    return f"{number:.1f}".removesuffix(".0")
