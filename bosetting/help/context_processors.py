from typing import Any

from django.http import HttpRequest

from .links import help_links


def help(request: HttpRequest) -> dict[str, Any]:
    """«Hjelp» and «Hjelp til denne siden» in the header of every page."""
    return help_links(request)
