"""The e-mail leaves with the real task worker (`manage.py db_worker`), never in the request.

These tests commit for real (transaction=True): the worker checks its database connection the way
a long-running process must, which a test wrapped in one transaction would not survive on
PostgreSQL.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from bosetting.accounts.tests.factories import UserFactory
from bosetting.audit.models import AuditEvent, EventType
from bosetting.notifications.actions import notify
from bosetting.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    """Process every task waiting in the queue once, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def test_worker_sends_the_email_with_prefix_and_absolute_link(cast):
    notify(
        recipients=[cast.bergen_caseworker],
        subject="Ny forespørsel om bosetting",
        body="IMDi spør om Bergen kan bosette en familie.",
        url="/varsler/",
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Bosetting] Ny forespørsel om bosetting"
    assert message.to == [cast.bergen_caseworker.email]
    assert "IMDi spør om Bergen kan bosette en familie." in message.body
    assert f"{settings.SITE_URL}/varsler/" in message.body
    assert Notification.objects.get().emailed_at is not None
    assert DBTaskResult.objects.successful().count() == 1


def test_the_link_in_the_email_points_to_site_url(cast, settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    notify(recipients=[cast.bergen_caseworker], subject="Emne", body="Tekst", url="/saker/7/")

    run_worker()

    assert "http://127.0.0.1:8101/saker/7/" in mail.outbox[0].body


def test_a_second_run_sends_nothing_more(cast):
    notify(recipients=[cast.bergen_caseworker, cast.bergen_admin], subject="Emne", body="Tekst")
    run_worker()
    assert len(mail.outbox) == 2

    run_worker()

    assert len(mail.outbox) == 2


def test_a_notification_already_emailed_is_not_sent_again(cast):
    """A retried task after a send that did succeed must not send twice."""
    from bosetting.notifications.tasks import send_notification_email

    (notification,) = notify(recipients=[cast.oslo_admin], subject="Emne", body="Tekst")
    run_worker()
    send_notification_email.enqueue(notification.pk)

    run_worker()

    assert len(mail.outbox) == 1


def test_no_email_to_a_user_deactivated_after_it_was_queued(cast):
    from bosetting.accounts.actions import deactivate_user

    notify(recipients=[cast.bergen_caseworker], subject="Emne", body="Tekst")
    deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)

    run_worker()

    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_password_reset_email_goes_through_the_worker_and_is_logged(cast, client):
    user = UserFactory(
        username="glemsk", email="glemsk@bergen.kommune.no", organisation=cast.bergen.organisation
    )

    response = client.post("/konto/password/reset/", {"email": user.email})

    assert response.status_code == 302
    assert mail.outbox == []  # not sent inside the request
    event = AuditEvent.objects.get(event_type=EventType.PASSWORD_RESET_REQUESTED)
    assert event.object_id == str(user.pk)
    assert event.ip_address == "127.0.0.1"

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject.startswith("[Bosetting] ")
    assert "/konto/password/reset/key/" in message.body


def test_password_reset_for_an_unknown_address_logs_nothing_and_sends_no_link(cast, client):
    response = client.post("/konto/password/reset/", {"email": "ukjent@example.no"})

    assert response.status_code == 302
    run_worker()
    # Against enumeration the address is told there is no account, through the same worker.
    assert [message.to for message in mail.outbox] == [["ukjent@example.no"]]
    assert "/konto/password/reset/key/" not in mail.outbox[0].body
    assert not AuditEvent.objects.filter(event_type=EventType.PASSWORD_RESET_REQUESTED).exists()
