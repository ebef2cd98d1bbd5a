"""The case's way through distribution, for its page: the proposals it was in with their answers,
and IMDi's settlement decision with its letters.

Those rows belong to the distribution app, which sits above cases and imports it; they are read
here through the relations they declare to Case (`proposals`, `settlement_decision`), so that
cases need not import distribution. Who sees which answer is decided here, from `scope_for`, as
distribution.queries.proposals_visible_to decides it for the proposals themselves: IMDi every
one, a municipality the answers to proposals sent to it, no one else any.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from bosetting.accounts.permissions import Permission, scope_for

from .models import Case, Person
from .queries import cases_visible_to, household_size, members_visible_to

if TYPE_CHECKING:
    from bosetting.distribution.models import ProposedCase, SettlementDecision

# distribution.models.Proposal.State.DRAFT: a draft is IMDi's alone.
DRAFT = "draft"


def get_case_with_decision_for(user: Any, pk: int) -> Case:
    """The case, with its settlement decision, the decider and the letters loaded; 404 when the
    user may not know it exists (cases_visible_to)."""
    case = (
        cases_visible_to(user)
        .select_related(
            "municipality",
            "settlement_decision__decided_by",
            "settlement_decision__municipality",
        )
        .prefetch_related("settlement_decision__letters")
        # To say how many members a reception centre no longer sees (members_seen_by).
        .annotate(household_size=household_size())
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def decision_of(case: Case) -> SettlementDecision | None:
    """The decision loaded with the case, or None before IMDi has decided."""
    try:
        return case.settlement_decision
    except ObjectDoesNotExist:
        return None


def answers_visible_to(user: Any, case: Case) -> list[ProposedCase]:
    """The case's places in proposals, with the proposal and who answered, newest first."""
    if scope_for(user, Permission.PROPOSAL_MANAGE).everything:
        answers: QuerySet[ProposedCase] = case.proposals.all()
    else:
        municipality_id = scope_for(user, Permission.PROPOSAL_ANSWER).municipality_id
        if municipality_id is None:
            return []
        answers = case.proposals.filter(proposal__municipality_id=municipality_id).exclude(
            proposal__state=DRAFT
        )
    return list(
        answers.select_related("proposal__municipality", "answered_by").order_by("-proposal_id")
    )


def members_with_settlement(user: Any, case: Case) -> QuerySet[Person]:
    """The members `user` sees, head first, each with `settled_on`: the current settlement date
    (settlement app, read by relation name), or None."""
    current = Person.objects.filter(pk=OuterRef("pk"), settlements__is_current=True).values(
        "settlements__settled_on"
    )[:1]
    return members_visible_to(user, case).annotate(settled_on=Subquery(current))
