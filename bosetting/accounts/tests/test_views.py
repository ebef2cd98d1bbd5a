"""The user administration screens through the Django test client: happy and forbidden paths."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bosetting.accounts import actions
from bosetting.accounts.models import Invitation, User
from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.conftest import log_in

NEW_PASSWORD = "gran-fjord-lykt-2026"
ADMINS_ONLY = [
    "bergen_caseworker",
    "bergen_reader",
    "imdi_caseworker",
    "imdi_reader",
    "reception_staff",
]


def html(response: Any) -> str:
    return response.content.decode()


def invite(by: Any, organisation: Any, email: str = "ny@example.no") -> tuple[User, str]:
    role = Role.MUNICIPAL_READER if organisation.is_municipality else Role.IMDI_READER
    return actions.invite_user(
        by=by,
        organisation=organisation,
        email=email,
        first_name="Nina",
        last_name="Nybakk",
        roles=[role],
    )


def run_task_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def is_checked(response: Any, value: str) -> bool:
    return bool(
        re.search(rf'<input type="checkbox"[^>]*value="{value}"[^>]*checked', html(response))
    )


def field_error(response: Any, field: str) -> str:
    """The error text tied to a form field (the renderer gives it the id <field id>_error)."""
    page = html(response)
    marker = f'id="id_{field}_error"'
    assert marker in page, f"no error shown next to {field}"
    start = page.index(marker)
    return page[start : page.index("</div>", start)]


# The list


def test_user_list_shows_own_municipality_only(cast, client_for):
    response = client_for(cast.bergen_admin).get(reverse("accounts:user_list"))

    assert response.status_code == 200
    page = html(response)
    for member in ("bergen_admin", "bergen_caseworker", "bergen_reader"):
        assert getattr(cast, member).email in page
    for member in ("oslo_caseworker", "oslo_admin", "reception_staff", "imdi_admin"):
        assert getattr(cast, member).email not in page
    assert "Inviter bruker" in page
    assert reverse("accounts:user_invite") in page


def test_user_list_shows_roles_and_status(cast, client_for):
    invite(cast.bergen_admin, cast.bergen.organisation)
    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_reader)

    page = html(client_for(cast.bergen_admin).get(reverse("accounts:user_list")))

    assert "Saksbehandler bosetting" in page
    assert "Kommuneadministrativ bruker" in page
    assert "Invitert" in page
    assert "Deaktivert" in page
    assert "Aktiv" in page


@pytest.mark.parametrize("member", ADMINS_ONLY)
def test_user_list_is_forbidden_without_user_administration(cast, client_for, member):
    response = client_for(getattr(cast, member)).get(reverse("accounts:user_list"))
    assert response.status_code == 403


def test_user_list_sends_anonymous_to_login(cast):
    response = Client().get(reverse("accounts:user_list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("invited", "ny@example.no", "bergen.saksbehandler@"),
        ("deactivated", "bergen.leser@", "ny@example.no"),
        ("active", "bergen.saksbehandler@", "bergen.leser@"),
    ],
)
def test_user_list_filters_by_status(cast, client_for, status, shown, hidden):
    invite(cast.bergen_admin, cast.bergen.organisation)
    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_reader)

    response = client_for(cast.bergen_admin).get(reverse("accounts:user_list"), {"status": status})

    assert shown in html(response)
    assert hidden not in html(response)


def test_user_list_searches_name_and_email(cast, client_for):
    UserFactory(
        username="kari",
        email="kari.nordvik@bergen.kommune.no",
        first_name="Kari",
        last_name="Nordvik",
        organisation=cast.bergen.organisation,
        roles=[Role.MUNICIPAL_CASEWORKER],
    )
    client = client_for(cast.bergen_admin)

    by_name = html(client.get(reverse("accounts:user_list"), {"search": "kari nord"}))
    by_email = html(client.get(reverse("accounts:user_list"), {"search": "bergen.kommune"}))

    for page in (by_name, by_email):
        assert "Kari Nordvik" in page
        assert cast.bergen_caseworker.email not in page
    assert 'value="kari nord"' in by_name


def test_imdi_admin_sees_every_organisation_and_filters_by_one(cast, client_for):
    client = client_for(cast.imdi_admin)

    everyone = html(client.get(reverse("accounts:user_list")))
    oslo_only = html(
        client.get(reverse("accounts:user_list"), {"organisation": cast.oslo.organisation.pk})
    )

    assert cast.oslo_caseworker.email in everyone
    assert cast.reception_staff.email in everyone
    assert cast.imdi_caseworker.email in everyone
    assert cast.oslo_caseworker.email in oslo_only
    assert cast.bergen_caseworker.email not in oslo_only
    assert 'name="organisation"' in everyone


def test_municipal_admin_cannot_filter_into_another_municipality(cast, client_for):
    response = client_for(cast.bergen_admin).get(
        reverse("accounts:user_list"), {"organisation": cast.oslo.organisation.pk}
    )
    page = html(response)
    assert 'name="organisation"' not in page
    assert cast.oslo_caseworker.email not in page
    assert cast.bergen_caseworker.email in page


def test_user_list_shows_fifty_per_page_and_keeps_the_filter(cast, client_for):
    UserFactory.create_batch(
        60, organisation=cast.bergen.organisation, roles=[Role.MUNICIPAL_READER]
    )
    client = client_for(cast.bergen_admin)

    first = client.get(reverse("accounts:user_list"), {"status": "active"})
    second = client.get(reverse("accounts:user_list"), {"status": "active", "side": 2})

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 63 - 50
    assert "?status=active&amp;side=2" in html(first)


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("accounts:user_list")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("member", ["bergen_admin", "imdi_admin"])
def test_user_list_query_count_does_not_grow_with_users(cast, client_for, member):
    client = client_for(getattr(cast, member))
    UserFactory.create_batch(
        5, organisation=cast.bergen.organisation, roles=[Role.MUNICIPAL_READER]
    )
    with_few = _list_queries(client)
    UserFactory.create_batch(
        25,
        organisation=cast.bergen.organisation,
        roles=[Role.MUNICIPAL_READER, Role.MUNICIPAL_CASEWORKER],
    )
    with_many = _list_queries(client)
    assert with_few == with_many


def test_user_list_query_count_is_pinned(cast, client_for, django_assert_num_queries):
    client = client_for(cast.bergen_admin)
    UserFactory.create_batch(
        30, organisation=cast.bergen.organisation, roles=[Role.MUNICIPAL_READER]
    )
    # Session and user (2); access state: roles, organisation, the municipality with its
    # agreement status (3); count, unread notifications, page, the page's roles (4). The
    # session's last-seen time is not saved again within a minute (session_lifetime).
    with django_assert_num_queries(9):
        client.get(reverse("accounts:user_list"))


# Inviting


def test_invite_form_offers_only_municipal_roles_to_municipal_admin(cast, client_for):
    response = client_for(cast.bergen_admin).get(reverse("accounts:user_invite"))

    assert response.status_code == 200
    page = html(response)
    for label in ("Fornavn", "Etternavn", "E-post", "Roller", "Send invitasjon"):
        assert label in page
    assert "Saksbehandler bosetting" in page
    assert "Saksbehandler IMDi" not in page
    assert "Ansatt mottak" not in page
    assert 'name="organisation"' not in page


# The worker closes its connection when it finds itself inside a transaction: commit for real.
@pytest.mark.django_db(transaction=True)
def test_municipal_admin_invites_caseworker(cast, client_for, django_capture_on_commit_callbacks):
    client = client_for(cast.bergen_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user_invite"),
            {
                "first_name": "Nina",
                "last_name": "Nybakk",
                "email": "Nina.Nybakk@bergen.kommune.no",
                "roles": [Role.MUNICIPAL_CASEWORKER],
            },
        )
    run_task_worker()

    user = User.objects.get(email="nina.nybakk@bergen.kommune.no")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", args=[user.pk])
    assert user.organisation == cast.bergen.organisation
    detail = html(client.get(response["Location"]))
    assert "Invitasjonen er sendt til nina.nybakk@bergen.kommune.no" in detail
    assert len(mail.outbox) == 1
    assert "/brukere/invitasjon/" in mail.outbox[0].body


def test_invite_keeps_input_and_shows_error_next_to_email(cast, client_for):
    response = client_for(cast.bergen_admin).post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Nina",
            "last_name": "Nybakk",
            "email": "ikke-en-adresse",
            "roles": [Role.MUNICIPAL_READER],
        },
    )

    assert response.status_code == 200
    assert "e-post" in field_error(response, "email").lower()
    page = html(response)
    assert 'value="Nina"' in page
    assert 'value="ikke-en-adresse"' in page
    assert is_checked(response, "municipal_reader")
    assert not User.objects.filter(first_name="Nina").exists()


def test_invite_refuses_email_already_in_use(cast, client_for):
    response = client_for(cast.bergen_admin).post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Nina",
            "last_name": "Nybakk",
            "email": cast.oslo_caseworker.email,
            "roles": [Role.MUNICIPAL_READER],
        },
    )
    assert "finnes allerede en bruker" in field_error(response, "email")


def test_invite_needs_a_role(cast, client_for):
    response = client_for(cast.bergen_admin).post(
        reverse("accounts:user_invite"),
        {"first_name": "Nina", "last_name": "Nybakk", "email": "ny@example.no"},
    )
    assert "påkrevet" in field_error(response, "roles")


def test_municipal_admin_cannot_invite_with_imdi_role(cast, client_for):
    response = client_for(cast.bergen_admin).post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Nina",
            "last_name": "Nybakk",
            "email": "ny@example.no",
            "roles": [Role.IMDI_CASEWORKER],
        },
    )
    assert "gyldig valg" in field_error(response, "roles")
    assert not User.objects.filter(email="ny@example.no").exists()


def test_imdi_admin_invites_first_municipal_admin_of_stord(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Leif",
            "last_name": "Tveit",
            "email": "leif.tveit@stord.kommune.no",
            "organisation": cast.stord.organisation.pk,
            "roles": [Role.MUNICIPAL_ADMIN],
        },
    )
    user = User.objects.get(email="leif.tveit@stord.kommune.no")
    assert response.status_code == 302
    assert user.organisation == cast.stord.organisation
    assert user.role_set == {Role.MUNICIPAL_ADMIN}


def test_imdi_admin_gets_clear_error_for_role_that_does_not_fit_organisation(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Leif",
            "last_name": "Tveit",
            "email": "leif.tveit@stord.kommune.no",
            "organisation": cast.stord.organisation.pk,
            "roles": [Role.IMDI_CASEWORKER],
        },
    )
    error = field_error(response, "roles")
    assert "Du kan ikke gi rollen Saksbehandler IMDi i Stord kommune" in error
    assert "Kommuneadministrativ bruker" in error
    assert f'value="{cast.stord.organisation.pk}" selected' in html(response)
    assert not User.objects.filter(email="leif.tveit@stord.kommune.no").exists()


def test_imdi_admin_must_choose_organisation(cast, client_for):
    response = client_for(cast.imdi_admin).post(
        reverse("accounts:user_invite"),
        {
            "first_name": "Leif",
            "last_name": "Tveit",
            "email": "leif.tveit@stord.kommune.no",
            "roles": [Role.MUNICIPAL_ADMIN],
        },
    )
    assert "påkrevet" in field_error(response, "organisation")


def test_imdi_admin_invite_form_lists_organisations_and_preselects_one(cast, client_for):
    response = client_for(cast.imdi_admin).get(
        reverse("accounts:user_invite"), {"organisasjon": cast.centre.organisation.pk}
    )
    page = html(response)
    assert '<optgroup label="Kommuner">' in page
    assert '<optgroup label="Mottak">' in page
    assert f'value="{cast.centre.organisation.pk}" selected' in page
    assert "Ansatt mottak" in page


@pytest.mark.parametrize("member", ADMINS_ONLY)
@pytest.mark.parametrize("method", ["get", "post"])
def test_invite_is_forbidden_without_user_administration(cast, client_for, member, method):
    response = getattr(client_for(getattr(cast, member)), method)(
        reverse("accounts:user_invite"),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "ab@example.no",
            "roles": ["municipal_reader"],
        },
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="ab@example.no").exists()


# One user: every route refuses other organisations' users with 404, and non-admins with 403


def per_user_routes(pk: int) -> list[tuple[str, str]]:
    return [
        ("get", reverse("accounts:user_detail", args=[pk])),
        ("post", reverse("accounts:user_detail", args=[pk])),
        ("get", reverse("accounts:user_deactivate", args=[pk])),
        ("post", reverse("accounts:user_deactivate", args=[pk])),
        ("post", reverse("accounts:user_reactivate", args=[pk])),
        ("post", reverse("accounts:user_resend_invitation", args=[pk])),
    ]


def test_every_per_user_route_is_404_for_another_municipalitys_user(cast, client_for):
    oslo_invited, _token = invite(cast.oslo_admin, cast.oslo.organisation)
    client = client_for(cast.bergen_admin)
    for target in (cast.oslo_caseworker, oslo_invited, cast.reception_staff, cast.imdi_admin):
        for method, url in per_user_routes(target.pk):
            response = getattr(client, method)(url, {"roles": [Role.MUNICIPAL_READER]})
            assert response.status_code == 404, (method, url)
    cast.oslo_caseworker.refresh_from_db()
    assert cast.oslo_caseworker.is_active
    assert cast.oslo_caseworker.role_set == {Role.MUNICIPAL_CASEWORKER}
    assert Invitation.objects.filter(user=oslo_invited).count() == 1


def test_every_per_user_route_is_404_for_unknown_user(cast, client_for):
    client = client_for(cast.bergen_admin)
    for method, url in per_user_routes(999_999):
        assert getattr(client, method)(url).status_code == 404, (method, url)


@pytest.mark.parametrize("member", ADMINS_ONLY)
def test_every_per_user_route_is_403_without_user_administration(cast, client_for, member):
    client = client_for(getattr(cast, member))
    for method, url in per_user_routes(cast.bergen_caseworker.pk):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    cast.bergen_caseworker.refresh_from_db()
    assert cast.bergen_caseworker.is_active


# Detail and roles


def test_user_detail_shows_user_and_checked_roles(cast, client_for):
    response = client_for(cast.bergen_admin).get(
        reverse("accounts:user_detail", args=[cast.bergen_caseworker.pk])
    )
    page = html(response)
    assert response.status_code == 200
    assert cast.bergen_caseworker.email in page
    assert "Bergen kommune" in page
    assert is_checked(response, "municipal_caseworker")
    assert not is_checked(response, "municipal_admin")
    assert "Lagre roller" in page
    assert "Deaktiver bruker" in page
    assert "Send invitasjonen på nytt" not in page
    assert response.context["breadcrumbs"] == [
        {"label": "Brukere", "url": reverse("accounts:user_list")},
        {"label": str(cast.bergen_caseworker), "url": None},
    ]


def test_change_roles_through_detail_page(cast, client_for):
    client = client_for(cast.bergen_admin)
    url = reverse("accounts:user_detail", args=[cast.bergen_caseworker.pk])

    response = client.post(url, {"roles": [Role.MUNICIPAL_CASEWORKER, Role.MUNICIPAL_ADMIN]})

    assert response.status_code == 302
    assert response["Location"] == url
    assert User.objects.get(pk=cast.bergen_caseworker.pk).role_set == {
        Role.MUNICIPAL_CASEWORKER,
        Role.MUNICIPAL_ADMIN,
    }
    assert "Rollene er lagret" in html(client.get(url))


def test_taking_away_every_role_shows_error_next_to_roles(cast, client_for):
    response = client_for(cast.bergen_admin).post(
        reverse("accounts:user_detail", args=[cast.bergen_caseworker.pk]), {}
    )
    assert response.status_code == 200
    assert "minst én rolle" in field_error(response, "roles")
    assert User.objects.get(pk=cast.bergen_caseworker.pk).role_set == {Role.MUNICIPAL_CASEWORKER}


def test_admin_cannot_remove_own_admin_role_through_detail_page(cast, client_for):
    response = client_for(cast.bergen_admin).post(
        reverse("accounts:user_detail", args=[cast.bergen_admin.pk]),
        {"roles": [Role.MUNICIPAL_CASEWORKER]},
    )
    assert "egen administratorrolle" in field_error(response, "roles")
    assert is_checked(response, "municipal_caseworker")
    assert not is_checked(response, "municipal_admin")


def test_imdi_admin_may_only_add_municipal_admin_and_keeps_other_roles(cast, client_for):
    client = client_for(cast.imdi_admin)
    url = reverse("accounts:user_detail", args=[cast.stord_caseworker.pk])

    page = html(client.get(url))
    assert 'value="municipal_admin"' in page
    assert 'value="municipal_caseworker"' not in page
    assert "som du ikke kan endre" in page

    client.post(url, {"roles": [Role.MUNICIPAL_ADMIN]})
    assert User.objects.get(pk=cast.stord_caseworker.pk).role_set == {
        Role.MUNICIPAL_CASEWORKER,
        Role.MUNICIPAL_ADMIN,
    }


def test_own_detail_page_offers_no_deactivation(cast, client_for):
    page = html(
        client_for(cast.bergen_admin).get(
            reverse("accounts:user_detail", args=[cast.bergen_admin.pk])
        )
    )
    assert "Deaktiver bruker" not in page
    assert "Du kan ikke deaktivere deg selv" in page


# Deactivation and reactivation


def test_deactivation_asks_for_confirmation_first(cast, client_for):
    response = client_for(cast.bergen_admin).get(
        reverse("accounts:user_deactivate", args=[cast.bergen_caseworker.pk])
    )
    page = html(response)
    assert response.status_code == 200
    assert "Ja, deaktiver brukeren" in page
    assert "Avbryt" in page
    cast.bergen_caseworker.refresh_from_db()
    assert cast.bergen_caseworker.is_active


def test_deactivate_then_reactivate(cast, client_for):
    client = client_for(cast.bergen_admin)
    detail = reverse("accounts:user_detail", args=[cast.bergen_caseworker.pk])

    response = client.post(reverse("accounts:user_deactivate", args=[cast.bergen_caseworker.pk]))
    assert response.status_code == 302
    assert response["Location"] == detail
    page = html(client.get(detail))
    assert "er deaktivert og logget ut" in page
    assert "Aktiver bruker igjen" in page
    assert not User.objects.get(pk=cast.bergen_caseworker.pk).is_active

    response = client.post(reverse("accounts:user_reactivate", args=[cast.bergen_caseworker.pk]))
    assert response["Location"] == detail
    assert "er aktivert igjen" in html(client.get(detail))
    assert User.objects.get(pk=cast.bergen_caseworker.pk).is_active


def test_deactivated_user_is_logged_out_at_next_request(cast, client_for):
    victim = client_for(cast.bergen_caseworker)
    client_for(cast.bergen_admin).post(
        reverse("accounts:user_deactivate", args=[cast.bergen_caseworker.pk])
    )
    response = victim.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_admin_cannot_deactivate_self_through_the_form(cast, client_for):
    client = client_for(cast.bergen_admin)
    url = reverse("accounts:user_deactivate", args=[cast.bergen_admin.pk])

    assert client.get(url).status_code == 302
    response = client.post(url, follow=True)

    assert "Du kan ikke deaktivere deg selv" in html(response)
    assert User.objects.get(pk=cast.bergen_admin.pk).is_active


def test_deactivating_last_municipal_admin_warns(cast, client_for):
    page = html(
        client_for(cast.imdi_admin).get(
            reverse("accounts:user_deactivate", args=[cast.stord_admin.pk])
        )
    )
    assert "eneste aktive kommuneadministrative bruker" in page


def test_state_changes_need_post(cast, client_for):
    client = client_for(cast.bergen_admin)
    pk = cast.bergen_caseworker.pk
    assert client.get(reverse("accounts:user_reactivate", args=[pk])).status_code == 405
    assert client.get(reverse("accounts:user_resend_invitation", args=[pk])).status_code == 405


def test_state_changes_need_csrf_token(cast):
    client = log_in(Client(enforce_csrf_checks=True), cast.bergen_admin)
    response = client.post(reverse("accounts:user_deactivate", args=[cast.bergen_caseworker.pk]))
    assert response.status_code == 403
    assert User.objects.get(pk=cast.bergen_caseworker.pk).is_active


# Resending an invitation


# The worker closes its connection when it finds itself inside a transaction: commit for real.
@pytest.mark.django_db(transaction=True)
def test_resend_invitation_sends_new_link(cast, client_for, django_capture_on_commit_callbacks):
    user, first_token = invite(cast.bergen_admin, cast.bergen.organisation)
    run_task_worker()
    mail.outbox.clear()  # the first invitation's e-mail
    client = client_for(cast.bergen_admin)
    detail = reverse("accounts:user_detail", args=[user.pk])
    assert "Send invitasjonen på nytt" in html(client.get(detail))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:user_resend_invitation", args=[user.pk]))
    run_task_worker()

    assert response["Location"] == detail
    assert "En ny invitasjon er sendt" in html(client.get(detail))
    assert actions.find_invitation(first_token) is None
    assert len(mail.outbox) == 1
    assert f"/brukere/invitasjon/{first_token}/" not in mail.outbox[0].body


def test_resend_after_acceptance_shows_the_reason(cast, client_for):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation)
    actions.accept_invitation(token=token, password=NEW_PASSWORD)

    response = client_for(cast.bergen_admin).post(
        reverse("accounts:user_resend_invitation", args=[user.pk]), follow=True
    )
    assert "allerede tatt i bruk" in html(response)


# Accepting an invitation


def test_invitation_page_shows_who_invited_to_which_organisation(cast):
    _user, token = invite(cast.bergen_admin, cast.bergen.organisation)
    response = Client().get(reverse("accounts:accept_invitation", args=[token]))

    page = html(response)
    assert response.status_code == 200
    assert str(cast.bergen_admin) in page
    assert "Bergen kommune" in page
    assert "ny@example.no" in page
    assert "Passord" in page
    assert "Gjenta passordet" in page


def test_accepting_invitation_logs_in_and_leads_to_totp_enrolment(cast):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation)
    client = Client()

    response = client.post(
        reverse("accounts:accept_invitation", args=[token]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/totp/activate/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(response["Location"]).status_code == 200
    home = client.get("/")
    assert home["Location"] == "/konto/2fa/totp/activate/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_mismatched_passwords_show_error_next_to_repeat_field(cast):
    _user, token = invite(cast.bergen_admin, cast.bergen.organisation)
    response = Client().post(
        reverse("accounts:accept_invitation", args=[token]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    )
    assert response.status_code == 200
    assert "Passordene er ikke like" in field_error(response, "password2")
    assert actions.find_invitation(token) is not None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-pass", "Passordet er for kort. Det må ha minst 12 tegn."),
        ("123456789012345", "bare tall"),
        ("nina.nybakk.ny", "for likt"),
    ],
)
def test_weak_password_shows_norwegian_error_next_to_password(cast, password, message):
    _user, token = invite(
        cast.bergen_admin, cast.bergen.organisation, email="nina.nybakk@example.no"
    )
    response = Client().post(
        reverse("accounts:accept_invitation", args=[token]),
        {"password1": password, "password2": password},
    )
    assert message in field_error(response, "password1")
    assert actions.find_invitation(token) is not None


def test_invalid_token_shows_clear_page_and_no_user(cast):
    response = Client().get(reverse("accounts:accept_invitation", args=["finnes-ikke"]))
    assert response.status_code == 404
    assert "Invitasjonslenken virker ikke" in html(response)


def test_expired_invitation_page_reveals_nothing(cast):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation)
    Invitation.objects.filter(user=user).update(expires_at="2000-01-01T00:00:00Z")

    for method in ("get", "post"):
        response = getattr(Client(), method)(
            reverse("accounts:accept_invitation", args=[token]),
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert response.status_code == 404
        page = html(response)
        assert "Invitasjonslenken virker ikke" in page
        assert "ny@example.no" not in page
        assert "Nybakk" not in page
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_used_invitation_cannot_be_used_again(cast):
    _user, token = invite(cast.bergen_admin, cast.bergen.organisation)
    url = reverse("accounts:accept_invitation", args=[token])
    Client().post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = Client().post(
        url, {"password1": "et-annet-passord-2026", "password2": "et-annet-passord-2026"}
    )

    assert response.status_code == 404
    assert "ny@example.no" not in html(response)
