"""The start page's work queue, «Mine oppgaver»: what waits for the user, nearest deadline first.

Each task says how many are waiting, shows the first few, and links to its list filtered to
them. A user is given the tasks their permissions let them do; each task reads from the queries
module of its app, scoped to the user, with one or two queries whatever the data's size.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from bosetting.accounts.permissions import Permission, has_permission, scope_for

from .common import Item, Task, WorkQueue
from .imdi import accepted_to_decide, decisions_to_acknowledge, draft_proposals, ready_to_propose
from .municipality import households_waiting, proposals_to_answer, requests_to_decide
from .reception import assessments_to_finish, moving_out

__all__ = ["Item", "Task", "WorkQueue", "work_queue_for"]


def work_queue_for(user: Any) -> WorkQueue | None:
    """The tasks the user's permissions let them do, or None for a user who has none (readers,
    municipal administrators): their start page shows the figures only."""
    today = timezone.localdate()
    case_scope = scope_for(user, Permission.CASE_VIEW)
    tasks: list[Task] = []
    if has_permission(user, Permission.PROPOSAL_ANSWER):
        tasks.append(proposals_to_answer(user, today))
    if case_scope.municipality_id is not None:
        tasks.append(households_waiting(user, today))
    if has_permission(user, Permission.DECISION_REGISTER):
        tasks.append(requests_to_decide(user, today))
    if has_permission(user, Permission.SETTLEMENT_DECIDE):
        tasks.append(accepted_to_decide())
    if has_permission(user, Permission.PROPOSAL_MANAGE):
        tasks.append(ready_to_propose(today))
        tasks.append(draft_proposals(user))
    if has_permission(user, Permission.REQUEST_MANAGE):
        tasks.append(decisions_to_acknowledge(user, today))
    if case_scope.reception_centre_organisation_id is not None:
        tasks.append(assessments_to_finish(user))
        if has_permission(user, Permission.SETTLEMENT_REGISTER):
            tasks.append(moving_out(user, today))
    return WorkQueue(tasks) if tasks else None
