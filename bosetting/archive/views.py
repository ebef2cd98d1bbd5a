"""«Last ned for arkivering»: whoever may open the case, the request or the proposal gets its
package, holding what that page shows them and no more."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import (
    AccessDenied,
    Permission,
    denial_reason,
    has_permission,
    require,
)
from bosetting.cases.case_history import get_case_with_decision_for
from bosetting.distribution.queries import get_proposal_for
from bosetting.planning.queries import get_request_for
from bosetting.planning.views.common import may_see_requests

from . import actions
from .package import Package


def _zip(package: Package) -> HttpResponse:
    response = HttpResponse(package.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.filename}"'
    return response


@require_GET
def case_package(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.PERSON_FILE_VIEW)
    case = get_case_with_decision_for(request.user, pk)
    return _zip(actions.download_case_package(by=request.user, case=case))


@require_GET
def request_package(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    may_see_requests(request.user)
    settlement_request = get_request_for(request.user, pk)
    return _zip(actions.download_request_package(by=request.user, request=settlement_request))


@require_GET
def proposal_package(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """IMDi's proposal page and the municipality's answer page both offer it."""
    if not (
        has_permission(request.user, Permission.PROPOSAL_MANAGE)
        or has_permission(request.user, Permission.PROPOSAL_ANSWER)
    ):
        raise AccessDenied(denial_reason(request.user, Permission.PROPOSAL_ANSWER))
    proposal = get_proposal_for(request.user, pk)
    return _zip(actions.download_proposal_package(by=request.user, proposal=proposal))
