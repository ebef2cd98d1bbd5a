"""Two caseworkers answer the same case at the same moment: exactly one answer counts.

Each thread has its own database connection. On PostgreSQL the proposal's row lock orders them
and the loser's conditional UPDATE finds no pending row; on SQLite the IMMEDIATE transaction
does the same (the shared in-memory test database needs its BEGIN retried, see the audit test).
E-mails go to the dummy task backend here: the database backend's enqueue after the winner's
commit would meet the shared in-memory database's immediate "table is locked", which a SQLite
file (busy timeout 20 s) and PostgreSQL wait out.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from bosetting.accounts.roles import Role
from bosetting.accounts.tests.factories import UserFactory
from bosetting.audit.tests.test_concurrency import atomic_waiting_at_begin
from bosetting.cases.models import CaseState

from .. import actions
from ..actions import DistributionError
from ..models import Proposal, ProposedCase
from .helpers import approve_places, proposed, ready_case, sent_proposal


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_answers_exactly_one_counts(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    approve_places(cast.bergen)
    case = ready_case()
    proposal = sent_proposal(cast, [case])
    item = proposed(proposal, case)
    second_caseworker = UserFactory(
        username="bergen.saksbehandler2",
        first_name="Kari",
        last_name="Nordmann",
        organisation=cast.bergen.organisation,
        roles=[Role.MUNICIPAL_CASEWORKER],
    )
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def answer(name: str, user: object, accept: bool) -> None:
        try:
            start.wait()
            with atomic_waiting_at_begin():
                actions.answer_case(
                    by=user,
                    proposed_case=ProposedCase.objects.select_related("proposal__municipality").get(
                        pk=item.pk
                    ),
                    accept=accept,
                    reason="" if accept else ProposedCase.DeclineReason.HOUSING,
                )
            outcomes[name] = "saved"
        except BaseException as error:  # reported below, not lost in the thread
            outcomes[name] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer, args=("yes", cast.bergen_caseworker, True)),
        threading.Thread(target=answer, args=("no", second_caseworker, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    saved = [name for name, outcome in outcomes.items() if outcome == "saved"]
    refused = [outcome for outcome in outcomes.values() if outcome != "saved"]
    assert len(saved) == 1, outcomes
    assert len(refused) == 1
    assert isinstance(refused[0], DistributionError), refused
    assert "allerede besvart av" in refused[0].message

    item.refresh_from_db()
    case.refresh_from_db()
    proposal.refresh_from_db()
    assert item.answer == (
        ProposedCase.Answer.ACCEPTED if saved == ["yes"] else ProposedCase.Answer.DECLINED
    )
    assert case.state == (CaseState.PROPOSED if saved == ["yes"] else CaseState.READY)
    assert proposal.state == Proposal.State.ANSWERED
