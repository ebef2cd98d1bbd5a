"""Choosing municipalities in a form: one field for every form, its 357 options read once.

A select of all municipalities built its options from 357 model instances on every request:
about 10 ms each, twice on the distribution work list, on pages whose own SQL takes 10 to 100 ms.
The municipalities are reference data that change once a year (`load_municipalities`), so their
options are kept in the shared cache and forgotten whenever a municipality or county is saved or
deleted (signals below; the hour's timeout bounds what a change made outside Django could leave).
Validating a submitted choice still reads the database, through the field's queryset.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bosetting.core.forms import QuickSelect

from .models import County, Municipality

_CACHE_KEY = "organisations:municipality-options:1"
_CACHE_SECONDS = 60 * 60


def municipality_options() -> list[tuple[int, str, str]]:
    """Every municipality as (pk, number, name), by number."""
    options: list[tuple[int, str, str]] | None = cache.get(_CACHE_KEY)
    if options is None:
        options = list(Municipality.objects.order_by("number").values_list("pk", "number", "name"))
        cache.set(_CACHE_KEY, options, _CACHE_SECONDS)
    return options


def forget_municipality_options() -> None:
    cache.delete(_CACHE_KEY)


@receiver([post_save, post_delete], sender=Municipality)
@receiver([post_save, post_delete], sender=County)
def _municipalities_changed(**kwargs: Any) -> None:
    forget_municipality_options()
    # A request between the save and the commit could cache the old names again.
    transaction.on_commit(forget_municipality_options)


class _CachedOptions(forms.models.ModelChoiceIterator):
    field: MunicipalityChoiceField | MunicipalityMultipleChoiceField

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        options = municipality_options()
        if field.by_name:
            options = sorted(options, key=lambda option: option[2])
        by_number = field.to_field_name == "number"
        for pk, number, name in options:
            yield (number if by_number else pk, f"{number} {name}" if field.with_number else name)

    def __len__(self) -> int:
        return len(municipality_options()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return bool(municipality_options()) or self.field.empty_label is not None


class MunicipalityChoiceField(forms.ModelChoiceField[Municipality]):
    """One municipality, its options from the cache: by number and shown as «4601 Bergen»
    unless `by_name` (sorted by name) or `with_number=False` (the name alone)."""

    iterator = _CachedOptions
    widget = QuickSelect

    def __init__(self, *, by_name: bool = False, with_number: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Municipality.objects.all())
        self.by_name = by_name
        self.with_number = with_number
        super().__init__(**kwargs)


class MunicipalityMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several municipalities, with the same cached options as `MunicipalityChoiceField`."""

    iterator = _CachedOptions

    def __init__(self, *, by_name: bool = False, with_number: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Municipality.objects.all())
        self.by_name = by_name
        self.with_number = with_number
        super().__init__(**kwargs)
