"""Scoping and keyset pagination of the audit log, below the views."""

from bosetting.audit.models import AuditEvent
from bosetting.audit.queries import event_page, events_visible_to

from .factories import AuditEventFactory


def test_imdi_sees_events_of_every_municipality_and_none(cast):
    bergen = AuditEventFactory(municipality=cast.bergen)
    system = AuditEventFactory()

    visible = set(events_visible_to(cast.imdi_caseworker))

    assert {bergen, system} <= visible


def test_municipal_user_sees_only_events_of_own_municipality(cast):
    bergen = AuditEventFactory(municipality=cast.bergen)
    AuditEventFactory(municipality=cast.oslo)
    AuditEventFactory()

    assert list(events_visible_to(cast.bergen_admin)) == [bergen]


def test_users_without_permission_or_agreement_see_nothing(cast):
    AuditEventFactory(municipality=cast.stord)
    AuditEventFactory(municipality=cast.bergen)

    for user in (cast.stord_admin, cast.stord_caseworker, cast.bergen_reader, cast.reception_staff):
        assert not events_visible_to(user).exists()


def test_keyset_pages_walk_the_whole_log_without_gaps_or_repeats(db):
    events = AuditEventFactory.create_batch(8)
    newest_first = [event.pk for event in reversed(events)]

    seen: list[int] = []
    page = event_page(AuditEvent.objects.all(), page_size=3)
    assert page.is_first and page.newer_than is None
    while True:
        seen.extend(event.pk for event in page.events)
        if page.older_than is None:
            break
        page = event_page(AuditEvent.objects.all(), older_than=page.older_than, page_size=3)
        assert not page.is_first

    assert seen == newest_first


def test_going_back_to_newer_events_returns_the_same_pages(db):
    AuditEventFactory.create_batch(8)
    events = AuditEvent.objects.all()
    first = event_page(events, page_size=3)
    second = event_page(events, older_than=first.older_than, page_size=3)
    third = event_page(events, older_than=second.older_than, page_size=3)

    back_to_second = event_page(events, newer_than=third.newer_than, page_size=3)
    back_to_first = event_page(events, newer_than=back_to_second.newer_than, page_size=3)

    assert back_to_second.events == second.events
    assert back_to_first.events == first.events
    assert back_to_first.is_first
    assert back_to_first.newer_than is None


def test_back_to_the_newest_shows_a_full_first_page(db):
    AuditEventFactory.create_batch(5)
    events = AuditEvent.objects.all()
    oldest_two = list(events.order_by("pk")[:2])

    # Only a page of events is newer than the oldest one, so this is the first page, in full.
    page = event_page(events, newer_than=oldest_two[0].pk, page_size=4)

    assert page.events == list(events.order_by("-pk")[:4])
    assert page.is_first


def test_an_empty_log_has_one_empty_page(db):
    page = event_page(AuditEvent.objects.all())

    assert page.events == []
    assert page.older_than is None
    assert page.newer_than is None
