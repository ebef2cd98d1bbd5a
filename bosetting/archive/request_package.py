"""An annual request's package: every version's letter as sent, the municipality's approved
decisions with their council documents, and IMDi's acknowledgements. Numbers only: a request
names no refugee. A decision the municipality has not approved was never sent, so it is left
out for everyone."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from bosetting.planning.models import MunicipalDecision, SettlementRequest

from . import documents as pdf
from .letters import FAILED, request_letter_content
from .parties import IMDI_NAME, Perspective, municipality_name, person_label
from .structure import (
    ATTACHMENT,
    DRAFT,
    RECIPIENT,
    SENDER,
    ArchiveDocument,
    Folder,
    Party,
    Record,
)


def request_folder(request: SettlementRequest, perspective: Perspective) -> Folder:
    """`request` comes from planning.queries.get_request_for (scoped to the user)."""
    request = (
        SettlementRequest.objects.select_related("municipality", "created_by")
        .prefetch_related(
            "versions",
            Prefetch(
                "decisions",
                queryset=MunicipalDecision.objects.exclude(state=MunicipalDecision.State.DRAFT)
                .select_related("registered_by", "approved_by", "acknowledged_by")
                .order_by("approved_at", "pk"),
            ),
        )
        .get(pk=request.pk)
    )
    municipality = municipality_name(request.municipality)
    folder = Folder(
        folder_id=f"A-{request.year}-{request.municipality.number}",
        title=_("Anmodning om bosetting av flyktninger i %(year)s – %(municipality)s")
        % {"year": request.year, "municipality": municipality},
        created=request.created_at,
        status="Avsluttet"
        if request.state == SettlementRequest.State.ACKNOWLEDGED
        else "Under behandling",
        unit=perspective.unit,
    )
    for version in sorted(request.versions.all(), key=lambda v: v.number):
        title = _("Anmodning om bosetting %(year)s, versjon %(number)s") % {
            "year": request.year,
            "number": version.number,
        }
        content = request_letter_content(version)
        folder.records.append(
            Record(
                title=title,
                record_type=perspective.from_imdi,
                date=timezone.localdate(version.created_at),
                created=version.created_at,
                created_by=IMDI_NAME,
                parties=[Party(SENDER, IMDI_NAME), Party(RECIPIENT, municipality)],
                documents=[
                    ArchiveDocument(
                        title=title,
                        filename=f"anmodning-{request.year}-{request.municipality.number}"
                        f"-v{version.number}.pdf",
                        document_type="Brev",
                        created=version.created_at,
                        content=content,
                        missing="" if content is not None else str(FAILED),
                    )
                ],
            )
        )
    if request.state == SettlementRequest.State.DRAFT:
        for record in folder.records:
            for document in record.documents:
                document.status = DRAFT
    for decision in request.decisions.all():
        folder.records.append(_decision_record(request, decision, perspective))
        if decision.acknowledged_at is not None:
            folder.records.append(_acknowledgement_record(request, decision, perspective))
    folder.records.sort(key=lambda record: record.created)
    return folder


def _decision_facts(decision: MunicipalDecision) -> list[pdf.Fact]:
    return [
        pdf.Fact(_("Antall flyktninger"), str(decision.places)),
        pdf.Fact(
            _("Tar imot enslige mindreårige"),
            _("Ja") if decision.takes_unaccompanied_minors else _("Nei"),
        ),
        pdf.Fact(_("Herav enslige mindreårige"), str(decision.unaccompanied_minors)),
        pdf.Fact(_("Dato for kommunestyrets vedtak"), pdf.oslo_date(decision.council_decided_on)),
        pdf.Fact(_("Kommentar"), decision.comment),
        pdf.Fact(_("Status"), decision.get_state_display()),
    ]


def _decision_record(
    request: SettlementRequest, decision: MunicipalDecision, perspective: Perspective
) -> Record:
    municipality = municipality_name(request.municipality)
    title = _("Kommunens vedtak om bosetting i %(year)s – %(municipality)s") % {
        "year": request.year,
        "municipality": municipality,
    }
    approved_at = decision.approved_at or decision.registered_at
    facts = [
        *_decision_facts(decision),
        pdf.Fact(_("Registrert"), pdf.oslo_time(decision.registered_at)),
        pdf.Fact(_("Registrert av"), person_label(decision.registered_by)),
        pdf.Fact(_("Godkjent og sendt"), pdf.oslo_time(decision.approved_at)),
        pdf.Fact(_("Godkjent av"), person_label(decision.approved_by)),
    ]
    record = Record(
        title=title,
        record_type=perspective.to_imdi,
        date=timezone.localdate(approved_at),
        created=approved_at,
        created_by=person_label(decision.approved_by),
        parties=[Party(SENDER, municipality), Party(RECIPIENT, IMDI_NAME)],
        documents=[
            ArchiveDocument(
                title=title,
                filename=f"kommunens-vedtak-{request.year}-{decision.pk}-kvittering.pdf",
                document_type="Kvittering",
                created=approved_at,
                content=pdf.receipt_pdf(
                    title=title,
                    intro=_(
                        "Kvittering for kommunens vedtak, slik det er registrert og sendt "
                        "til IMDi i Bosetting."
                    ),
                    facts=facts,
                ),
            )
        ],
    )
    if decision.document:
        with decision.document.open("rb") as handle:
            original = handle.read()
        document_title = _("Kommunestyrets vedtak (opplastet dokument)")
        record.documents.append(
            ArchiveDocument(
                title=document_title,
                filename=f"kommunens-vedtak-{request.year}-{decision.pk}-dokument.pdf",
                document_type="Vedtak",
                created=decision.registered_at,
                role=ATTACHMENT,
                content=pdf.uploaded_pdf(
                    title=document_title,
                    original_name=f"vedtak-{request.year}-{request.municipality.number}.pdf",
                    content_type="application/pdf",
                    content=original,
                    facts=[
                        pdf.Fact(_("Kommune"), municipality),
                        pdf.Fact(_("Lastet opp"), pdf.oslo_time(decision.registered_at)),
                        pdf.Fact(_("Lastet opp av"), person_label(decision.registered_by)),
                    ],
                ),
            )
        )
    return record


def _acknowledgement_record(
    request: SettlementRequest, decision: MunicipalDecision, perspective: Perspective
) -> Record:
    municipality = municipality_name(request.municipality)
    acknowledged_at = decision.acknowledged_at
    assert acknowledged_at is not None  # only called for an acknowledged decision
    title = _("IMDis kvittering for kommunens vedtak %(year)s – %(municipality)s") % {
        "year": request.year,
        "municipality": municipality,
    }
    return Record(
        title=title,
        record_type=perspective.from_imdi,
        date=timezone.localdate(acknowledged_at),
        created=acknowledged_at,
        created_by=person_label(decision.acknowledged_by),
        parties=[Party(SENDER, IMDI_NAME), Party(RECIPIENT, municipality)],
        documents=[
            ArchiveDocument(
                title=title,
                filename=f"imdis-kvittering-{request.year}-{decision.pk}.pdf",
                document_type="Kvittering",
                created=acknowledged_at,
                content=pdf.receipt_pdf(
                    title=title,
                    intro=_(
                        "IMDi har mottatt og kvittert ut kommunens vedtak. Vedtaket er "
                        "kommunens plasser for året."
                    ),
                    facts=[
                        *_decision_facts(decision),
                        pdf.Fact(_("Kvittert ut"), pdf.oslo_time(acknowledged_at)),
                        pdf.Fact(
                            _("Kvittert ut av"), f"{person_label(decision.acknowledged_by)}, IMDi"
                        ),
                    ],
                ),
            )
        ],
    )
