"""Solving the CP-SAT model: lexicographic objectives, presets and the time–cost Pareto front.

Lexicographic objectives are solved level by level: each level is minimised with the earlier
levels fixed at their proven optimum, the previous solution passed as a hint. Every solve uses
a fixed seed, the number of workers from the settings and a work limit drawn from the run's
:class:`~careerfit_opt.planner.budget.Budget`, so one worker repeats the exact plan, even when
the time limit stops it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from careerfit_opt.model.plans import PlanStatus
from careerfit_opt.model.scenario import Objective
from careerfit_opt.planner.bounds import relaxed_bound, schedule_choice
from careerfit_opt.planner.budget import Budget, greedy_allowance
from careerfit_opt.planner.cpsat import (
    ENJOY_MEAN_SCALE,
    ENJOY_SCALE,
    LinearExpr,
    PlanModel,
    build_model,
    canonical_starts,
)
from careerfit_opt.planner.deadline import OutOfTimeError
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.prune import drop_idle_steps
from careerfit_opt.planner.scaling import scale_down, scale_up, scaled_gap, weight_scale

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
    #: The level's value (model units) for a plan given as start weeks, computed in Python.
    evaluate: Callable[[Mapping[str, int]], int]
    #: Whether the relaxed model (no weekly-hours cumulative) gives a useful lower bound.
    relax: bool = True


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
    #: Seconds spent on each level (its bounds, quick plans and solves).
    level_times: list[float] = field(default_factory=list)
    #: False when the wall-clock guard, not the work limit, stopped a solve: a repeat run may
    #: then give another plan.
    repeatable: bool = True
    #: True when the run's wall-clock deadline passed while the model was still being built.
    out_of_time: bool = False


def out_of_time(
    problem: PlanningProblem, levels: list[Level], hint: Mapping[str, int] | None
) -> RawSolution:
    """The answer when the time limit ran out before CP-SAT could start: the greedy plan in
    hand (a valid plan) with its value and the trivial bound on the first level, or no plan.
    Every level after the first is reported as not reached (no value)."""
    out = RawSolution(
        status=PlanStatus.UNKNOWN,
        objective_names=[lv.name for lv in levels],
        repeatable=False,
        out_of_time=True,
    )
    if hint:
        out.starts = dict(hint)
        out.status = PlanStatus.FEASIBLE
        _report_unsolved(out, levels[0], None, hint)
    return out


def _evaluators(problem: PlanningProblem) -> dict[str, Callable[[Mapping[str, int]], int]]:
    """Model-unit values of weighted shortfall, ready week, cost and mean enjoyment of a plan,
    computed exactly as the model counts them (hundredths, gains capped at the gap)."""
    factor = weight_scale([t.weight for t in problem.targets])
    acts = problem.action_by_id
    lscale = problem.level_scale

    def ws(starts: Mapping[str, int]) -> int:
        total = 0
        for t in problem.targets:
            gap = max(0, scaled_gap(t.required, problem.base[t.dim_id], lscale))
            got = sum(
                min(scale_down(acts[a].gains.get(t.dim_id, 0.0), lscale), gap) for a in starts
            )
            total += round(t.weight * factor) * max(0, gap - got)
        return total

    def ready(starts: Mapping[str, int]) -> int:
        return max((s + acts[a].duration_weeks for a, s in starts.items()), default=0)

    def cost(starts: Mapping[str, int]) -> int:
        return sum(max(scale_up(acts[a].cost, problem.money_scale), 0) for a in starts)

    def enjoyment(starts: Mapping[str, int]) -> int:
        numer = sum(round(problem.enjoyment[a] * ENJOY_SCALE) * ENJOY_MEAN_SCALE for a in starts)
        return numer // max(1, len(starts))

    return {"ws": ws, "ready": ready, "cost": cost, "enjoyment": enjoyment}


def objective_levels(
    problem: PlanningProblem, objective: Objective, *, prefer_related: bool = True
) -> list[Level]:
    """The levels of ``objective``, most important first; the number of steps from outside the
    target's field (``relevance.py``) is the last level whenever some candidate is unrelated
    (unless ``prefer_related`` is false)."""
    levels = _user_levels(problem, objective)
    if problem.unrelated and prefer_related:
        unrelated = sorted(problem.unrelated)
        levels.append(
            Level(
                "unrelated_steps",
                lambda pm: sum(pm.x[a] for a in unrelated if a in pm.x),
                False,
                1.0,
                lambda st: sum(1 for a in st if a in problem.unrelated),
            )
        )
    return levels


def _user_levels(problem: PlanningProblem, objective: Objective) -> list[Level]:
    """The levels of the user's objective, most important first."""
    factor = weight_scale([t.weight for t in problem.targets])
    ev = _evaluators(problem)
    ws = Level(
        "weighted_shortfall",
        lambda pm: pm.weighted_shortfall,
        False,
        1 / (problem.level_scale * factor),
        ev["ws"],
    )
    ready = Level("ready_week", lambda pm: pm.ready, False, 1.0, ev["ready"])
    money = problem.money_scale
    cost = Level("cost", lambda pm: pm.cost, False, 1.0 / money, ev["cost"])
    if objective is Objective.FASTEST:
        return [ws, ready, cost]
    if objective is Objective.CHEAPEST:
        return [ws, cost, ready]
    if objective is Objective.BALANCED:
        per_week = round(week_value(problem) * money)
        return [
            ws,
            Level(
                "cost_plus_weeks",
                lambda pm: pm.cost + per_week * pm.ready,
                False,
                1 / money,
                lambda st: ev["cost"](st) + per_week * ev["ready"](st),
            ),
        ]
    enjoy = Level(
        "enjoyment",
        _enjoyment_sum,
        True,
        1.0 / (ENJOY_SCALE * ENJOY_MEAN_SCALE),
        ev["enjoyment"],
        relax=False,
    )
    return [ws, ready, cost, enjoy]


def _enjoyment_sum(pm: PlanModel) -> LinearExpr:
    """The numerator of the mean enjoyment. The level itself is the mean: it is maximised by
    :func:`_max_mean` and fixed by :func:`_fix_level`, both linear (no division constraint)."""
    scores = pm.enjoyment_scores()
    return sum(scores[a] * x for a, x in pm.x.items())


def _fix_level(pm: PlanModel, level: Level, value: int) -> None:
    """Keep ``level`` at its optimum ``value`` in ``pm``."""
    if level.name == "enjoyment":
        # ⌊100·Σ E_a x_a / n⌋ ≥ v  ⇔  Σ (100·E_a − v)·x_a ≥ 0 (n ≥ 1 chosen actions).
        scores = pm.enjoyment_scores()
        pm.model.add(sum((ENJOY_MEAN_SCALE * scores[a] - value) * x for a, x in pm.x.items()) >= 0)
        return
    expr = level.make(pm)
    pm.model.add(expr >= value if level.maximize else expr <= value)


def set_hint(pm: PlanModel, starts: Mapping[str, int]) -> None:
    """Hint the solver with a plan (chosen actions and their starts); clears earlier hints."""
    pm.model.clear_hints()  # type: ignore[no-untyped-call]
    starts = canonical_starts(pm.problem, dict(starts))
    for a_id, lit in pm.x.items():
        chosen = a_id in starts
        pm.model.add_hint(lit, chosen)
        if chosen:
            pm.model.add_hint(pm.start[a_id], starts[a_id])


def _read(pm: PlanModel, solver: cp_model.CpSolver) -> dict[str, int]:
    return {
        a: int(solver.value(pm.start[a])) for a, lit in pm.x.items() if solver.boolean_value(lit)
    }


def _ready_of(problem: PlanningProblem, starts: Mapping[str, int]) -> int:
    return max((s + problem.action_by_id[a].duration_weeks for a, s in starts.items()), default=0)


@dataclass
class _LevelOutcome:
    """What solving one level gave: CP-SAT's status, the best plan and the value and bound."""

    status: cp_model.CpSolverStatus
    best: dict[str, int] | None
    value: int = 0
    bound: float = 0.0


def _max_mean(
    pm: PlanModel,
    best: dict[str, int],
    *,
    budget: Budget,
    seed: int,
    workers: int,
) -> _LevelOutcome:
    """Maximise the mean enjoyment of the chosen actions (Dinkelbach's parametric method).

    With ``N/n`` the incumbent's mean, maximise ``Σ (n·E_a − N)·x_a``: a positive optimum is a
    plan with a higher mean (the next incumbent), an optimum of 0 proves the incumbent's mean
    is the largest. Each step is a linear objective (no division constraint) and the means
    rise superlinearly, so a few steps suffice.
    """
    scores = pm.enjoyment_scores()
    while True:
        numer = sum(scores[a] for a in best)
        count = len(best)
        coef = {a: (count * e - numer) if count else e for a, e in scores.items()}
        pm.model.maximize(sum(c * pm.x[a] for a, c in coef.items() if c))
        set_hint(pm, best)
        solver = budget.solver(seed, workers)
        if workers == 1:
            # As for the cost: with the ready week and cost fixed, LP-guided tree search proves
            # the step's optimum faster (measured 5.0 s instead of 7.8 s on the hardest profile).
            solver.parameters.optimize_with_lb_tree_search = True
        status = budget.solve(solver, pm.model)
        mean = ENJOY_MEAN_SCALE * numer // max(1, count)
        if status == cp_model.OPTIMAL and round(solver.objective_value) <= 0:
            return _LevelOutcome(cp_model.OPTIMAL, best, mean, mean)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _LevelOutcome(cp_model.FEASIBLE, best, mean, ENJOY_SCALE * ENJOY_MEAN_SCALE)
        found = _read(pm, solver)
        if round(solver.objective_value) <= 0:
            # Not proven, and nothing better found: the incumbent stands, unproven.
            return _LevelOutcome(cp_model.FEASIBLE, best, mean, ENJOY_SCALE * ENJOY_MEAN_SCALE)
        best = found


def _by_choice(problem: PlanningProblem, level: Level, fixed: list[tuple[Level, int]]) -> bool:
    """Whether ``level`` is bounded by the choice MILP (``choice.py``): the weighted shortfall,
    and the ready week, cost and steps from outside the field once the shortfall is fixed, on
    catalogues of at most ``choice.MAX_CANDIDATES`` candidates (never after the enjoyment)."""
    from careerfit_opt.planner.choice import MAX_CANDIDATES

    names = {lv.name for lv, _ in fixed}
    if len(problem.actions) > MAX_CANDIDATES or "enjoyment" in names:
        return False
    if level.name == "weighted_shortfall":
        return True
    return level.name in ("ready_week", "cost", "unrelated_steps") and (
        "weighted_shortfall" in names
    )


def _quick_plan(
    problem: PlanningProblem,
    level: Level,
    fixed: list[tuple[Level, int]],
    best: dict[str, int] | None,
    *,
    bound: int,
    seed: int,
    budget: Budget,
) -> tuple[int | None, dict[str, int] | None]:
    """The relaxed model's lower bound on ``level`` and, when better than ``best``, the plan
    its choice of actions gives once scheduled (see ``bounds.py``)."""
    kept = [(lv.make, lv.maximize, v) for lv, v in fixed if lv.name != "enjoyment"]
    caps = {lv.name: v for lv, v in fixed}
    if "enjoyment" in caps:
        return None, None  # no relaxation keeps the mean enjoyment: plans could break it
    if _by_choice(problem, level, fixed):
        from careerfit_opt.planner.choice import level_by_choice

        by_choice = level_by_choice(
            problem,
            kept,
            level=level.name,
            evaluate=level.evaluate,
            best=best,
            time_bound=bound,
            seed=seed,
            budget=budget,
            max_shortfall=caps.get("weighted_shortfall"),
            max_ready=caps.get("ready_week"),
            max_cost=caps.get("cost"),
        )
        if by_choice.bound is not None or level.name != "ready_week":
            plan = by_choice.plan
            if (
                plan is not None
                and best is not None
                and level.evaluate(plan) >= level.evaluate(best)
            ):
                plan = None
            return by_choice.bound, plan
    if level.name == "unrelated_steps" or (level.name == "cost" and "ready_week" in caps):
        # Without the choice MILP (thousands of candidates): the relaxed model's bound on these
        # was far below the optimum and its choice never fit (measured), so none is sought.
        return None, None
    relaxed = relaxed_bound(
        problem,
        level.make,
        kept,
        time_bound=bound,
        seed=seed,
        budget=budget,
    )
    if relaxed.chosen is None:
        return relaxed.bound, None
    if best is not None and level.evaluate(best) <= (relaxed.bound or 0):
        return relaxed.bound, None  # the plan in hand already meets the bound
    quick = schedule_choice(
        problem,
        relaxed.chosen,
        level.make,
        kept,
        time_bound=bound,
        seed=seed,
        budget=budget,
    )
    if quick is None:
        return relaxed.bound, None
    starts, value = quick
    if best is not None and value >= level.evaluate(best):
        return relaxed.bound, None
    return relaxed.bound, starts


def _worth_relaxing(
    level: Level, fixed: list[tuple[Level, int]], reference: Mapping[str, int] | None
) -> bool:
    """Whether a relaxation is worth solving before ``level`` (measured, not needed for
    correctness): not for a weighted shortfall the plan in hand already brings to 0."""
    if level.name == "weighted_shortfall":
        return reference is None or level.evaluate(reference) > 0
    if level.name == "unrelated_steps":
        # Only the choice MILP (with the shortfall fixed) bounds it well, and never after the
        # enjoyment level, which neither relaxation keeps.
        names = {lv.name for lv, _ in fixed}
        return "weighted_shortfall" in names and "enjoyment" not in names
    return True


def solve_levels(
    problem: PlanningProblem,
    levels: list[Level],
    *,
    time_limit: float,
    seed: int,
    workers: int,
    hint: dict[str, int] | None = None,
    given: Sequence[tuple[Level, int]] = (),
    budget: Budget | None = None,
) -> tuple[RawSolution, PlanModel]:
    """Minimise (or maximise) each level in turn, fixing each proven optimum before the next.

    ``given`` holds levels at a value from the start (at most it for a minimised level, at
    least for a maximised one), e.g. the weighted shortfall of another plan, to ask for the
    fastest plan that closes as much as it does. ``budget`` (default: ``time_limit`` seconds'
    worth) lets several calls share one run's budget. ``hint`` must be a valid plan (the greedy
    baseline's): it is the answer when the limit comes before CP-SAT finds one.

    Before a level is solved, the relaxed model gives a lower bound (added to the model as
    ``level ≥ bound``, so the solve stops as soon as it meets it) and a quick plan (its choice
    of actions, scheduled). When the ready week is bounded (by the plan in hand before
    minimising it, or by its fixed optimum afterwards) the model is rebuilt on that shorter
    time span: smaller domains, same plans. The mean enjoyment is maximised by
    :func:`_max_mean`. Stops early at the time limit: the result is then FEASIBLE with the best
    plan found (and the gap of the first unproven level), or UNKNOWN when no plan was found at
    all. Returns the solution and the last model (with every proven level fixed).
    """
    t0 = time.perf_counter()
    budget = budget or Budget.of_seconds(time_limit)
    out = RawSolution(status=PlanStatus.UNKNOWN, objective_names=[lv.name for lv in levels])
    # The first level (weighted shortfall) does not involve the ready week: plain energy cut.
    pm = build_model(problem, energy_cuts=len(levels) == 1)
    full_cuts = len(levels) == 1
    bound = pm.time_bound
    # Only plans the full model accepted count as ``best``; the hint is just a starting point.
    best: dict[str, int] | None = None
    fixed: list[tuple[Level, int]] = list(given)
    for lv, v in fixed:
        _fix_level(pm, lv, v)
    proven = True
    # Whether CP-SAT alone is tried first on a level (until a probe finds a plan but cannot
    # prove it: the later levels of such a problem need the choice MILP too, measured on the
    # O*NET personas).
    probing = PROBE_WORK > 0
    if hint:
        set_hint(pm, hint)
    # The level the run stopped on before solving it, and the bound it had then.
    stopped: tuple[Level, int | None] | None = None
    for level in levels:
        t_level = time.perf_counter()
        lower: int | None = None
        try:
            if budget.exhausted():
                proven = False
                stopped = (level, None)
                break
            reference = best or hint
            relax = level.relax and _worth_relaxing(level, fixed, reference)
            res: _LevelOutcome | None = None
            if relax and probing and _by_choice(problem, level, fixed):
                # CP-SAT alone first, on a small slice of work: it proves most levels of small
                # catalogues by itself, and the choice MILP's loop costs more than that
                # (measured: 3x slower on the synthetic set). Its plan and bound carry on.
                bound, pm = _rebuilt(problem, pm, level, fixed, best, hint, bound, full_cuts)
                full_cuts = True
                res, best, lower = _probe(pm, level, best, budget=budget, seed=seed)
                # A probe that found a plan but not its proof: CP-SAT's bound is the weak side
                # of this problem, so the later levels go to the MILP at once.
                probing = res is not None or lower is None
            if (
                res is None
                and level.name in NO_PRESOLVE_EARLY
                and best is not None
                and not _shapes_lift(problem)
            ):
                # The ready week's last weeks are a packing proof by search, which CP-SAT
                # makes far sooner without its presolve (docs/performance.md): a capped
                # search before the loops, its plan and bound carried on. Not where the
                # shape-lifted loop runs: it needs that work (O*NET persona 12 lost its
                # proof to it).
                bound, pm = _rebuilt(problem, pm, level, fixed, best, hint, bound, full_cuts)
                full_cuts = True
                res, best, early_lower = _probe(
                    pm,
                    level,
                    best,
                    budget=budget,
                    seed=seed,
                    presolve=False,
                    work=NO_PRESOLVE_EARLY_WORK,
                    share=NO_PRESOLVE_EARLY_SHARE,
                )
                lower = _max_bound(lower, early_lower)
            if res is None:
                early: int | None = None
                if level.name == "ready_week" and best is not None:
                    # The last weeks are a packing proof: shape-lifted cuts (``ready_cuts.py``).
                    from careerfit_opt.planner.ready_cuts import tighten_ready

                    early, best = tighten_ready(
                        problem, fixed, lower, best, seed=seed, budget=budget
                    )
                    lower = _max_bound(lower, early)
                if relax and (early is None or best is None or early < level.evaluate(best)):
                    lower_choice, quick = _quick_plan(
                        problem, level, fixed, best or hint, bound=bound, seed=seed, budget=budget
                    )
                    if quick is not None:
                        best = quick
                    lower = _max_bound(lower, lower_choice)
                bound, pm = _rebuilt(problem, pm, level, fixed, best, hint, bound, full_cuts)
                full_cuts = True
                res = _solve_rest(
                    pm, level, best, lower, budget=budget, seed=seed, workers=workers, hint=hint
                )
            if res is None:
                proven = False
                stopped = (level, None)
                break
            out.level_times.append(round(time.perf_counter() - t_level, 3))
            if res.status == cp_model.INFEASIBLE and best is None:
                out.status = PlanStatus.INFEASIBLE
                break
            if res.best is None or res.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                proven = False
                stopped = (level, lower)
                break
            best = res.best
            out.objective_value.append(round(res.value * level.unit, 9))
            out.objective_bound.append(round(res.bound * level.unit, 9))
            if res.status != cp_model.OPTIMAL:
                proven = False
                out.gap = abs(res.value - res.bound) / max(1.0, abs(res.value))
                break
            _fix_level(pm, level, res.value)
            fixed.append((level, res.value))
            set_hint(pm, best)
        except OutOfTimeError:
            # The run's deadline passed while a model was being (re)built: the plan in
            # hand stands, and the level is reported as stopped.
            budget.repeatable = False
            proven = False
            stopped = (level, lower)
            break
    pm.model.clear_objective()  # type: ignore[no-untyped-call]
    if best is None and hint and out.status is not PlanStatus.INFEASIBLE:
        # The limit came before CP-SAT found any plan: the heuristic plan in hand is still a
        # valid one (it keeps every rule), so it is the answer, with its gap.
        best = hint
        proven = False
        stopped = (levels[0], None) if stopped is None else stopped
    if best is not None:
        out.starts = best
        out.status = PlanStatus.OPTIMAL if proven else PlanStatus.FEASIBLE
        if proven:
            out.gap = 0.0
        elif stopped is not None:
            _report_unsolved(out, *stopped, best)
    out.wall_time_s = time.perf_counter() - t0
    out.repeatable = budget.repeatable
    return out, pm


#: Work units of the CP-SAT probe before a level's choice MILP (``_probe``; 0: no probe), and
#: the most of the work left it may take. The synthetic set's levels need 0.001–0.15 units
#: (measured); the weighted shortfall's probe gets less, since the MILP is cheap there.
PROBE_WORK = 0.2
SHORTFALL_PROBE_WORK = 0.05
PROBE_SHARE = 0.1
#: Levels whose probe runs without CP-SAT's presolve. Once the ready week is fixed (and the
#: model rebuilt on that span), presolve's probing of every literal is most of a short solve's
#: CPU and buys nothing: on the bundled profiles the cost probe proved 8 of 8 without it in
#: 0.05–0.40 CPU-s, against 5 of 8 with it in 0.15–0.81 (0.2 units each). The shortfall and
#: ready-week probes keep it (without it the ready week failed on 2 profiles it proves).
NO_PRESOLVE_PROBES = frozenset({"cost", "unrelated_steps"})
#: CP-SAT's presolve probing level for a level's last, uncapped single-worker search (``None``:
#: CP-SAT's default, 2). Level 0 there proves bundled benchmark profile 12 (its relevance level)
#: within the 10-s budget; on every solve it raised the median (docs/performance.md).
FINAL_PROBING_LEVEL: int | None = 0
#: Levels whose last, uncapped search runs without CP-SAT's presolve, and the level that gets
#: a capped presolve-free search (at most ``NO_PRESOLVE_EARLY_WORK`` units and
#: ``NO_PRESOLVE_EARLY_SHARE`` of the work left) right after its probe, before the shape-lifted
#: and choice loops. The ready week's last weeks are a packing proof by search: asked whether
#: bundled benchmark profile 1 has a plan ready in week 47 (its plan: 48, bound 46), CP-SAT
#: answers no in 0.88 work units without presolve and in 24 with it; the early search proves its
#: 48 weeks in 0.7 units, leaving the cost level the work it needs. The cost's last search
#: without presolve keeps bundled profile 12 proven (its plans change with the ready week's
#: proof). Measured in docs/performance.md ("Presolve-free ready-week searches").
NO_PRESOLVE_FINAL: frozenset[str] = frozenset({"ready_week", "cost"})
NO_PRESOLVE_EARLY: frozenset[str] = frozenset({"ready_week"})
NO_PRESOLVE_EARLY_WORK = 1.2
NO_PRESOLVE_EARLY_SHARE = 0.25


def _shapes_lift(problem: PlanningProblem) -> bool:
    """Whether the ready week's shape-lifted loop (``ready_cuts.py``) runs on ``problem``."""
    from careerfit_opt.planner.ready_cuts import lifts

    return lifts(problem)


def _rebuilt(
    problem: PlanningProblem,
    pm: PlanModel,
    level: Level,
    fixed: list[tuple[Level, int]],
    best: Mapping[str, int] | None,
    hint: Mapping[str, int] | None,
    bound: int,
    full_cuts: bool,
) -> tuple[int, PlanModel]:
    """The model to solve ``level`` on, with the full energy cuts: rebuilt on a shorter time
    span once the ready week is bounded (its fixed optimum, or the plan in hand's before
    minimising it), or when the first model had only the plain cut (``full_cuts`` false);
    hinted with the plan in hand (else ``hint``). Returns the time bound and the model."""
    fixed_ready = [v for lv, v in fixed if lv.name == "ready_week"]
    new_bound = bound
    if fixed_ready:
        new_bound = fixed_ready[0]
    elif level.name == "ready_week" and best is not None:
        new_bound = _ready_of(problem, best)
    if new_bound < bound or not full_cuts:
        bound = min(bound, new_bound)
        pm = build_model(problem, time_bound=bound)
        for lv, v in fixed:
            _fix_level(pm, lv, v)
    if best is not None:
        set_hint(pm, best)
    elif hint:
        set_hint(pm, hint)
    return bound, pm


def _max_bound(a: int | None, b: int | None) -> int | None:
    """The larger of two lower bounds (either may be unknown)."""
    return b if a is None else a if b is None else max(a, b)


def _probe(
    pm: PlanModel,
    level: Level,
    best: dict[str, int] | None,
    *,
    budget: Budget,
    seed: int,
    presolve: bool | None = None,
    work: float | None = None,
    share: float = PROBE_SHARE,
) -> tuple[_LevelOutcome | None, dict[str, int] | None, int | None]:
    """A short single-worker CP-SAT solve of ``level`` (at most :data:`PROBE_WORK` units):
    the level's outcome when it proved it (or proved that no plan exists), else ``None``;
    the plan in hand (the probe's when better) and the lower bound the probe proved (``None``
    when it found no plan)."""
    if level.maximize:
        return None, best, None
    if work is None:
        work = SHORTFALL_PROBE_WORK if level.name == "weighted_shortfall" else PROBE_WORK
    cap = min(work, share * budget.remaining())
    if presolve is None:
        presolve = level.name not in NO_PRESOLVE_PROBES
    res = _solve_level(
        pm, level, None, budget=budget, seed=seed, workers=1, cap=cap, presolve=presolve
    )
    if res.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
        return res, best, None
    if res.best is not None and (best is None or level.evaluate(res.best) < level.evaluate(best)):
        best = res.best
    lower = math.ceil(res.bound - 1e-6) if res.status == cp_model.FEASIBLE else None
    return None, best, lower


def _solve_rest(
    pm: PlanModel,
    level: Level,
    best: dict[str, int] | None,
    lower: int | None,
    *,
    budget: Budget,
    seed: int,
    workers: int,
    hint: Mapping[str, int] | None = None,
) -> _LevelOutcome | None:
    """Solve ``level`` on ``pm`` with the plan in hand and the lower bound known (``None``
    when the level cannot be solved: the mean enjoyment without a plan). A ``hint`` (the
    greedy plan, not yet accepted by the model) that meets the bound is checked first by a
    short solve without presolve."""
    if level.name == "enjoyment":
        if best is None:
            return None
        return _max_mean(pm, best, budget=budget, seed=seed, workers=workers)
    if (
        best is not None
        and lower is not None
        and not level.maximize
        and level.evaluate(best) <= lower
    ):
        # The plan in hand meets the proven lower bound: the level is solved.
        value = level.evaluate(best)
        return _LevelOutcome(cp_model.OPTIMAL, best, value, value)
    bounded = False
    if (
        best is None
        and hint
        and lower is not None
        and not level.maximize
        and level.evaluate(hint) <= lower
    ):
        # The greedy plan meets the bound (the choice MILP's, on most bundled shortfalls): the
        # search only has to accept it, which CP-SAT does without presolve in 0.05-0.13 CPU-s
        # instead of 0.24-0.44 with it (presolve is most of such a short solve).
        cap = min(PROBE_WORK, PROBE_SHARE * budget.remaining())
        quick = _solve_level(
            pm, level, lower, budget=budget, seed=seed, workers=1, cap=cap, presolve=False
        )
        if quick.status == cp_model.OPTIMAL:
            return quick
        bounded = True  # the bound is a constraint of the model already
    res = _solve_level(
        pm,
        level,
        lower,
        budget=budget,
        seed=seed,
        workers=workers,
        add_bound=not bounded,
        presolve=level.name not in NO_PRESOLVE_FINAL,
    )
    if (
        best is not None
        and res.best is not None
        and res.status == cp_model.FEASIBLE
        and not level.maximize
        and level.evaluate(best) < res.value
    ):
        # The search stopped on a worse plan than the one in hand: keep that.
        res = _LevelOutcome(res.status, best, level.evaluate(best), res.bound)
    return res


def _report_unsolved(
    out: RawSolution, level: Level, lower: int | None, best: Mapping[str, int]
) -> None:
    """The plan in hand's value on a level the run stopped on before solving it, with the best
    bound known (the relaxed model's, else the trivial one) and the gap between them."""
    value = level.evaluate(best)
    # Trivial bounds: a mean enjoyment is at most 1, and every minimised level is at least 0.
    trivial = ENJOY_SCALE * ENJOY_MEAN_SCALE if level.maximize else 0
    bound = trivial if lower is None or level.maximize else lower
    out.objective_value.append(round(value * level.unit, 9))
    out.objective_bound.append(round(bound * level.unit, 9))
    out.gap = abs(value - bound) / max(1.0, abs(value))


def _solve_level(
    pm: PlanModel,
    level: Level,
    lower: int | None,
    *,
    budget: Budget,
    seed: int,
    workers: int,
    cap: float | None = None,
    presolve: bool = True,
    add_bound: bool = True,
) -> _LevelOutcome:
    """One CP-SAT solve of a linear level, with the relaxed model's bound as a constraint
    (unless ``add_bound`` is false: the model has it already), at most ``cap`` work units,
    without CP-SAT's presolve unless ``presolve``."""
    expr = level.make(pm)
    if lower is not None and not level.maximize and add_bound:
        pm.model.add(expr >= lower)
    if level.maximize:
        pm.model.maximize(expr)
    else:
        pm.model.minimize(expr)
    solver = budget.solver(seed, workers, cap=cap)
    solver.parameters.cp_model_presolve = presolve
    if level.name == "cost" and workers == 1:
        # Money is proven much faster by CP-SAT's LP-guided tree search once the ready week is
        # fixed (measured: 3.7 s instead of 8.5 s on the hardest synthetic profile).
        solver.parameters.optimize_with_lb_tree_search = True
    if cap is None and workers == 1 and FINAL_PROBING_LEVEL is not None:
        # The level's last, uncapped search (after the probe and the choice MILP's loop):
        # presolve without probing leaves its work to the search (docs/performance.md).
        solver.parameters.cp_model_probing_level = FINAL_PROBING_LEVEL
    status = budget.solve(solver, pm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _LevelOutcome(status, None)
    bound = solver.best_objective_bound
    if lower is not None and not level.maximize:
        bound = max(bound, lower)
    return _LevelOutcome(status, _read(pm, solver), round(solver.objective_value), bound)


def greedy_hint(
    problem: PlanningProblem,
    objective: Objective = Objective.FASTEST,
    max_ops: int | None = None,
) -> dict[str, int] | None:
    """The greedy baseline's plan as a hint, when the greedy planner is available and finds
    one within ``max_ops`` operations (``budget.greedy_allowance``)."""
    try:
        from careerfit_opt.planner import greedy
    except ImportError:
        return None
    fn = getattr(greedy, "greedy_starts", None)
    if fn is None:
        return None
    try:
        starts = fn(problem, objective, max_ops=max_ops)
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
    prefer_related: bool = True,
) -> RawSolution:
    """Build the model of ``problem`` and solve it for ``objective``; steps that earn nothing
    are left out of the plan (``prune.py``). ``prefer_related`` adds the last level, fewest
    steps from outside the target's field."""
    if hint is None:
        hint = greedy_hint(problem, objective, max_ops=greedy_allowance(time_limit))
    levels = objective_levels(problem, objective, prefer_related=prefer_related)
    try:
        raw, _ = solve_levels(
            problem, levels, time_limit=time_limit, seed=seed, workers=workers, hint=hint
        )
    except OutOfTimeError:
        raw = out_of_time(problem, levels, hint)
    _drop_idle(problem, raw, levels)
    return raw


def _drop_idle(problem: PlanningProblem, raw: RawSolution, levels: list[Level]) -> None:
    """Leave idle steps out of ``raw``'s plan, and refresh the values it reports (equal on
    proven levels; possibly better on the level a time limit stopped)."""
    if not raw.starts:
        return
    kept = drop_idle_steps(problem, raw.starts, levels)
    if kept == raw.starts:
        return
    raw.starts = kept
    for i in range(min(len(raw.objective_value), len(levels))):
        raw.objective_value[i] = round(levels[i].evaluate(kept) * levels[i].unit, 9)
    if raw.status is PlanStatus.FEASIBLE and raw.objective_value and raw.gap:
        last = len(raw.objective_value) - 1
        value, bound = raw.objective_value[last], raw.objective_bound[last]
        raw.gap = abs(value - bound) / max(levels[last].unit, abs(value))


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
    budget = Budget.of_seconds(time_limit)
    levels = objective_levels(problem, Objective.FASTEST)
    hint = greedy_hint(problem, max_ops=greedy_allowance(time_limit))
    try:
        first, pm = solve_levels(
            problem,
            levels[:1],
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            hint=hint,
            budget=budget,
        )
    except OutOfTimeError:
        return [out_of_time(problem, levels[:1], hint)]
    if first.status is not PlanStatus.OPTIMAL:
        return [first]
    shortfall = first.objective_value[0]
    full_domain = list(pm.model.proto.variables[pm.ready.index].domain)
    points: list[RawSolution] = []
    hint = first.starts
    while len(points) < max_points:
        _set_upper(pm, full_domain[-1])
        if points:
            pm.model.add(pm.cost <= round(points[-1].objective_value[2] * problem.money_scale) - 1)
        if budget.exhausted():
            break
        nxt = _pareto_point(pm, budget, seed, workers, hint)
        if nxt.status not in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE):
            break
        nxt.objective_value[0] = shortfall
        nxt.objective_bound[0] = shortfall
        nxt.repeatable = budget.repeatable
        nxt.starts = drop_idle_steps(problem, nxt.starts, levels)
        points.append(nxt)
        hint = nxt.starts
        if nxt.status is PlanStatus.FEASIBLE:
            break  # not proven: no later point can be shown to trade time for money
    _set_upper(pm, full_domain[-1])
    if not points:
        # Time ran out before a first point had a plan: the shortfall level's plan is still a
        # plan, reported with its ready week and cost unproven.
        starts = drop_idle_steps(problem, first.starts, levels)
        return [_unproven_point(problem, first, starts, budget.repeatable)]
    return points


def _unproven_point(
    problem: PlanningProblem, first: RawSolution, starts: dict[str, int], repeatable: bool
) -> RawSolution:
    """``starts`` (the shortfall level's optimal plan) as a FEASIBLE front point: its ready
    week and cost, with the trivial bounds (0) on both, since neither was optimised."""
    ev = _evaluators(problem)
    return RawSolution(
        status=PlanStatus.FEASIBLE,
        starts=starts,
        objective_names=["weighted_shortfall", "ready_week", "cost"],
        objective_value=[
            first.objective_value[0],
            float(ev["ready"](starts)),
            ev["cost"](starts) / problem.money_scale,
        ],
        objective_bound=[first.objective_bound[0], 0.0, 0.0],
        gap=1.0,
        wall_time_s=first.wall_time_s,
        repeatable=repeatable,
    )


def _set_upper(pm: PlanModel, upper: int) -> None:
    """Temporarily bound the ready week from above (the domain is one interval [0, T])."""
    domain = pm.model.proto.variables[pm.ready.index].domain
    domain[len(domain) - 1] = upper


def _pareto_point(
    pm: PlanModel, budget: Budget, seed: int, workers: int, hint: dict[str, int]
) -> RawSolution:
    """The fastest, then cheapest, plan within the current cost bound. When the time runs out
    before either is proven, the best plan found, FEASIBLE, with the bounds reached."""
    t0 = time.perf_counter()
    out = RawSolution(
        status=PlanStatus.UNKNOWN,
        objective_names=["weighted_shortfall", "ready_week", "cost"],
    )
    set_hint(pm, hint)
    pm.model.minimize(pm.ready)
    solver = budget.solver(seed, workers)
    status = budget.solve(solver, pm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        pm.model.clear_objective()  # type: ignore[no-untyped-call]
        out.status = PlanStatus.INFEASIBLE if status == cp_model.INFEASIBLE else PlanStatus.UNKNOWN
        return out
    proven = status == cp_model.OPTIMAL
    ready = round(solver.objective_value)
    ready_bound = min(ready, math.ceil(solver.best_objective_bound - 1e-6))
    starts = _read(pm, solver)
    money = pm.problem.money_scale
    cost = _evaluators(pm.problem)["cost"](starts)
    cost_bound: float = 0.0
    if not budget.exhausted():
        _set_upper(pm, ready)
        set_hint(pm, starts)
        pm.model.minimize(pm.cost)
        solver = budget.solver(seed, workers)
        status = budget.solve(solver, pm.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            starts = _read(pm, solver)
            cost = round(solver.objective_value)
            cost_bound = cost if status == cp_model.OPTIMAL else solver.best_objective_bound
        proven = proven and status == cp_model.OPTIMAL
    else:
        proven = False
    pm.model.clear_objective()  # type: ignore[no-untyped-call]
    out.starts = starts
    out.objective_value = [0.0, float(ready), cost / money]
    out.objective_bound = [0.0, float(ready_bound), min(cost, math.ceil(cost_bound - 1e-6)) / money]
    out.status = PlanStatus.OPTIMAL if proven else PlanStatus.FEASIBLE
    # The gap of the first level not proven, as for the other objectives (_report_unsolved).
    pairs = zip(out.objective_value, out.objective_bound, strict=True)
    value, bound = next(((v, b) for v, b in pairs if v != b), (0.0, 0.0))
    out.gap = abs(value - bound) / max(1.0, abs(value))
    out.wall_time_s = time.perf_counter() - t0
    return out
