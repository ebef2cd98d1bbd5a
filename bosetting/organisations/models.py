"""IMDi, counties, municipalities and reception centres, and the data processing agreement."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_organisation_number


class Organisation(models.Model):
    """What a user belongs to: IMDi, one municipality or one reception centre."""

    class Kind(models.TextChoices):
        IMDI = "imdi", _("IMDi")
        MUNICIPALITY = "municipality", _("Kommune")
        RECEPTION_CENTRE = "reception_centre", _("Mottak")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("navn"), max_length=200)
    # Enhetsregisteret's number: what letters and other systems address an organisation by.
    # Null until known (an empty string would collide with every other unknown one).
    organisation_number = models.CharField(
        _("organisasjonsnummer"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_organisation_number],
    )

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_imdi(self) -> bool:
        return self.kind == self.Kind.IMDI

    @property
    def is_municipality(self) -> bool:
        return self.kind == self.Kind.MUNICIPALITY

    @property
    def is_reception_centre(self) -> bool:
        return self.kind == self.Kind.RECEPTION_CENTRE

    @property
    def own_municipality(self) -> Municipality | None:
        """The municipality this organisation is, if it is one: what its users' events concern."""
        return self.municipality if self.is_municipality else None


class County(models.Model):
    number = models.CharField(_("fylkesnummer"), max_length=2, unique=True)
    name = models.CharField(_("navn"), max_length=100)

    class Meta:
        verbose_name = _("fylke")
        verbose_name_plural = _("fylker")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    number = models.CharField(_("kommunenummer"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="municipality"
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class ReceptionCentre(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinært mottak")
        INTEGRATION = "integration", _("Integreringsmottak")
        TRANSIT = "transit", _("Transittmottak")
        ARRIVAL = "arrival", _("Ankomstsenter")
        MINORS = "minors", _("Avdeling for enslige mindreårige")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type mottak"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="reception_centres"
    )
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="reception_centre"
    )

    class Meta:
        verbose_name = _("mottak")
        verbose_name_plural = _("mottak")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DataProcessingAgreement(models.Model):
    """One published version of the agreement; the newest published version is the current one."""

    version = models.CharField(_("versjon"), max_length=20, unique=True)
    title = models.CharField(_("tittel"), max_length=200)
    text = models.TextField(_("avtaletekst"))
    document = models.FileField(_("avtalen som PDF"), upload_to="agreements/")
    published_at = models.DateTimeField(_("publisert"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("databehandleravtale")
        verbose_name_plural = _("databehandleravtaler")
        ordering = ["-published_at"]
        get_latest_by = "published_at"

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class AgreementSignature(models.Model):
    """A municipality's signature of one version, registered by IMDi from the returned document."""

    agreement = models.ForeignKey(
        DataProcessingAgreement, on_delete=models.PROTECT, related_name="signatures"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="agreement_signatures"
    )
    signed_on = models.DateField(_("signert dato"))
    signed_by = models.CharField(_("signert av"), max_length=200)
    document = models.FileField(_("signert avtale"), upload_to="agreements/signed/")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registrert"))

    class Meta:
        verbose_name = _("signatur på databehandleravtale")
        verbose_name_plural = _("signaturer på databehandleravtaler")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "municipality"], name="one_signature_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.agreement.version}"
