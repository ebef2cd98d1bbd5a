from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from bosetting.accounts.models import User
from bosetting.accounts.permissions import Permission, has_permission
from bosetting.accounts.totp import totp_code, totp_secret
from bosetting.audit.verification import find_first_break
from bosetting.cases.models import Person
from bosetting.demo.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from bosetting.matching.models import NeedsProfile

DEMO_USERNAMES = {username for username, *_ in DEMO_USERS}


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_seed_demo_refuses_outside_demo_mode(db):
    with pytest.raises(CommandError, match="demomodus"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_seed_demo_creates_every_demo_user_with_password_and_totp(demo_mode):
    call_command("seed_demo", stdout=StringIO())

    users = User.objects.filter(username__in=DEMO_USERNAMES)
    assert {user.username for user in users} == DEMO_USERNAMES
    for user in users:
        assert user.check_password(DEMO_PASSWORD)
        assert totp_secret(user) is not None


@pytest.mark.django_db
def test_seed_demo_gives_bergen_and_oslo_access_but_not_stord(demo_mode):
    call_command("seed_demo", stdout=StringIO())

    def may_read_log(username: str) -> bool:
        return has_permission(User.objects.get(username=username), Permission.AUDIT_LOG_VIEW)

    assert may_read_log("bergen.saksbehandler")
    assert may_read_log("oslo.saksbehandler")
    assert not may_read_log("stord.saksbehandler")


@pytest.mark.django_db
def test_seed_demo_run_twice_changes_nothing(demo_mode):
    call_command("seed_demo", stdout=StringIO())
    counts = _counts()

    call_command("seed_demo", stdout=StringIO())

    assert _counts() == counts
    assert find_first_break()[1] is None


@pytest.mark.django_db
def test_seed_demo_settles_persons_in_each_of_the_last_three_years(demo_mode):
    from bosetting.settlement.models import Settlement

    call_command("seed_demo", stdout=StringIO())

    this_year = timezone.localdate().year
    for number in ("4601", "0301", "4621"):
        years = set(
            Settlement.objects.filter(municipality__number=number, is_current=True).values_list(
                "settled_year", flat=True
            )
        )
        assert {this_year - 2, this_year - 1, this_year} <= years, number


@pytest.mark.django_db
def test_seed_demo_leaves_bergen_private_matched_cases_waiting_for_a_settlement_date(demo_mode):
    from bosetting.cases.models import Case, CaseState
    from bosetting.settlement.rules import registrable_persons_condition

    call_command("seed_demo", stdout=StringIO())

    caseworker = User.objects.get(username="bergen.saksbehandler")
    condition = registrable_persons_condition(caseworker)
    assert condition is not None
    waiting = Case.objects.filter(
        state=CaseState.MATCHED, members__in=Person.objects.filter(condition)
    ).distinct()
    assert waiting.count() >= 2


@pytest.mark.django_db
def test_demo_totp_prints_the_current_code_as_its_last_line(demo_mode):
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()

    call_command("demo_totp", "bergen.admin", stdout=out)

    secret = totp_secret(User.objects.get(username="bergen.admin"))
    assert out.getvalue().strip().splitlines()[-1] == totp_code(secret)


def _event_count() -> int:
    from bosetting.audit.models import AuditEvent

    return AuditEvent.objects.count()


def _counts() -> tuple[int, ...]:
    from bosetting.cases.models import Case
    from bosetting.distribution.models import Proposal
    from bosetting.planning.models import SettlementRequest
    from bosetting.settlement.models import Settlement

    return (
        User.objects.count(),
        _event_count(),
        Person.objects.count(),
        Case.objects.count(),
        Proposal.objects.count(),
        SettlementRequest.objects.count(),
        Settlement.objects.count(),
    )


def test_demo_logins_prints_the_address_served(demo_mode, settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert "Bosetting kjører på http://127.0.0.1:8101/" in out.getvalue()


@pytest.mark.django_db
def test_seed_demo_gives_most_municipalities_a_needs_profile_but_leaves_bergen(demo_mode):
    call_command("seed_demo", stdout=StringIO())

    answered = set(NeedsProfile.objects.values_list("municipality__number", flat=True))
    assert "0301" in answered
    assert "4601" not in answered
    assert NeedsProfile.objects.filter(adapted_housing=True).exists()
    assert NeedsProfile.objects.filter(large_dwellings=True).exists()
