"""Why each case got its municipality in a plan, or none: structured first, bokmål text from it.

For an assigned case: the terms of its score, the rules that bound (the municipality is full after the plan, the
minors' places are used up), and the next-best municipality that still had room for it, with the
difference in score. For an unassigned case: the reasons no municipality took it. Nothing here
names a person: a case is its id, a municipality its number.
"""

from __future__ import annotations

from dataclasses import dataclass

from .objective import pair_terms, persons_per_municipality
from .problem import CaseId, Household, Instance, Municipality, MunicipalityId, Plan

TERM_LABELS = {
    "placement": "plassering",
    "network": "familie eller nettverk",
    "wish": "ønske",
    "waiting": "ventetid",
    "needs": "særskilte behov",
    "integration": "forventet integrering",
    "spread": "spredning",
}
NO_INTEGRATION_SCORES = "Ingen fil med forventet integrering er lastet inn: det leddet er null."
NO_INTEGRATION_FOR_THESE_CASES = (
    "Filen med forventet integrering har ingen poeng over null for sakene og kommunene i "
    "forslaget: det leddet er null."
)


@dataclass(frozen=True)
class Reason:
    code: str  # full, minors_used_up, no_room, no_minor_places, all_forbidden, room_left
    text: str


@dataclass(frozen=True)
class Explanation:
    case_id: CaseId
    municipality_id: MunicipalityId | None
    terms: dict[str, float]  # empty for an unassigned case
    reasons: tuple[Reason, ...]  # rules that bound, or why the case is unassigned
    next_best: MunicipalityId | None = None
    difference: float | None = None  # own score minus the next best's

    @property
    def score(self) -> float:
        return sum(self.terms.values())

    @property
    def text(self) -> str:
        parts = []
        if self.municipality_id is not None:
            shown = ", ".join(
                f"{TERM_LABELS[name]} {value:+.1f}" for name, value in self.terms.items() if value
            )
            parts.append(f"Kommune {self.municipality_id}: {shown}.")
            if self.next_best is not None and self.difference is not None:
                parts.append(
                    f"Nest beste kommune med plass: {self.next_best} "
                    f"({self.difference:.1f} poeng lavere)."
                )
            else:
                parts.append("Ingen annen kommune hadde plass til saken.")
        parts += [reason.text for reason in self.reasons]
        return " ".join(parts)


def notes(instance: Instance, *, score_file_hash: str = "") -> list[str]:
    """What the plan as a whole must say about its inputs."""
    if not score_file_hash:
        return [NO_INTEGRATION_SCORES]
    if not instance.integration:
        return [NO_INTEGRATION_FOR_THESE_CASES]
    return [f"Forventet integrering er hentet fra filen med SHA-256-sjekksum {score_file_hash}."]


def explain(instance: Instance, plan: Plan) -> dict[CaseId, Explanation]:
    placed = persons_per_municipality(instance, plan)
    minors_placed: dict[MunicipalityId, int] = {}
    for case_id, municipality_id in plan.items():
        if municipality_id is not None:
            minors = instance.case(case_id).minors
            minors_placed[municipality_id] = minors_placed.get(municipality_id, 0) + minors
    room = {m.id: m.places - placed.get(m.id, 0) for m in instance.municipalities}
    minor_room = {
        m.id: m.minor_places - minors_placed.get(m.id, 0) for m in instance.municipalities
    }
    result = {}
    for case in instance.cases:
        municipality_id = plan.get(case.id)
        if municipality_id is None:
            result[case.id] = _unassigned(instance, case, room, minor_room)
        else:
            result[case.id] = _assigned(
                instance, case, instance.municipality(municipality_id), placed, room, minor_room
            )
    return result


def _assigned(
    instance: Instance,
    case: Household,
    municipality: Municipality,
    placed: dict[MunicipalityId, int],
    room: dict[MunicipalityId, int],
    minor_room: dict[MunicipalityId, int],
) -> Explanation:
    terms = pair_terms(instance, case, municipality)
    reasons = []
    if room[municipality.id] == 0:
        reasons.append(Reason("full", f"Kommune {municipality.id} er full etter forslaget."))
    if case.minors and minor_room[municipality.id] == 0:
        reasons.append(
            Reason(
                "minors_used_up",
                f"Plassene for enslige mindreårige i kommune {municipality.id} er brukt opp.",
            )
        )
    best: tuple[float, MunicipalityId] | None = None
    # Among equal scores the lowest municipality number is the next best.
    for other in sorted(instance.municipalities, key=lambda m: m.id):
        if other.id == municipality.id or not _has_room(case, other, room, minor_room):
            continue
        value = sum(pair_terms(instance, case, other).values())
        if best is None or value > best[0]:
            best = (value, other.id)
    if best is None:
        return Explanation(case.id, municipality.id, terms, tuple(reasons))
    return Explanation(
        case.id, municipality.id, terms, tuple(reasons), best[1], sum(terms.values()) - best[0]
    )


def _has_room(
    case: Household,
    municipality: Municipality,
    room: dict[MunicipalityId, int],
    minor_room: dict[MunicipalityId, int],
) -> bool:
    if municipality.id in case.forbidden or case.persons > room[municipality.id]:
        return False
    if case.minors:
        return municipality.takes_minors and case.minors <= minor_room[municipality.id]
    return True


def _unassigned(
    instance: Instance,
    case: Household,
    room: dict[MunicipalityId, int],
    minor_room: dict[MunicipalityId, int],
) -> Explanation:
    persons = "1 person" if case.persons == 1 else f"{case.persons} personer"
    with_room = [m for m in instance.municipalities if room[m.id] >= case.persons]
    reasons = []
    if not with_room:
        reasons.append(Reason("no_room", f"Ingen kommune har plass til {persons}."))
    elif case.minors and not any(
        m.takes_minors and minor_room[m.id] >= case.minors for m in with_room
    ):
        reasons.append(
            Reason(
                "no_minor_places",
                "Plassene for enslige mindreårige er brukt opp i kommunene som har plass.",
            )
        )
    elif all(m.id in case.forbidden for m in with_room):
        reasons.append(
            Reason(
                "all_forbidden",
                "Alle kommuner som har plass, har sagt nei til saken før.",
            )
        )
    else:
        reasons.append(
            Reason(
                "room_left",
                f"Det er fortsatt plass til {persons} i en kommune som kan ta saken: "
                "den kan plasseres for hånd.",
            )
        )
    return Explanation(case.id, None, {}, tuple(reasons))
