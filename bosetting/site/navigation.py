"""The main navigation, by permission: one list, filtered for the user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bosetting.accounts.permissions import Permission, has_permission


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: Permission | None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAVIGATION = [
    NavItem(_("Oversikt"), "home", None),
    # IMDi's year overview and the municipality's own requests share a label: one menu item each.
    NavItem(_("Anmodninger og vedtak"), "planning:overview", Permission.PLANNING_OVERVIEW_VIEW),
    NavItem(_("Anmodninger og vedtak"), "planning:request_list", Permission.REQUEST_VIEW),
    NavItem(_("Saker"), "cases:case_list", Permission.CASE_VIEW),
    NavItem(_("Fordeling"), "distribution:work_list", Permission.PROPOSAL_MANAGE),
    NavItem(_("Forespørsler"), "distribution:proposal_list", Permission.PROPOSAL_ANSWER),
    NavItem(_("Bosettingsdato"), "settlement:pending", Permission.SETTLEMENT_REGISTER),
    NavItem(_("Flyttet ut"), "settlement:moved_out", Permission.MOVED_OUT_VIEW),
    NavItem(_("Rapporter"), "reports:index", Permission.REQUESTS_REPORT_VIEW),
    NavItem(
        _("Kommuner og avtaler"),
        "organisations:municipality_list",
        Permission.MUNICIPALITY_LIST_VIEW,
    ),
    NavItem(_("Mottak"), "organisations:reception_centre_list", Permission.MUNICIPALITY_LIST_VIEW),
    NavItem(_("Særskilte behov"), "matching:own_needs_profile", Permission.NEEDS_PROFILE_EDIT),
    NavItem(_("Databehandleravtale"), "organisations:own_agreement", Permission.AGREEMENT_VIEW),
    NavItem(_("Brukere"), "accounts:user_list", Permission.USER_MANAGE),
    NavItem(_("Brevmaler"), "letters:template_list", Permission.LETTER_TEMPLATE_MANAGE),
    NavItem(_("API-klienter"), "api:client_list", Permission.API_CLIENT_MANAGE),
    NavItem(_("Hendelseslogg"), "audit:event_list", Permission.AUDIT_LOG_VIEW),
]


def navigation_for(user: Any) -> list[NavItem]:
    return [
        item
        for item in NAVIGATION
        if item.permission is None or has_permission(user, item.permission)
    ]
