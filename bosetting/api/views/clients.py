"""IMDi's administrators manage API clients: list, create (the token shown once), revoke."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from bosetting.accounts.http import AuthenticatedHttpRequest
from bosetting.accounts.permissions import Permission, require

from .. import actions
from ..forms import ApiClientForm
from ..models import ApiClient


def _crumbs(*extra: dict[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("API-klienter"), "url": reverse("api:client_list")}, *extra]


def client_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.API_CLIENT_MANAGE)
    clients = ApiClient.objects.select_related("organisation").order_by("revoked_at", "name", "pk")
    return render(
        request,
        "api/client_list.html",
        {
            "clients": clients,
            "breadcrumbs": [{"label": _("API-klienter"), "url": None}],
        },
    )


def client_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Permission.API_CLIENT_MANAGE)
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, token = actions.create_client(by=request.user, **form.cleaned_data)
        except actions.ApiClientError as error:
            form.add_error(error.field, error.message)
        else:
            # Rendered, not redirected: the token must not pass through a session or a URL.
            response = render(
                request,
                "api/client_created.html",
                {
                    "client": client,
                    "token": token,
                    "breadcrumbs": _crumbs({"label": client.name, "url": None}),
                },
            )
            add_never_cache_headers(response)
            return response
    return render(
        request,
        "api/client_form.html",
        {"form": form, "breadcrumbs": _crumbs({"label": _("Ny API-klient"), "url": None})},
    )


def client_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.user, Permission.API_CLIENT_MANAGE)
    client = get_object_or_404(ApiClient.objects.select_related("organisation"), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            actions.revoke_client(by=request.user, client=client)
        except actions.ApiClientError as refused:
            error = refused.message
        else:
            messages.success(
                request, _("API-klienten %(name)s er tilbakekalt.") % {"name": client.name}
            )
            return redirect("api:client_list")
    context: dict[str, Any] = {
        "client": client,
        "error": error,
        "breadcrumbs": _crumbs(
            {"label": _("Tilbakekall %(name)s") % {"name": client.name}, "url": None}
        ),
    }
    return render(request, "api/client_revoke.html", context)
