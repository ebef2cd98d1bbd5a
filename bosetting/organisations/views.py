from django.http import HttpRequest, HttpResponse

from bosetting.accounts.permissions import Permission, require


def municipality_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Permission.MUNICIPALITY_LIST_VIEW)
    raise NotImplementedError


def own_agreement(request: HttpRequest) -> HttpResponse:
    require(request.user, Permission.AGREEMENT_VIEW)
    raise NotImplementedError
