"""This app's part of `seed_demo` (demo mode only). Idempotent: running it twice adds nothing.

About 60 invented households (about 150 persons) at Fana mottak (Bergen), Råde
integreringsmottak and living privately, in the states this app reaches: being assessed and
ready. Proposed, matched and settled cases come with the distribution and settlement issues.
Names are typical of each country and combined at random: no real person is meant.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.management.base import OutputWrapper
from django.db import transaction

from bosetting.cases import actions
from bosetting.cases.actions import HealthInput, PersonData
from bosetting.cases.models import Case, Category, Relation, Residence, Sex
from bosetting.cases.validators import make_national_id
from bosetting.organisations.models import ReceptionCentre

# country: (female given names, male given names, family names, languages)
NAMES: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    "SYR": (
        ["Amina", "Rania", "Lina", "Hala", "Nour"],
        ["Ahmad", "Omar", "Khaled", "Yousef", "Sami"],
        ["Haddad", "Al-Khatib", "Darwish", "Mansour", "Haj Ali"],
        ["ara", "kmr"],
    ),
    "AFG": (
        ["Zahra", "Mariam", "Parisa", "Shabnam"],
        ["Ahmad Shah", "Mohammad", "Farid", "Hamid"],
        ["Rahimi", "Ahmadzai", "Karimi", "Noori"],
        ["prs", "pus"],
    ),
    "ERI": (
        ["Helen", "Senait", "Rahel", "Mebrat"],
        ["Yonas", "Dawit", "Samuel", "Tesfay"],
        ["Tesfamariam", "Gebremedhin", "Habte", "Kidane"],
        ["tir", "ara"],
    ),
    "UKR": (
        ["Olena", "Iryna", "Oksana", "Kateryna"],
        ["Andrii", "Oleksandr", "Dmytro", "Serhii"],
        ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko"],
        ["ukr", "rus"],
    ),
    "SOM": (
        ["Hodan", "Fadumo", "Sahra", "Ayan"],
        ["Abdirahman", "Mohamed", "Hassan", "Abdullahi"],
        ["Warsame", "Farah", "Osman", "Jama"],
        ["som", "ara"],
    ),
    "SDN": (
        ["Amna", "Sara", "Hiba"],
        ["Mohamed Ali", "Osman", "Tariq"],
        ["Abdelrahman", "Idris", "Babiker"],
        ["ara", "eng"],
    ),
    "COD": (
        ["Esther", "Grace", "Nadine"],
        ["Jean-Pierre", "Patrick", "Emmanuel"],
        ["Mukendi", "Kabila", "Tshibanda"],
        ["fra", "lin", "swa"],
    ),
    "IRQ": (
        ["Shilan", "Noor", "Zainab"],
        ["Karwan", "Ali", "Mustafa"],
        ["Hussein", "Kareem", "Barzani"],
        ["ara", "ckb"],
    ),
    "MMR": (
        ["Hnin", "Thiri", "Naw Paw"],
        ["Aung", "Kyaw", "Saw Htoo"],
        ["Win", "Htun", "Oo"],
        ["mya", "ksw"],
    ),
    "ETH": (
        ["Tigist", "Meseret", "Hiwot"],
        ["Abebe", "Getachew", "Bekele"],
        ["Tadesse", "Alemu", "Haile"],
        ["amh", "orm"],
    ),
    "PSE": (
        ["Layla", "Dina", "Rana"],
        ["Mahmoud", "Ibrahim", "Fadi"],
        ["Abu Khalil", "Nasser", "Odeh"],
        ["ara", "eng"],
    ),
    "XXA": (["Rozerin", "Dilan"], ["Azad", "Baran"], ["Xelîl", "Demir"], ["kmr", "ara"]),
}

CATEGORIES = [
    Category.RESETTLEMENT,
    Category.ASYLUM,
    Category.COLLECTIVE_PROTECTION,
    Category.FAMILY_REUNIFICATION,
]


def _centre(name: str) -> ReceptionCentre | None:
    return ReceptionCentre.objects.filter(name=name).first()


@dataclass
class _Household:
    """What the members of one invented household share."""

    index: int
    country: str
    family_name: str
    category: str
    residence: str
    centre: ReceptionCentre | None


def _person(
    rng: random.Random,
    duf: Iterator[int],
    home: _Household,
    sex: str,
    birth: datetime.date,
    *,
    national_id: bool,
) -> PersonData:
    women, men, _families, languages = NAMES[home.country]
    return PersonData(
        duf_number=f"{2022 + home.index % 4}{next(duf):08d}",
        national_id=make_national_id(birth, d_number=rng.random() < 0.6, start=rng.randrange(500))
        if national_id
        else "",
        given_names=rng.choice(women if sex == Sex.FEMALE else men),
        family_name=home.family_name,
        birth_date=birth,
        sex=sex,
        citizenship=home.country,
        languages=languages[: rng.randint(1, len(languages))],
        interpreter_language=languages[0],
        category=home.category,
        residence=home.residence,
        reception_centre=home.centre,
        research_opt_out=rng.random() < 0.1,
    )


def _birth(rng: random.Random, today: datetime.date, min_age: int, max_age: int) -> datetime.date:
    return today - datetime.timedelta(days=rng.randint(min_age * 365 + 30, max_age * 365 - 30))


def _assessment(rng: random.Random, *, adult: bool, ready: bool) -> dict[str, object]:
    needs = rng.choice(
        [
            ["none"],
            ["none"],
            ["health_follow_up"],
            ["housing_adaptation"],
            ["psychological_follow_up", "practical_assistance"],
        ]
    )
    assessment: dict[str, object] = {
        "family_in_norway": "no",
        "education_level": rng.choice(["primary", "secondary", "vocational", "bachelor", "master"])
        if adult
        else "primary",
        "education_years": rng.randint(6, 17) if adult else rng.randint(0, 9),
        "education_field": rng.choice(["Sykepleie", "Økonomi", "Bygg og anlegg", "Lærer", ""])
        if adult
        else "",
        "work_years": rng.randint(0, 20) if adult else 0,
        "work_fields": rng.choice(["Butikk", "Snekker", "Sjåfør", "Kokk", "Frisør", ""])
        if adult
        else "",
        "norwegian_level": rng.choice(["none", "A1", "A2"]),
        "special_needs": needs,
        "has_pets": rng.choice(["no", "no", "no", "yes"]),
        "pets": "Katt",
        "wish_counties": rng.sample(["46", "03", "50", "11"], k=rng.randint(0, 2)),
        "wish_reasons": "",
    }
    if not ready:
        # Being assessed: some answers are still missing.
        for key in rng.sample(["norwegian_level", "special_needs", "work_years", "has_pets"], k=2):
            assessment.pop(key, None)
    return assessment


def _seed_household(
    rng: random.Random, duf: Iterator[int], home: _Household, today: datetime.date
) -> int:
    unaccompanied = home.category == Category.UNACCOMPANIED_MINOR
    head_sex = rng.choice([Sex.FEMALE, Sex.MALE])
    head_birth = _birth(rng, today, 15, 17) if unaccompanied else _birth(rng, today, 24, 55)
    case = actions.register_case(
        by=None, head=_person(rng, duf, home, head_sex, head_birth, national_id=rng.random() < 0.7)
    )
    members: list[str] = []
    if not unaccompanied:
        members = [Relation.SPOUSE] * (rng.random() < 0.5)
        members += [Relation.CHILD] * rng.choice([0, 0, 1, 1, 2, 2, 3])
    for relation in members:
        child = relation == Relation.CHILD
        sex = (
            rng.choice([Sex.FEMALE, Sex.MALE])
            if child
            else (Sex.MALE if head_sex == Sex.FEMALE else Sex.FEMALE)
        )
        birth = _birth(rng, today, 1, 17) if child else _birth(rng, today, 24, 55)
        actions.add_member(
            by=None,
            case=case,
            person=_person(rng, duf, home, sex, birth, national_id=rng.random() < 0.6),
            relation=relation,
        )
    ready = home.index % 2 == 0
    count = 0
    for person in case.members.all():
        count += 1
        assessment = _assessment(
            rng, adult=person.relation != Relation.CHILD and not unaccompanied, ready=ready
        )
        consent = "health_follow_up" in (assessment.get("special_needs") or [])  # type: ignore[operator]
        actions.save_assessment(
            by=None,
            person=person,
            data=assessment,
            health=HealthInput(
                consent=consent,
                consent_date=today - datetime.timedelta(days=20) if consent else None,
                consent_taken_by="Demo-ansatt, helsesykepleier" if consent else "",
                details="Oppfølging av fastlege for kronisk sykdom (oppdiktet)." if consent else "",
            ),
        )
    if ready:
        actions.mark_ready(by=None, case=case)
    return count


def seed(*, stdout: OutputWrapper) -> None:
    """Demo users, municipalities and the agreement exist when this runs."""
    if Case.objects.exists():
        return
    rng = random.Random(4)  # noqa: S311 -- invented demo data, the same on every machine
    fana, rade = _centre("Fana mottak"), _centre("Råde integreringsmottak")
    places: list[tuple[Residence, ReceptionCentre | None]] = (
        [(Residence.RECEPTION_CENTRE, fana)] * 24
        + [(Residence.RECEPTION_CENTRE, rade)] * 20
        + [(Residence.PRIVATE, None)] * 12
        + [(Residence.ALTERNATIVE, None)] * 4
    )
    duf = iter(range(10_001, 99_999))
    today = datetime.date(2026, 11, 1)
    households = persons = 0
    with transaction.atomic():
        for index, (residence, centre) in enumerate(places):
            if residence == Residence.RECEPTION_CENTRE and centre is None:
                continue
            country = rng.choice(list(NAMES))
            home = _Household(
                index=index,
                country=country,
                family_name=rng.choice(NAMES[country][2]),
                category=Category.UNACCOMPANIED_MINOR
                if index % 15 == 7
                else rng.choice(CATEGORIES),
                residence=residence,
                centre=centre,
            )
            persons += _seed_household(rng, duf, home, today)
            households += 1
    stdout.write(f"Saker: {households} husstander med {persons} personer.")
