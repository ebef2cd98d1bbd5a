"""Norway's municipalities on a map, drawn on the server as inline SVG.

`choropleth.choropleth_svg` colours the municipalities by a value per kommunenummer; the
template tag `{% map_figure %}` (`core/templatetags/maps.py`) puts the map in a figure with its
caption, beside the table that holds the same figures. The outlines are in `data/` (see its
README) and `build_geometry.py` makes them again from Kartverket's boundaries.
"""
