"""Deactivating a user ends all their sessions at once; reactivating brings none back."""

from __future__ import annotations

from django.test import Client

from bosetting.accounts import actions
from bosetting.conftest import log_in


def _logged_in(user) -> Client:
    return log_in(Client(), user)


def test_deactivation_ends_every_session_of_the_user(cast):
    desk, laptop = _logged_in(cast.bergen_caseworker), _logged_in(cast.bergen_caseworker)
    assert desk.get("/").status_code == 200

    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)

    for client in (desk, laptop):
        assert client.get("/")["Location"].startswith("/konto/login/")


def test_reactivation_never_revives_an_old_session(cast):
    old = _logged_in(cast.bergen_caseworker)
    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)
    actions.reactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)

    response = old.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_a_new_login_after_reactivation_works(cast):
    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)
    actions.reactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)
    cast.bergen_caseworker.refresh_from_db()

    assert _logged_in(cast.bergen_caseworker).get("/").status_code == 200


def test_other_users_sessions_are_untouched(cast):
    colleague = _logged_in(cast.bergen_reader)
    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)

    assert colleague.get("/").status_code == 200
