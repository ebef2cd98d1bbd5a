"""IMDi's annual settlement requests to municipalities, and the councils' decisions on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosetting.letters.models import LetterState


class SettlementRequest(models.Model):
    """IMDi's request to one municipality for one year. The current numbers; versions keep history."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")  # prepared by IMDi, not visible to the municipality
        SENT = "sent", _("Sendt")  # visible to the municipality, awaiting its approved decision
        DECIDED = "decided", _("Vedtak mottatt")  # the municipality approved a decision
        ACKNOWLEDGED = "acknowledged", _("Vedtak kvittert ut")  # IMDi acknowledged that decision

    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="settlement_requests",
        verbose_name=_("kommune"),
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    places = models.PositiveIntegerField(_("antall flyktninger"))
    unaccompanied_minors = models.PositiveIntegerField(_("herav enslige mindreårige"), default=0)
    planning_number_next_year = models.PositiveIntegerField(
        _("planleggingstall for neste år"), null=True, blank=True
    )
    deadline = models.DateField(_("svarfrist"))
    cover_text = models.TextField(_("følgetekst"), blank=True)
    version = models.PositiveSmallIntegerField(_("versjon"), default=1)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_reminded_at = models.DateTimeField(_("sist påminnet"), null=True, blank=True)
    # What the published formula proposed (requestformula), and why the request differs from it.
    formula_places = models.PositiveIntegerField(_("formelens forslag"), null=True, blank=True)
    formula_minors = models.PositiveIntegerField(
        _("formelens forslag, enslige mindreårige"), null=True, blank=True
    )
    formula_version = models.PositiveSmallIntegerField(_("formelversjon"), null=True, blank=True)
    deviation_reason = models.TextField(_("begrunnelse for avvik fra formelen"), blank=True)

    class Meta:
        verbose_name = _("anmodning")
        verbose_name_plural = _("anmodninger")
        ordering = ["-year", "municipality__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "municipality"], name="one_request_per_municipality_and_year"
            ),
            models.CheckConstraint(
                condition=Q(unaccompanied_minors__lte=models.F("places")),
                name="request_minors_within_places",
            ),
            # Who without when is never true; when without who is the system (by=None).
            models.CheckConstraint(
                condition=Q(sent_by__isnull=True) | Q(sent_at__isnull=False),
                name="request_sent_by_only_with_sent_at",
            ),
            # Only a draft is unsent: every writer (actions, import, generator) stamps the sending.
            models.CheckConstraint(
                condition=Q(state="draft") | Q(sent_at__isnull=False),
                name="request_sent_has_sent_at",
            ),
        ]
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"

    @property
    def deviation(self) -> int | None:
        """How many places more (or fewer) than the formula proposed; None without a proposal."""
        return None if self.formula_places is None else self.places - self.formula_places


class SettlementRequestVersion(models.Model):
    """One version of a request as sent: the first sending, then every adjustment, with its letter."""

    request = models.ForeignKey(
        SettlementRequest, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("versjon"))
    places = models.PositiveIntegerField(_("antall flyktninger"))
    unaccompanied_minors = models.PositiveIntegerField(_("herav enslige mindreårige"))
    planning_number_next_year = models.PositiveIntegerField(
        _("planleggingstall for neste år"), null=True, blank=True
    )
    deadline = models.DateField(_("svarfrist"))
    cover_text = models.TextField(_("følgetekst"), blank=True)
    reason = models.TextField(_("begrunnelse for justering"), blank=True)  # empty for version 1
    # What the published formula proposed (requestformula), and why the request differs from it.
    formula_places = models.PositiveIntegerField(_("formelens forslag"), null=True, blank=True)
    formula_minors = models.PositiveIntegerField(
        _("formelens forslag, enslige mindreårige"), null=True, blank=True
    )
    formula_version = models.PositiveSmallIntegerField(_("formelversjon"), null=True, blank=True)
    deviation_reason = models.TextField(_("begrunnelse for avvik fra formelen"), blank=True)
    # Made by the task worker after the sending commits (ADR 15): empty until it is ready.
    letter = models.FileField(_("anmodningsbrev"), upload_to="planning/letters/", blank=True)
    letter_sha256 = models.CharField(max_length=64, blank=True)
    letter_state = models.CharField(
        _("brevets status"), max_length=10, choices=LetterState.choices, default=LetterState.PENDING
    )
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("versjon av anmodning")
        verbose_name_plural = _("versjoner av anmodning")
        ordering = ["request", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="one_request_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.request} v{self.number}"

    @property
    def deviation(self) -> int | None:
        return None if self.formula_places is None else self.places - self.formula_places


class MunicipalDecision(models.Model):
    """The council's decision as registered by the municipality. A later approved one replaces it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")  # saved, not yet approved; only the municipality sees it
        APPROVED = "approved", _("Godkjent og sendt")  # the municipality's current decision
        ACKNOWLEDGED = "acknowledged", _("Kvittert ut av IMDi")  # current, and IMDi acknowledged
        REPLACED = "replaced", _("Erstattet")  # a later approved decision took its place

    request = models.ForeignKey(
        SettlementRequest, on_delete=models.PROTECT, related_name="decisions"
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    places = models.PositiveIntegerField(_("antall flyktninger"))
    takes_unaccompanied_minors = models.BooleanField(_("tar imot enslige mindreårige"))
    unaccompanied_minors = models.PositiveIntegerField(_("herav enslige mindreårige"), default=0)
    council_decided_on = models.DateField(_("dato for kommunestyrets vedtak"))
    document = models.FileField(_("vedtaksdokument"), upload_to="planning/decisions/", blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    registered_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("godkjent"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("kvittert ut"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kommunalt vedtak")
        verbose_name_plural = _("kommunale vedtak")
        ordering = ["request", "-registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(state="draft"), name="one_draft_decision"
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(state__in=["approved", "acknowledged"]),
                name="one_current_decision",
            ),
            models.CheckConstraint(
                condition=Q(unaccompanied_minors__lte=models.F("places")),
                name="decision_minors_within_places",
            ),
            # Who without when is never true; when without who is the system (by=None).
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | Q(approved_at__isnull=False),
                name="decision_approved_by_only_with_approved_at",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_by__isnull=True) | Q(acknowledged_at__isnull=False),
                name="decision_acknowledged_by_only_with_acknowledged_at",
            ),
            # Every decision past the draft was approved once (a replaced one too), and an
            # acknowledged one says when: every writer stamps both.
            models.CheckConstraint(
                condition=Q(state="draft") | Q(approved_at__isnull=False),
                name="decision_approved_has_approved_at",
            ),
            models.CheckConstraint(
                condition=~Q(state="acknowledged") | Q(acknowledged_at__isnull=False),
                name="decision_acknowledged_has_acknowledged_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.places}"

    @property
    def is_current(self) -> bool:
        return self.state in {self.State.APPROVED, self.State.ACKNOWLEDGED}
