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

import math
import time
from dataclasses import dataclass, replace
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


# Above this many pairs HiGHS spends the minute setting up the model before it searches (the
# time limit is not checked while it does): a year's cases then get the start plan, and the
# relaxation's bound certifies its gap, with status "time_limit" (not proven optimal in time).
MAX_PAIRS_FOR_PROOF = 150_000


def solve(
    instance: Instance,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    relative_gap: float = DEFAULT_RELATIVE_GAP,
) -> Result:
    """The best plan HiGHS proves within the time limit, or the best found with its bound."""
    started = time.perf_counter()
    deadline = started + time_limit
    pairs = allowed_pairs(instance)
    if len(pairs.scores) == 0:
        return _result(instance, pairs, [], "optimal", 0.0, started)
    relaxation = _relaxation(instance, pairs, deadline=started + time_limit * 0.75)
    chosen = _start_plan(instance, pairs, relaxation, deadline=started + time_limit * 0.85)
    if relaxation.reduced_costs is None:
        if len(pairs.scores) > MAX_PAIRS_FOR_PROOF:
            # Neither a bound nor a search in time: the start plan, with no bound claimed.
            return _result(instance, pairs, chosen, "time_limit", float("inf"), started)
        # No bound over all pairs in time: search them all, HiGHS's bound is the bound.
        everything = np.arange(len(pairs.scores))
        chosen, bound, proven = _search(instance, pairs, everything, chosen, deadline, relative_gap)
        return _result(
            instance, pairs, chosen, "optimal" if proven else "time_limit", bound, started
        )

    reduced = relaxation.reduced_costs

    def proven_by_relaxation(value: float) -> bool:
        return relaxation.bound - value <= relative_gap * max(1.0, abs(relaxation.bound))

    def kept(value: float) -> np.ndarray:
        slack = relaxation.bound - value + 1e-6 * max(1.0, abs(relaxation.bound))
        return np.flatnonzero(reduced >= -slack)

    value = _value(instance, pairs, chosen)
    included = np.flatnonzero(relaxation.included)
    if not proven_by_relaxation(value) and len(included) <= MAX_PAIRS_FOR_PROOF:
        # Improve the plan over the few pairs per case the relaxation used: a better plan
        # leaves fewer pairs after reduced-cost fixing.
        improve_until = time.perf_counter() + (deadline - time.perf_counter()) * 0.5
        chosen, _bound, _proven = _search(
            instance, pairs, included, chosen, improve_until, relative_gap
        )
        value = _value(instance, pairs, chosen)
    if proven_by_relaxation(value):
        return _result(instance, pairs, chosen, "optimal", relaxation.bound, started)
    columns = kept(value)
    if len(columns) > MAX_PAIRS_FOR_PROOF:
        # Too large to search within the limit: the start plan, with the relaxation's bound.
        return _result(instance, pairs, chosen, "time_limit", relaxation.bound, started)
    chosen, bound, proven = _search(
        instance, pairs, columns, chosen, deadline, relative_gap, presolve=False
    )
    return _result(
        instance,
        pairs,
        chosen,
        "optimal" if proven else "time_limit",
        min(bound, relaxation.bound),
        started,
    )


def _search(
    instance: Instance,
    pairs: _Pairs,
    columns: np.ndarray,
    chosen: list[int],
    deadline: float,
    relative_gap: float,
    *,
    presolve: bool = True,
) -> tuple[list[int], float, bool]:
    """HiGHS over `columns`: the better of its plan and `chosen`, HiGHS's bound over those
    columns, and whether it proved its plan optimal.

    HiGHS looks only for plans better than `chosen` by more than the gap tolerance (its
    `objective_bound`, the cutoff): every branch that cannot beat it is pruned from the start.
    When HiGHS finds none, that is the proof that `chosen` is within the tolerance of the best
    plan over `columns`. The model is handed over as a minimisation, so that the cutoff is in
    the sense HiGHS works in whatever it does with a maximisation's sign.
    """
    sub = _Pairs(pairs.cases[columns], pairs.municipalities[columns], pairs.scores[columns])
    lp = _lp(instance, sub)
    lp.sense_ = highspy.ObjSense.kMinimize
    lp.col_cost_ = -sub.scores
    highs = _highs(lp)
    start_value = _value(instance, pairs, chosen)
    # The same tolerance as mip_rel_gap: "optimal" proves no more and no less than before.
    margin = relative_gap * max(1.0, abs(start_value))
    highs.setOptionValue("objective_bound", -(start_value + margin))
    highs.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
    highs.setOptionValue("mip_rel_gap", float(relative_gap))
    highs.setOptionValue("mip_detect_symmetry", False)
    if not presolve:
        # On the tens of thousands of pairs left after reduced-cost fixing, HiGHS's presolve
        # and root probing took 15-20 s of a 20 s search on 300 cases; its root LP with the
        # cutoff fixes most of the pairs itself, and the rest is solved in about a second.
        highs.setOptionValue("presolve", "off")
    # No setSolution: HiGHS 1.16 then reported a start plan worth 600 as optimal at 800 on a
    # four-case model (the hypothesis test found it). The cutoff gives the search the start
    # plan's value instead, and the better of it and HiGHS's plan is kept.
    highs.run()
    model_status = highs.getModelStatus()
    if model_status in (
        highspy.HighsModelStatus.kObjectiveBound,
        highspy.HighsModelStatus.kInfeasible,
    ):
        # No plan over these columns beats `chosen` by more than the margin.
        return chosen, start_value + margin, True
    if model_status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit):
        raise RuntimeError(f"HiGHS stoppet med {highs.modelStatusToString(model_status)}.")
    info = highs.getInfo()
    # HiGHS's bound is over the plans better than the cutoff; the others are worth at most it.
    bound = max(-float(info.mip_dual_bound), start_value + margin)
    proven = False
    if info.primal_solution_status == highspy.kSolutionStatusFeasible:
        values = np.asarray(highs.getSolution().col_value[: len(columns)])
        found = columns[values > 0.5].tolist()
        found_value = _value(instance, pairs, found)
        # A proof counts only for the plan it was made for, valued by plan_objective.
        proven = model_status == highspy.HighsModelStatus.kOptimal and abs(
            found_value + info.objective_function_value
        ) <= 1e-6 * max(1.0, abs(found_value))
        if found_value >= start_value:
            chosen = found
    return chosen, bound, proven


def _result(
    instance: Instance,
    pairs: _Pairs,
    chosen: list[int],
    status: Status,
    bound: float,
    started: float,
) -> Result:
    plan: dict[CaseId, MunicipalityId | None] = {case.id: None for case in instance.cases}
    for column in chosen:
        plan[instance.cases[pairs.cases[column]].id] = instance.municipalities[
            pairs.municipalities[column]
        ].id
    objective = plan_objective(instance, plan)
    bound = max(objective, bound)
    gap = (bound - objective) / objective if objective > 0 else 0.0
    if math.isinf(bound):
        gap = math.inf
    return Result(plan, status, objective, bound, gap, time.perf_counter() - started)


@dataclass(frozen=True)
class _Relaxation:
    values: np.ndarray  # every pair's value in the relaxation
    included: np.ndarray  # the pairs column generation used
    bound: float
    reduced_costs: np.ndarray | None  # every pair's; None when it did not finish in time


FIRST_PAIRS_PER_CASE = 12
ADDED_PAIRS_PER_CASE = 10


def _relaxation(instance: Instance, pairs: _Pairs, *, deadline: float) -> _Relaxation:
    """The linear relaxation over all pairs, by column generation from each case's best pairs.

    One HiGHS model is kept and grown with `addCols`, so each round starts from the last basis.
    """
    n_pairs = len(pairs.scores)
    rows = _Rows.of(instance)
    n_cases = len(instance.cases)
    n_municipalities = len(instance.municipalities)
    places = np.array([m.places for m in instance.municipalities], dtype=np.float64)
    # Each case's best pairs, the larger municipalities first among equal scores.
    order = np.lexsort((-places[pairs.municipalities], -pairs.scores, pairs.cases))
    rank = np.empty(n_pairs, dtype=np.int64)
    case_start = np.searchsorted(pairs.cases[order], np.arange(n_cases))
    rank[order] = np.arange(n_pairs) - case_start[pairs.cases[order]]
    included = rank < FIRST_PAIRS_PER_CASE
    subset = np.flatnonzero(included)
    lp = _lp(
        instance, _Pairs(pairs.cases[subset], pairs.municipalities[subset], pairs.scores[subset])
    )
    lp.integrality_ = []
    highs = _highs(lp)
    minor_rows = rows.minor_row
    while True:
        highs.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        highs.run()
        values = np.zeros(n_pairs)
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return _Relaxation(values, included, float("inf"), None)
        solution = highs.getSolution()
        values[subset] = np.asarray(solution.col_value)
        duals = np.asarray(solution.row_dual)
        minors_dual = np.where(minor_rows >= 0, duals[np.maximum(minor_rows, 0)], 0.0)
        reduced = (
            pairs.scores
            - duals[:n_cases][pairs.cases]
            - rows.persons[pairs.cases]
            * duals[n_cases : n_cases + n_municipalities][pairs.municipalities]
            - rows.minors[pairs.cases] * minors_dual[pairs.municipalities]
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
        added = np.sort(best[np.arange(len(best)) - first < ADDED_PAIRS_PER_CASE])
        included[added] = True
        subset = np.concatenate([subset, added])
        new = _Pairs(pairs.cases[added], pairs.municipalities[added], pairs.scores[added])
        start, index, value = rows.matrix(new)
        highs.addCols(
            len(added),
            new.scores,
            np.zeros(len(added)),
            np.ones(len(added)),
            len(index),
            start[:-1],
            index,
            value,
        )


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
    """A good plan to start from: the relaxation's whole pairs kept, the rest solved small.

    The pairs at one in the relaxation are kept; the cases left over are solved as an integer
    program of their own, over the pairs column generation used, in the places left; what that
    leaves is placed by score where there is room. HiGHS's own heuristics place whole households
    in a large model slowly; this gives the search a plan close to the bound at once.
    """
    fixed = np.flatnonzero(relaxation.values > 1 - 1e-6)
    places = np.array([m.places for m in instance.municipalities])
    minor_places = np.array([m.minor_places for m in instance.municipalities])
    persons = np.array([case.persons for case in instance.cases])
    minors = np.array([case.minors for case in instance.cases])
    np.subtract.at(places, pairs.municipalities[fixed], persons[pairs.cases[fixed]])
    np.subtract.at(minor_places, pairs.municipalities[fixed], minors[pairs.cases[fixed]])
    placed = np.zeros(len(instance.cases), dtype=bool)
    placed[pairs.cases[fixed]] = True
    open_pairs = np.flatnonzero(
        relaxation.included
        & ~placed[pairs.cases]
        & (persons[pairs.cases] <= places[pairs.municipalities])
        & (minors[pairs.cases] <= minor_places[pairs.municipalities])
    )
    chosen = fixed.tolist()
    if len(open_pairs) and time.perf_counter() < deadline:
        rest = replace(
            instance,
            municipalities=tuple(
                replace(m, places=int(places[i]), minor_places=int(minor_places[i]))
                for i, m in enumerate(instance.municipalities)
            ),
        )
        sub = _Pairs(
            pairs.cases[open_pairs], pairs.municipalities[open_pairs], pairs.scores[open_pairs]
        )
        highs = _highs(_lp(rest, sub))
        highs.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        highs.setOptionValue("mip_rel_gap", 1e-5)
        highs.setOptionValue("mip_detect_symmetry", False)
        highs.run()
        if highs.getInfo().primal_solution_status == highspy.kSolutionStatusFeasible:
            values = np.asarray(highs.getSolution().col_value[: len(open_pairs)])
            chosen += open_pairs[values > 0.5].tolist()
    return _rounded(instance, pairs, chosen)


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


@dataclass(frozen=True)
class _Rows:
    """Row numbers: one per case, one per municipality's places, one per minors' places."""

    persons: np.ndarray  # per case
    minors: np.ndarray  # per case
    minor_row: np.ndarray  # per municipality, -1 where it takes no minors
    lower: np.ndarray
    upper: np.ndarray

    @classmethod
    def of(cls, instance: Instance) -> _Rows:
        n_cases = len(instance.cases)
        n_municipalities = len(instance.municipalities)
        minor_row = np.full(n_municipalities, -1, dtype=np.int64)
        minor_limits: list[float] = []
        for m, municipality in enumerate(instance.municipalities):
            if municipality.takes_minors:
                minor_row[m] = n_cases + n_municipalities + len(minor_limits)
                minor_limits.append(float(municipality.minor_places))
        places = [float(m.places) for m in instance.municipalities]
        return cls(
            persons=np.array([case.persons for case in instance.cases], dtype=np.float64),
            minors=np.array([case.minors for case in instance.cases], dtype=np.float64),
            minor_row=minor_row,
            lower=np.full(n_cases + n_municipalities + len(minor_limits), -highspy.kHighsInf),
            upper=np.array([1.0] * n_cases + places + minor_limits, dtype=np.float64),
        )

    def matrix(self, pairs: _Pairs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column-wise (start, index, value) of the pairs' columns: the case's row, the
        municipality's places row, and its minors row when the case has minors (pairs with
        minors exist only for municipalities that take them)."""
        n_cases = len(self.persons)
        n_pairs = len(pairs.scores)
        with_minors = self.minors[pairs.cases] > 0
        start = np.zeros(n_pairs + 1, dtype=np.int32)
        np.cumsum(2 + with_minors.astype(np.int32), out=start[1:])
        index = np.empty(int(start[-1]), dtype=np.int32)
        value = np.empty(int(start[-1]), dtype=np.float64)
        first = start[:-1]
        index[first] = pairs.cases
        value[first] = 1.0
        index[first + 1] = n_cases + pairs.municipalities
        value[first + 1] = self.persons[pairs.cases]
        third = first[with_minors] + 2
        index[third] = self.minor_row[pairs.municipalities[with_minors]]
        value[third] = self.minors[pairs.cases[with_minors]]
        return start, index, value


def _lp(instance: Instance, pairs: _Pairs) -> highspy.HighsLp:
    rows = _Rows.of(instance)
    start, index, value = rows.matrix(pairs)
    n_pairs = len(pairs.scores)
    lp = highspy.HighsLp()
    lp.num_col_ = n_pairs
    lp.num_row_ = len(rows.upper)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = pairs.scores
    lp.col_lower_ = np.zeros(n_pairs)
    lp.col_upper_ = np.ones(n_pairs)
    lp.row_lower_ = rows.lower
    lp.row_upper_ = rows.upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = n_pairs
    lp.a_matrix_.num_row_ = len(rows.upper)
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_pairs
    return lp


def _highs(lp: highspy.HighsLp) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.passModel(lp)
    return highs
