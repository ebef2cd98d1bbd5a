"""The formula's first version, so that a proposal can be made before anyone has edited it."""

from decimal import Decimal

from django.db import migrations


def first_version(apps, schema_editor):
    Formula = apps.get_model("requestformula", "Formula")
    if not Formula.objects.exists():
        # Population first, as every country that publishes its key does; a minimum of 10 as
        # IMDi's in 2018; at most 10 places per 1,000 inhabitants (three times the 2025 average).
        Formula.objects.create(
            version=1,
            population_weight=60,
            settled_recently_weight=25,
            fulfilment_weight=15,
            minimum_request=10,
            maximum_per_thousand=Decimal("10.0"),
            note="Første versjon.",
        )


class Migration(migrations.Migration):
    dependencies = [("requestformula", "0001_population_national_numbers_and_formula")]

    operations = [migrations.RunPython(first_version, migrations.RunPython.noop)]
