"""What the distribution screens share: breadcrumbs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _


def crumb(label: str, url_name: str | None = None, **kwargs: Any) -> dict[str, Any]:
    return {"label": label, "url": reverse(url_name, kwargs=kwargs) if url_name else None}


def work_list_crumb() -> dict[str, Any]:
    return crumb(_("Fordeling"), "distribution:work_list")


def own_proposals_crumb() -> dict[str, Any]:
    return crumb(_("Forespørsler"), "distribution:proposal_list")
