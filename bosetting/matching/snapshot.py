"""A distribution plan's problem read from the database, for IMDi: the ready cases as the work
list selects them, the municipalities' free places as the work list counts them.

The rules live where the work list has them (`distribution.queries.work_list` and
`places_table`); this module only turns their rows into the solver's plain `Instance`. The
number of queries does not grow with the number of cases or municipalities.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone

from bosetting.cases.models import Category, Person
from bosetting.distribution.models import ProposedCase
from bosetting.distribution.queries import places_table, work_list
from bosetting.organisations.agreements import municipalities_with_status

from .integration_scores import Scores, person_profile
from .models import NeedsProfile
from .needs import household_needs
from .problem import Household, Instance, Municipality, Weights

# The work list's filters a run may be given, as they are stored on the run (JSON): the centre
# is its primary key, the wished county and municipality their numbers.
FILTER_KEYS = (
    "category",
    "household_size",
    "special_need",
    "wished_county",
    "wished_municipality",
    "min_days_waiting",
    "centre",
)


def _data(person: Person) -> dict[str, Any]:
    assessment = person.current_assessment
    return assessment.data if assessment is not None else {}


def _all(members: Iterable[Person], key: str) -> frozenset[str]:
    return frozenset(
        str(value) for person in members for value in _data(person).get(key) or [] if value
    )


def households(filters: Mapping[str, Any], *, today: datetime.date) -> tuple[Household, ...]:
    """The work list's ready cases under `filters`, each as the solver's household."""
    return read_cases(filters, today=today)[0]


def read_cases(
    filters: Mapping[str, Any], *, today: datetime.date
) -> tuple[tuple[Household, ...], dict[int, tuple[str, ...]]]:
    """The households, and each case's person profiles (for expected-integration scores)."""
    arguments = {key: filters[key] for key in FILTER_KEYS if filters.get(key) not in (None, "")}
    cases = list(work_list(today=today, **arguments))
    declined: dict[int, set[str]] = defaultdict(set)
    for case_id, number in ProposedCase.objects.filter(
        case__in=[case.pk for case in cases], answer=ProposedCase.Answer.DECLINED
    ).values_list("case_id", "proposal__municipality__number"):
        declined[case_id].add(number)
    result = []
    profiles: dict[int, tuple[str, ...]] = {}
    for case in cases:
        members: list[Person] = case.member_list  # type: ignore[attr-defined]
        if not members:
            continue
        profiles[case.pk] = tuple(
            sorted(
                person_profile(person.birth_date, _data(person).get("education_level"), today=today)
                for person in members
            )
        )
        result.append(
            Household(
                id=case.pk,
                persons=len(members),
                minors=sum(1 for p in members if p.category == Category.UNACCOMPANIED_MINOR),
                forbidden=frozenset(declined[case.pk]),
                wishes=_all(members, "wish_municipalities"),
                wish_counties=_all(members, "wish_counties"),
                network=_all(members, "family_municipalities"),
                days_waited=max(0, (today - timezone.localdate(case.state_changed_at)).days),
                needs=household_needs(_all(members, "special_needs"), len(members)),
            )
        )
    return tuple(result), profiles


def municipalities(year: int, *, include: Iterable[str] = ()) -> tuple[Municipality, ...]:
    """Municipalities with a current decision for `year` and an agreement in force; those in
    `include` (kommunenummer) also without the agreement. Without a decision a municipality has
    no places to give, and is left out whatever `include` says. What special needs each can meet
    comes from its profile (none without one)."""
    included = set(include)
    in_force = set(
        municipalities_with_status()
        .filter(may_reach_personal_data=True)  # type: ignore[misc]
        .values_list("number", flat=True)
    )
    offers = {
        profile.municipality.number: profile.offers()
        for profile in NeedsProfile.objects.select_related("municipality")
    }
    rows = []
    for row in places_table(year):
        if row.number not in in_force and row.number not in included:
            continue
        approved = max(0, row.places)  # type: ignore[attr-defined]
        free = min(approved, max(0, row.free))  # type: ignore[attr-defined]
        takes_minors = bool(row.takes_minors)  # type: ignore[attr-defined]
        minors_free = row.minors_free or 0  # type: ignore[attr-defined]
        rows.append(
            Municipality(
                id=row.number,
                places=free,
                minor_places=max(0, min(minors_free, free)) if takes_minors else 0,
                takes_minors=takes_minors,
                county=row.county.number,
                offers=offers.get(row.number, frozenset()),
                approved=approved,
            )
        )
    return tuple(sorted(rows, key=lambda m: m.id))


def build_instance(
    *,
    year: int,
    filters: Mapping[str, Any],
    weights: Weights,
    include: Iterable[str] = (),
    scores: Scores | None = None,
    today: datetime.date | None = None,
) -> Instance:
    today = today or timezone.localdate()
    cases, profiles = read_cases(filters, today=today)
    places = municipalities(year, include=include)
    return Instance(
        cases=cases,
        municipalities=places,
        weights=weights,
        integration=integration(profiles, [m.id for m in places], scores or {}),
    )


def integration(
    profiles: Mapping[int, tuple[str, ...]], numbers: list[str], scores: Scores
) -> dict[tuple[int, str], float]:
    """Each (case, municipality)'s expected integration: the sum of its persons' scores. Pairs
    without a score are left out (zero); cases with the same profiles are summed once."""
    if not scores:
        return {}
    by_profiles: dict[tuple[str, ...], dict[str, float]] = {}
    result: dict[tuple[int, str], float] = {}
    for case_id, persons in profiles.items():
        totals = by_profiles.get(persons)
        if totals is None:
            totals = {}
            for number in numbers:
                total = sum(scores.get(profile, {}).get(number, 0.0) for profile in persons)
                if total:
                    totals[number] = total
            by_profiles[persons] = totals
        for number, total in totals.items():
            result[(case_id, number)] = total
    return result


def as_json(instance: Instance) -> dict[str, Any]:
    """Everything the solver reads, sorted, so that the same inputs give the same text."""

    def plain(value: Any) -> Any:
        return sorted(value) if isinstance(value, frozenset) else value

    return {
        "cases": [
            {key: plain(value) for key, value in vars(case).items()}
            for case in sorted(instance.cases, key=lambda c: c.id)
        ],
        "municipalities": [
            {key: plain(value) for key, value in vars(m).items()}
            for m in sorted(instance.municipalities, key=lambda m: m.id)
        ],
        "weights": vars(instance.weights),
        "integration": sorted(
            [case_id, number, value] for (case_id, number), value in instance.integration.items()
        ),
    }


def snapshot_hash(instance: Instance) -> str:
    text = json.dumps(as_json(instance), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()
