"""The database refuses a request or decision whose who and when disagree, whatever wrote it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from bosetting.planning.models import MunicipalDecision, SettlementRequest

from .factories import MunicipalDecisionFactory, SettlementRequestFactory

pytestmark = pytest.mark.django_db

IMDI = "imdi"  # stands for cast.imdi_caseworker, which the parameters cannot reach

Request = SettlementRequest.State
Decision = MunicipalDecision.State


@pytest.mark.parametrize(
    ("state", "breaking", "constraint"),
    [
        # A draft may be unsent, so only the who-needs-when rule is broken here.
        (Request.DRAFT, {"sent_at": None}, "request_sent_by_only_with_sent_at"),
        (Request.SENT, {"sent_at": None, "sent_by": None}, "request_sent_has_sent_at"),
        (Request.ACKNOWLEDGED, {"sent_at": None, "sent_by": None}, "request_sent_has_sent_at"),
    ],
)
def test_the_database_refuses_a_request_breaking(cast, state, breaking, constraint):
    request = SettlementRequestFactory(municipality=cast.bergen, state=state)
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        SettlementRequest.objects.filter(pk=request.pk).update(**breaking)
    assert constraint in str(error.value)


@pytest.mark.parametrize(
    ("state", "breaking", "constraint"),
    [
        (Decision.DRAFT, {"approved_at": None}, "decision_approved_by_only_with_approved_at"),
        (
            Decision.APPROVED,
            {"acknowledged_by": IMDI},
            "decision_acknowledged_by_only_with_acknowledged_at",
        ),
        (
            Decision.REPLACED,
            {"approved_at": None, "approved_by": None},
            "decision_approved_has_approved_at",
        ),
        (
            Decision.ACKNOWLEDGED,
            {"acknowledged_at": None},
            "decision_acknowledged_has_acknowledged_at",
        ),
    ],
)
def test_the_database_refuses_a_decision_breaking(cast, state, breaking, constraint):
    decision = MunicipalDecisionFactory(request__municipality=cast.bergen, state=state)
    values: dict[str, Any] = {
        name: cast.imdi_caseworker if value == IMDI else value for name, value in breaking.items()
    }
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        MunicipalDecision.objects.filter(pk=decision.pk).update(**values)
    assert constraint in str(error.value)


def test_a_time_without_a_user_is_the_system_and_accepted(cast):
    # Commands, demo data and the import act with by=None: they stamp when, not who.
    request = SettlementRequestFactory(municipality=cast.bergen, sent_by=None)
    decision = MunicipalDecisionFactory(
        request=request,
        state=Decision.ACKNOWLEDGED,
        approved_by=None,
        acknowledged_at=timezone.now(),
        acknowledged_by=None,
    )
    request.refresh_from_db()
    decision.refresh_from_db()
    assert request.sent_at is not None and request.sent_by is None
    assert decision.acknowledged_at is not None and decision.acknowledged_by is None
