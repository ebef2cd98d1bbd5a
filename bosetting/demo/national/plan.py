"""What the national data set holds: figures per year, municipality weights, invented persons.

The settled figures follow DOMAIN.md ("Scale to design for"): 4,500 in 2021, about 32,000 in
2022, about 33,000 in 2023, about 23,000 in 2024; the other years lie in between, so that ten
years make about 250,000 persons in about 100,000 cases with the ones still in the pipeline.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from bosetting.cases.models import Category, Relation, Sex
from bosetting.demo.seed.cases import NAMES

SETTLED_PER_YEAR = {
    2017: 28_000,
    2018: 25_000,
    2019: 22_000,
    2020: 16_000,
    2021: 4_500,
    2022: 32_000,
    2023: 33_000,
    2024: 23_000,
    2025: 21_000,
}
OTHER_YEAR = 17_000  # a year not in the table above (the current one, and later ones)
PERSONS = 250_000
# The pipeline at a peak moment (DOMAIN.md): persons matched but not settled, waiting for an answer.
MATCHED_PERSONS = 5_000
PROPOSED_PERSONS = 650
READY_PERSONS = 8_000

# Municipalities that settle most, first; the rest get a shuffled long tail.
LARGEST = ["0301", "4601", "5001", "1103", "4204", "3301", "1108", "5501", "3107", "3905"]
HOUSEHOLD_SIZES = [1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6]
GENERATED_DUF_PREFIX = "7"  # the old system's were 9…, the demo's start with a year


def settled_target(year: int) -> int:
    return SETTLED_PER_YEAR.get(year, OTHER_YEAR)


def municipality_weights(numbers: list[str], rng: random.Random) -> dict[str, float]:
    """A few municipalities settle many, most settle few: weight 1/(rank+1)."""
    rest = [number for number in numbers if number not in LARGEST]
    rng.shuffle(rest)
    ranked = [number for number in LARGEST if number in numbers] + rest
    return {number: 1 / (rank + 1) ** 0.8 for rank, number in enumerate(ranked)}


def duf_number(index: int) -> str:
    return f"{GENERATED_DUF_PREFIX}{index:011d}"


@dataclass(frozen=True)
class PersonDraft:
    given_names: str
    family_name: str
    birth_date: datetime.date
    sex: str
    citizenship: str
    language: str
    category: str
    relation: str


def household(rng: random.Random, year: int, on: datetime.date) -> list[PersonDraft]:
    """One invented household for a case settled around `on` in `year`."""
    if rng.random() < 0.04:
        country = rng.choice(["AFG", "ERI", "SYR", "SOM"])
        return [_person(rng, country, Category.UNACCOMPANIED_MINOR, Relation.HEAD, on, 15, 17)]
    if year >= 2022 and rng.random() < 0.7:
        country, category = "UKR", Category.COLLECTIVE_PROTECTION
    else:
        country = rng.choice([code for code in NAMES if code not in {"UKR", "XXA"}])
        category = rng.choice(
            [Category.RESETTLEMENT, Category.ASYLUM, Category.ASYLUM, Category.FAMILY_REUNIFICATION]
        )
    size = rng.choice(HOUSEHOLD_SIZES)
    family = rng.choice(NAMES[country][2])
    members = [_person(rng, country, category, Relation.HEAD, on, 22, 60, family)]
    if size > 1 and rng.random() < 0.8:
        members.append(_person(rng, country, category, Relation.SPOUSE, on, 20, 58, family))
    while len(members) < size:
        members.append(_person(rng, country, category, Relation.CHILD, on, 0, 17, family))
    return members


def _person(
    rng: random.Random,
    country: str,
    category: str,
    relation: str,
    on: datetime.date,
    min_age: int,
    max_age: int,
    family: str | None = None,
) -> PersonDraft:
    women, men, families, languages = NAMES[country]
    sex = rng.choice([Sex.FEMALE, Sex.MALE])
    age_days = rng.randint(min_age * 365 + 1, max_age * 365 + 300)
    return PersonDraft(
        given_names=rng.choice(women if sex == Sex.FEMALE else men),
        family_name=family or rng.choice(families),
        birth_date=on - datetime.timedelta(days=age_days),
        sex=sex,
        citizenship=country,
        language=languages[0],
        category=category,
        relation=relation,
    )
