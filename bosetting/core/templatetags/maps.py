"""`{% map_figure svg caption %}`: a map (bosetting.core.maps) in a figure with its caption."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("core/map_figure.html")
def map_figure(svg: str, caption: str, table_id: str = "") -> dict[str, Any]:
    """The caption says what the map shows; `table_id` links to the table with its figures."""
    return {"svg": svg, "caption": caption, "table_id": table_id}
