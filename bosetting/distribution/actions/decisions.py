"""IMDi's settlement decisions (vedtak om bosettingskommune) and their letters.

The decision commits with its letters planned (recipient, language, template version); the task
worker makes them afterwards (ADR 15), so deciding many cases is one quick request.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.models import Case, CaseState
from bosetting.cases.queries import members_of
from bosetting.cases.transitions import change_case_state
from bosetting.letters.models import LetterKind, LetterState
from bosetting.letters.queries import current_versions
from bosetting.notifications.actions import notify
from bosetting.planning.actions import municipal_caseworkers

from ..errors import DistributionError
from ..letters import planned_letters
from ..models import DecisionLetter, ProposedCase, SettlementDecision
from ..tasks import render_decision_letter
from .common import _d, _require

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor, User


def settlement_decision_refusal(proposed_cases: Iterable[ProposedCase]) -> str | None:
    """Why no decision can be made for these cases now, or None when it can: for the review
    page, which must not ask to confirm decisions that `decide_settlement` would refuse."""
    ids = [proposed.pk for proposed in proposed_cases]
    chosen = (
        ProposedCase.objects.filter(pk__in=ids)
        .annotate(decided=Exists(SettlementDecision.objects.filter(proposed_case=OuterRef("pk"))))
        .order_by("pk")
    )
    refusal = _refusal(chosen)
    return None if refusal is None else refusal.message


def _refusal(chosen: Iterable[ProposedCase]) -> DistributionError | None:
    # `decided` is annotated by the caller: whether the case has its decision already.
    for proposed in chosen:
        if proposed.answer != ProposedCase.Answer.ACCEPTED or proposed.decided:  # type: ignore[attr-defined]
            return DistributionError(
                _("Sak %(case)s har ikke et ja som venter på vedtak.")
                % {"case": f"{proposed.case_id:06d}"},
                field="cases",
            )
    return None


def decide_settlement(
    *, by: User, proposed_cases: Iterable[ProposedCase], decided_on: datetime.date
) -> list[SettlementDecision]:
    """One decision per accepted case: the case is matched to the municipality that said yes,
    two letters are stored, and the municipality's caseworkers are told the person file is open."""
    _require(by, Permission.SETTLEMENT_DECIDE)
    if decided_on > timezone.localdate():
        raise DistributionError(_("Vedtaksdatoen kan ikke være frem i tid."), field="decided_on")
    ids = [proposed.pk for proposed in proposed_cases]
    if not ids:
        raise DistributionError(_("Velg minst én sak."), field="cases")
    decisions: list[SettlementDecision] = []
    with transaction.atomic():
        chosen = list(
            ProposedCase.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .annotate(
                decided=Exists(SettlementDecision.objects.filter(proposed_case=OuterRef("pk")))
            )
            .select_related("proposal__municipality")
            .order_by("pk")
        )
        refusal = _refusal(chosen)
        if refusal is not None:
            raise refusal
        # The texts as they stand when the decisions are made, read once for all of them.
        templates = {str(kind): current_versions(kind) for kind in LetterKind}
        by_municipality: dict[int, list[Case]] = defaultdict(list)
        for proposed in chosen:
            municipality = proposed.proposal.municipality
            case = Case.objects.select_for_update().get(pk=proposed.case_id)
            case.municipality = municipality
            change_case_state(
                by=by, case=case, to=CaseState.MATCHED, reason=_("vedtak om bosettingskommune")
            )
            decision = SettlementDecision.objects.create(
                case=case,
                proposed_case=proposed,
                municipality=municipality,
                decided_on=decided_on,
                decided_by=by,
            )
            members = list(members_of(case))
            letters = [
                DecisionLetter.objects.create(
                    decision=decision,
                    recipient=recipient,
                    language=language,
                    template_version=version,
                    state=LetterState.PENDING,
                )
                for recipient, language, version in planned_letters(
                    decision, members=members, templates=templates
                )
            ]
            for letter in letters:
                transaction.on_commit(partial(render_decision_letter.enqueue, letter.pk))
            record_event(
                by=by,
                event_type=EventType.SETTLEMENT_DECIDED,
                summary=_("Sak %(case)s: vedtak om bosetting i %(municipality)s fra %(date)s")
                % {
                    "case": case.reference,
                    "municipality": municipality.name,
                    "date": _d(decided_on),
                },
                obj=case,
                municipality=municipality,
                details={
                    "proposal": proposed.proposal_id,
                    "decided_on": decided_on.isoformat(),
                    "letters": [
                        {
                            "recipient": letter.recipient,
                            "language": letter.language,
                            "template_version": letter.template_version_id,
                        }
                        for letter in letters
                    ],
                },
            )
            by_municipality[municipality.pk].append(case)
            decisions.append(decision)
        caseworkers = municipal_caseworkers(by_municipality)
        for municipality_id, cases in by_municipality.items():
            # One notice per case, each leading to the decision and its letters on the case's
            # page: a notice for several cases could lead to none of them exactly.
            for case in cases:
                notify(
                    recipients=caseworkers[municipality_id],
                    subject=_("Vedtak om bosetting i sak %(case)s: personmappen er åpen")
                    % {"case": case.reference},
                    body=_(
                        "IMDi har fattet vedtak om bosetting i kommunen for sak %(case)s. Dere "
                        "kan nå åpne personmappen og laste ned vedtaksbrevet."
                    )
                    % {"case": case.reference},
                    url=decision_url(case),
                )
    return decisions


def decision_url(case: Case) -> str:
    """The settlement decision and its letters on the case's page."""
    return reverse("cases:case_detail", kwargs={"pk": case.pk}) + "#vedtak"


def record_letter_download(*, by: Actor, letter: DecisionLetter) -> None:
    _require(by, Permission.DECISION_LETTER_VIEW, municipality=letter.decision.municipality)
    with transaction.atomic():
        record_event(
            by=by,
            event_type=EventType.DECISION_LETTER_DOWNLOADED,
            summary=_("Vedtaksbrev for sak %(case)s lastet ned (%(recipient)s)")
            % {
                "case": letter.decision.case.reference,
                "recipient": letter.get_recipient_display().lower(),
            },
            obj=letter.decision.case,
            municipality=letter.decision.municipality,
            details={"letter": letter.pk, "sha256": letter.sha256},
        )


def make_decision_letter_again(*, by: User, letter: DecisionLetter) -> None:
    """Ask the task worker again for a letter it could not make: the same decision, recipient,
    language and template version, so the household gets the letter that was decided."""
    _require(by, Permission.SETTLEMENT_DECIDE)
    with transaction.atomic():
        letter = (
            DecisionLetter.objects.select_for_update(of=("self",))
            .select_related("decision__case", "decision__municipality")
            .get(pk=letter.pk)
        )
        if letter.state != LetterState.FAILED:
            raise DistributionError(_("Brevet er ikke feilet, så det lages ikke på nytt."))
        letter.state = LetterState.PENDING
        letter.save(update_fields=["state"])
        record_event(
            by=by,
            event_type=EventType.DECISION_LETTER_MADE_AGAIN,
            summary=_("Vedtaksbrev for sak %(case)s lages på nytt (%(recipient)s)")
            % {
                "case": letter.decision.case.reference,
                "recipient": letter.get_recipient_display().lower(),
            },
            obj=letter.decision.case,
            municipality=letter.decision.municipality,
            details={"letter": letter.pk, "language": letter.language},
        )
        transaction.on_commit(partial(render_decision_letter.enqueue, letter.pk))
