"""User administration: list, invite, change roles, deactivate and reactivate; accept an invitation.

Every write goes through `actions`; every user is fetched through `queries` (404 outside one's
own organisation).
"""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.core.counts import counted
from bosetting.core.forms import choice_field

from . import actions
from .ansattporten import config as ansattporten_config
from .forms import (
    AcceptInvitationForm,
    InviteUserForm,
    RolesForm,
    UserFilterForm,
    UserStatus,
    status_of,
    with_status,
)
from .models import Invitation, User
from .permissions import Permission, require, scope_for
from .queries import get_user_for_admin, is_last_municipal_admin, users_visible_to

USERS_PER_PAGE = 50


def _admin(request: AuthenticatedHttpRequest) -> User:
    """The requesting user, if they may administer users at all (else 403)."""
    require(request.user, Permission.USER_MANAGE)
    return request.user


def _posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty), else None for an unbound form."""
    return request.POST if request.method == "POST" else None


def _crumbs(*items: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": label, "url": url} for label, url in items]


def _list_crumb() -> tuple[str, str]:
    return (_("Brukere"), reverse("accounts:user_list"))


@require_GET
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    by = _admin(request)
    form = UserFilterForm(request.GET, by=by)
    form.is_valid()  # an invalid filter value is ignored and shown as an error; the rest applies
    users = form.filter(with_status(users_visible_to(by)))
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "accounts/user_list.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "ellipsis": Paginator.ELLIPSIS,
            "query": query.urlencode(),
            "show_organisation": scope_for(by, Permission.USER_MANAGE).everything,
            "breadcrumbs": _crumbs((_("Brukere"), None)),
        },
    )


@require_http_methods(["GET", "POST"])
def user_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    by = _admin(request)
    initial = {}
    if request.method == "GET" and request.GET.get("organisasjon", "").isdigit():
        initial["organisation"] = int(request.GET["organisasjon"])
    form = InviteUserForm(_posted(request), by=by, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, _token = actions.invite_user(
                by=by,
                organisation=data["organisation"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                roles=data["roles"],
            )
        except actions.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Invitasjonen er sendt til %(email)s. Lenken gjelder i %(days)s.")
                % {"email": user.email, "days": counted(_invitation_days(), "dag")},
            )
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/user_invite.html",
        {
            "form": form,
            "invitation_days": _invitation_days(),
            "breadcrumbs": _crumbs(_list_crumb(), (_("Inviter bruker"), None)),
        },
    )


@require_http_methods(["GET", "POST"])
def user_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The user, and the form that changes their roles (POST)."""
    by = _admin(request)
    user = get_user_for_admin(by, pk)
    form = RolesForm(_posted(request), by=by, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_roles(by=by, user=user, roles=form.new_roles())
        except actions.AccountError as error:
            form.add_error("roles", str(error))
        else:
            messages.success(request, _("Rollene er lagret."))
            return redirect("accounts:user_detail", pk=user.pk)
    return _render_detail(request, by, user, form)


def _render_detail(
    request: HttpRequest, by: User, user: User, roles_form: RolesForm
) -> HttpResponse:
    status = status_of(user)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "shown_user": user,
            "status": status,
            "status_label": UserStatus(status).label,
            "roles_form": roles_form,
            "invitation": _latest_invitation(user) if status == UserStatus.INVITED else None,
            "can_change_roles": bool(choice_field(roles_form, "roles").choices),
            "can_deactivate": user.is_active and user.pk != by.pk,
            "can_reactivate": not user.is_active,
            "can_resend_invitation": status == UserStatus.INVITED,
            "is_self": user.pk == by.pk,
            "breadcrumbs": _crumbs(_list_crumb(), (str(user), None)),
        },
    )


def _latest_invitation(user: User) -> Invitation | None:
    return Invitation.objects.filter(user=user).order_by("-created_at").first()


@require_http_methods(["GET", "POST"])
def user_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deactivates."""
    by = _admin(request)
    user = get_user_for_admin(by, pk)
    if request.method == "POST":
        try:
            actions.deactivate_user(by=by, user=user)
        except actions.AccountError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(user)s er deaktivert og logget ut.") % {"user": user})
        return redirect("accounts:user_detail", pk=user.pk)
    if not user.is_active or user.pk == by.pk:
        return redirect("accounts:user_detail", pk=user.pk)
    detail_url = reverse("accounts:user_detail", args=[user.pk])
    return render(
        request,
        "accounts/user_deactivate.html",
        {
            "shown_user": user,
            "is_last_municipal_admin": is_last_municipal_admin(user),
            "breadcrumbs": _crumbs(_list_crumb(), (str(user), detail_url), (_("Deaktiver"), None)),
        },
    )


@require_POST
def user_reactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    by = _admin(request)
    user = get_user_for_admin(by, pk)
    try:
        actions.reactivate_user(by=by, user=user)
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(user)s er aktivert igjen.") % {"user": user})
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
def user_resend_invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    by = _admin(request)
    user = get_user_for_admin(by, pk)
    try:
        actions.resend_invitation(by=by, user=user)
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("En ny invitasjon er sendt til %(email)s. Tidligere lenker virker ikke lenger.")
            % {"email": user.email},
        )
    return redirect("accounts:user_detail", pk=user.pk)


def _invitation_days() -> int:
    return int(settings.INVITATION_VALID_FOR.days)


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a password, then straight on to TOTP enrolment, logged in."""
    invitation = actions.find_invitation(token)
    if invitation is None:
        # The same page whether the link is unknown, expired or used: it says nothing about anyone.
        return render(request, "accounts/invitation_invalid.html", status=404)
    user = invitation.user
    form = AcceptInvitationForm(_posted(request), user=user)
    if request.method == "POST" and not settings.PASSWORD_LOGIN_ENABLED:
        form.add_error(None, _("Innlogging med passord er slått av. Logg inn med Ansattporten."))
    elif request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_invitation(token=token, password=form.cleaned_data["password1"])
        except actions.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Passordet er lagret. Sett opp innlogging med engangskode for å fullføre."),
            )
            return _log_in(request, user)
    context: dict[str, Any] = {
        "invitation": invitation,
        "invited_user": user,
        "form": form,
        "token": token,
        # Also for a logged-in visitor (the layout offers the ways in only to anonymous ones).
        "ansattporten_login": ansattporten_config.is_configured(),
        "password_login": settings.PASSWORD_LOGIN_ENABLED,
    }
    return render(request, "accounts/accept_invitation.html", context)


def _log_in(request: HttpRequest, user: User) -> HttpResponse:
    """Log in through allauth's flow, as a password login; enrolling TOTP is the next step."""
    login = Login(user=user, redirect_url=reverse("mfa_activate_totp"))
    return perform_password_login(request, {"username": user.username}, login)
