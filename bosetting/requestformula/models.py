"""The reference data and the published rules behind IMDi's proposal for each annual request."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Population(models.Model):
    """Inhabitants of a municipality on 1 January of `year` (Statistics Norway, table 07459)."""

    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        related_name="populations",
        verbose_name=_("kommune"),
    )
    inhabitants = models.PositiveIntegerField(_("folkemengde"))
    source = models.CharField(_("kilde"), max_length=200)

    class Meta:
        verbose_name = _("folkemengde")
        verbose_name_plural = _("folkemengder")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "municipality"], name="one_population_per_municipality_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.inhabitants}"


class NationalNumbers(models.Model):
    """The total need for a year, as the national committee set it: places, of them minors."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    places = models.PositiveIntegerField(_("antall plasser"))
    unaccompanied_minors = models.PositiveIntegerField(_("herav enslige mindreårige"))
    updated_at = models.DateTimeField(_("endret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("nasjonale tall")
        verbose_name_plural = _("nasjonale tall")
        constraints = [
            models.CheckConstraint(
                condition=Q(unaccompanied_minors__lte=models.F("places")),
                name="national_minors_within_places",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.places}"


class Formula(models.Model):
    """One published version of the formula. A change is a new version; old ones stay as they
    were, so every request can say which version proposed it."""

    version = models.PositiveSmallIntegerField(_("versjon"), unique=True)
    population_weight = models.PositiveSmallIntegerField(_("vekt for folketall"))
    settled_recently_weight = models.PositiveSmallIntegerField(_("vekt for bosatte siste tre år"))
    fulfilment_weight = models.PositiveSmallIntegerField(
        _("vekt for andel av fjorårets vedtak som er bosatt")
    )
    minimum_request = models.PositiveSmallIntegerField(_("minste anmodning"))
    maximum_per_thousand = models.DecimalField(
        _("høyst antall per 1 000 innbyggere"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    note = models.TextField(_("merknad"), blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("formel for anmodninger")
        verbose_name_plural = _("formler for anmodninger")
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(population_weight__gt=0)
                | Q(settled_recently_weight__gt=0)
                | Q(fulfilment_weight__gt=0),
                name="formula_has_a_weight",
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version}"
