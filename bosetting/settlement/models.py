"""Settlement: the day a person arrived in the settlement municipality, with its corrections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bosetting.cases.models import Category


class Source(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")  # for persons who lived privately
    RECEPTION_CENTRE = "reception_centre", _("Mottaket")  # moving out of a reception centre
    API = "api", _("Mottakets fagsystem (API)")  # the centre's own system reports it
    IMPORT = "import", _("Import")  # history loaded from the old system


class Settlement(models.Model):
    """One registration of a person's settlement. A correction is a new row; the old one stays,
    no longer current, so the history of dates is kept beside the audit log."""

    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="settlements")
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="settlements",
        verbose_name=_("bosettingskommune"),
    )
    settled_on = models.DateField(_("bosettingsdato"))
    # settled_on's year: "Anmodninger og vedtak" counts per municipality and year for every
    # request, and an equality on a column is answered from the index where a year extracted
    # per row is not.
    settled_year = models.PositiveSmallIntegerField(_("bosettingsår"))
    # Whole years on settled_on, kept here because reports group by it and SQLite and
    # PostgreSQL have no common way to compute an age; birth date and date are fixed per row.
    age_at_settlement = models.PositiveSmallIntegerField(_("alder ved bosetting"))
    # The person's category and citizenship as registered at settlement: the national report
    # counts 250,000 rows by them, and a snapshot is what settlement statistics report anyway.
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    citizenship = models.CharField(_("statsborgerskap"), max_length=3)
    source = models.CharField(_("registrert av"), max_length=20, choices=Source.choices)
    registered_at = models.DateTimeField(_("registrert"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_current = models.BooleanField(default=True)
    # A correction points at the row it replaces and says why.
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by"
    )
    reason = models.TextField(_("begrunnelse"), blank=True)
    # Registered by mistake (the person never moved): the row stops being current, with a reason.
    withdrawn_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("begrunnelse for tilbaketrekking"), blank=True)

    class Meta:
        verbose_name = _("bosetting")
        verbose_name_plural = _("bosettinger")
        ordering = ["-settled_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(is_current=True), name="one_current_settlement"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""),
                name="settlement_correction_has_reason",
            ),
        ]
        indexes = [
            # Reports count current settlements by period, nationally and per municipality.
            # Covers every grouping of the national report, so it never reads the table.
            models.Index(
                fields=[
                    "settled_on",
                    "municipality",
                    "age_at_settlement",
                    "category",
                    "citizenship",
                ],
                condition=Q(is_current=True),
                name="settlement_current_date_idx",
            ),
            models.Index(
                fields=["municipality", "settled_on"],
                condition=Q(is_current=True),
                name="settlement_current_muni_idx",
            ),
            models.Index(
                fields=["municipality", "settled_year"],
                condition=Q(is_current=True),
                name="settlement_current_year_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.settled_on}"


class SettlementReminder(models.Model):
    """When the municipality was reminded that a matched case has no settlement date: once."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="settlement_reminder"
    )
    sent_at = models.DateTimeField(_("påminnet"))

    class Meta:
        verbose_name = _("påminnelse om bosettingsdato")
        verbose_name_plural = _("påminnelser om bosettingsdato")

    def __str__(self) -> str:
        return f"{self.case_id} {self.sent_at}"
