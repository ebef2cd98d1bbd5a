"""The newest formula, and the first version again when the table was emptied."""

from __future__ import annotations

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps

from bosetting.requestformula.formulas import FIRST_VERSION, latest_formula
from bosetting.requestformula.models import Formula

first_version = import_module(
    "bosetting.requestformula.migrations.0002_first_published_formula"
).first_version

pytestmark = pytest.mark.django_db


def test_the_migration_and_an_emptied_table_make_the_same_first_version():
    Formula.objects.all().delete()
    first_version(apps, None)
    from_migration = Formula.objects.get(version=1)

    assert {name: getattr(from_migration, name) for name in FIRST_VERSION} == FIRST_VERSION


def test_an_emptied_table_gets_the_first_version_again():
    Formula.objects.all().delete()

    formula = latest_formula()

    assert formula.version == 1
    assert formula.maximum_per_thousand == Decimal("10.0")
    assert Formula.objects.count() == 1


def test_the_newest_version_is_the_latest():
    latest_formula()
    Formula.objects.create(
        version=2,
        population_weight=90,
        settled_recently_weight=5,
        fulfilment_weight=5,
        minimum_request=10,
        maximum_per_thousand=Decimal("10.0"),
    )

    assert latest_formula().version == 2
