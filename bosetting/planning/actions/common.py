"""What every planning action shares: the permission check, the date format, the link."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.formats import date_format

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.organisations.models import Municipality

from ..models import SettlementRequest

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


def _require(by: Actor, permission: Permission, municipality: Municipality | None = None) -> None:
    require_actor(by, permission, municipality=municipality)


def _d(value: datetime.date) -> str:
    return date_format(value, "d.m.Y")


def request_url(request: SettlementRequest) -> str:
    return reverse("planning:request_detail", kwargs={"pk": request.pk})
