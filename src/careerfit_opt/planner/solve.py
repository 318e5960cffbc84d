"""Solving the CP-SAT model: lexicographic objectives, presets and the time–cost Pareto front.

Lexicographic objectives are solved level by level: each level is minimised with the earlier
levels fixed at their proven optimum, the previous solution passed as a hint. Every solve uses
a fixed seed and the number of workers from the settings, so one worker repeats the exact plan.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from careerfit_opt.model.plans import PlanStatus
from careerfit_opt.model.scenario import Objective
from careerfit_opt.planner.cpsat import (
    ENJOY_MEAN_SCALE,
    ENJOY_SCALE,
    LinearExpr,
    PlanModel,
    build_model,
)
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.scaling import SCALE, weight_scale

#: Smallest value of a week in the ``balanced`` objective, in money units.
MIN_WEEK_VALUE = 50.0


def week_value(problem: PlanningProblem) -> float:
    """Money a week of waiting is worth in ``balanced``: budget / horizon, at least 50.

    >>> from careerfit_opt.planner.problem import PlanningProblem
    >>> round(max(MIN_WEEK_VALUE, 10_400 / 104), 1)
    100.0
    """
    return max(MIN_WEEK_VALUE, problem.budget / max(1, problem.horizon))


@dataclass(frozen=True)
class Level:
    """One level of a lexicographic objective, made on a model when needed (models are rebuilt
    with smaller time domains once the ready week is bounded)."""

    name: str
    make: Callable[[PlanModel], LinearExpr]
    maximize: bool
    #: From model units to natural units (weeks, money, weighted shortfall, enjoyment).
    unit: float


@dataclass
class RawSolution:
    """The outcome of a solve: chosen actions with their start week, and the objective."""

    status: PlanStatus
    starts: dict[str, int] = field(default_factory=dict)
    objective_names: list[str] = field(default_factory=list)
    objective_value: list[float] = field(default_factory=list)
    objective_bound: list[float] = field(default_factory=list)
    gap: float | None = None
    wall_time_s: float = 0.0
    #: Seconds spent on each level's solve.
    level_times: list[float] = field(default_factory=list)


def objective_levels(problem: PlanningProblem, objective: Objective) -> list[Level]:
    """The levels of ``objective``, most important first."""
    factor = weight_scale([t.weight for t in problem.targets])
    ws = Level("weighted_shortfall", lambda pm: pm.weighted_shortfall, False, 1 / (SCALE * factor))
    ready = Level("ready_week", lambda pm: pm.ready, False, 1.0)
    cost = Level("cost", lambda pm: pm.cost, False, 1.0 / SCALE)
    if objective is Objective.FASTEST:
        return [ws, ready, cost]
    if objective is Objective.CHEAPEST:
        return [ws, cost, ready]
    if objective is Objective.BALANCED:
        per_week = round(week_value(problem) * SCALE)
        return [
            ws,
            Level("cost_plus_weeks", lambda pm: pm.cost + per_week * pm.ready, False, 1 / SCALE),
        ]
    enjoy = Level(
        "enjoyment",
        lambda pm: pm.add_enjoyment(),
        True,
        1.0 / (ENJOY_SCALE * ENJOY_MEAN_SCALE),
    )
    return [ws, ready, cost, enjoy]


def _solver(seed: int, workers: int, time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    return solver


def set_hint(pm: PlanModel, starts: dict[str, int]) -> None:
    """Hint the solver with a plan (chosen actions and their starts); clears earlier hints."""
    pm.model.clear_hints()  # type: ignore[no-untyped-call]
    for a_id, lit in pm.x.items():
        chosen = a_id in starts
        pm.model.add_hint(lit, chosen)
        if chosen:
            pm.model.add_hint(pm.start[a_id], starts[a_id])


def _read(pm: PlanModel, solver: cp_model.CpSolver) -> dict[str, int]:
    return {
        a: int(solver.value(pm.start[a])) for a, lit in pm.x.items() if solver.boolean_value(lit)
    }


def _ready_of(problem: PlanningProblem, starts: dict[str, int]) -> int:
    return max((s + problem.action_by_id[a].duration_weeks for a, s in starts.items()), default=0)


def solve_levels(
    problem: PlanningProblem,
    levels: list[Level],
    *,
    time_limit: float,
    seed: int,
    workers: int,
    hint: dict[str, int] | None = None,
) -> tuple[RawSolution, PlanModel]:
    """Minimise (or maximise) each level in turn, fixing each proven optimum before the next.

    When the ready week is bounded (by the plan in hand before minimising it, or by its fixed
    optimum afterwards) the model is rebuilt on that shorter time span: smaller domains, same
    plans. Stops early at the time limit: the result is then FEASIBLE with the best plan found
    (and the gap of the first unproven level), or UNKNOWN when no plan was found at all.
    Returns the solution and the last model (with every proven level fixed).
    """
    t0 = time.perf_counter()
    out = RawSolution(status=PlanStatus.UNKNOWN, objective_names=[lv.name for lv in levels])
    pm = build_model(problem)
    bound = pm.time_bound
    best: dict[str, int] | None = None
    fixed: list[tuple[Level, int]] = []
    proven = True
    if hint:
        set_hint(pm, hint)
    for level in levels:
        remaining = time_limit - (time.perf_counter() - t0)
        if remaining <= 0:
            proven = False
            break
        fixed_ready = [v for lv, v in fixed if lv.name == "ready_week"]
        if fixed_ready or (level.name == "ready_week" and best is not None):
            new_bound = fixed_ready[0] if fixed_ready else _ready_of(problem, best or {})
            if new_bound < bound:
                bound = new_bound
                pm = build_model(problem, time_bound=bound)
                for lv, v in fixed:
                    expr = lv.make(pm)
                    pm.model.add(expr >= v if lv.maximize else expr <= v)
                if best is not None:
                    set_hint(pm, best)
        expr = level.make(pm)
        if level.maximize:
            pm.model.maximize(expr)
        else:
            pm.model.minimize(expr)
        solver = _solver(seed, workers, remaining)
        status = solver.solve(pm.model)
        out.level_times.append(round(solver.wall_time, 3))
        if status == cp_model.INFEASIBLE and best is None:
            out.status = PlanStatus.INFEASIBLE
            break
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False
            break
        best = _read(pm, solver)
        value = round(solver.objective_value)
        obj_bound = solver.best_objective_bound
        out.objective_value.append(round(value * level.unit, 9))
        out.objective_bound.append(round(obj_bound * level.unit, 9))
        if status != cp_model.OPTIMAL:
            proven = False
            out.gap = abs(value - obj_bound) / max(1.0, abs(value))
            break
        pm.model.add(expr >= value if level.maximize else expr <= value)
        fixed.append((level, value))
        set_hint(pm, best)
    pm.model.clear_objective()  # type: ignore[no-untyped-call]
    if best is not None:
        out.starts = best
        out.status = PlanStatus.OPTIMAL if proven else PlanStatus.FEASIBLE
        if proven:
            out.gap = 0.0
    out.wall_time_s = time.perf_counter() - t0
    return out, pm


def greedy_hint(
    problem: PlanningProblem, objective: Objective = Objective.FASTEST
) -> dict[str, int] | None:
    """The greedy baseline's plan as a hint, when the greedy planner is available."""
    try:
        from careerfit_opt.planner import greedy
    except ImportError:
        return None
    fn = getattr(greedy, "greedy_starts", None)
    if fn is None:
        return None
    try:
        starts = fn(problem, objective)
    except Exception:  # a hint is optional: a failing heuristic must never stop planning
        return None
    return dict(starts) if starts else None


def solve_problem(
    problem: PlanningProblem,
    objective: Objective = Objective.LEXICOGRAPHIC,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    hint: dict[str, int] | None = None,
) -> RawSolution:
    """Build the model of ``problem`` and solve it for ``objective``."""
    if hint is None:
        hint = greedy_hint(problem, objective)
    raw, _ = solve_levels(
        problem,
        objective_levels(problem, objective),
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        hint=hint,
    )
    return raw


def pareto_solutions(
    problem: PlanningProblem,
    *,
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int = 1,
    max_points: int = 12,
) -> list[RawSolution]:
    """Distinct time–cost optimal plans (fastest first), by epsilon constraints on cost.

    Weighted shortfall is fixed at its optimum; then repeatedly the fastest plan is found among
    those cheaper than the previous point, and the cheapest plan at that ready week.
    """
    t0 = time.perf_counter()
    levels = objective_levels(problem, Objective.FASTEST)
    first, pm = solve_levels(
        problem,
        levels[:1],
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        hint=greedy_hint(problem),
    )
    if first.status is not PlanStatus.OPTIMAL:
        return [first]
    shortfall = first.objective_value[0]
    full_domain = list(pm.model.proto.variables[pm.ready.index].domain)
    points: list[RawSolution] = []
    hint = first.starts
    while len(points) < max_points:
        _set_upper(pm, full_domain[-1])
        if points:
            pm.model.add(pm.cost <= round(points[-1].objective_value[2] * SCALE) - 1)
        remaining = time_limit - (time.perf_counter() - t0)
        if remaining <= 0:
            break
        nxt = _pareto_point(pm, remaining, seed, workers, hint)
        if nxt.status is not PlanStatus.OPTIMAL:
            if not points:
                return [nxt]
            break
        nxt.objective_value[0] = shortfall
        nxt.objective_bound[0] = shortfall
        points.append(nxt)
        hint = nxt.starts
    _set_upper(pm, full_domain[-1])
    return points


def _set_upper(pm: PlanModel, upper: int) -> None:
    """Temporarily bound the ready week from above (the domain is one interval [0, T])."""
    domain = pm.model.proto.variables[pm.ready.index].domain
    domain[len(domain) - 1] = upper


def _pareto_point(
    pm: PlanModel, time_limit: float, seed: int, workers: int, hint: dict[str, int]
) -> RawSolution:
    """The fastest, then cheapest, plan within the current cost bound."""
    t0 = time.perf_counter()
    out = RawSolution(
        status=PlanStatus.UNKNOWN,
        objective_names=["weighted_shortfall", "ready_week", "cost"],
    )
    set_hint(pm, hint)
    pm.model.minimize(pm.ready)
    solver = _solver(seed, workers, time_limit)
    status = solver.solve(pm.model)
    if status != cp_model.OPTIMAL:
        out.status = PlanStatus.INFEASIBLE if status == cp_model.INFEASIBLE else PlanStatus.UNKNOWN
        return out
    ready = round(solver.objective_value)
    _set_upper(pm, ready)
    set_hint(pm, _read(pm, solver))
    pm.model.minimize(pm.cost)
    solver = _solver(seed, workers, time_limit - (time.perf_counter() - t0))
    status = solver.solve(pm.model)
    pm.model.clear_objective()  # type: ignore[no-untyped-call]
    if status != cp_model.OPTIMAL:
        out.status = PlanStatus.UNKNOWN
        return out
    ws = 0.0
    out.starts = _read(pm, solver)
    out.objective_value = [ws, float(ready), round(solver.objective_value) / SCALE]
    out.objective_bound = list(out.objective_value)
    out.status = PlanStatus.OPTIMAL
    out.gap = 0.0
    out.wall_time_s = time.perf_counter() - t0
    return out
