from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .permissions import Permission, require
from .queries import users_visible_to


def user_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Permission.USER_MANAGE)
    users = users_visible_to(request.user)  # type: ignore[arg-type]
    return render(request, "accounts/user_list.html", {"users": users})


@login_not_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    raise NotImplementedError
