"""Authorization, in one place.

Permissions are verbs; roles are sets of them; `has_permission` is the one check. Municipal and
reception-centre users act only within their own organisation. A municipality's users reach
personal data only while the municipality has signed the current data processing agreement and
has at least one municipal administrator (DOMAIN.md).

`scope_for` answers the other question, whose data: every `queries` module starts from it, so
that no view, form or query decides for itself whether a user is IMDi, a municipality or a
reception centre.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from bosetting.organisations.agreements import municipality_access
from bosetting.organisations.models import Municipality, Organisation

from .roles import Role

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor

    from .models import User


class Permission(StrEnum):
    MUNICIPALITY_LIST_VIEW = "municipality_list_view"  # every municipality and its agreement status
    AGREEMENT_MANAGE = "agreement_manage"  # publish agreement versions, register signatures
    AGREEMENT_VIEW = "agreement_view"  # the own municipality's agreement and status
    USER_MANAGE = "user_manage"  # invite, change roles, deactivate (within limits, see accounts)
    AUDIT_LOG_VIEW = "audit_log_view"  # search the audit log (own municipality, or all for IMDi)
    RECEPTION_CENTRE_MANAGE = "reception_centre_manage"  # create and change reception centres
    # IMDi's, the municipalities' and the centres' organisation numbers: what the organisation an
    # employee chooses in Ansattporten is checked against.
    ORGANISATION_NUMBER_MANAGE = "organisation_number_manage"
    # Annual requests and municipal decisions (planning). Numbers only: no personal data.
    REQUEST_MANAGE = (
        "request_manage"  # prepare, send, adjust requests; remind; acknowledge decisions
    )
    PLANNING_OVERVIEW_VIEW = "planning_overview_view"  # the year overview of every municipality
    REQUEST_VIEW = "request_view"  # the own municipality's requests, letters and decisions
    DECISION_REGISTER = "decision_register"  # register and approve the council's decision
    REQUESTS_REPORT_VIEW = "requests_report_view"  # the report "Anmodninger og vedtak"
    # The national numbers and the published formula that proposes each request (requestformula).
    REQUEST_FORMULA_MANAGE = "request_formula_manage"
    # Persons, cases and assessments (cases). Which cases each user reaches is decided in one
    # place, bosetting.cases.queries.cases_visible_to; these say what they may do with them.
    # The case list and the search by DUF number, name or national id, of the cases the user
    # reaches: a municipality's are its matched and settled households.
    CASE_VIEW = "case_view"
    CASE_REGISTER = "case_register"  # register persons and households (cases)
    ASSESSMENT_EDIT = "assessment_edit"  # save assessments, mark a case ready or back
    PERSON_FILE_VIEW = "person_file_view"  # open a case's or person's page (the person file)
    NOTE_WRITE = "note_write"  # write notes in the person file
    DOCUMENT_UPLOAD = "document_upload"  # upload documents to the person file
    HEALTH_DETAILS_VIEW = "health_details_view"  # read health details (each read is logged)
    # Distribution: proposals, answers, settlement decisions and their letters.
    PROPOSAL_MANAGE = "proposal_manage"  # the work list; build, send and withdraw from proposals
    SETTLEMENT_DECIDE = "settlement_decide"  # decide the settlement municipality, make the letters
    PROPOSAL_ANSWER = "proposal_answer"  # the own municipality's proposals (anonymised), yes or no
    DECISION_LETTER_VIEW = "decision_letter_view"  # download settlement decision letters (names)
    LETTER_TEMPLATE_MANAGE = "letter_template_manage"  # edit and translate the letters' texts
    # Settlement and reports.
    SETTLEMENT_REGISTER = "settlement_register"  # register or correct a person's settlement date
    # A reception centre's residents who have moved out: case, municipality and date, no identity.
    MOVED_OUT_VIEW = "moved_out_view"
    SETTLEMENT_REPORT_VIEW = "settlement_report_view"  # everyone settled in a municipality, named
    NATIONAL_REPORT_VIEW = "national_report_view"  # settled nationally; small counts suppressed
    # Integration API.
    API_CLIENT_MANAGE = "api_client_manage"  # create and revoke API clients and their tokens
    # The own municipality's special-needs profile, which IMDi's distribution plans read.
    NEEDS_PROFILE_EDIT = "needs_profile_edit"


# Permissions that reach refugees' personal data: a municipality needs a signed current agreement.
PERSONAL_DATA: frozenset[Permission] = frozenset(
    {
        Permission.AUDIT_LOG_VIEW,
        Permission.CASE_VIEW,
        Permission.CASE_REGISTER,
        Permission.ASSESSMENT_EDIT,
        Permission.PERSON_FILE_VIEW,
        Permission.NOTE_WRITE,
        Permission.DOCUMENT_UPLOAD,
        Permission.HEALTH_DETAILS_VIEW,
        Permission.PROPOSAL_ANSWER,
        Permission.DECISION_LETTER_VIEW,
        Permission.SETTLEMENT_REGISTER,
        Permission.SETTLEMENT_REPORT_VIEW,
    }
)

_IMDI_READ = {
    Permission.MUNICIPALITY_LIST_VIEW,
    Permission.AUDIT_LOG_VIEW,
    Permission.PLANNING_OVERVIEW_VIEW,
    Permission.REQUESTS_REPORT_VIEW,
    Permission.NATIONAL_REPORT_VIEW,
}
_IMDI_WORK = {
    Permission.REQUEST_MANAGE,
    Permission.PROPOSAL_MANAGE,
    Permission.SETTLEMENT_DECIDE,
    Permission.DECISION_LETTER_VIEW,
    Permission.SETTLEMENT_REPORT_VIEW,
}
# IMDi's readers get no persons: privacy by default, reports and numbers are enough for them.
_CASE_WORK = {
    Permission.CASE_VIEW,
    Permission.CASE_REGISTER,
    Permission.ASSESSMENT_EDIT,
    Permission.PERSON_FILE_VIEW,
    Permission.NOTE_WRITE,
    Permission.DOCUMENT_UPLOAD,
    Permission.HEALTH_DETAILS_VIEW,
}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.IMDI_ADMIN: frozenset(
        _IMDI_READ
        | _IMDI_WORK
        | _CASE_WORK
        | {
            Permission.AGREEMENT_MANAGE,
            Permission.LETTER_TEMPLATE_MANAGE,
            Permission.USER_MANAGE,
            Permission.RECEPTION_CENTRE_MANAGE,
            Permission.API_CLIENT_MANAGE,
            Permission.REQUEST_FORMULA_MANAGE,
            Permission.ORGANISATION_NUMBER_MANAGE,
        }
    ),
    Role.IMDI_CASEWORKER: frozenset(_IMDI_READ | _IMDI_WORK | _CASE_WORK),
    Role.IMDI_READER: frozenset(_IMDI_READ),
    Role.MUNICIPAL_ADMIN: frozenset(
        {
            Permission.AGREEMENT_VIEW,
            Permission.USER_MANAGE,
            Permission.AUDIT_LOG_VIEW,
            Permission.NEEDS_PROFILE_EDIT,
        }
    ),
    Role.MUNICIPAL_CASEWORKER: frozenset(
        {
            Permission.AGREEMENT_VIEW,
            Permission.AUDIT_LOG_VIEW,
            Permission.REQUEST_VIEW,
            Permission.DECISION_REGISTER,
            Permission.REQUESTS_REPORT_VIEW,
            # The list, search and person files of the municipality's matched and settled cases
            # only (cases.queries): nothing of a person before the municipality has said yes.
            Permission.CASE_VIEW,
            Permission.PERSON_FILE_VIEW,
            Permission.NOTE_WRITE,
            Permission.DOCUMENT_UPLOAD,
            Permission.HEALTH_DETAILS_VIEW,
            Permission.PROPOSAL_ANSWER,
            Permission.DECISION_LETTER_VIEW,
            Permission.SETTLEMENT_REGISTER,
            Permission.SETTLEMENT_REPORT_VIEW,
            Permission.NATIONAL_REPORT_VIEW,
            Permission.NEEDS_PROFILE_EDIT,
        }
    ),
    Role.MUNICIPAL_READER: frozenset(
        {
            Permission.AGREEMENT_VIEW,
            Permission.REQUEST_VIEW,
            Permission.REQUESTS_REPORT_VIEW,
            Permission.NATIONAL_REPORT_VIEW,
        }
    ),
    # Residents of their own centre only (cases.queries.cases_visible_to); the centre registers
    # its residents' moving out (settlement), as its own system does through the API.
    # After moving out only the fact is kept: where and when (MOVED_OUT_VIEW).
    Role.RECEPTION_STAFF: frozenset(
        _CASE_WORK | {Permission.SETTLEMENT_REGISTER, Permission.MOVED_OUT_VIEW}
    ),
}


@dataclass(frozen=True)
class AccessState:
    """What the permission check needs to know about a user, computed once per request."""

    permissions: frozenset[Permission]
    organisation_id: int | None
    organisation_kind: str | None
    municipality_id: int | None
    # For municipal users: signed current agreement and at least one municipal administrator.
    agreement_in_force: bool


def access_state(user: User) -> AccessState:
    if user._access_state is not None:
        return user._access_state
    permissions: set[Permission] = set()
    for role in user.role_set:
        permissions |= ROLE_PERMISSIONS.get(role, frozenset())
    organisation = user.organisation
    municipality_id = None
    agreement_in_force = True
    if organisation is not None and organisation.kind == Organisation.Kind.MUNICIPALITY:
        municipality_id, agreement_in_force = municipality_access(organisation.pk)
    state = AccessState(
        permissions=frozenset(permissions),
        organisation_id=organisation.pk if organisation else None,
        organisation_kind=organisation.kind if organisation else None,
        municipality_id=municipality_id,
        agreement_in_force=agreement_in_force,
    )
    user._access_state = state
    return state


def has_permission(
    user: Any,
    permission: Permission,
    *,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
) -> bool:
    """May `user` do `permission`, within `municipality` or `organisation` where one is given?"""
    return (
        denial_reason(user, permission, municipality=municipality, organisation=organisation)
        is None
    )


def denial_reason(
    user: Any,
    permission: Permission,
    *,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
) -> str | None:
    """None when allowed, else a Norwegian sentence saying why not."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _("Du må logge inn.")
    state = access_state(user)
    if permission not in state.permissions:
        return _("Rollene dine gir ikke tilgang til dette.")
    if state.organisation_kind != Organisation.Kind.IMDI:
        if municipality is not None and municipality.pk != state.municipality_id:
            return _("Du har bare tilgang til din egen kommune.")
        if organisation is not None and organisation.pk != state.organisation_id:
            return _("Du har bare tilgang til din egen organisasjon.")
    if permission in PERSONAL_DATA and not state.agreement_in_force:
        return _(
            "Kommunen din har ikke signert gjeldende databehandleravtale med IMDi, eller har "
            "ingen kommuneadministrativ bruker. Til det er på plass har du ikke tilgang til "
            "personopplysninger. Ta kontakt med kommunens administrator."
        )
    return None


class AccessDenied(PermissionDenied):
    """A refusal with the reason the user is shown (the 403 page renders it)."""


def require(
    user: Any,
    permission: Permission,
    *,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
) -> None:
    reason = denial_reason(user, permission, municipality=municipality, organisation=organisation)
    if reason is not None:
        raise AccessDenied(reason)


def require_actor(
    by: Actor,
    permission: Permission,
    *,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
) -> None:
    """`require` for actions: `by=None` is the system itself (commands, demo data, imports),
    which may do anything; a user needs the permission."""
    if by is not None:
        require(by, permission, municipality=municipality, organisation=organisation)


class ScopeKind(StrEnum):
    EVERYTHING = "everything"  # IMDi: every municipality, centre and case
    MUNICIPALITY = "municipality"  # a municipality's users: their own municipality
    RECEPTION_CENTRE = "reception_centre"  # a centre's staff: their own centre
    NOTHING = "nothing"  # without the permission, or belonging nowhere


@dataclass(frozen=True)
class Scope:
    """Whose data a user may see under one permission. Made only by `scope_for`."""

    kind: ScopeKind
    organisation_id: int | None = None
    municipality_id: int | None = None  # set for MUNICIPALITY only

    @property
    def everything(self) -> bool:
        return self.kind == ScopeKind.EVERYTHING

    @property
    def nothing(self) -> bool:
        return self.kind == ScopeKind.NOTHING

    @property
    def reception_centre_organisation_id(self) -> int | None:
        return self.organisation_id if self.kind == ScopeKind.RECEPTION_CENTRE else None


NOTHING = Scope(ScopeKind.NOTHING)


def scope_for(user: Any, permission: Permission | None = None) -> Scope:
    """What `user` may see under `permission`: IMDi everything; a municipality's users their own
    municipality; a reception centre's staff their own centre; nothing without the permission
    (which, for personal data, includes the municipality's agreement). Without a permission: the
    user's organisation as such, for what every logged-in user sees (the start page)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if permission is not None and not has_permission(user, permission):
        return NOTHING
    state = access_state(user)
    if state.organisation_kind == Organisation.Kind.IMDI:
        return Scope(ScopeKind.EVERYTHING, organisation_id=state.organisation_id)
    if state.organisation_kind == Organisation.Kind.MUNICIPALITY and state.municipality_id:
        return Scope(
            ScopeKind.MUNICIPALITY,
            organisation_id=state.organisation_id,
            municipality_id=state.municipality_id,
        )
    if state.organisation_kind == Organisation.Kind.RECEPTION_CENTRE and state.organisation_id:
        return Scope(ScopeKind.RECEPTION_CENTRE, organisation_id=state.organisation_id)
    return NOTHING


def agreement_missing(user: Any) -> bool:
    """A municipality's user whose municipality lacks the current agreement or an administrator:
    they reach no personal data until it is in place, and the start page says why."""
    return (
        bool(getattr(user, "is_authenticated", False)) and not access_state(user).agreement_in_force
    )
