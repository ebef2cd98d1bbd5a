"""Page-number pagination: simple for the integrating side to loop over, stable by id."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("Siden finnes ikke.")
