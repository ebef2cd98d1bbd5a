"""Rows in every table, to show that a refused import or a dry run wrote nothing."""

from __future__ import annotations

from django.apps import apps


def row_counts(*, exclude_audit: bool = False) -> dict[str, int]:
    counts = {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }
    if exclude_audit:
        counts.pop("audit.auditevent")
    return counts
