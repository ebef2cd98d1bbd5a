"""Generated annual requests and the councils' decisions on them, for every municipality and year.

No request letters or decision documents are stored for generated history (SettlementRequest
versions carry a letter, so none are made): the reports and overviews read the numbers only.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING, Any

from bosetting.audit.models import EventType
from bosetting.core.bulk import bulk_copy
from bosetting.organisations.models import Municipality
from bosetting.planning.models import MunicipalDecision, SettlementRequest

from .audit_log import ChainedEventWriter
from .plan import settled_target
from .timeline import at, municipal_label

if TYPE_CHECKING:
    from bosetting.accounts.models import User


def write_requests(
    *,
    by: User,
    year: int,
    today: datetime.date,
    municipalities: list[Municipality],
    weights: dict[str, float],
    scale: float,
    rng: random.Random,
    events: ChainedEventWriter,
) -> int:
    """Requests (and decisions) for the municipalities that have none for `year`; how many."""
    existing = set(
        SettlementRequest.objects.filter(year=year).values_list("municipality_id", flat=True)
    )
    missing = [m for m in municipalities if m.pk not in existing]
    if not missing:
        return 0
    total_weight = sum(weights.values())
    asked = settled_target(year) * 1.1 * scale
    sent_on = datetime.date(year - 1, 10, 15)
    requests = []
    for municipality in missing:
        places = max(10, round(asked * weights[municipality.number] / total_weight))
        requests.append(
            SettlementRequest(
                year=year,
                municipality=municipality,
                state=SettlementRequest.State.SENT,
                places=places,
                unaccompanied_minors=places // 12,
                planning_number_next_year=places * 4 // 5,
                deadline=datetime.date(year - 1, 12, 15),
                created_by=by,
                sent_at=at(sent_on, rng),
                sent_by=by,
            )
        )
    bulk_copy(requests)
    decisions = []
    for request in requests:
        municipality = request.municipality
        assert request.sent_at is not None  # set above
        events.add(
            occurred_at=request.sent_at,
            event_type=EventType.REQUEST_SENT,
            summary=f"Anmodning {year} sendt til {municipality.name}: {request.places} plasser",
            object_type="planning.settlementrequest",
            object_id=request.pk,
            municipality_id=municipality.pk,
            actor=by,
            actor_label=_label(by),
            actor_organisation_id=by.organisation_id,
        )
        undecided = year == today.year and rng.random() < 0.1
        if undecided:
            continue
        decision = _decision(request, by, today, rng)
        decisions.append(decision)
        request.state = (
            SettlementRequest.State.ACKNOWLEDGED
            if decision.state == MunicipalDecision.State.ACKNOWLEDGED
            else SettlementRequest.State.DECIDED
        )
        assert decision.approved_at is not None  # set by _decision
        events.add(
            occurred_at=decision.approved_at,
            event_type=EventType.DECISION_APPROVED,
            summary=f"Vedtak {year} godkjent og sendt: {decision.places} plasser",
            object_type="planning.settlementrequest",
            object_id=request.pk,
            municipality_id=municipality.pk,
            actor_label=municipal_label(municipality),
            actor_organisation_id=municipality.organisation_id,
        )
        if decision.acknowledged_at is not None:
            events.add(
                occurred_at=decision.acknowledged_at,
                event_type=EventType.DECISION_ACKNOWLEDGED,
                summary=f"Vedtak {year} fra {municipality.name} kvittert ut",
                object_type="planning.settlementrequest",
                object_id=request.pk,
                municipality_id=municipality.pk,
                actor=by,
                actor_label=_label(by),
                actor_organisation_id=by.organisation_id,
            )
    bulk_copy(decisions)
    # One UPDATE per state: bulk_update would send a CASE with a branch per request.
    for state in (SettlementRequest.State.ACKNOWLEDGED, SettlementRequest.State.DECIDED):
        SettlementRequest.objects.filter(
            pk__in=[request.pk for request in requests if request.state == state]
        ).update(state=state)
    return len(requests)


def _decision(
    request: SettlementRequest, by: User, today: datetime.date, rng: random.Random
) -> MunicipalDecision:
    council = datetime.date(request.year - 1, 12, 1) + datetime.timedelta(days=rng.randint(0, 13))
    approved = at(council + datetime.timedelta(days=rng.randint(1, 10)), rng)
    acknowledged = request.year < today.year or rng.random() < 0.85
    places = max(0, round(request.places * rng.uniform(0.8, 1.1)))
    minors = min(places, request.unaccompanied_minors)
    return MunicipalDecision(
        request=request,
        state=MunicipalDecision.State.ACKNOWLEDGED
        if acknowledged
        else MunicipalDecision.State.APPROVED,
        places=places,
        takes_unaccompanied_minors=minors > 0,
        unaccompanied_minors=minors,
        council_decided_on=council,
        registered_by=by,
        approved_at=approved,
        approved_by=by,
        acknowledged_at=approved + datetime.timedelta(days=3) if acknowledged else None,
        acknowledged_by=by if acknowledged else None,
    )


def _label(user: Any) -> str:
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username
