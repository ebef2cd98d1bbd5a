"""The distribution plan as an integer program, solved with HiGHS (docs/adr/0016).

Variables: one binary x[c, m] per case and municipality that the pair's own hard rules allow
(`problem.fits`: not forbidden, room for the whole household, minors only where taken and within
the minors' places).

    maximise   sum score(c, m) x[c, m]
    subject to sum_m x[c, m] <= 1                          every case at most once
               sum_c persons(c) x[c, m] <= places(m)       the free places
               sum_c minors(c) x[c, m] <= minor places(m)  for municipalities taking minors

A year's 5,000 cases make about 1.7 million pairs: too many for HiGHS to even solve the linear
relaxation in a minute. Three exact steps keep the integer program small:

1. **Column generation.** The relaxation is solved over each case's best pairs first; the row
   duals price every other pair (reduced cost = score - dual(case) - persons * dual(places) -
   minors * dual(minors)) and the pairs that would improve it are added, until none would. The
   relaxation's value is then the bound over *all* pairs.
2. **A plan to start from.** The integer program over the pairs column generation used (a few per
   case), then the cases it left out by score where there is room.
3. **Reduced-cost fixing.** A pair whose reduced cost is below -(bound - start plan's value)
   cannot be in any plan better than the start plan (forcing it in lowers the relaxation's bound
   below that value), so it is left out of the integer program. HiGHS then solves the rest from
   the start plan; its bound is a bound on the whole problem.

The model is handed to HiGHS as whole numpy arrays (column-wise), not one call per variable.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import highspy
import numpy as np

from .objective import plan_objective, score
from .problem import CaseId, Instance, MunicipalityId, fits

Status = Literal["optimal", "time_limit"]

DEFAULT_TIME_LIMIT = 60.0
# HiGHS stops when the relative gap between the plan and the bound is below this; 1e-6 of an
# objective in the hundreds of thousands is a fraction of one point, so "optimal" is proven.
DEFAULT_RELATIVE_GAP = 1e-6


@dataclass(frozen=True)
class Result:
    plan: dict[CaseId, MunicipalityId | None]
    status: Status
    objective: float  # plan_objective of the plan, the same function the baseline is measured by
    bound: float  # no plan can be worth more
    gap: float  # (bound - objective) / objective, a fraction
    seconds: float


@dataclass(frozen=True)
class _Pairs:
    cases: np.ndarray  # index into instance.cases, per column
    municipalities: np.ndarray  # index into instance.municipalities, per column
    scores: np.ndarray


def allowed_pairs(instance: Instance) -> _Pairs:
    """Every pair that its own hard rules allow, with its score."""
    case_index: list[int] = []
    municipality_index: list[int] = []
    scores: list[float] = []
    for c, case in enumerate(instance.cases):
        for m, municipality in enumerate(instance.municipalities):
            if fits(case, municipality):
                case_index.append(c)
                municipality_index.append(m)
                scores.append(score(instance, case, municipality))
    return _Pairs(
        np.array(case_index, dtype=np.int64),
        np.array(municipality_index, dtype=np.int64),
        np.array(scores, dtype=np.float64),
    )


def solve(
    instance: Instance,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    relative_gap: float = DEFAULT_RELATIVE_GAP,
) -> Result:
    """The best plan HiGHS proves within the time limit, or the best found with its bound."""
    started = time.perf_counter()
    pairs = allowed_pairs(instance)
    plan: dict[CaseId, MunicipalityId | None] = {case.id: None for case in instance.cases}
    if len(pairs.scores) == 0:
        objective = plan_objective(instance, plan)
        return Result(plan, "optimal", objective, objective, 0.0, time.perf_counter() - started)
    relaxation = _relaxation(instance, pairs, deadline=started + time_limit / 2)
    chosen = _start_plan(instance, pairs, relaxation, deadline=started + time_limit * 0.6)
    start_value = _value(instance, pairs, chosen)
    if (
        relaxation.reduced_costs is not None
        and relaxation.bound - start_value <= relative_gap * max(1.0, abs(relaxation.bound))
    ):
        # The relaxation's bound already proves the start plan optimal.
        for column in chosen:
            plan[instance.cases[pairs.cases[column]].id] = instance.municipalities[
                pairs.municipalities[column]
            ].id
        objective = plan_objective(instance, plan)
        bound = max(objective, relaxation.bound)
        gap = (bound - objective) / objective if objective > 0 else 0.0
        return Result(plan, "optimal", objective, bound, gap, time.perf_counter() - started)
    if relaxation.reduced_costs is None:
        kept = np.arange(len(pairs.scores))
    else:
        slack = relaxation.bound - start_value + 1e-6 * max(1.0, abs(relaxation.bound))
        kept = np.flatnonzero(relaxation.reduced_costs >= -slack)
    sub = _Pairs(pairs.cases[kept], pairs.municipalities[kept], pairs.scores[kept])
    position = np.full(len(pairs.scores), -1, dtype=np.int64)
    position[kept] = np.arange(len(kept))
    sub_chosen = position[chosen].tolist()
    lp = _lp(instance, sub)
    highs = _highs(lp)
    highs.setOptionValue("time_limit", max(0.1, started + time_limit - time.perf_counter()))
    highs.setOptionValue("mip_rel_gap", float(relative_gap))
    highs.setOptionValue("mip_detect_symmetry", False)
    start = highspy.HighsSolution()
    start.col_value = _columns(sub_chosen, lp)
    highs.setSolution(start)
    highs.run()
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    if info.primal_solution_status == highspy.kSolutionStatusFeasible:
        values = np.asarray(highs.getSolution().col_value[: len(sub.scores)])
        sub_chosen = np.flatnonzero(values > 0.5).tolist()
    for column in sub_chosen:
        case = instance.cases[sub.cases[column]]
        plan[case.id] = instance.municipalities[sub.municipalities[column]].id
    objective = plan_objective(instance, plan)
    if model_status == highspy.HighsModelStatus.kOptimal:
        status: Status = "optimal"
    elif model_status == highspy.HighsModelStatus.kTimeLimit:
        status = "time_limit"
    else:
        raise RuntimeError(f"HiGHS stoppet med {highs.modelStatusToString(model_status)}.")
    bound = max(objective, float(info.mip_dual_bound))
    if relaxation.reduced_costs is not None:
        bound = min(bound, max(objective, relaxation.bound))
    gap = (bound - objective) / objective if objective > 0 else 0.0
    return Result(
        plan=plan,
        status=status,
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=time.perf_counter() - started,
    )


@dataclass(frozen=True)
class _Relaxation:
    values: np.ndarray  # every pair's value in the relaxation
    included: np.ndarray  # the pairs column generation used
    bound: float
    reduced_costs: np.ndarray | None  # every pair's; None when it did not finish in time


FIRST_PAIRS_PER_CASE = 12
ADDED_PAIRS_PER_CASE = 6


def _relaxation(instance: Instance, pairs: _Pairs, *, deadline: float) -> _Relaxation:
    """The linear relaxation over all pairs, by column generation from each case's best pairs."""
    n_pairs = len(pairs.scores)
    persons = np.array([case.persons for case in instance.cases], dtype=np.float64)
    minors = np.array([case.minors for case in instance.cases], dtype=np.float64)
    places = np.array([m.places for m in instance.municipalities], dtype=np.float64)
    # Each case's best pairs, the larger municipalities first among equal scores.
    order = np.lexsort((-places[pairs.municipalities], -pairs.scores, pairs.cases))
    rank = np.empty(n_pairs, dtype=np.int64)
    case_start = np.searchsorted(pairs.cases[order], np.arange(len(instance.cases)))
    rank[order] = np.arange(n_pairs) - case_start[pairs.cases[order]]
    included = rank < FIRST_PAIRS_PER_CASE
    n_cases = len(instance.cases)
    n_municipalities = len(instance.municipalities)
    while True:
        subset = np.flatnonzero(included)
        sub = _Pairs(pairs.cases[subset], pairs.municipalities[subset], pairs.scores[subset])
        lp = _lp(instance, sub)
        highs = _highs(lp)
        highs.changeColsIntegrality(
            len(subset), np.arange(len(subset), dtype=np.int32), np.zeros(len(subset), np.uint8)
        )
        highs.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        highs.run()
        values = np.zeros(n_pairs)
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return _Relaxation(values, included, float("inf"), None)
        solution = highs.getSolution()
        values[subset] = np.asarray(solution.col_value[: len(subset)])
        duals = np.asarray(solution.row_dual)
        case_dual = duals[:n_cases]
        places_dual = duals[n_cases : n_cases + n_municipalities]
        minors_dual = np.zeros(n_municipalities)
        for m, row in enumerate(_minor_rows(instance)):
            if row >= 0:
                minors_dual[m] = duals[row]
        reduced = (
            pairs.scores
            - case_dual[pairs.cases]
            - persons[pairs.cases] * places_dual[pairs.municipalities]
            - minors[pairs.cases] * minors_dual[pairs.municipalities]
        )
        bound = float(highs.getInfo().objective_function_value)
        improving = ~included & (reduced > 1e-7)
        if not improving.any():
            return _Relaxation(values, included, bound, reduced)
        if time.perf_counter() > deadline:
            return _Relaxation(values, included, float("inf"), None)
        candidates = np.flatnonzero(improving)
        best = candidates[np.lexsort((-reduced[candidates], pairs.cases[candidates]))]
        first = np.searchsorted(pairs.cases[best], pairs.cases[best], side="left")
        place = np.arange(len(best)) - first
        included[best[place < ADDED_PAIRS_PER_CASE]] = True


def _minor_rows(instance: Instance) -> list[int]:
    """Each municipality's minors row, -1 for those that do not take minors."""
    n_cases = len(instance.cases)
    n_municipalities = len(instance.municipalities)
    rows = []
    next_row = n_cases + n_municipalities
    for municipality in instance.municipalities:
        if municipality.takes_minors:
            rows.append(next_row)
            next_row += 1
        else:
            rows.append(-1)
    return rows


def _value(instance: Instance, pairs: _Pairs, chosen: list[int]) -> float:
    plan = {
        instance.cases[pairs.cases[column]].id: instance.municipalities[
            pairs.municipalities[column]
        ].id
        for column in chosen
    }
    return plan_objective(instance, plan)


def _start_plan(
    instance: Instance, pairs: _Pairs, relaxation: _Relaxation, *, deadline: float
) -> list[int]:
    """A good plan to start from: the integer program over the pairs column generation used.

    Those few pairs per case hold the relaxation's optimum, so the best whole-household plan
    among them is close to the bound; HiGHS finds it in a fraction of the time the full model
    takes. What it leaves unplaced is then placed by score where there is room.
    """
    fixed: list[int] = []
    subset = np.flatnonzero(relaxation.included)
    if len(subset) and time.perf_counter() < deadline:
        sub = _Pairs(pairs.cases[subset], pairs.municipalities[subset], pairs.scores[subset])
        highs = _highs(_lp(instance, sub))
        highs.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        highs.setOptionValue("mip_rel_gap", 1e-5)
        highs.setOptionValue("mip_detect_symmetry", False)
        highs.run()
        if highs.getInfo().primal_solution_status == highspy.kSolutionStatusFeasible:
            values = np.asarray(highs.getSolution().col_value[: len(subset)])
            fixed = subset[values > 0.5].tolist()
    return _rounded(instance, pairs, fixed)


def _rounded(instance: Instance, pairs: _Pairs, first: list[int]) -> list[int]:
    """The pairs `first`, then every other pair by score, each taken while the household fits."""
    places = [m.places for m in instance.municipalities]
    minor_places = [m.minor_places for m in instance.municipalities]
    placed = [False] * len(instance.cases)
    chosen: list[int] = []
    for column in [*first, *np.argsort(-pairs.scores, kind="stable").tolist()]:
        c = int(pairs.cases[column])
        if placed[c]:
            continue
        m = int(pairs.municipalities[column])
        case = instance.cases[c]
        if case.persons <= places[m] and case.minors <= minor_places[m]:
            places[m] -= case.persons
            minor_places[m] -= case.minors
            placed[c] = True
            chosen.append(column)
    return chosen


def _columns(chosen: list[int], lp: highspy.HighsLp) -> np.ndarray:
    values = np.zeros(lp.num_col_)
    values[chosen] = 1.0
    return values


def _lp(instance: Instance, pairs: _Pairs) -> highspy.HighsLp:
    municipalities = instance.municipalities
    n_cases = len(instance.cases)
    n_municipalities = len(municipalities)
    persons = np.array([case.persons for case in instance.cases], dtype=np.float64)
    minors = np.array([case.minors for case in instance.cases], dtype=np.float64)
    minor_row = np.full(n_municipalities, -1, dtype=np.int64)
    minor_limits: list[float] = []
    for m, municipality in enumerate(municipalities):
        if municipality.takes_minors:
            minor_row[m] = n_cases + n_municipalities + len(minor_limits)
            minor_limits.append(float(municipality.minor_places))
    n_rows = n_cases + n_municipalities + len(minor_limits)

    # Columns x[c, m]: the case's row, the municipality's places row, and its minors row when
    # the case has minors (pairs with minors exist only for municipalities that take them).
    n_pairs = len(pairs.scores)
    with_minors = minors[pairs.cases] > 0
    counts = 2 + with_minors.astype(np.int64)
    x_start = np.zeros(n_pairs + 1, dtype=np.int64)
    np.cumsum(counts, out=x_start[1:])
    x_index = np.empty(int(x_start[-1]), dtype=np.int32)
    x_value = np.empty(int(x_start[-1]), dtype=np.float64)
    first = x_start[:-1]
    x_index[first] = pairs.cases
    x_value[first] = 1.0
    x_index[first + 1] = n_cases + pairs.municipalities
    x_value[first + 1] = persons[pairs.cases]
    third = first[with_minors] + 2
    x_index[third] = minor_row[pairs.municipalities[with_minors]]
    x_value[third] = minors[pairs.cases[with_minors]]

    lp = highspy.HighsLp()
    lp.num_col_ = n_pairs
    lp.num_row_ = n_rows
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = pairs.scores
    lp.col_lower_ = np.zeros(n_pairs)
    lp.col_upper_ = np.ones(n_pairs)
    lp.row_lower_ = np.concatenate(
        [
            np.full(n_cases, -highspy.kHighsInf),
            np.zeros(n_municipalities),
            np.zeros(len(minor_limits)),
        ]
    )
    lp.row_upper_ = np.concatenate(
        [
            np.ones(n_cases),
            np.array([m.places for m in municipalities], dtype=np.float64),
            np.array(minor_limits, dtype=np.float64),
        ]
    )
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = n_pairs
    lp.a_matrix_.num_row_ = n_rows
    lp.a_matrix_.start_ = x_start.astype(np.int32)
    lp.a_matrix_.index_ = x_index
    lp.a_matrix_.value_ = x_value
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_pairs
    return lp


def _highs(lp: highspy.HighsLp) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.passModel(lp)
    return highs
