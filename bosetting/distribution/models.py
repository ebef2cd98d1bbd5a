"""IMDi's proposals of concrete cases to municipalities, their answers, and settlement decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosetting.cases.codes import language_name
from bosetting.letters.models import LetterState


class Proposal(models.Model):
    """A forespørsel: one or more cases proposed to one municipality, answered per case."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")  # IMDi is building it; the municipality sees nothing
        SENT = "sent", _("Sendt")  # the municipality answers its cases before the deadline
        ANSWERED = "answered", _("Besvart")  # every case has an answer (or was withdrawn)
        EXPIRED = "expired", _("Utløpt")  # the deadline passed; unanswered cases went back to ready
        WITHDRAWN = "withdrawn", _("Trukket tilbake")  # IMDi withdrew every case before answers

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("kommune"),
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    deadline = models.DateField(_("svarfrist"))
    message = models.TextField(_("melding til kommunen"), blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("avsluttet"), null=True, blank=True
    )  # answered/expired/withdrawn
    reminded_at = models.DateTimeField(_("påminnet"), null=True, blank=True)

    class Meta:
        verbose_name = _("forespørsel")
        verbose_name_plural = _("forespørsler")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["municipality", "state", "deadline"]),
            models.Index(fields=["state", "deadline"]),
        ]
        constraints = [
            # Who without when is never true; when without who is the system (by=None).
            models.CheckConstraint(
                condition=Q(sent_by__isnull=True) | Q(sent_at__isnull=False),
                name="proposal_sent_by_only_with_sent_at",
            ),
            # Only a draft is unsent: every writer (actions, import, generator) stamps the sending.
            models.CheckConstraint(
                condition=Q(state="draft") | Q(sent_at__isnull=False),
                name="proposal_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Forespørsel %(reference)s") % {"reference": self.reference})

    @property
    def reference(self) -> str:
        return f"F-{self.pk:06d}"


class ProposedCase(models.Model):
    """One case in a proposal, and the municipality's answer to it."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Ikke besvart")  # in a draft or sent proposal, awaiting the answer
        ACCEPTED = "accepted", _("Ja")  # the municipality said yes; IMDi makes the decision next
        DECLINED = "declined", _("Nei")  # the municipality said no, with a reason
        WITHDRAWN = "withdrawn", _("Trukket tilbake")  # IMDi took the case out of the proposal
        EXPIRED = "expired", _("Ikke besvart innen fristen")  # the deadline passed first

    class DeclineReason(models.TextChoices):
        HOUSING = "housing", _("Kommunen har ikke egnet bolig")
        CAPACITY = "capacity", _("Kommunen har ikke kapasitet nå")
        SPECIAL_NEEDS = "special_needs", _("Kommunen kan ikke gi tjenestene personen trenger")
        FAMILY_SIZE = "family_size", _("Husstanden passer ikke kommunens boliger")
        OTHER = "other", _("Annen grunn")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="proposed_cases")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="proposals")
    answer = models.CharField(
        _("svar"), max_length=20, choices=Answer.choices, default=Answer.PENDING
    )
    decline_reason = models.CharField(
        _("begrunnelse"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_comment = models.TextField(_("utdyping"), blank=True)
    answered_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("foreslått sak")
        verbose_name_plural = _("foreslåtte saker")
        ordering = ["proposal", "id"]
        constraints = [
            # A case is in at most one open proposal, and stays tied to the one it was accepted in.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(answer__in=["pending", "accepted"]),
                name="one_live_proposal_per_case",
            ),
            models.UniqueConstraint(fields=["proposal", "case"], name="case_once_per_proposal"),
            models.CheckConstraint(
                condition=~Q(answer="declined") | ~Q(decline_reason=""),
                name="declined_has_reason",
            ),
            # Who answered needs when. A time without a user is generated history; an expired
            # answer has neither, so the answer itself does not require a time.
            models.CheckConstraint(
                condition=Q(answered_by__isnull=True) | Q(answered_at__isnull=False),
                name="proposed_case_answered_by_only_with_answered_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.case}"


class SettlementDecision(models.Model):
    """IMDi's vedtak om bosettingskommune for one accepted case. Its letters never change."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="settlement_decision"
    )
    proposed_case = models.OneToOneField(
        ProposedCase, on_delete=models.PROTECT, related_name="settlement_decision"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="settlement_decisions",
        verbose_name=_("bosettingskommune"),
    )
    decided_on = models.DateField(_("vedtaksdato"))
    decided_at = models.DateTimeField(_("fattet"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("vedtak om bosettingskommune")
        verbose_name_plural = _("vedtak om bosettingskommune")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["municipality", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.case} → {self.municipality}"


class DecisionLetter(models.Model):
    """A settlement decision's letter as sent: stored once, with its SHA-256, never changed."""

    class Recipient(models.TextChoices):
        HOUSEHOLD = "household", _("Til husstanden")
        MUNICIPALITY = "municipality", _("Til kommunen")

    decision = models.ForeignKey(
        SettlementDecision, on_delete=models.PROTECT, related_name="letters"
    )
    recipient = models.CharField(_("mottaker"), max_length=20, choices=Recipient.choices)
    # ISO 639-3. The household gets the Norwegian letter, which is the decision, and a
    # translation where one exists for its language (ADR 12).
    language = models.CharField(_("språk"), max_length=3, default="nob")
    # The text the letter was made from; None for letters made before templates existed.
    template_version = models.ForeignKey(
        "letters.LetterTemplateVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("brevmal"),
    )
    # Made by the task worker after the decision commits (ADR 15): empty until it is ready.
    file = models.FileField(_("brev"), upload_to="distribution/letters/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField(
        _("brevets status"), max_length=10, choices=LetterState.choices, default=LetterState.PENDING
    )
    created_at = models.DateTimeField(_("laget"), auto_now_add=True)

    class Meta:
        verbose_name = _("vedtaksbrev")
        verbose_name_plural = _("vedtaksbrev")
        ordering = ["decision", "recipient", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "recipient", "language"], name="one_letter_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision}: {self.get_recipient_display()}"

    @property
    def is_translation(self) -> bool:
        return self.language != "nob"

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def download_name(self) -> str:
        """Norwegian, as the letter: vedtak-000123-husstand.pdf, vedtak-000123-husstand-eng.pdf."""
        recipient = {"household": "husstand", "municipality": "kommune"}[self.recipient]
        suffix = f"-{self.language}" if self.is_translation else ""
        return f"vedtak-{self.decision.case.reference}-{recipient}{suffix}.pdf"
