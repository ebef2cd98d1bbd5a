"""The municipality's answer to a proposed case and IMDi's settlement decision, as receipts:
the system's record of them, made into PDF/A for the archive. No refugee is named in them."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.distribution.models import ProposedCase, SettlementDecision

from . import documents as pdf
from .parties import IMDI_NAME, Perspective, municipality_name, person_label
from .structure import RECIPIENT, SENDER, ArchiveDocument, Party, Record


def answer_record(item: ProposedCase, perspective: Perspective) -> Record:
    """`item` with its proposal, the proposal's municipality and `answered_by` loaded."""
    proposal = item.proposal
    municipality = municipality_name(proposal.municipality)
    reference = f"{item.case_id:06d}"
    title = _("Svar på forespørsel %(proposal)s om sak %(case)s") % {
        "proposal": proposal.reference,
        "case": reference,
    }
    answered_at = item.answered_at or proposal.closed_at or proposal.sent_at or proposal.created_at
    answered_by = person_label(item.answered_by) if item.answered_by else municipality
    facts = [
        pdf.Fact(_("Forespørsel"), proposal.reference),
        pdf.Fact(_("Kommune"), municipality),
        pdf.Fact(_("Sak"), reference),
        pdf.Fact(_("Svarfrist"), pdf.oslo_date(proposal.deadline)),
        pdf.Fact(_("Svar"), item.get_answer_display()),
    ]
    if item.answer == ProposedCase.Answer.DECLINED:
        facts.append(pdf.Fact(_("Begrunnelse"), item.get_decline_reason_display()))
        facts.append(pdf.Fact(_("Utdyping"), item.decline_comment))
    facts.append(pdf.Fact(_("Besvart"), pdf.oslo_time(item.answered_at)))
    facts.append(pdf.Fact(_("Besvart av"), answered_by if item.answered_by else ""))
    content = pdf.receipt_pdf(
        title=title,
        intro=_(
            "Kvittering for kommunens svar på en sak i IMDis forespørsel, slik det er "
            "registrert i Bosetting."
        ),
        facts=facts,
    )
    # An expired or withdrawn case was not answered by the municipality: IMDi recorded it.
    answered = item.answer in (ProposedCase.Answer.ACCEPTED, ProposedCase.Answer.DECLINED)
    return Record(
        title=title,
        record_type=perspective.to_imdi if answered else perspective.internal,
        date=timezone.localdate(answered_at),
        created=answered_at,
        created_by=answered_by,
        parties=[Party(SENDER, municipality), Party(RECIPIENT, IMDI_NAME)] if answered else [],
        documents=[
            ArchiveDocument(
                title=title,
                filename=f"svar-{proposal.reference}-{reference}.pdf",
                document_type="Kvittering",
                created=answered_at,
                content=content,
            )
        ],
    )


def decision_receipt(decision: SettlementDecision, reference: str) -> ArchiveDocument:
    """IMDi's settlement decision as a receipt; `decided_by` and `municipality` loaded."""
    title = _("Kvittering for vedtak om bosettingskommune, sak %(reference)s") % {
        "reference": reference
    }
    content = pdf.receipt_pdf(
        title=title,
        intro=_(
            "IMDi har fattet vedtak om bosettingskommune. Vedtaksbrevene, som navngir "
            "husstanden, arkiveres med saken: de ligger i arkivpakken for saken."
        ),
        facts=[
            pdf.Fact(_("Sak"), reference),
            pdf.Fact(_("Bosettingskommune"), municipality_name(decision.municipality)),
            pdf.Fact(_("Vedtaksdato"), pdf.oslo_date(decision.decided_on)),
            pdf.Fact(_("Fattet"), pdf.oslo_time(decision.decided_at)),
            pdf.Fact(_("Fattet av"), f"{person_label(decision.decided_by)}, IMDi"),
        ],
    )
    return ArchiveDocument(
        title=title,
        filename=f"vedtak-{reference}-kvittering.pdf",
        document_type="Vedtak",
        created=decision.decided_at,
        content=content,
    )
