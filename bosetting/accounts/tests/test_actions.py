"""Unit tests of the user administration actions: who may do what, and what each leaves behind."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from bosetting.accounts import actions
from bosetting.accounts.actions import AccountError
from bosetting.accounts.models import Invitation, User
from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import PASSWORD
from bosetting.audit.models import AuditEvent, EventType

NEW_PASSWORD = "gran-fjord-lykt-2026"


def invite(by: Any, organisation: Any, roles: list[Role], email: str = "ny@example.no") -> Any:
    return actions.invite_user(
        by=by,
        organisation=organisation,
        email=email,
        first_name="Nina",
        last_name="Nybakk",
        roles=roles,
    )


def roles_of(user: User) -> set[str]:
    return set(user.roles.values_list("role", flat=True))


def run_task_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


# Invitations


def test_municipal_admin_invites_caseworker_without_password(cast):
    user, _token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_CASEWORKER])

    assert user.organisation == cast.bergen.organisation
    assert roles_of(user) == {Role.MUNICIPAL_CASEWORKER}
    assert not user.has_usable_password()
    assert user.username == "ny@example.no"


def test_invitation_email_normalised_to_lower_case(cast):
    user, _token = invite(
        cast.bergen_admin,
        cast.bergen.organisation,
        [Role.MUNICIPAL_READER],
        email=" Ny@Example.NO ",
    )
    assert user.email == "ny@example.no"


def test_invitation_token_is_stored_only_as_its_hash(cast):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_CASEWORKER])

    invitation = Invitation.objects.get(user=user)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = Invitation.objects.filter(user=user).values().get()
    assert token not in {str(value) for value in stored.values()}


# The worker closes its connection when it finds itself inside a transaction: commit for real.
@pytest.mark.django_db(transaction=True)
def test_invitation_email_carries_the_link(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _user, token = invite(
            cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_CASEWORKER]
        )
    run_task_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny@example.no"]
    assert "Invitasjon til Bosetting" in message.subject
    assert f"/brukere/invitasjon/{token}/" in message.body


def test_municipal_admin_cannot_grant_imdi_caseworker(cast):
    with pytest.raises(AccountError, match="Saksbehandler IMDi"):
        invite(cast.bergen_admin, cast.bergen.organisation, [Role.IMDI_CASEWORKER])
    assert not User.objects.filter(email="ny@example.no").exists()


def test_municipal_admin_cannot_grant_reception_staff(cast):
    with pytest.raises(AccountError, match="Ansatt mottak"):
        invite(cast.bergen_admin, cast.bergen.organisation, [Role.RECEPTION_STAFF])


def test_municipal_admin_cannot_invite_into_another_municipality(cast):
    with pytest.raises(AccountError, match="Oslo"):
        invite(cast.bergen_admin, cast.oslo.organisation, [Role.MUNICIPAL_CASEWORKER])


def test_municipal_admin_cannot_invite_into_reception_centre_of_own_municipality(cast):
    with pytest.raises(AccountError):
        invite(cast.bergen_admin, cast.centre.organisation, [Role.RECEPTION_STAFF])


def test_caseworker_cannot_invite(cast):
    with pytest.raises(AccountError):
        invite(cast.bergen_caseworker, cast.bergen.organisation, [Role.MUNICIPAL_READER])


def test_imdi_admin_may_create_first_municipal_admin_of_stord(cast):
    user, _token = invite(cast.imdi_admin, cast.stord.organisation, [Role.MUNICIPAL_ADMIN])
    assert roles_of(user) == {Role.MUNICIPAL_ADMIN}


def test_imdi_admin_may_not_create_municipal_caseworker_in_stord(cast):
    with pytest.raises(AccountError, match="Saksbehandler bosetting"):
        invite(cast.imdi_admin, cast.stord.organisation, [Role.MUNICIPAL_CASEWORKER])


def test_imdi_admin_may_invite_reception_staff_into_centre(cast):
    user, _token = invite(cast.imdi_admin, cast.centre.organisation, [Role.RECEPTION_STAFF])
    assert user.organisation == cast.centre.organisation


def test_imdi_admin_invites_imdi_caseworker(cast):
    user, _token = invite(cast.imdi_admin, cast.imdi, [Role.IMDI_CASEWORKER, Role.IMDI_READER])
    assert roles_of(user) == {Role.IMDI_CASEWORKER, Role.IMDI_READER}


def test_imdi_admin_cannot_give_municipal_role_in_imdi(cast):
    with pytest.raises(AccountError):
        invite(cast.imdi_admin, cast.imdi, [Role.MUNICIPAL_ADMIN])


def test_invitation_needs_a_role(cast):
    with pytest.raises(AccountError, match="minst én rolle"):
        invite(cast.bergen_admin, cast.bergen.organisation, [])


def test_invitation_refused_for_email_already_in_use_in_any_case(cast):
    with pytest.raises(AccountError, match="finnes allerede"):
        invite(
            cast.bergen_admin,
            cast.bergen.organisation,
            [Role.MUNICIPAL_READER],
            email=cast.oslo_caseworker.email.upper(),
        )


@pytest.mark.parametrize(
    ("member", "organisation", "expected"),
    [
        ("bergen_admin", "bergen", {"municipal_admin", "municipal_caseworker", "municipal_reader"}),
        ("bergen_admin", "oslo", set()),
        ("bergen_admin", "imdi", set()),
        ("bergen_admin", "centre", set()),
        ("bergen_caseworker", "bergen", set()),
        ("imdi_caseworker", "bergen", set()),
        ("imdi_admin", "imdi", {"imdi_admin", "imdi_caseworker", "imdi_reader"}),
        ("imdi_admin", "stord", {"municipal_admin"}),
        ("imdi_admin", "centre", {"reception_staff"}),
        ("reception_staff", "centre", set()),
    ],
)
def test_grantable_roles_follow_the_role_matrix(cast, member, organisation, expected):
    org = getattr(cast, organisation)
    org = getattr(org, "organisation", org)  # municipalities and centres carry an organisation
    granted = {role.value for role in actions.grantable_roles(getattr(cast, member), org)}
    assert granted == expected


# Accepting an invitation


def test_accepting_sets_password_and_marks_invitation_used(cast):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_CASEWORKER])

    accepted = actions.accept_invitation(token=token, password=NEW_PASSWORD)

    assert accepted == user
    accepted.refresh_from_db()
    assert accepted.check_password(NEW_PASSWORD)
    assert Invitation.objects.get(user=user).accepted_at is not None


def test_invitation_cannot_be_used_twice(cast):
    _user, token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])
    actions.accept_invitation(token=token, password=NEW_PASSWORD)

    assert actions.find_invitation(token) is None
    with pytest.raises(AccountError, match="ugyldig eller utløpt"):
        actions.accept_invitation(token=token, password="et-annet-passord-2026")


def test_invitation_expires_after_seven_days(cast):
    _user, token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])

    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert actions.find_invitation(token) is not None
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert actions.find_invitation(token) is None
        with pytest.raises(AccountError, match="ugyldig eller utløpt"):
            actions.accept_invitation(token=token, password=NEW_PASSWORD)


def test_unknown_token_is_refused(cast):
    assert actions.find_invitation("finnes-ikke") is None
    with pytest.raises(AccountError):
        actions.accept_invitation(token="finnes-ikke", password=NEW_PASSWORD)


def test_weak_password_is_refused_and_invitation_stays_usable(cast):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])

    with pytest.raises(ValidationError):
        actions.accept_invitation(token=token, password="12345678")

    user.refresh_from_db()
    assert not user.has_usable_password()
    assert actions.find_invitation(token) is not None


def test_deactivated_user_cannot_accept_invitation(cast):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])
    actions.deactivate_user(by=cast.bergen_admin, user=user)

    with pytest.raises(AccountError):
        actions.accept_invitation(token=token, password=NEW_PASSWORD)


def test_resent_invitation_makes_earlier_link_stop_working(cast):
    user, first = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])

    second = actions.resend_invitation(by=cast.bergen_admin, user=user)

    assert actions.find_invitation(first) is None
    assert actions.find_invitation(second) is not None


def test_resend_refused_after_invitation_accepted(cast):
    user, token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])
    actions.accept_invitation(token=token, password=NEW_PASSWORD)

    with pytest.raises(AccountError, match="allerede tatt i bruk"):
        actions.resend_invitation(by=cast.bergen_admin, user=user)


def test_resend_refused_for_deactivated_user(cast):
    user, _token = invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])
    actions.deactivate_user(by=cast.bergen_admin, user=user)

    with pytest.raises(AccountError, match="deaktivert"):
        actions.resend_invitation(by=cast.bergen_admin, user=user)


def test_municipal_admin_cannot_resend_invitation_for_oslo_user(cast):
    user, _token = invite(cast.oslo_admin, cast.oslo.organisation, [Role.MUNICIPAL_READER])

    with pytest.raises(AccountError):
        actions.resend_invitation(by=cast.bergen_admin, user=user)


# Roles


def test_change_roles_adds_and_removes(cast):
    actions.change_roles(
        by=cast.bergen_admin,
        user=cast.bergen_caseworker,
        roles=[Role.MUNICIPAL_READER, Role.MUNICIPAL_ADMIN],
    )
    assert roles_of(cast.bergen_caseworker) == {Role.MUNICIPAL_READER, Role.MUNICIPAL_ADMIN}


def test_change_roles_refuses_imdi_role_for_municipal_admin(cast):
    with pytest.raises(AccountError, match="IMDi-administrator"):
        actions.change_roles(
            by=cast.bergen_admin,
            user=cast.bergen_caseworker,
            roles=[Role.MUNICIPAL_CASEWORKER, Role.IMDI_ADMIN],
        )
    assert roles_of(cast.bergen_caseworker) == {Role.MUNICIPAL_CASEWORKER}


def test_municipal_admin_cannot_change_roles_of_oslo_user(cast):
    with pytest.raises(AccountError):
        actions.change_roles(
            by=cast.bergen_admin, user=cast.oslo_caseworker, roles=[Role.MUNICIPAL_READER]
        )
    assert roles_of(cast.oslo_caseworker) == {Role.MUNICIPAL_CASEWORKER}


def test_change_roles_refuses_taking_away_every_role(cast):
    with pytest.raises(AccountError, match="minst én rolle"):
        actions.change_roles(by=cast.bergen_admin, user=cast.bergen_caseworker, roles=[])


def test_admin_cannot_remove_own_admin_role(cast):
    with pytest.raises(AccountError, match="egen administratorrolle"):
        actions.change_roles(
            by=cast.bergen_admin, user=cast.bergen_admin, roles=[Role.MUNICIPAL_CASEWORKER]
        )


def test_imdi_admin_may_make_municipal_caseworker_an_admin_but_not_remove_caseworker_role(cast):
    actions.change_roles(
        by=cast.imdi_admin,
        user=cast.stord_caseworker,
        roles=[Role.MUNICIPAL_CASEWORKER, Role.MUNICIPAL_ADMIN],
    )
    assert roles_of(cast.stord_caseworker) == {Role.MUNICIPAL_CASEWORKER, Role.MUNICIPAL_ADMIN}

    with pytest.raises(AccountError, match="Saksbehandler bosetting"):
        actions.change_roles(
            by=cast.imdi_admin, user=cast.stord_caseworker, roles=[Role.MUNICIPAL_ADMIN]
        )


def test_unchanged_roles_write_no_event(cast):
    before = AuditEvent.objects.count()
    actions.change_roles(
        by=cast.bergen_admin, user=cast.bergen_caseworker, roles=[Role.MUNICIPAL_CASEWORKER]
    )
    assert AuditEvent.objects.count() == before


# Deactivation


def test_deactivate_and_reactivate(cast):
    user = actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)
    assert not user.is_active
    assert user.deactivated_at is not None

    user = actions.reactivate_user(by=cast.bergen_admin, user=user)
    assert user.is_active
    assert user.deactivated_at is None


def test_admin_cannot_deactivate_self(cast):
    with pytest.raises(AccountError, match="deaktivere deg selv"):
        actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_admin)
    cast.bergen_admin.refresh_from_db()
    assert cast.bergen_admin.is_active


def test_municipal_admin_cannot_deactivate_oslo_user(cast):
    with pytest.raises(AccountError):
        actions.deactivate_user(by=cast.bergen_admin, user=cast.oslo_caseworker)
    cast.oslo_caseworker.refresh_from_db()
    assert cast.oslo_caseworker.is_active


def test_municipal_admin_cannot_reactivate_oslo_user(cast):
    actions.deactivate_user(by=cast.oslo_admin, user=cast.oslo_caseworker)
    with pytest.raises(AccountError):
        actions.reactivate_user(by=cast.bergen_admin, user=cast.oslo_caseworker)
    cast.oslo_caseworker.refresh_from_db()
    assert not cast.oslo_caseworker.is_active


def test_deactivated_users_session_ends_at_its_next_request(cast, client_for):
    client = client_for(cast.bergen_caseworker)
    assert client.get("/").status_code == 200

    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)

    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_deactivated_user_cannot_log_in_with_password(cast, client):
    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)

    client.post("/konto/login/", {"login": cast.bergen_caseworker.username, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


# The audit log: one event of the right type per action


def _invited(cast: Any) -> tuple[User, str]:
    return invite(cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER])


AUDITED: list[tuple[str, Callable[[Any], Any], EventType]] = [
    (
        "invite",
        lambda cast: invite(
            cast.bergen_admin, cast.bergen.organisation, [Role.MUNICIPAL_READER], "to@example.no"
        ),
        EventType.USER_INVITED,
    ),
    (
        "resend",
        lambda cast: actions.resend_invitation(by=cast.bergen_admin, user=cast.invited),
        EventType.USER_INVITED,
    ),
    (
        "accept",
        lambda cast: actions.accept_invitation(token=cast.token, password=NEW_PASSWORD),
        EventType.INVITATION_ACCEPTED,
    ),
    (
        "change_roles",
        lambda cast: actions.change_roles(
            by=cast.bergen_admin, user=cast.bergen_caseworker, roles=[Role.MUNICIPAL_READER]
        ),
        EventType.USER_ROLES_CHANGED,
    ),
    (
        "deactivate",
        lambda cast: actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker),
        EventType.USER_DEACTIVATED,
    ),
    (
        "reactivate",
        lambda cast: actions.reactivate_user(by=cast.bergen_admin, user=cast.deactivated),
        EventType.USER_REACTIVATED,
    ),
]


@pytest.mark.parametrize(
    ("do", "event_type"), [(do, event) for _name, do, event in AUDITED], ids=[a[0] for a in AUDITED]
)
def test_each_action_writes_exactly_one_audit_event_of_its_type(cast, do, event_type):
    cast.invited, cast.token = _invited(cast)
    cast.deactivated = actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_reader)
    last_id = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()

    do(cast)

    new_events = list(AuditEvent.objects.filter(id__gt=last_id))
    assert [event.event_type for event in new_events] == [event_type]
    assert new_events[0].object_type == "accounts.user"


def test_refused_action_writes_no_audit_event(cast):
    before = AuditEvent.objects.count()
    with pytest.raises(AccountError):
        actions.deactivate_user(by=cast.bergen_admin, user=cast.oslo_caseworker)
    assert AuditEvent.objects.count() == before


def test_audit_event_for_municipal_user_is_filed_under_the_municipality(cast):
    actions.deactivate_user(by=cast.bergen_admin, user=cast.bergen_caseworker)
    event = AuditEvent.objects.get(event_type=EventType.USER_DEACTIVATED)
    assert event.municipality == cast.bergen
    assert event.actor == cast.bergen_admin
