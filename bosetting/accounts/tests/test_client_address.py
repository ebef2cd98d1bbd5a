"""The client's address comes from X-Forwarded-For only through the configured trusted proxies:
for the login limits (allauth) and for the audit log alike."""

from __future__ import annotations

from django.test import Client, override_settings

from bosetting.accounts.tests.factories import PASSWORD
from bosetting.audit.models import AuditEvent, EventType

LOGIN_URL = "/konto/login/"
PROXY = "10.0.0.2"  # nginx, as every app server sees it


def post_password(client: Client, username: str, client_address: str, password: str) -> int:
    response = client.post(
        LOGIN_URL,
        {"login": username, "password": password},
        REMOTE_ADDR=PROXY,
        # nginx appends the address it saw; anything before it came from the client.
        HTTP_X_FORWARDED_FOR=f"192.0.2.66, {client_address}",
    )
    return response.status_code


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_failed_logins_from_one_address_do_not_lock_out_another_behind_the_same_proxy(cast):
    attacker = Client()
    for attempt in range(25):
        post_password(attacker, f"ukjent{attempt}", "198.51.100.7", "feil-passord-123")

    status = post_password(Client(), cast.oslo_caseworker.username, "198.51.100.8", PASSWORD)

    assert status == 302  # on to the second factor, not «For mange innloggingsforsøk»


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_the_audit_log_records_the_address_the_trusted_proxy_saw(cast):
    post_password(Client(), cast.oslo_caseworker.username, "198.51.100.8", "feil-passord-123")

    event = AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED)
    assert event.ip_address == "198.51.100.8"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(cast):
    post_password(Client(), cast.oslo_caseworker.username, "198.51.100.8", "feil-passord-1")

    event = AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED)
    assert event.ip_address == PROXY
