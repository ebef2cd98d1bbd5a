"""The build script's parts: the projection, the simplification and shared borders drawn once."""

import pytest

from bosetting.core.maps.build_geometry import (
    _Chains,
    _split,
    douglas_peucker,
    path_data,
    utm33,
)


def test_the_projection_is_utm_zone_33():
    # On the central meridian the easting is the false easting and the northing the scaled
    # meridian arc (GRS80, 60° N: 6,654,072.82 m × 0.9996).
    assert utm33(15, 60) == pytest.approx((500_000.0, 6_651_411.19), abs=0.01)
    # Symmetric about the central meridian.
    west, east = utm33(9, 60), utm33(21, 60)
    assert west[0] + east[0] == pytest.approx(1_000_000.0)
    assert west[1] == pytest.approx(east[1])
    # Oslo's centre lies where Kartverket's EPSG:25833 maps put it (to the metre).
    assert utm33(10.7522, 59.9139) == pytest.approx((262_560, 6_649_444), abs=1)


def test_douglas_peucker_keeps_the_ends_and_the_corners_only():
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (2.0, 5.0), (2.1, 6.0), (2.0, 7.0)]

    assert douglas_peucker(line, 0.5) == [(0.0, 0.0), (2.0, 0.0), (2.0, 7.0)]
    assert douglas_peucker(line, 0.01) == line
    assert douglas_peucker(line[:2], 10) == line[:2]


def test_a_border_two_neighbours_share_is_simplified_the_same_from_both_sides():
    border = [(1.0, float(y)) for y in range(5)]
    border[2] = (1.2, 2.0)  # a bend below the tolerance
    left = [(0.0, 4.0), (0.0, 0.0), *border]
    right = [*border[::-1], (2.0, 0.0), (2.0, 4.0)]
    users = {point: frozenset({"A"}) for point in left}
    users |= {point: frozenset({"B"}) for point in right}
    users |= {point: frozenset({"A", "B"}) for point in border}
    chains = _Chains(0.5)

    left_border = next(c for c in _split(left, users) if len(c) == 5)
    right_border = next(c for c in _split(right, users) if len(c) == 5)

    assert chains.simplified(left_border) == chains.simplified(right_border)[::-1]
    assert chains.simplified(left_border) == [(1.0, 0.0), (1.0, 4.0)]


def test_path_data_is_one_absolute_move_and_relative_lines_per_ring():
    square = [(10, 10), (20, 10), (20, 20), (10, 20)]

    assert path_data([square, [(0, 0), (1, -1), (2, 0)]], closed=True) == (
        "M10 10l10 0 0 10-10 0zM0 0l1-1 1 1z"
    )
    assert path_data([[(5, 5), (6, 7)]], closed=False) == "M5 5l1 2"
