"""Builds `data/kommuner-2024-svg.json` from Kartverket's 2024 boundaries (run once, by hand).

    python -m bosetting.core.maps.build_geometry ../shared/data/kommuner-2024.geojson \
        bosetting/organisations/data/kommuner-2024.csv

Pure Python, so that the product needs no GIS library for a file that changes once a reform:

1. Project longitude/latitude to UTM zone 33 (EPSG:25833, the projection Kartverket publishes
   Norway in) with Krüger's series, as in the UTM definition; the error is far below a pixel.
2. Split every ring into chains at the points where its neighbours change, so that a border two
   municipalities share is one chain, simplified once (Douglas–Peucker) and written the same in
   both: no gaps or slivers between neighbours.
3. Scale to an SVG viewBox, round to integers and write each municipality's `d` with relative
   commands; islands smaller than a few units disappear (a municipality keeps its largest).
4. County borders are the chains whose two sides lie in different counties: they match the
   municipalities exactly, which the simplified county file would not.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Grid = tuple[int, int]

OUTPUT = Path(__file__).parent / "data" / "kommuner-2024-svg.json"

# The drawing's height in viewBox units: about 0.75 km per unit, which leaves Oslo's small
# neighbours (Lørenskog, about 70 km²) some 10 by 17 units.
HEIGHT = 2000
# Douglas–Peucker tolerance in viewBox units: below what a screen shows at the map's width.
TOLERANCE = 0.8
# Islands (rings) smaller than this many square units are left out; holes the same, so that an
# enclave and the hole it fills go together.
MIN_RING_AREA = 2.0
MARGIN = 4

# GRS80 and UTM zone 33.
_A = 6378137.0
_F = 1 / 298.257222101
_K0 = 0.9996
_LON0 = math.radians(15.0)
_FALSE_EASTING = 500000.0


def _krueger() -> tuple[float, float, tuple[float, float, float]]:
    n = _F / (2 - _F)
    big_a = _A / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    alpha = (
        n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16,
        13 * n**2 / 48 - 3 * n**3 / 5,
        61 * n**3 / 240,
    )
    return n, big_a, alpha


_N, _BIG_A, _ALPHA = _krueger()
_E2N = 2 * math.sqrt(_N) / (1 + _N)


def utm33(longitude: float, latitude: float) -> Point:
    """Easting and northing in metres (EPSG:25833) of a point in degrees (EPSG:4326)."""
    phi = math.radians(latitude)
    dlon = math.radians(longitude) - _LON0
    t = math.sinh(math.atanh(math.sin(phi)) - _E2N * math.atanh(_E2N * math.sin(phi)))
    xi = math.atan2(t, math.cos(dlon))
    eta = math.atanh(math.sin(dlon) / math.sqrt(1 + t * t))
    easting = eta
    northing = xi
    for j, alpha in enumerate(_ALPHA, start=1):
        easting += alpha * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
        northing += alpha * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
    return _FALSE_EASTING + _K0 * _BIG_A * easting, _K0 * _BIG_A * northing


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points of an open chain that keep it within `tolerance`; both ends always stay."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = -1, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            if length == 0:
                d = math.hypot(x - x1, y - y1)
            else:
                d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            if d > distance:
                farthest, distance = index, d
        if farthest >= 0:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _rings(geometry: dict[str, Any]) -> list[list[Point]]:
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [[(x, y) for x, y in ring[:-1]] for polygon in polygons for ring in polygon]


def _ring_area(ring: Sequence[Grid]) -> float:
    return abs(
        sum(
            x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True)
        )
        / 2
    )


class _Chains:
    """Simplifies each shared chain once, whichever ring and direction asks for it."""

    def __init__(self, tolerance: float) -> None:
        self.tolerance = tolerance
        self.done: dict[tuple[Point, ...], list[Point]] = {}

    def simplified(self, chain: list[Point]) -> list[Point]:
        forward = tuple(chain)
        backward = forward[::-1]
        canonical = min(forward, backward)
        if canonical not in self.done:
            self.done[canonical] = douglas_peucker(canonical, self.tolerance)
        result = self.done[canonical]
        return list(result) if canonical == forward else result[::-1]


def _split(ring: list[Point], users: dict[Point, frozenset[str]]) -> list[list[Point]]:
    """The ring as chains between the points where the set of municipalities sharing it changes
    (closed: each chain's last point is the next one's first)."""
    count = len(ring)
    nodes = [
        index
        for index in range(count)
        if users[ring[index]] != users[ring[index - 1]]
        or users[ring[index]] != users[ring[(index + 1) % count]]
    ]
    if not nodes:
        # A ring no neighbour changes along (an island, or an enclave): start at the smallest
        # point and split at the point opposite, which both sides of an enclave agree on.
        start = ring.index(min(ring))
        ring = ring[start:] + ring[:start]
        farthest = max(range(count), key=lambda i: (math.dist(ring[0], ring[i]), ring[i]))
        nodes = [0, farthest] if farthest else [0]
    chains = []
    for position, node in enumerate(nodes):
        end = nodes[(position + 1) % len(nodes)]
        if end > node:
            chains.append(ring[node : end + 1])
        else:
            chains.append(ring[node:] + ring[: end + 1])
    return chains


def _grid(point: Point, box: tuple[float, float, float, float], scale: float) -> Grid:
    min_x, _, _, max_y = box
    return (
        round((point[0] - min_x) * scale) + MARGIN,
        round((max_y - point[1]) * scale) + MARGIN,
    )


def _deduplicated(points: Iterable[Grid]) -> list[Grid]:
    result: list[Grid] = []
    for point in points:
        if not result or result[-1] != point:
            result.append(point)
    return result


def _numbers(values: Iterable[int]) -> str:
    text = ""
    for value in values:
        text += str(value) if (value < 0 or not text) else f" {value}"
    return text


def path_data(rings: Sequence[Sequence[Grid]], *, closed: bool) -> str:
    """Rings (or lines) as SVG path data with a relative `l` after each absolute `M`."""
    parts = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        deltas: list[int] = []
        previous = (x0, y0)
        for x, y in rest:
            deltas += [x - previous[0], y - previous[1]]
            previous = (x, y)
        parts.append(f"M{x0} {y0}l{_numbers(deltas)}{'z' if closed else ''}")
    return "".join(parts)


def build(geojson: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    features = {
        feature["properties"]["kommunenummer"]: [
            [utm33(*point) for point in ring] for ring in _rings(feature["geometry"])
        ]
        for feature in geojson["features"]
    }
    users_of: dict[Point, set[str]] = defaultdict(set)
    for number, rings in features.items():
        for ring in rings:
            for point in ring:
                users_of[point].add(number)
    users = {point: frozenset(numbers) for point, numbers in users_of.items()}

    xs = [point[0] for point in users]
    ys = [point[1] for point in users]
    box = (min(xs), min(ys), max(xs), max(ys))
    scale = (HEIGHT - 2 * MARGIN) / (box[3] - box[1])
    width = round((box[2] - box[0]) * scale) + 2 * MARGIN

    chains = _Chains(TOLERANCE / scale)
    county_lines: dict[tuple[Point, ...], list[Grid]] = {}
    municipalities: dict[str, dict[str, Any]] = {}
    for number in sorted(features):
        drawn: list[list[Grid]] = []
        for ring in features[number]:
            simplified: list[Point] = []
            for chain in _split(ring, users):
                kept = chains.simplified(chain)
                simplified += kept[:-1]
                # Inside a chain every point has the same neighbours; a chain of two points
                # has only its ends, shared by both sides.
                sides = users[chain[1]] if len(chain) > 2 else users[chain[0]] & users[chain[-1]]
                if len({side[:2] for side in sides}) > 1:
                    key = min(tuple(chain), tuple(chain[::-1]))
                    county_lines[key] = _deduplicated(_grid(p, box, scale) for p in kept)
            gridded = _deduplicated(_grid(point, box, scale) for point in simplified)
            if len(gridded) > 1 and gridded[0] == gridded[-1]:
                gridded.pop()
            if len(gridded) >= 3:
                drawn.append(gridded)
        drawn.sort(key=_ring_area, reverse=True)
        kept_rings = [ring for ring in drawn[1:] if _ring_area(ring) >= MIN_RING_AREA]
        outline = [drawn[0], *kept_rings]
        every = [point for ring in outline for point in ring]
        municipalities[number] = {
            "name": names[number],
            "box": [
                min(x for x, _ in every),
                min(y for _, y in every),
                max(x for x, _ in every),
                max(y for _, y in every),
            ],
            "d": path_data(outline, closed=True),
        }
    lines = [line for _, line in sorted(county_lines.items()) if len(line) > 1]
    return {
        "source": (
            "Kartverket, administrative units 2024 (CC BY 4.0, © Kartverket), via "
            "robhop/fylker-og-kommuner Kommuner-S.geojson at "
            "77f1e665a1037e171154bd7d5a8d62284c6c9219; see README.md"
        ),
        "viewBox": [0, 0, width, HEIGHT],
        "municipalities": municipalities,
        "county_borders": path_data(lines, closed=False),
    }


def _names(csv_path: Path) -> dict[str, str]:
    with csv_path.open(encoding="utf-8", newline="") as file:
        return {row["kommunenummer"]: row["kommunenavn"] for row in csv.DictReader(file)}


def main(arguments: Sequence[str]) -> None:
    geojson_path, csv_path = (Path(argument) for argument in arguments)
    names = _names(csv_path)
    geojson = json.loads(geojson_path.read_text(encoding="utf-8"))
    numbers = {feature["properties"]["kommunenummer"] for feature in geojson["features"]}
    if numbers != set(names):
        raise SystemExit(f"Codes differ: {sorted(numbers ^ set(names))}")
    built = build(geojson, names)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(
        json.dumps(built, ensure_ascii=False, separators=(",", ":"), indent=None) + "\n",
        encoding="utf-8",
    )
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes, {len(built['municipalities'])} municipalities")


if __name__ == "__main__":
    main(sys.argv[1:])
