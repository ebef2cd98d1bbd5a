"""Demo special-needs profiles: most of the demo's municipalities have answered, so that a plan
run shows the needs term. Bergen is left unanswered, for the visitor to try."""

from __future__ import annotations

from django.core.management.base import OutputWrapper
from django.db.models import Q

from bosetting.matching import actions
from bosetting.matching.models import NeedsProfile
from bosetting.organisations.models import Municipality

from .planning import _caseworker

LEFT_FOR_THE_VISITOR = "4601"


def seed(*, stdout: OutputWrapper) -> None:
    """Runs after the planning demo, which makes each municipality's caseworker."""
    answered = set(NeedsProfile.objects.values_list("municipality__number", flat=True))
    municipalities = (
        Municipality.objects.filter(Q(county__number="46") | Q(number="0301"))
        .exclude(number__in=answered | {LEFT_FOR_THE_VISITOR})
        .select_related("organisation")
        .order_by("number")
    )
    count = 0
    for index, municipality in enumerate(municipalities):
        # A spread of answers: about half offer adapted housing, a third specialist health
        # follow-up (the larger ones), a quarter large dwellings.
        number = int(municipality.number)
        actions.save_needs_profile(
            by=_caseworker(municipality),
            municipality=municipality,
            adapted_housing=index % 2 == 0,
            specialist_health=number % 3 == 0 or municipality.number == "0301",
            large_dwellings=number % 4 == 1,
        )
        count += 1
    stdout.write(f"Profiler for særskilte behov: {count} kommuner har svart.")
