"""notify(): one in-app notification per active recipient, its e-mail queued after the commit."""

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from bosetting.accounts.tests.factories import UserFactory
from bosetting.notifications.actions import mark_read, notify
from bosetting.notifications.models import Notification


def test_one_notification_per_active_recipient_and_none_for_inactive(cast):
    inactive = UserFactory(organisation=cast.bergen.organisation, is_active=False)

    created = notify(
        recipients=[cast.bergen_admin, cast.bergen_caseworker, inactive],
        subject="Ny forespørsel",
        body="Bergen har fått en forespørsel.",
        url="/forespørsler/1/",
        email=False,
    )

    assert len(created) == 2
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        cast.bergen_admin.pk,
        cast.bergen_caseworker.pk,
    }
    assert not Notification.objects.filter(recipient=inactive).exists()
    assert all(n.read_at is None and n.emailed_at is None for n in Notification.objects.all())


def test_email_is_queued_only_after_the_commit(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify(recipients=[cast.oslo_admin], subject="Emne", body="Tekst")
            assert not DBTaskResult.objects.exists()
        assert not DBTaskResult.objects.exists()

    assert len(callbacks) == 1
    task = DBTaskResult.objects.get()
    assert task.task_path == "bosetting.notifications.tasks.send_notification_email"
    assert task.args_kwargs["args"] == [Notification.objects.get().pk]


def test_no_email_is_queued_when_the_transaction_rolls_back(
    cast, django_capture_on_commit_callbacks
):
    class Abort(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify(recipients=[cast.oslo_admin], subject="Emne", body="Tekst")
                raise Abort
        except Abort:
            pass

    assert callbacks == []
    assert not DBTaskResult.objects.exists()
    assert not Notification.objects.exists()


def test_no_email_is_queued_when_asked_for_none(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[cast.oslo_admin], subject="Emne", body="Tekst", email=False)

    assert callbacks == []
    assert not DBTaskResult.objects.exists()


def test_mark_read_touches_only_the_users_own_notifications(cast):
    own, _other = notify(
        recipients=[cast.oslo_admin, cast.oslo_caseworker], subject="E", body="T", email=False
    )

    assert mark_read(by=cast.oslo_caseworker, notification_ids=[own.pk]) == 0
    assert mark_read(by=cast.oslo_admin, notification_ids=[own.pk]) == 1
    assert Notification.objects.get(recipient=cast.oslo_caseworker).read_at is None
