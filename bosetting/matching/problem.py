"""What a distribution plan is made from: ready cases, municipalities with free places, weights.

Plain frozen dataclasses, independent of the database, so that the solver, the greedy baseline,
the benchmark and the tests share one description. Case ids are the cases' primary keys;
municipality ids are the four-digit kommunenummer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from django.utils.translation import gettext_lazy

CaseId = int
MunicipalityId = str
Plan = Mapping[CaseId, MunicipalityId | None]

WEIGHT_MIN = 0.0
WEIGHT_MAX = 100.0


@dataclass(frozen=True)
class Household:
    """One case: the persons settled together, and what the assessment says about them."""

    id: CaseId
    persons: int
    minors: int = 0  # unaccompanied minors among the persons
    forbidden: frozenset[MunicipalityId] = frozenset()  # declined this case before
    wishes: frozenset[MunicipalityId] = frozenset()
    wish_counties: frozenset[str] = frozenset()  # a wished region: two-digit fylkesnummer
    network: frozenset[MunicipalityId] = frozenset()  # family or network lives there
    days_waited: int = 0  # since the case became ready
    needs: frozenset[str] = frozenset()  # special-need codes (cases.assessment.SpecialNeed)

    def __post_init__(self) -> None:
        if self.persons < 1:
            raise ValueError(f"Sak {self.id} har ingen personer.")
        if not 0 <= self.minors <= self.persons:
            raise ValueError(f"Sak {self.id} har flere enslige mindreårige enn personer.")
        if self.days_waited < 0:
            raise ValueError(f"Sak {self.id} har negativ ventetid.")


@dataclass(frozen=True)
class Municipality:
    """A municipality's free places this year and what its decision and profile say."""

    id: MunicipalityId
    places: int  # free places: approved minus matched and settled
    minor_places: int = 0  # free places for unaccompanied minors, part of `places`
    takes_minors: bool = False
    county: str = ""
    offers: frozenset[str] = frozenset()  # special-need codes it has said it can meet
    # Approved places for the year; the fill share that spread evens out is
    # (approved - places + assigned) / approved. None: the run starts from an empty year.
    approved: int | None = None

    def __post_init__(self) -> None:
        if self.places < 0 or self.minor_places < 0:
            raise ValueError(f"Kommune {self.id} har et negativt antall plasser.")
        if self.approved is not None and self.approved < self.places:
            raise ValueError(f"Kommune {self.id} har flere ledige plasser enn vedtatte.")

    @property
    def year_places(self) -> int:
        return self.places if self.approved is None else self.approved

    @property
    def used_before(self) -> int:
        return self.year_places - self.places


@dataclass(frozen=True)
class Weights:
    """How much each soft term counts, each between 0 and 100 (IMDi may change them per run).

    The defaults put family and network first, as the issue asks, then special needs that a
    municipality can meet, the household's wish, waiting time and spread. Integration counts
    only when a score file is given; without one its term is zero whatever the weight.
    """

    network: float = 60.0
    wish: float = 30.0
    waiting: float = 20.0
    spread: float = 20.0
    needs: float = 40.0
    integration: float = 20.0

    def __post_init__(self) -> None:
        for name, label in WEIGHT_LABELS.items():
            value = getattr(self, name)
            if not isinstance(value, int | float) or not WEIGHT_MIN <= value <= WEIGHT_MAX:
                raise ValueError(
                    f"Vekten for {label} må være et tall fra {WEIGHT_MIN:g} til {WEIGHT_MAX:g}, "
                    f"ikke {value!r}."
                )


# Lazy: the form and the messages show them in the user's language.
WEIGHT_LABELS = {
    "network": gettext_lazy("familie og nettverk"),
    "wish": gettext_lazy("ønske"),
    "waiting": gettext_lazy("ventetid"),
    "spread": gettext_lazy("spredning"),
    "needs": gettext_lazy("særskilte behov"),
    "integration": gettext_lazy("forventet integrering"),
}


@dataclass(frozen=True)
class Instance:
    cases: tuple[Household, ...]
    municipalities: tuple[Municipality, ...]
    weights: Weights = field(default_factory=Weights)
    # Expected integration per (case, municipality), e.g. the sum over the case's persons of a
    # GeoMatch-style model's probability of work. Empty: no score file, the term is zero.
    integration: Mapping[tuple[CaseId, MunicipalityId], float] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def __post_init__(self) -> None:
        case_ids = [case.id for case in self.cases]
        if len(set(case_ids)) != len(case_ids):
            raise ValueError("Samme sak står to ganger i utvalget.")
        municipality_ids = [m.id for m in self.municipalities]
        if len(set(municipality_ids)) != len(municipality_ids):
            raise ValueError("Samme kommune står to ganger i utvalget.")

    def municipality(self, municipality_id: MunicipalityId) -> Municipality:
        return self.municipalities_by_id[municipality_id]

    def case(self, case_id: CaseId) -> Household:
        return self.cases_by_id[case_id]

    @cached_property
    def municipalities_by_id(self) -> dict[MunicipalityId, Municipality]:
        return {m.id: m for m in self.municipalities}

    @cached_property
    def cases_by_id(self) -> dict[CaseId, Household]:
        return {case.id: case for case in self.cases}


def fits(case: Household, municipality: Municipality) -> bool:
    """The hard rules that one pair can break on its own (room is checked for the whole plan)."""
    if municipality.id in case.forbidden or case.persons > municipality.places:
        return False
    if case.minors:
        return municipality.takes_minors and case.minors <= municipality.minor_places
    return True
