"""Reads of the letter templates: the editing screens (IMDi's administrator) and the current
version a new letter is made from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from bosetting.accounts.permissions import Permission, scope_for

from .models import NORWEGIAN, LetterKind, LetterTemplate, LetterTemplateVersion


def templates_visible_to(user: Any) -> QuerySet[LetterTemplate]:
    """Letter texts are IMDi's own: its administrator edits them; no one else opens them here."""
    if scope_for(user, Permission.LETTER_TEMPLATE_MANAGE).everything:
        return LetterTemplate.objects.all()
    return LetterTemplate.objects.none()


def get_template_for(user: Any, pk: int) -> LetterTemplate:
    template = templates_visible_to(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    templates: Sequence[LetterTemplate]  # bokmål first, each with `latest` (its newest version)


def template_overview(user: Any) -> list[KindRow]:
    """Each kind of letter with its languages and their newest versions, in two queries."""
    templates = list(
        templates_visible_to(user).prefetch_related(
            Prefetch(
                "versions",
                queryset=LetterTemplateVersion.objects.select_related("created_by").order_by(
                    "-number"
                ),
                to_attr="version_list",
            )
        )
    )
    rows = []
    for kind in LetterKind:
        of_kind = sorted(
            (template for template in templates if template.kind == kind),
            key=lambda template: (template.language != NORWEGIAN, template.language),
        )
        for template in of_kind:
            template.latest = template.version_list[0] if template.version_list else None  # type: ignore[attr-defined]
        rows.append(KindRow(kind=kind.value, label=str(kind.label), templates=of_kind))
    return rows


def versions_of(template: LetterTemplate) -> list[LetterTemplateVersion]:
    return list(template.versions.select_related("created_by").order_by("-number"))


def current_version(kind: str, language: str) -> LetterTemplateVersion | None:
    return (
        LetterTemplateVersion.objects.filter(template__kind=kind, template__language=language)
        .select_related("template")
        .order_by("-number")
        .first()
    )


def current_versions(kind: str) -> dict[str, LetterTemplateVersion]:
    """The newest version of `kind` in each language, by ISO 639-3 code, in one query."""
    newest: dict[str, LetterTemplateVersion] = {}
    for version in (
        LetterTemplateVersion.objects.filter(template__kind=kind)
        .select_related("template")
        .order_by("template__language", "-number")
    ):
        newest.setdefault(version.template.language, version)
    return newest
