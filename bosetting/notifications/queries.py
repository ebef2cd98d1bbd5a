from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Notification


def notifications_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: Any) -> int:
    return notifications_for(user).filter(read_at=None).count()


def get_notification_for(user: Any, pk: int) -> Notification:
    """The user's own notification, or 404: another user's notifications do not exist for them."""
    return get_object_or_404(notifications_for(user), pk=pk)
