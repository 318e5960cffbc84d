"""Lower bounds and quick plans from the relaxed model (no weekly-hours cumulative).

The relaxed model (``build_model(..., relaxed=True)``) keeps every rule but the week-by-week
hours limit, which it replaces by the energy cuts of ``cpsat.py`` (dual feasible functions over
the weeks after each possible start). It has only the choice of actions left to decide, so CP-SAT
solves it to optimality in a fraction of a second where the full model needs many seconds to
*prove* a ready week or a cost optimal: its optimum is a lower bound on the full model's, and the
plan it chooses, scheduled by the full model with the choice fixed, is usually optimal or close.
``solve.py`` adds the bound to the full model (``level ≥ bound``), so the full solve stops as
soon as it meets it.

Every solve here has a *deterministic* time limit (CP-SAT's work units), drawn from the run's
:class:`~careerfit_opt.planner.budget.Budget`, so a bound or a quick plan does not depend on the
machine's load and the same input still gives the same plan.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from careerfit_opt.planner.budget import Budget
from careerfit_opt.planner.cpsat import LinearExpr, PlanModel, build_model
from careerfit_opt.planner.problem import PlanningProblem

#: Deterministic time (CP-SAT work units, about a second each on a laptop) for one relaxed solve.
RELAX_DETERMINISTIC_TIME = 3.0
#: Deterministic time for scheduling a fixed choice of actions.
SCHEDULE_DETERMINISTIC_TIME = 1.0
#: Most of the work left that one relaxed or scheduling solve may take, so a short time limit
#: still leaves the full model most of its budget.
SHARE_OF_REMAINING = 0.4

#: A level of the objective on a model: its expression, and whether it is maximised.
Fixed = Sequence[tuple[Callable[[PlanModel], LinearExpr], bool, int]]


@dataclass(frozen=True)
class RelaxedBound:
    """The relaxed model's answer for one level: a proven lower bound (``None`` when the relaxed
    solve found nothing in time) and the relaxed optimum's chosen actions."""

    bound: int | None
    chosen: frozenset[str] | None
    #: ``True`` when the relaxed model has no solution: neither has the full model.
    infeasible: bool = False


def _fix(pm: PlanModel, fixed: Fixed) -> None:
    for make, maximize, value in fixed:
        expr = make(pm)
        pm.model.add(expr >= value if maximize else expr <= value)


def relaxed_bound(
    problem: PlanningProblem,
    make: Callable[[PlanModel], LinearExpr],
    fixed: Fixed,
    *,
    time_bound: int,
    seed: int,
    budget: Budget,
) -> RelaxedBound:
    """A lower bound on ``make`` (minimised) over the plans that end by ``time_bound`` and keep
    the ``fixed`` levels, from the relaxed model."""
    pm = build_model(problem, time_bound=time_bound, relaxed=True)
    _fix(pm, fixed)
    pm.model.minimize(make(pm))
    cap = min(RELAX_DETERMINISTIC_TIME, SHARE_OF_REMAINING * budget.remaining())
    solver = budget.solver(seed, 1, cap=cap)
    status = budget.solve(solver, pm.model)
    if status == cp_model.INFEASIBLE:
        return RelaxedBound(None, None, infeasible=True)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return RelaxedBound(None, None)
    chosen = frozenset(a for a, lit in pm.x.items() if solver.boolean_value(lit))
    # The objective is integral, so a fractional bound rounds up.
    return RelaxedBound(math.ceil(solver.best_objective_bound - 1e-9), chosen)


def schedule_choice(
    problem: PlanningProblem,
    chosen: frozenset[str],
    make: Callable[[PlanModel], LinearExpr],
    fixed: Fixed,
    *,
    time_bound: int,
    seed: int,
    budget: Budget,
) -> tuple[dict[str, int], int] | None:
    """The best schedule (by ``make``) of exactly the actions ``chosen`` in the full model,
    keeping the ``fixed`` levels: start weeks and the level's value, or ``None``."""
    pm = build_model(problem, time_bound=time_bound)
    _fix(pm, fixed)
    for a_id, lit in pm.x.items():
        pm.model.add(lit == (a_id in chosen))
    pm.model.minimize(make(pm))
    cap = min(SCHEDULE_DETERMINISTIC_TIME, SHARE_OF_REMAINING * budget.remaining())
    solver = budget.solver(seed, 1, cap=cap)
    status = budget.solve(solver, pm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    starts = {a: int(solver.value(pm.start[a])) for a in sorted(chosen)}
    return starts, round(solver.objective_value)
