"""Page-number pagination: simple for the integrating side to loop over, stable by id.

DRF answers a `page_size` it cannot read with the default size, and one over the maximum with the
maximum, so a client asking for 1,000 silently gets 200 and may think it has everything. Here a
`page` or `page_size` that is not a positive whole number, or a size over the maximum, is 400;
a page past the end stays 404.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from .serializers import single_value

MAX_PAGE_SIZE = 200
# Longer than any page number a result can have; int() of thousands of digits is refused anyway.
MAX_DIGITS = 18


def _positive_integer(request: Request, name: str) -> int | None:
    """The parameter as a whole number of at least 1, None when it is left out."""
    value = single_value(request.query_params, name)
    if value is None:
        return None
    digits = value.lstrip("0")
    if not (value.isascii() and value.isdigit()) or not digits:
        raise ValidationError({name: [_("Skriv et helt tall fra og med 1.")]})
    if len(digits) > MAX_DIGITS:
        return 10**MAX_DIGITS  # past the end of any result (404), or over the maximum size (400)
    return int(digits)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()  # not documented, so not offered: a page is a number
    invalid_page_message = gettext_lazy("Siden finnes ikke.")

    def get_page_size(self, request: Request) -> int:
        size = _positive_integer(request, self.page_size_query_param)
        if size is None:
            return self.page_size
        if size > MAX_PAGE_SIZE:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Høyst %(max)s per side. Følg «next» for resten.")
                        % {"max": MAX_PAGE_SIZE}
                    ]
                }
            )
        return size

    def get_page_number(self, request: Request, paginator: Any) -> int:
        return _positive_integer(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Sidenummeret, fra 1. En side etter den siste er 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Antall per side, {self.page_size} når den mangler, høyst {MAX_PAGE_SIZE}. "
                    "Mer enn det er 400."
                ),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": self.page_size,
                },
            },
        ]
