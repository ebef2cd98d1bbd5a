"""A distribution plan run and its suggested assignments: what IMDi reviews before proposals.

A run stores its inputs (filters, weights, time limit, municipalities included by hand and the
hash of the snapshot the solver read) and the solver's report, so that a plan can be audited and
reproduced. Nothing here is shown to a municipality.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .needs import offers

# Beyond its time limit, how long a run may take to read the snapshot and store the plan.
OVERDUE_MARGIN_SECONDS = 15 * 60


class PlanRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("I kø")  # saved, waiting for the task worker
        RUNNING = "running", _("Beregnes")  # the task worker is building and solving it
        DONE = "done", _("Ferdig")  # a plan with its assignments is stored
        FAILED = "failed", _("Feilet")  # the task stopped; `error` says why

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("startet"), auto_now_add=True)
    # When the task worker took it: a run still running long after this has lost its worker.
    started_at = models.DateTimeField(_("beregning startet"), null=True, blank=True)
    # The failed or interrupted run this one repeats, with the same inputs.
    restarted_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="restarts"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    filters = models.JSONField(_("utvalg"), default=dict, blank=True)
    weights = models.JSONField(_("vekter"), default=dict)
    time_limit = models.PositiveIntegerField(_("tidsgrense (sekunder)"))
    # Kommunenummer taken in without an agreement in force.
    included = models.JSONField(_("kommuner tatt med"), default=list, blank=True)
    snapshot_hash = models.CharField(_("sjekksum for grunnlaget"), max_length=64, blank=True)
    # Expected-integration scores from the file given at the start (profile → kommunenummer →
    # score), and the file's SHA-256; both empty without a file, and the term is then zero.
    integration_scores = models.JSONField(_("forventet integrering"), default=dict, blank=True)
    integration_hash = models.CharField(
        _("sjekksum for filen med forventet integrering"), max_length=64, blank=True
    )
    solver = models.CharField(_("løser"), max_length=40, blank=True)
    status = models.CharField(_("løserstatus"), max_length=20, blank=True)  # optimal, time_limit
    objective = models.FloatField(_("målverdi"), null=True, blank=True)
    bound = models.FloatField(_("beste grense"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)  # a fraction
    seconds = models.FloatField(_("sekunder"), null=True, blank=True)
    # The snapshot's municipalities by kommunenummer (places, minor_places, takes_minors,
    # approved, county): what a person's move is checked against.
    municipalities = models.JSONField(_("kommuner i grunnlaget"), default=dict, blank=True)
    notes = models.JSONField(_("merknader"), default=list, blank=True)
    error = models.TextField(_("feil"), blank=True)
    proposals_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposals_made_at = models.DateTimeField(_("forespørsler laget"), null=True, blank=True)

    class Meta:
        verbose_name = _("fordelingsforslag")
        verbose_name_plural = _("fordelingsforslag")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="done") | Q(objective__isnull=False),
                name="plan_run_done_has_objective",
            ),
            models.CheckConstraint(
                condition=~Q(state="failed") | ~Q(error=""),
                name="plan_run_failed_has_error",
            ),
            models.CheckConstraint(
                condition=Q(proposals_made_by__isnull=True) | Q(proposals_made_at__isnull=False),
                name="plan_run_proposals_made_by_only_with_made_at",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Fordelingsforslag %(pk)s") % {"pk": self.pk})

    def overdue_at(self) -> datetime.datetime:
        """When a run still running has surely lost its task worker: the solver stops at its time
        limit, and reading the snapshot and storing the plan take far less than the margin."""
        return (self.started_at or self.created_at) + datetime.timedelta(
            seconds=self.time_limit + OVERDUE_MARGIN_SECONDS
        )

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return self.state == self.State.RUNNING and (now or timezone.now()) > self.overdue_at()

    @property
    def state_label(self) -> str:
        """The state as IMDi should read it: a run that lost its worker is interrupted."""
        return str(_("Avbrutt")) if self.is_overdue() else str(self.get_state_display())


class PlanAssignment(models.Model):
    run = models.ForeignKey(PlanRun, on_delete=models.CASCADE, related_name="assignments")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    # None: the plan leaves the case unassigned.
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    persons = models.PositiveSmallIntegerField(_("personer"))
    minors = models.PositiveSmallIntegerField(_("enslige mindreårige"), default=0)
    days_waited = models.PositiveIntegerField(_("dager ventet"), default=0)  # when the run began
    score = models.FloatField(_("poeng"), default=0.0)
    explanation = models.JSONField(_("begrunnelse"), default=dict, blank=True)
    # The solver's municipality, kept when a person moves the case.
    suggested = models.CharField(_("foreslått kommune"), max_length=4, blank=True)
    # Kommunenummer that declined this case before: never a move's target.
    forbidden = models.JSONField(_("har sagt nei før"), default=list, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moved_at = models.DateTimeField(_("flyttet"), null=True, blank=True)
    move_reason = models.TextField(_("begrunnelse for flytting"), blank=True)

    class Meta:
        verbose_name = _("plassering i fordelingsforslag")
        verbose_name_plural = _("plasseringer i fordelingsforslag")
        ordering = ["run", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "case"], name="plan_case_once_per_run"),
            models.CheckConstraint(
                condition=Q(moved_by__isnull=True) | Q(moved_at__isnull=False),
                name="plan_assignment_moved_by_only_with_moved_at",
            ),
            # A move is always written down with its reason.
            models.CheckConstraint(
                condition=Q(moved_at__isnull=True) | ~Q(move_reason=""),
                name="plan_assignment_moved_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run}: {self.case_id} → {self.municipality_id}"


class NeedsProfile(models.Model):
    """What special needs a municipality has said it can meet: edited by the municipality's
    caseworkers and administrators, read by IMDi when it makes a distribution plan. No personal
    data: three answers about the municipality's own services and housing."""

    municipality = models.OneToOneField(
        "organisations.Municipality", on_delete=models.CASCADE, related_name="needs_profile"
    )
    adapted_housing = models.BooleanField(
        _("Vi kan skaffe bolig tilrettelagt for funksjonsnedsettelse"), default=False
    )
    specialist_health = models.BooleanField(
        _("Vi kan sikre oppfølging fra spesialisthelsetjenesten (somatisk og psykisk helse)"),
        default=False,
    )
    large_dwellings = models.BooleanField(
        _("Vi kan skaffe store boliger (husstander på seks eller flere)"), default=False
    )
    note = models.TextField(_("Merknad til IMDi"), blank=True, max_length=1000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("sist endret"), null=True)

    class Meta:
        verbose_name = _("kommunens profil for særskilte behov")
        verbose_name_plural = _("kommunenes profiler for særskilte behov")

    def __str__(self) -> str:
        return str(_("Særskilte behov: %(municipality)s") % {"municipality": self.municipality_id})

    def offers(self) -> frozenset[str]:
        return offers(
            adapted_housing=self.adapted_housing,
            specialist_health=self.specialist_health,
            large_dwellings=self.large_dwellings,
        )
