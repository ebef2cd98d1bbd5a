"""E-mail is sent by the task worker (`manage.py db_worker`), never inside a web request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from .models import Notification


@task()
def send_notification_email(notification_id: int) -> None:
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return  # deleted, or a retry after a send that did succeed
    if not notification.recipient.is_active:
        return  # deactivated since it was queued: no more e-mail from the system
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{settings.SITE_URL}{notification.url}"
    _send(notification.recipient.email, notification.subject, body)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


@task()
def send_email(to: str, subject: str, body: str, html_body: str | None = None) -> None:
    _send(to, subject, body, html_body)


def _send(to: str, subject: str, body: str, html_body: str | None = None) -> None:
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
