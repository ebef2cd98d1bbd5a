"""Every change to the letter templates: a new version on each save, a new translation, and the
defaults the system installs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps.registry import Apps
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from bosetting.accounts.permissions import Permission, require_actor
from bosetting.audit.actions import record_event
from bosetting.audit.models import EventType
from bosetting.cases.codes import LANGUAGES, language_name

from .defaults import DEFAULTS
from .models import NORWEGIAN, LetterTemplate, LetterTemplateVersion
from .placeholders import TemplateTextError, check_text

if TYPE_CHECKING:
    from bosetting.accounts.models import Actor


class LetterTemplateError(ValueError):
    """A refused save, with the Norwegian message and the form field it belongs next to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def check_version_text(
    kind: str, *, title: str, body: str, legal_basis: str, person_columns: str
) -> None:
    """Raise LetterTemplateError for the first field that cannot be saved."""
    for field, text, blocks_allowed in (
        ("title", title, False),
        ("body", body, True),
        ("legal_basis", legal_basis, False),
    ):
        if not text.strip():
            raise LetterTemplateError(_("Feltet må fylles ut."), field=field)
        try:
            check_text(kind, text, blocks_allowed=blocks_allowed)
        except TemplateTextError as error:
            raise LetterTemplateError(error.message, field=field) from error
    if "{lovhjemmel}" in legal_basis.replace(" ", ""):
        raise LetterTemplateError(
            _("Lovhjemmelen kan ikke vise til seg selv."), field="legal_basis"
        )
    columns = [part.strip() for part in person_columns.split(";")]
    if len(columns) != 3 or not all(columns):
        raise LetterTemplateError(
            _(
                "Skriv tre overskrifter skilt med semikolon, for eksempel «Navn; DUF-nummer; Fødselsdato»."
            ),
            field="person_columns",
        )


def _new_version(
    *,
    by: Actor,
    template: LetterTemplate,
    title: str,
    body: str,
    legal_basis: str,
    person_columns: str,
) -> LetterTemplateVersion:
    last = template.versions.aggregate(last=Max("number"))["last"] or 0
    return LetterTemplateVersion.objects.create(
        template=template,
        number=last + 1,
        title=title.strip(),
        body=body.strip(),
        legal_basis=legal_basis.strip(),
        person_columns="; ".join(part.strip() for part in person_columns.split(";")),
        created_by=by,
    )


def save_template_version(
    *,
    by: Actor,
    template: LetterTemplate,
    based_on: int,
    title: str,
    body: str,
    legal_basis: str,
    person_columns: str,
) -> LetterTemplateVersion:
    """Save the text as the template's next version. `based_on` is the version number the user
    started from: if someone saved in between, nothing is saved and the user is told."""
    require_actor(by, Permission.LETTER_TEMPLATE_MANAGE)
    check_version_text(
        template.kind,
        title=title,
        body=body,
        legal_basis=legal_basis,
        person_columns=person_columns,
    )
    with transaction.atomic():
        template = LetterTemplate.objects.select_for_update().get(pk=template.pk)
        current = template.versions.order_by("-number").first()
        if current is not None and current.number != based_on:
            raise LetterTemplateError(
                _(
                    "Noen andre har lagret versjon %(number)s av malen mens du skrev. Teksten din "
                    "er ikke lagret, men står i feltene: sammenlign med den nye versjonen og "
                    "lagre igjen."
                )
                % {"number": current.number}
            )
        version = _new_version(
            by=by,
            template=template,
            title=title,
            body=body,
            legal_basis=legal_basis,
            person_columns=person_columns,
        )
        record_event(
            by=by,
            event_type=EventType.LETTER_TEMPLATE_SAVED,
            summary=_("Brevmal «%(kind)s» (%(language)s) lagret som versjon %(number)s")
            % {
                "kind": template.get_kind_display(),
                "language": language_name(template.language).lower(),
                "number": version.number,
            },
            obj=version,
            details={
                "kind": template.kind,
                "language": template.language,
                "version": version.number,
            },
        )
    return version


def add_translation(
    *,
    by: Actor,
    kind: str,
    language: str,
    title: str,
    body: str,
    legal_basis: str,
    person_columns: str,
) -> LetterTemplateVersion:
    """A template in a new language for `kind`, with its first version."""
    require_actor(by, Permission.LETTER_TEMPLATE_MANAGE)
    if language == NORWEGIAN or language not in LANGUAGES:
        raise LetterTemplateError(_("Velg et språk fra listen."), field="language")
    check_version_text(
        kind, title=title, body=body, legal_basis=legal_basis, person_columns=person_columns
    )
    with transaction.atomic():
        template, created = LetterTemplate.objects.select_for_update().get_or_create(
            kind=kind, language=language
        )
        if not created or template.versions.exists():
            raise LetterTemplateError(
                _("Brevet finnes allerede på %(language)s. Rediger den oversettelsen i stedet.")
                % {"language": language_name(language).lower()},
                field="language",
            )
        version = _new_version(
            by=by,
            template=template,
            title=title,
            body=body,
            legal_basis=legal_basis,
            person_columns=person_columns,
        )
        record_event(
            by=by,
            event_type=EventType.LETTER_TRANSLATION_ADDED,
            summary=_("Brevmal «%(kind)s» oversatt til %(language)s")
            % {
                "kind": template.get_kind_display(),
                "language": language_name(language).lower(),
            },
            obj=version,
            details={"kind": kind, "language": language, "version": version.number},
        )
    return version


def install_default_templates(*, apps: Apps, using: str = "default") -> None:
    """Version 1 of each shipped text whose template has no version yet; what IMDi saved is
    never touched. Run after migrate (apps.py) with the migrated models: no user acts here, so
    no audit event is written, as for the content types Django installs the same way."""
    try:
        template_model = apps.get_model("letters", "LetterTemplate")
        version_model = apps.get_model("letters", "LetterTemplateVersion")
    except LookupError:  # migrated back to before the app existed
        return
    with transaction.atomic(using=using):
        for (kind, language), text in DEFAULTS.items():
            template, _created = template_model.objects.using(using).get_or_create(
                kind=kind, language=language
            )
            if version_model.objects.using(using).filter(template=template).exists():
                continue
            version_model.objects.using(using).create(
                template=template,
                number=1,
                title=text.title,
                body=text.body,
                legal_basis=text.legal_basis,
                person_columns=text.person_columns,
            )
