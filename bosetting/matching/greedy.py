"""The baseline that imitates today's practice: longest waiters first, first municipality with room.

Cases are taken by days waited, longest first (ties by case id); each goes to the first
municipality in kommunenummer order that the hard rules allow and that still has room for the
whole household (and for its minors). Nothing is weighed: it is how a plan is built by hand, one
case at a time, and it is measured with the same `plan_objective` as the optimiser's plan.
"""

from __future__ import annotations

from .problem import CaseId, Instance, MunicipalityId, fits


def greedy_plan(instance: Instance) -> dict[CaseId, MunicipalityId | None]:
    places = {m.id: m.places for m in instance.municipalities}
    minor_places = {m.id: m.minor_places for m in instance.municipalities}
    in_order = sorted(instance.municipalities, key=lambda m: m.id)
    plan: dict[CaseId, MunicipalityId | None] = {}
    for case in sorted(instance.cases, key=lambda c: (-c.days_waited, c.id)):
        plan[case.id] = None
        for municipality in in_order:
            if (
                fits(case, municipality)
                and case.persons <= places[municipality.id]
                and case.minors <= minor_places[municipality.id]
            ):
                places[municipality.id] -= case.persons
                minor_places[municipality.id] -= case.minors
                plan[case.id] = municipality.id
                break
    return {case.id: plan[case.id] for case in instance.cases}
