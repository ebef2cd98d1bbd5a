"""Letter templates that IMDi's administrator edits: one per kind of letter and language, each
save a new version, so that every letter made can say which text it was made from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bosetting.cases.codes import language_name

NORWEGIAN = "nob"  # ISO 639-3, as bosetting.cases.codes: the letter that is the decision


class LetterState(models.TextChoices):
    """Where a letter is on its way: the action commits the decision, the task worker makes the
    letter afterwards (ADR 15)."""

    PENDING = "pending", _("Lages")  # the action has committed; the task worker makes it next
    READY = "ready", _("Klar")  # made and stored with its SHA-256; never changed again
    FAILED = "failed", _("Feilet")  # the worker could not make it; it can be made again


class LetterKind(models.TextChoices):
    DECISION_HOUSEHOLD = "decision_household", _("Vedtak om bosettingskommune, til husstanden")
    DECISION_MUNICIPALITY = "decision_municipality", _("Vedtak om bosettingskommune, til kommunen")


# Short Norwegian names for the kinds, printed small at the foot of each letter with the version.
KIND_CODES: dict[str, str] = {
    LetterKind.DECISION_HOUSEHOLD: "vedtak-husstand",
    LetterKind.DECISION_MUNICIPALITY: "vedtak-kommune",
}


class LetterTemplate(models.Model):
    """The text of one kind of letter in one language; its versions hold the text itself."""

    kind = models.CharField(_("brev"), max_length=40, choices=LetterKind.choices)
    language = models.CharField(_("språk"), max_length=3)  # ISO 639-3
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("brevmal")
        verbose_name_plural = _("brevmaler")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="one_template_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"

    @property
    def language_name(self) -> str:
        return language_name(self.language)


class LetterTemplateVersion(models.Model):
    """One saved text of a template. Never changed: a letter points at the version it used."""

    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versjon"))
    title = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(_("brevtekst"))
    # The paragraph references, apart from the text: a new forvaltningsloven will change them.
    legal_basis = models.CharField(_("lovhjemmel"), max_length=300)
    # The column headings of the list of persons, in the letter's language, separated by ";".
    person_columns = models.CharField(_("overskrifter i personlisten"), max_length=200)
    created_at = models.DateTimeField(_("lagret"), auto_now_add=True)
    # None for the defaults the system installs (bosetting.letters.defaults).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("versjon av brevmal")
        verbose_name_plural = _("versjoner av brevmaler")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    @property
    def reference(self) -> str:
        """E.g. «vedtak-husstand-nob-v3»: which text a letter was made from."""
        template = self.template
        return f"{KIND_CODES.get(template.kind, template.kind)}-{template.language}-v{self.number}"

    @property
    def columns(self) -> list[str]:
        return [part.strip() for part in self.person_columns.split(";")]
