"""Which household needs a municipality's special-needs profile can meet.

The household's needs come from its members' assessments (cases.assessment.SpecialNeed) and from
its size: a household of `LARGE_HOUSEHOLD_PERSONS` or more needs a large dwelling, which no
assessment field records but every municipality knows whether it can find. The profile's three
answers map onto those codes; the objective's needs term counts the share of a household's needs
that its municipality has said it can meet.
"""

from __future__ import annotations

from bosetting.cases.assessment import SpecialNeed

LARGE_DWELLING = "large_dwelling"
# Six or more persons rarely fit an ordinary flat of the municipal housing stock.
LARGE_HOUSEHOLD_PERSONS = 6

# Profile field → the household need codes it meets.
PROFILE_OFFERS: dict[str, frozenset[str]] = {
    "adapted_housing": frozenset({SpecialNeed.HOUSING_ADAPTATION.value}),
    # Specialist health care covers both somatic and mental health follow-up (DPS, BUP).
    "specialist_health": frozenset(
        {SpecialNeed.HEALTH_FOLLOW_UP.value, SpecialNeed.PSYCHOLOGICAL_FOLLOW_UP.value}
    ),
    "large_dwellings": frozenset({LARGE_DWELLING}),
}


def offers(
    *, adapted_housing: bool, specialist_health: bool, large_dwellings: bool
) -> frozenset[str]:
    answers = {
        "adapted_housing": adapted_housing,
        "specialist_health": specialist_health,
        "large_dwellings": large_dwellings,
    }
    return frozenset(code for name, yes in answers.items() if yes for code in PROFILE_OFFERS[name])


def household_needs(assessed: frozenset[str], persons: int) -> frozenset[str]:
    """The needs the plan weighs: the assessed ones (without «none»), and a large dwelling for a
    large household."""
    needs = assessed - {SpecialNeed.NONE.value}
    return needs | {LARGE_DWELLING} if persons >= LARGE_HOUSEHOLD_PERSONS else needs
