"""The demo users for the login page in demo mode, straight from seed_demo's list."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings

from bosetting.demo.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from bosetting.organisations.models import Municipality

register = template.Library()


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    organisation: str
    roles: str


@register.simple_tag
def demo_users() -> list[DemoUser]:
    """The seeded demo users; nothing at all outside demo mode."""
    if not settings.DEMO_MODE:
        return []
    numbers = {org_key for _, _, _, org_key, _ in DEMO_USERS if org_key.isdigit()}
    municipality_names = dict(
        Municipality.objects.filter(number__in=numbers).values_list("number", "name")
    )
    return [
        DemoUser(
            username=username,
            name=f"{first} {last}",
            organisation=_organisation_label(org_key, municipality_names),
            roles=", ".join(str(role.label) for role in roles),
        )
        for username, first, last, org_key, roles in DEMO_USERS
    ]


@register.simple_tag
def demo_password() -> str:
    return DEMO_PASSWORD if settings.DEMO_MODE else ""


def _organisation_label(org_key: str, municipality_names: dict[str, str]) -> str:
    if org_key == "imdi":
        return "IMDi"
    if org_key.isdigit():
        return municipality_names.get(org_key, org_key)
    return org_key  # reception centres are keyed by name
