"""The API's answer for a URL under /api/v1/ that no endpoint takes: a JSON 404 in its error shape."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

# Ids are bigint: 18 digits stay below 2**63, so a longer number is not sent to the database
# (where it would overflow) but answered as any other id that does not exist.
MAX_ID_DIGITS = 18


class ApiIdConverter:
    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class UnknownApiPathConverter:
    """Any path ending in a slash (or none at all), but not IMDi's client screens, which are
    ordinary pages with the site's own 404. A path without its final slash is left to
    APPEND_SLASH, which redirects it as before."""

    regex = "(?!klienter/)(?:.*/)?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def not_found(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse({"detail": _("Fant ikke det du spurte etter."), "errors": {}}, status=404)
