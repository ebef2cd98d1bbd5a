from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Case


def crumb(label: str, url_name: str | None = None, *args: Any) -> dict[str, str | None]:
    return {"label": label, "url": reverse(url_name, args=args) if url_name else None}


def case_crumbs(case: Case, *more: dict[str, str | None]) -> list[dict[str, str | None]]:
    return [
        crumb(_("Saker"), "cases:case_list"),
        crumb(_("Sak %(reference)s") % {"reference": case.reference}, "cases:case_detail", case.pk),
        *more,
    ]


# Registering a household, as the reception centre does it; each page shows where it stands.
REGISTRATION_STEPS = (
    gettext_lazy("Hovedperson"),
    gettext_lazy("Husstanden"),
    gettext_lazy("Kartlegging"),
    gettext_lazy("Kontroller og merk klar"),
)
HEAD_STEP, MEMBERS_STEP, ASSESSMENT_STEP, READY_STEP = 1, 2, 3, 4


def registration_steps(current: int) -> list[dict[str, Any]]:
    """The steps for cases/_registration_steps.html, each done, current or to come."""
    return [
        {
            "number": number,
            "label": label,
            "done": number < current,
            "current": number == current,
        }
        for number, label in enumerate(REGISTRATION_STEPS, start=1)
    ]
