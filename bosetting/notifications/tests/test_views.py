"""The notification screens: the user's own list, marking as read, following a link."""

import re

import pytest
from django.urls import reverse

from bosetting.notifications.actions import notify
from bosetting.notifications.models import Notification

LIST_URL = reverse("notifications:list")
HTMX = {"HX-Request": "true"}


def _notify(user, subject="Ny forespørsel", url="/logg/", **kwargs):
    (notification,) = notify(
        recipients=[user], subject=subject, body="Tekst i varselet", url=url, email=False, **kwargs
    )
    return notification


def _header_count(html: str) -> str | None:
    match = re.search(
        r'class="ds-badge" data-color="danger" data-count="(\d+)" aria-hidden="true"></span>'
        r'<span class="visually-hidden"> \1 uleste',
        html,
    )
    return match.group(1) if match else None


def test_list_shows_own_notifications_newest_first(cast, client_for):
    _notify(cast.bergen_caseworker, subject="Eldste varsel")
    _notify(cast.bergen_caseworker, subject="Nyeste varsel")
    _notify(cast.oslo_caseworker, subject="Oslos varsel")

    response = client_for(cast.bergen_caseworker).get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and ">Varsler</h1>" in html
    assert html.index("Nyeste varsel") < html.index("Eldste varsel")
    assert "Oslos varsel" not in html


def test_unread_is_marked_with_text_and_weight_not_colour_alone(cast, client_for):
    _notify(cast.bergen_caseworker, subject="Uleste saken")

    html = client_for(cast.bergen_caseworker).get(LIST_URL).content.decode()

    assert "<strong>Ulest</strong>" in html
    assert "<strong>Uleste saken</strong>" in html
    assert "Merk som lest" in html
    assert "Merk alle som lest" in html


def test_user_without_notifications_is_told_so(cast, client_for):
    html = client_for(cast.oslo_admin).get(LIST_URL).content.decode()

    assert "Du har ingen varsler." in html
    assert "Merk alle som lest" not in html


def test_list_is_paginated(cast, client_for):
    for n in range(30):
        _notify(cast.bergen_admin, subject=f"Varsel nummer {n:02d}")
    client = client_for(cast.bergen_admin)

    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL, {"page": 2}).content.decode()

    assert "Varsel nummer 29" in first and "Varsel nummer 05" in first
    assert "Varsel nummer 04" not in first
    assert "Side 1 av 2" in first
    assert "Varsel nummer 04" in second and "Varsel nummer 00" in second
    assert "Varsel nummer 05" not in second


def test_list_query_count_does_not_grow_with_the_notifications(
    cast, client_for, django_assert_num_queries
):
    for n in range(30):
        _notify(cast.bergen_admin, subject=f"Varsel {n}")
    client = client_for(cast.bergen_admin)

    # session, user, roles, organisation, the municipality with its agreement status (the
    # navigation), the count and the page of notifications, the unread count, and the session
    # saved again (savepoint, update, release).
    with django_assert_num_queries(8):
        client.get(LIST_URL)


def test_mark_read_marks_one_and_returns_to_the_list(cast, client_for):
    first = _notify(cast.bergen_caseworker)
    second = _notify(cast.bergen_caseworker)

    response = client_for(cast.bergen_caseworker).post(
        reverse("notifications:mark_read", args=[first.pk]), {"page": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_mark_read_with_htmx_returns_the_updated_row_and_count(cast, client_for):
    notification = _notify(cast.bergen_caseworker, subject="Svar på forespørsel")
    _notify(cast.bergen_caseworker)

    response = client_for(cast.bergen_caseworker).post(
        reverse("notifications:mark_read", args=[notification.pk]), headers=HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<tr id="varsel-{notification.pk}">')
    assert "Lest" in html and "<strong>Ulest</strong>" not in html
    assert "Svar på forespørsel" in html
    assert "Du har 1 ulest varsel." in html
    assert 'hx-swap-oob="outerHTML:.site-header__user' in html
    assert _header_count(html) == "1"


def test_mark_read_only_by_post(cast, client_for):
    notification = _notify(cast.bergen_caseworker)

    response = client_for(cast.bergen_caseworker).get(
        reverse("notifications:mark_read", args=[notification.pk])
    )

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_changes_the_unread_count_in_the_header(cast, client_for):
    for _ in range(3):
        _notify(cast.oslo_caseworker)
    _notify(cast.oslo_admin)
    client = client_for(cast.oslo_caseworker)
    assert _header_count(client.get(reverse("home")).content.decode()) == "3"

    response = client.post(reverse("notifications:mark_all_read"))

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    html = client.get(reverse("home")).content.decode()
    assert _header_count(html) is None
    assert f'href="{LIST_URL}"' in html
    assert Notification.objects.get(recipient=cast.oslo_admin).read_at is None


def test_mark_all_read_with_htmx_returns_the_list(cast, client_for):
    _notify(cast.oslo_caseworker, subject="Første")
    _notify(cast.oslo_caseworker, subject="Andre")

    response = client_for(cast.oslo_caseworker).post(
        reverse("notifications:mark_all_read"), headers=HTMX
    )

    html = response.content.decode()
    assert "<html" not in html
    assert "Alle varsler er merket som lest." in html
    assert "<strong>Ulest</strong>" not in html
    assert "Første" in html and "Andre" in html
    assert _header_count(html) is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(cast, client_for):
    notification = _notify(cast.bergen_admin, url="/brukere/")

    response = client_for(cast.bergen_admin).get(
        reverse("notifications:open", args=[notification.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == "/brukere/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("url", ["", "https://angriper.example/", "//angriper.example/"])
def test_opening_a_notification_without_a_safe_link_goes_to_the_list(cast, client_for, url):
    notification = _notify(cast.bergen_admin, url=url)

    response = client_for(cast.bergen_admin).get(
        reverse("notifications:open", args=[notification.pk])
    )

    assert response["Location"] == LIST_URL


@pytest.mark.parametrize(
    ("url_name", "method"), [("notifications:open", "get"), ("notifications:mark_read", "post")]
)
def test_another_users_notification_does_not_exist(cast, client_for, url_name, method):
    bergens = _notify(cast.bergen_caseworker)

    response = getattr(client_for(cast.oslo_caseworker), method)(
        reverse(url_name, args=[bergens.pk])
    )

    assert response.status_code == 404
    bergens.refresh_from_db()
    assert bergens.read_at is None


def test_anonymous_user_is_sent_to_login(db, client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
