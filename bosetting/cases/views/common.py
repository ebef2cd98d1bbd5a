from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Case


def crumb(label: str, url_name: str | None = None, *args: Any) -> dict[str, str | None]:
    return {"label": label, "url": reverse(url_name, args=args) if url_name else None}


def case_crumbs(case: Case, *more: dict[str, str | None]) -> list[dict[str, str | None]]:
    return [
        crumb(_("Saker"), "cases:case_list"),
        crumb(_("Sak %(reference)s") % {"reference": case.reference}, "cases:case_detail", case.pk),
        *more,
    ]
