"""Persons, the cases (households) they are settled in, their assessments, documents and notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .codes import country_name, language_name


class CaseState(models.TextChoices):
    BEING_ASSESSED = "being_assessed", _("Under kartlegging")  # assessment in progress
    READY = "ready", _("Klar for bosetting")  # assessment complete, may be proposed
    PROPOSED = "proposed", _("Foreslått for kommune")  # in an open proposal (distribution)
    MATCHED = "matched", _("Søkt ut")  # municipality said yes and IMDi decided the municipality
    SETTLED = "settled", _("Bosatt")  # every person of the case has arrived in the municipality


class Category(models.TextChoices):
    RESETTLEMENT = "resettlement", _("Overføringsflyktning")
    ASYLUM = "asylum", _("Asylsøker med innvilget opphold")
    UNACCOMPANIED_MINOR = "unaccompanied_minor", _("Enslig mindreårig")
    COLLECTIVE_PROTECTION = "collective_protection", _("Kollektiv beskyttelse")
    FAMILY_REUNIFICATION = "family_reunification", _("Familiegjenforening")


class Sex(models.TextChoices):
    FEMALE = "female", _("Kvinne")
    MALE = "male", _("Mann")


class Residence(models.TextChoices):
    RECEPTION_CENTRE = "reception_centre", _("I mottak")  # reception_centre says which
    PRIVATE = "private", _("Bor privat")
    ALTERNATIVE = "alternative", _("Alternativt mottaksted")


class Relation(models.TextChoices):
    HEAD = "head", _("Hovedperson")
    SPOUSE = "spouse", _("Ektefelle eller samboer")
    CHILD = "child", _("Barn")
    PARENT = "parent", _("Forelder")
    SIBLING = "sibling", _("Søsken")
    OTHER = "other", _("Annen slekt eller tilknytning")


class Case(models.Model):
    """The persons settled together: one household."""

    state = models.CharField(
        _("status"), max_length=20, choices=CaseState.choices, default=CaseState.BEING_ASSESSED
    )
    # The settlement municipality, set when the case is matched (distribution).
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("bosettingskommune"),
    )
    created_at = models.DateTimeField(_("opprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    state_changed_at = models.DateTimeField(_("status endret"))

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "-id"]),
            models.Index(fields=["municipality", "state"]),
        ]

    def __str__(self) -> str:
        return str(_("Sak %(reference)s") % {"reference": self.reference})

    @property
    def reference(self) -> str:
        return format_case_reference(self.pk)

    @property
    def case_reference(self) -> str:
        """What the audit log files an event about this case under (audit.actions.record_event)."""
        return self.reference


def format_case_reference(case_id: int | None) -> str:
    """A case's number as users write it, six digits: «000218». Empty for no case."""
    return f"{case_id:06d}" if case_id is not None else ""


class Person(models.Model):
    duf_number = models.CharField(_("DUF-nummer"), max_length=12, unique=True)
    national_id = models.CharField(_("fødselsnummer eller D-nummer"), max_length=11, blank=True)
    given_names = models.CharField(_("fornavn"), max_length=100)
    family_name = models.CharField(_("etternavn"), max_length=100)
    # Lower-case "family given" and "given family": prefix search on either uses an index.
    family_name_key = models.CharField(max_length=201, editable=False)
    given_name_key = models.CharField(max_length=201, editable=False)
    birth_date = models.DateField(_("fødselsdato"))
    sex = models.CharField(_("kjønn"), max_length=10, choices=Sex.choices)
    citizenship = models.CharField(_("statsborgerskap"), max_length=3)
    languages = models.JSONField(_("språk"), default=list)
    interpreter_language = models.CharField(_("tolkespråk"), max_length=3, blank=True)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    residence = models.CharField(_("bor"), max_length=20, choices=Residence.choices)
    reception_centre = models.ForeignKey(
        "organisations.ReceptionCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("mottak"),
    )
    research_opt_out = models.BooleanField(_("reservert mot bruk i forskning"), default=False)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, related_name="members", verbose_name=_("sak")
    )
    relation = models.CharField(
        _("relasjon til hovedperson"), max_length=10, choices=Relation.choices
    )
    # The newest assessment version, kept by the action that saves one, so lists need no max().
    current_assessment = models.OneToOneField(
        "AssessmentVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("registrert"))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["family_name", "given_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~Q(national_id=""),
                name="person_national_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(residence="reception_centre", reception_centre__isnull=False)
                | (~Q(residence="reception_centre") & Q(reception_centre__isnull=True)),
                name="person_centre_only_when_living_there",
            ),
        ]
        indexes = [
            # Pattern ops let PostgreSQL answer LIKE 'prefix%' under any collation; SQLite
            # ignores them and answers the prefix as a range (queries.search_persons).
            models.Index(
                fields=["family_name_key"],
                name="person_family_key_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["given_name_key"],
                name="person_given_key_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["reception_centre", "case"]),
            models.Index(fields=["case", "relation"]),
        ]

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def case_reference(self) -> str:
        """The audit log files every event about a person under its case, too."""
        return format_case_reference(self.case_id)

    @property
    def citizenship_name(self) -> str:
        return country_name(self.citizenship)

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    @property
    def interpreter_language_name(self) -> str:
        return language_name(self.interpreter_language) if self.interpreter_language else ""


class AssessmentVersion(models.Model):
    """One save of a person's assessment. Never changed: the next save is a new row.

    The one exception: withdrawn consent, or deleted health details, empties `health_details`
    in every earlier version (actions.save_assessment), as the consent no longer covers them.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    number = models.PositiveIntegerField(_("versjon"))
    saved_at = models.DateTimeField(_("lagret"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Every section but health, as the form's cleaned values (see assessment.SECTIONS).
    data = models.JSONField(default=dict)
    # GDPR special category: only with consent, read only through actions.read_health_details.
    health_consent = models.BooleanField(_("samtykke til helseopplysninger"), default=False)
    health_consent_date = models.DateField(_("samtykke gitt"), null=True, blank=True)
    health_consent_taken_by = models.CharField(_("samtykke tatt av"), max_length=200, blank=True)
    health_details = models.TextField(_("helseopplysninger"), blank=True)

    class Meta:
        verbose_name = _("kartlegging")
        verbose_name_plural = _("kartlegginger")
        ordering = ["person", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="assessment_version_unique"),
            models.CheckConstraint(
                condition=Q(health_details="") | Q(health_consent=True),
                name="assessment_health_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} v{self.number}"

    @property
    def has_health_details(self) -> bool:
        return bool(self.health_details)


def document_path(instance: Document, filename: str) -> str:
    # The stored name says nothing about the person; the original name is kept in the row.
    return f"cases/{instance.case_id}/{instance.sha256}.{filename.rsplit('.', 1)[-1]}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("tittel"), max_length=200)
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(_("filnavn"), max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("størrelse"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("lastet opp"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def case_reference(self) -> str:
        return format_case_reference(self.case_id)


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="notes"
    )
    text = models.TextField(_("notat"))
    written_at = models.DateTimeField(_("skrevet"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The name as it was, like the audit log, so a note reads right after a user is renamed.
    author_label = models.CharField(_("skrevet av"), max_length=200)

    class Meta:
        verbose_name = _("notat")
        verbose_name_plural = _("notater")
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def case_reference(self) -> str:
        return format_case_reference(self.case_id)
