"""Start a login with Ansattporten, receive its answer, and come back after logging out there."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from bosetting.core.http_methods import path_accepts_get

from ..actions import find_invitation
from ..models import User
from . import actions, config
from .client import Identity, authorization_redirect_url, finish_login, pending_login
from .refusals import Refused, explain
from .session_keys import ANSATTPORTEN_LOGIN_FLAG, ID_TOKEN, METHOD

AUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _config() -> config.Config:
    current = config.current()
    if current is None:
        raise Http404("Ansattporten er ikke satt opp.")
    return current


def _callback_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("ansattporten:callback"))


@login_not_required
@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    current = _config()
    next_url = request.GET.get("next", "")
    # Back to a page of ours that opens in a browser, as after a password login (adapters.py).
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not path_accepts_get(next_url):
        next_url = ""
    url = authorization_redirect_url(
        request, current, redirect_uri=_callback_uri(request), pending={"next": next_url}
    )
    return HttpResponseRedirect(url)


@login_not_required
@never_cache
@require_GET
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation by logging in: the person who logs in is bound to the account."""
    current = _config()
    if find_invitation(token) is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    url = authorization_redirect_url(
        request, current, redirect_uri=_callback_uri(request), pending={"invitation": token}
    )
    return HttpResponseRedirect(url)


@login_not_required
@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    current = _config()
    pending = pending_login(request)
    try:
        identity = finish_login(request, current)
        user = actions.log_in(identity=identity, invitation_token=pending.get("invitation"))
    except Refused as refusal:
        actions.record_refusal(refusal)
        return render(
            request,
            "accounts/ansattporten_refused.html",
            {"explanation": explain(refusal), "reason": str(refusal.reason)},
            status=403,
        )
    _sign_in(request, user, identity)
    if pending.get("invitation"):
        messages.success(request, _("Velkommen til Bosetting. Invitasjonen er tatt i bruk."))
    return HttpResponseRedirect(pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))


def _sign_in(request: HttpRequest, user: User, identity: Identity) -> None:
    """A Django session like any other (the same lifetime rules), which counts as two factors:
    Ansattporten's level high is itself a login with two."""
    setattr(request, ANSATTPORTEN_LOGIN_FLAG, True)
    login(request, user, backend=AUTH_BACKEND)
    record_authentication(request, user, method=METHOD, acr=identity.acr)
    request.session[ID_TOKEN] = identity.id_token


@login_not_required
@never_cache
@require_GET
def logged_out(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the browser back after ending its session."""
    messages.success(request, _("Du er logget ut av Bosetting og Ansattporten."))
    return HttpResponseRedirect(reverse("account_login"))
