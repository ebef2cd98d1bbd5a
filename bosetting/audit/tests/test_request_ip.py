"""Actions run in a request record the client's address (RequestContextMiddleware)."""

from bosetting.audit.models import AuditEvent, EventType


def test_failed_login_is_logged_with_the_clients_address(cast, client):
    response = client.post(
        "/konto/login/", {"login": cast.bergen_caseworker.username, "password": "feil-passord"}
    )

    assert response.status_code == 200
    event = AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED)
    assert event.ip_address == "127.0.0.1"
    assert event.actor_label == cast.bergen_caseworker.username
    assert cast.bergen_caseworker.username in event.summary


def test_failed_login_from_another_address_records_that_address(cast, client):
    client.post(
        "/konto/login/",
        {"login": cast.oslo_caseworker.username, "password": "feil-passord"},
        REMOTE_ADDR="10.20.30.40",
    )

    assert AuditEvent.objects.get(event_type=EventType.LOGIN_FAILED).ip_address == "10.20.30.40"


def test_events_recorded_outside_a_request_have_no_address(cast):
    from .factories import AuditEventFactory

    assert AuditEventFactory().ip_address is None
