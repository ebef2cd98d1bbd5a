from django.http import HttpRequest, HttpResponse

from bosetting.accounts.permissions import Permission, require


def event_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Permission.AUDIT_LOG_VIEW)
    raise NotImplementedError
