"""The user's own notifications: the list, marking as read, and following a notification's link."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import actions
from .queries import get_notification_for, notifications_for, unread_count

if TYPE_CHECKING:
    # Notifications sit below accounts (which notifies by e-mail): the request type is for typing only.
    from bosetting.accounts.http import AuthenticatedHttpRequest

PAGE_SIZE = 25


@require_GET
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "notifications/list.html", _list_context(request, request.GET))


@require_GET
def open_notification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Following a notification's link reads it."""
    notification = get_notification_for(request.user, pk)
    actions.mark_read(by=request.user, notification_ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(notification.url)
    return redirect("notifications:list")


@require_POST
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for(request.user, pk)
    actions.mark_read(by=request.user, notification_ids=[notification.pk])
    if request.htmx:
        if notification.read_at is None:
            notification.read_at = timezone.now()
        return render(
            request,
            "notifications/_mark_read_response.html",
            {
                "notification": notification,
                "just_read": True,
                "unread_notifications": unread_count(request.user),
                "page_number": _page_number(request.POST),
            },
        )
    return _back_to_list(request)


@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    actions.mark_read(by=request.user)
    if request.htmx:
        context = _list_context(request, request.POST)
        context["all_just_read"] = True
        return render(request, "notifications/_list_response.html", context)
    return _back_to_list(request)


def _list_context(request: AuthenticatedHttpRequest, query: Any) -> dict[str, Any]:
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(_page_number(query))
    unread = unread_count(request.user)
    return {
        "page": page,
        # The layout's count too, so the page asks the database once.
        "unread_notifications": unread,
        "breadcrumbs": [{"label": _("Varsler"), "url": None}],
    }


def _page_number(query: Any) -> int:
    value = str(query.get("page", ""))
    return int(value) if value.isdigit() else 1


def _back_to_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    url = reverse("notifications:list")
    page = _page_number(request.POST)
    return HttpResponseRedirect(f"{url}?page={page}" if page > 1 else url)
