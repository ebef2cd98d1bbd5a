"""The one way to notify users: an in-app notification and an e-mail sent by the task worker."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from .models import Notification
from .tasks import send_email, send_notification_email

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


def notify(
    *,
    recipients: Iterable[Any],
    subject: str,
    body: str,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per active recipient and queue its e-mail after the commit."""
    with transaction.atomic():
        notifications = Notification.objects.bulk_create(
            Notification(recipient=user, subject=subject, body=body, url=url)
            for user in recipients
            if user.is_active
        )
        if email:
            for notification in notifications:
                transaction.on_commit(_enqueue_email(notification.pk))
    return notifications


def _enqueue_email(notification_id: int) -> Callable[[], None]:
    def enqueue() -> None:
        send_notification_email.enqueue(notification_id)

    return enqueue


def email_only(*, to: str, subject: str, body: str, html_body: str | None = None) -> None:
    """An e-mail with no in-app copy, for people who cannot log in yet (password reset)."""
    transaction.on_commit(lambda: send_email.enqueue(to, subject, body, html_body))


def mark_read(*, by: Actor, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications as read: the given ones, or all."""
    unread = Notification.objects.filter(recipient=by, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
