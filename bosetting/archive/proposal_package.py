"""A proposal's package: the proposal as the municipality saw it (anonymised summaries only),
the municipality's answers and IMDi's settlement decisions, as receipts.

It names no refugee, for IMDi and the municipality alike: a municipality has not said yes to
every case in a proposal, and the decision letters, which name the household, belong to the
package of the case (reached once the municipality has said yes and IMDi has decided)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.cases.summary import AnonymisedSummary, summary_from_members
from bosetting.distribution.models import Proposal, ProposedCase, SettlementDecision
from bosetting.distribution.queries import proposal_cases

from . import documents as pdf
from .answers import answer_record, decision_receipt
from .parties import IMDI_NAME, Perspective, municipality_name, person_label
from .structure import DRAFT, FINISHED, RECIPIENT, SENDER, ArchiveDocument, Folder, Party, Record


@dataclass(frozen=True)
class ProposedSummary:
    summary: AnonymisedSummary
    answer: str


def proposal_folder(proposal: Proposal, perspective: Perspective) -> Folder:
    """`proposal` comes from distribution.queries.get_proposal_for (scoped to the user)."""
    municipality = municipality_name(proposal.municipality)
    items = proposal_cases(proposal)
    # The deciders in one query, however many cases were decided.
    decisions = {
        decision.proposed_case_id: decision
        for decision in SettlementDecision.objects.filter(
            proposed_case__proposal=proposal
        ).select_related("decided_by")
    }
    sent_at = proposal.sent_at or proposal.created_at
    # Ages as they were when the proposal was sent: the archived copy must not drift.
    as_of = timezone.localdate(sent_at)
    title = _("Forespørsel %(reference)s om bosetting til %(municipality)s") % {
        "reference": proposal.reference,
        "municipality": municipality,
    }
    folder = Folder(
        folder_id=proposal.reference,
        title=title,
        created=proposal.created_at,
        status="Under behandling" if proposal.state in ("draft", "sent") else "Avsluttet",
        unit=perspective.unit,
    )
    content = pdf.proposal_pdf(
        title=title,
        facts=[
            pdf.Fact(_("Kommune"), municipality),
            pdf.Fact(_("Status"), proposal.get_state_display()),
            pdf.Fact(_("Sendt"), pdf.oslo_time(proposal.sent_at)),
            pdf.Fact(
                _("Sendt av"), f"{person_label(proposal.sent_by)}, IMDi" if proposal.sent_by else ""
            ),
            pdf.Fact(_("Svarfrist"), pdf.oslo_date(proposal.deadline)),
            pdf.Fact(_("Melding fra IMDi"), proposal.message),
        ],
        cases=[
            ProposedSummary(
                summary=summary_from_members(item.case, item.case.member_list, today=as_of),  # type: ignore[attr-defined]
                answer=item.get_answer_display(),
            )
            for item in items
        ],
    )
    folder.records.append(
        Record(
            title=title,
            record_type=perspective.from_imdi,
            date=as_of,
            created=sent_at,
            created_by=person_label(proposal.sent_by or proposal.created_by),
            parties=[Party(SENDER, IMDI_NAME), Party(RECIPIENT, municipality)],
            documents=[
                ArchiveDocument(
                    title=title,
                    filename=f"foresporsel-{proposal.reference}.pdf",
                    document_type="Brev",
                    created=sent_at,
                    content=content,
                    status=DRAFT if proposal.state == Proposal.State.DRAFT else FINISHED,
                )
            ],
        )
    )
    for item in items:
        if item.answer != ProposedCase.Answer.PENDING:
            item.proposal = proposal
            folder.records.append(answer_record(item, perspective))
        decision = decisions.get(item.pk)
        if decision is not None:
            decision.municipality = proposal.municipality
            folder.records.append(
                Record(
                    title=_("Vedtak om bosettingskommune for sak %(reference)s")
                    % {"reference": item.case.reference},
                    record_type=perspective.from_imdi,
                    date=decision.decided_on,
                    created=decision.decided_at,
                    created_by=person_label(decision.decided_by),
                    parties=[Party(SENDER, IMDI_NAME), Party(RECIPIENT, municipality)],
                    documents=[decision_receipt(decision, item.case.reference)],
                )
            )
    folder.records.sort(key=lambda record: record.created)
    return folder
