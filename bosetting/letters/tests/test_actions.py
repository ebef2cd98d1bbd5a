"""Saving letter templates: a new version each time, audited, IMDi's administrator only."""

from __future__ import annotations

import pytest

from bosetting.accounts.permissions import AccessDenied
from bosetting.audit.models import AuditEvent, EventType

from .. import actions
from ..models import LetterKind, LetterTemplate, LetterTemplateVersion
from ..queries import current_version


def _household() -> LetterTemplate:
    return LetterTemplate.objects.get(kind=LetterKind.DECISION_HOUSEHOLD, language="nob")


def _text(version: LetterTemplateVersion, **changes: str) -> dict[str, str]:
    values = {
        "title": version.title,
        "body": version.body,
        "legal_basis": version.legal_basis,
        "person_columns": version.person_columns,
    }
    return {**values, **changes}


def test_bokmal_and_english_defaults_are_installed_for_every_letter(db):
    assert {(t.kind, t.language) for t in LetterTemplate.objects.all()} == {
        (kind, language) for kind in LetterKind for language in ("nob", "eng")
    }
    for template in LetterTemplate.objects.all():
        version = template.versions.get()
        assert version.number == 1
        assert version.created_by is None
        actions.check_version_text(
            template.kind,
            title=version.title,
            body=version.body,
            legal_basis=version.legal_basis,
            person_columns=version.person_columns,
        )


def test_every_save_is_a_new_version_with_an_audit_event(cast):
    template = _household()
    first = current_version(template.kind, "nob")
    second = actions.save_template_version(
        by=cast.imdi_admin, template=template, based_on=1, **_text(first, legal_basis="ny lov § 1")
    )
    assert (second.number, second.legal_basis, second.created_by) == (
        2,
        "ny lov § 1",
        cast.imdi_admin,
    )
    assert first.legal_basis != "ny lov § 1"  # the old version stays as it was
    event = AuditEvent.objects.get(event_type=EventType.LETTER_TEMPLATE_SAVED)
    assert event.details == {"kind": "decision_household", "language": "nob", "version": 2}
    assert event.actor == cast.imdi_admin


def test_an_unknown_placeholder_saves_nothing(cast):
    template = _household()
    first = current_version(template.kind, "nob")
    with pytest.raises(actions.LetterTemplateError) as refused:
        actions.save_template_version(
            by=cast.imdi_admin, template=template, based_on=1, **_text(first, body="Hei {navn}")
        )
    assert refused.value.field == "body"
    assert template.versions.count() == 1
    assert not AuditEvent.objects.filter(event_type=EventType.LETTER_TEMPLATE_SAVED).exists()


def test_a_save_on_top_of_someone_elses_is_refused(cast):
    template = _household()
    first = current_version(template.kind, "nob")
    actions.save_template_version(by=cast.imdi_admin, template=template, based_on=1, **_text(first))
    with pytest.raises(actions.LetterTemplateError) as refused:
        actions.save_template_version(
            by=cast.imdi_admin, template=template, based_on=1, **_text(first, title="Annen")
        )
    assert "versjon 2" in refused.value.message
    assert template.versions.count() == 2


@pytest.mark.parametrize("persona", ["imdi_caseworker", "imdi_reader", "bergen_admin"])
def test_only_imdis_administrator_edits_templates(cast, persona):
    template = _household()
    with pytest.raises(AccessDenied):
        actions.save_template_version(
            by=getattr(cast, persona),
            template=template,
            based_on=1,
            **_text(current_version(template.kind, "nob")),
        )


def test_a_translation_is_added_once_per_language(cast):
    first = current_version(LetterKind.DECISION_MUNICIPALITY, "nob")
    version = actions.add_translation(
        by=cast.imdi_admin, kind=LetterKind.DECISION_MUNICIPALITY, language="ukr", **_text(first)
    )
    assert (version.template.language, version.number) == ("ukr", 1)
    assert AuditEvent.objects.filter(event_type=EventType.LETTER_TRANSLATION_ADDED).count() == 1
    with pytest.raises(actions.LetterTemplateError) as refused:
        actions.add_translation(
            by=cast.imdi_admin,
            kind=LetterKind.DECISION_MUNICIPALITY,
            language="ukr",
            **_text(first),
        )
    assert refused.value.field == "language"
    with pytest.raises(actions.LetterTemplateError):
        actions.add_translation(
            by=cast.imdi_admin,
            kind=LetterKind.DECISION_MUNICIPALITY,
            language="nob",
            **_text(first),
        )
