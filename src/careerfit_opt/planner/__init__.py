"""Planning: the optimal, explained sequence of steps that qualifies a person for a target.

>>> from careerfit_opt.planner import plan  # doctest: +SKIP
>>> plan(profile, "15-1252.00", catalog).ready_week  # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypedDict

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.io.arguments import (
    check_count,
    check_flag,
    check_instance,
    check_must_meet,
    check_plan_arguments,
    check_profile_fits,
    check_text,
)
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.plans import PlanResult, PlanStatus, Reason
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import (
    Objective,
    Scenario,
    ScoringSettings,
    must_meet_problems,
)
from careerfit_opt.model.search import resolve_profile
from careerfit_opt.planner.budget import Budget, greedy_allowance
from careerfit_opt.planner.deadline import OutOfTimeError, run_deadline
from careerfit_opt.planner.explain import explain, explain_shortfall
from careerfit_opt.planner.problem import PlanningProblem, TargetDim, build_problem
from careerfit_opt.planner.reachable import within_limits, within_means
from careerfit_opt.planner.result import build_result, with_target_outcome
from careerfit_opt.planner.solve import (
    RawSolution,
    greedy_hint,
    pareto_solutions,
    solve_problem,
    week_value,
)

__all__ = [
    "PlanningProblem",
    "TargetDim",
    "build_problem",
    "pareto_front",
    "pareto_scenario",
    "plan",
    "plan_scenario",
]

#: Explanations' work relative to the solve's: the solve gets ``1 / (1 + EXPLAIN_SHARE)`` of
#: the time limit and explanations the rest, so the whole run keeps the one limit.
EXPLAIN_SHARE = 0.5
_NOT_REPEATABLE = (
    "The machine was too slow for the time limit: {what} was stopped by the wall clock rather "
    "than by its work limit, so a repeat run may give {result} (raise the time limit, or "
    "run on a less busy machine)."
)


def _load_solvers() -> None:
    """Import the choice MILP's solver (SciPy's HiGHS) before a run's clock starts. It loads on
    first use otherwise, inside the first run's wall-clock guard: ~0.3 s quiet, over a second on
    a loaded machine, which could stop a short run early and make its plan depend on the load
    (the time limit is about solving, not importing). Once per process."""
    import careerfit_opt.planner.choice  # noqa: F401


def _check_ids(profile: Profile, target: str, catalog: Catalog) -> None:
    problems = []
    if target not in catalog.occupation_by_id:
        try:
            catalog.occupation(target)
        except KeyError as exc:
            problems.append(Problem("target.occupation", str(exc.args[0])))
    prefs = profile.preferences
    for i, b in enumerate(prefs.booked_actions):
        if b.action_id not in catalog.action_by_id:
            problems.append(
                Problem(
                    f"profile.preferences.booked_actions[{i}]", f"unknown action {b.action_id!r}"
                )
            )
    for i, e in enumerate(prefs.excluded_actions):
        if e not in catalog.action_by_id:
            problems.append(
                Problem(f"profile.preferences.excluded_actions[{i}]", f"unknown action {e!r}")
            )
    seen: dict[str, int] = {}
    for i, b in enumerate(prefs.booked_actions):
        field = f"profile.preferences.booked_actions[{i}]"
        if b.action_id in prefs.excluded_actions:
            problems.append(
                Problem(field, f"action {b.action_id!r} is both booked and excluded; keep one")
            )
        if b.action_id in seen:
            problems.append(
                Problem(
                    field,
                    f"action {b.action_id!r} is booked twice (also at "
                    f"booked_actions[{seen[b.action_id]}]); keep one booking",
                )
            )
        seen.setdefault(b.action_id, i)
    if problems:
        raise InputError(problems)


def _check_must_meet(
    must_meet: tuple[str, ...], target: str, catalog: Catalog, settings: ScoringSettings
) -> None:
    """Each ``must_meet`` id is a requirement ``target`` weighs; an :class:`InputError` naming
    ``target.must_meet[i]`` otherwise (``model.scenario.must_meet_problems``)."""
    if must_meet:
        occ = catalog.occupation(target)
        problems = must_meet_problems(must_meet, occ, settings.importance_threshold)
        if problems:
            raise InputError(problems)


def _notes(problem: PlanningProblem, objective: Objective) -> list[str]:
    notes = []
    if objective is Objective.BALANCED:
        notes.append(
            f"balanced: one week sooner is worth {week_value(problem):,.0f}"
            f"{' ' + problem.currency if problem.currency else ''} in money "
            "(budget ÷ horizon, at least 50)"
        )
    return notes


_OUT_OF_TIME = (
    "The time limit ran out while the model of {n} candidate steps was still being built, "
    "before the solver could start: {what} Raise the time limit for an optimised plan."
)
_HEURISTIC_PLAN = "this is the quick heuristic plan (it keeps every rule), not an optimised one."
_NO_HEURISTIC_PLAN = "the quick heuristic found no plan in time either."


def _prepared(
    problem: PlanningProblem, objective: Objective, solve_time: float
) -> tuple[PlanningProblem, dict[str, int]]:
    """The problem the solver gets and the greedy plan (``{}``: none), in the order that puts
    a plan in hand soonest: the quick reduction (``reachable.within_means``), the greedy plan on
    it, then the reduction by earliest starts (``within_limits``), which on thousands of
    candidates takes as long as the greedy plan. Whatever the run's deadline stops, the plan
    in hand is the answer."""
    try:
        quick = within_means(problem)
    except OutOfTimeError:
        return problem, {}
    hint = greedy_hint(quick, objective, max_ops=greedy_allowance(solve_time)) or {}
    try:
        return within_limits(quick, pinned=hint), hint
    except OutOfTimeError:
        return quick, hint


def _within_limits(problem: PlanningProblem) -> PlanningProblem:
    """The candidates a plan within the limits can hold (``reachable.py``); all of them when
    the run's deadline passes first. The explanations keep the full problem: they relax the
    limits to say which one blocks a plan."""
    try:
        return within_limits(problem)
    except OutOfTimeError:
        return problem


def _levels_not_reached(raw: RawSolution) -> list[str]:
    """A note naming the objective levels the run did not reach (no value, no gap)."""
    missing = raw.objective_names[len(raw.objective_value) :]
    if not missing or raw.status not in (PlanStatus.FEASIBLE, PlanStatus.OPTIMAL):
        return []
    names = ", ".join(name.replace("_", " ") for name in missing)
    return [
        f"Not optimised within the time limit: {names} (the gap is that of the last level "
        "reached); raise the time limit to optimise them."
    ]


def _explained(run: Callable[[], list[Reason]], budget: Budget) -> list[Reason]:
    """Reasons from ``run``, or none when the run's deadline passed while building their
    models (``budget`` is then marked not repeatable)."""
    try:
        return run()
    except OutOfTimeError:
        budget.repeatable = False
        return []


def _finish(
    problem: PlanningProblem,
    raw: RawSolution,
    profile: Profile,
    catalog: Catalog,
    *,
    objective: str,
    settings: ScoringSettings,
    seed: int,
    workers: int,
    explain_time: float,
    scenario_name: str,
    notes: list[str],
    t0: float,
    solved: int,
) -> PlanResult:
    if raw.out_of_time:
        what = _HEURISTIC_PLAN if raw.starts else _NO_HEURISTIC_PLAN
        notes = [*notes, _OUT_OF_TIME.format(n=solved, what=what)]
    elif not raw.repeatable:
        notes = [*notes, _NOT_REPEATABLE.format(what="the solve", result="another plan")]
    notes = [*notes, *_levels_not_reached(raw)]
    budget = Budget.of_seconds(explain_time)
    reasons = []
    if raw.status is PlanStatus.INFEASIBLE:
        reasons = _explained(
            lambda: explain(problem, seed=seed, workers=workers, budget=budget), budget
        )
    result = build_result(
        problem,
        catalog,
        profile,
        status=raw.status,
        starts=raw.starts,
        objective=objective,
        settings=settings,
        objective_value=raw.objective_value,
        objective_bound=raw.objective_bound,
        gap=raw.gap,
        seed=seed,
        reasons=reasons,
        notes=notes,
        scenario_name=scenario_name,
    )
    if result.has_plan and result.weighted_shortfall > 0:
        gaps = {k: v for k, v in result.shortfall.items() if v > 0}
        reasons = _explained(
            lambda: explain_shortfall(problem, gaps, seed=seed, workers=workers, budget=budget),
            budget,
        )
        result = result.model_copy(update={"reasons": reasons})
    if not budget.repeatable:
        note = _NOT_REPEATABLE.format(what="an explanation", result="other reasons")
        result = result.model_copy(update={"notes": [*result.notes, note]})
    result = with_target_outcome(problem, catalog, result)
    return result.model_copy(update={"wall_time_s": round(time.perf_counter() - t0, 4)})


def plan(
    profile: Profile,
    target: str,
    catalog: Catalog,
    *,
    objective: Objective | str = Objective.LEXICOGRAPHIC,
    hard: bool = False,
    must_meet: Sequence[str] = (),
    settings: ScoringSettings | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    explain_reasons: bool = True,
    scenario_name: str = "",
    prefer_related: bool = True,
) -> PlanResult:
    """The optimal plan that qualifies ``profile`` for occupation ``target``.

    Parameters
    ----------
    objective
        ``lexicographic`` (weighted shortfall, ready week, cost, enjoyment), ``fastest``,
        ``cheapest`` or ``balanced``.
    hard
        Every weighted requirement must be met in full; otherwise a shortfall is allowed and
        minimised first.
    must_meet
        Requirement ids of ``target`` to meet in full even when ``hard`` is false (a licence
        the job legally requires, say); the others stay best effort. An id that is not a
        weighted requirement of ``target`` is an :class:`~careerfit_opt.errors.InputError`.
    time_limit
        Seconds for the solve (explanations may take up to half as long again), counted in
        CP-SAT work units at the reference machine's rate, so a run it stops still repeats
        exactly; the wall clock stops a run at twice the limit (``planner/budget.py``).
    seed, workers
        CP-SAT's random seed and worker count; one worker repeats the exact plan.
    prefer_related
        Among plans equally good on ``objective``, take the one with the fewest steps from
        outside the target's field (the last objective level; docs/planning.md, "Relevance").

    When no plan exists the result's ``reasons`` name the blocking limits and by how much.
    """
    t0 = time.perf_counter()
    profile, target, catalog, objective, settings, time_limit, seed, workers = check_plan_arguments(
        profile,
        target,
        catalog,
        objective=objective,
        hard=hard,
        settings=settings,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
    )
    check_flag("explain_reasons", explain_reasons)
    check_text("scenario_name", scenario_name)
    must = check_must_meet(must_meet)
    profile = resolve_profile(profile, catalog)
    check_profile_fits(profile, catalog, target)
    _check_ids(profile, target, catalog)
    _check_must_meet(must, target, catalog, settings)
    _load_solvers()
    with run_deadline(time_limit):
        return _plan_within(
            profile,
            target,
            catalog,
            objective=objective,
            hard=hard,
            must_meet=must,
            settings=settings,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            explain_reasons=explain_reasons,
            prefer_related=prefer_related,
            scenario_name=scenario_name,
            t0=t0,
        )


def _plan_within(
    profile: Profile,
    target: str,
    catalog: Catalog,
    *,
    objective: Objective,
    hard: bool,
    must_meet: tuple[str, ...],
    settings: ScoringSettings,
    time_limit: float,
    seed: int,
    workers: int,
    explain_reasons: bool,
    prefer_related: bool,
    scenario_name: str,
    t0: float,
) -> PlanResult:
    """:func:`plan` once its arguments are checked, inside the run's wall-clock deadline: the
    solve gets ``1 / (1 + EXPLAIN_SHARE)`` of the limit's work, explanations the rest."""
    problem = build_problem(
        profile, target, catalog, settings=settings, hard=hard, must_meet=must_meet
    )
    # The solve's work stays a third short of the limit even without explanations: the model
    # building and the hint need wall time too, and a run its work limit stops repeats exactly.
    solve_time = time_limit / (1 + EXPLAIN_SHARE)
    solved, hint = _prepared(problem, objective, solve_time)
    raw = solve_problem(
        solved,
        objective,
        time_limit=solve_time,
        seed=seed,
        workers=workers,
        hint=hint,
        prefer_related=prefer_related,
    )
    return _finish(
        problem,
        raw,
        profile,
        catalog,
        objective=objective.value,
        settings=settings,
        seed=seed,
        workers=workers,
        explain_time=time_limit - solve_time if explain_reasons else 0.0,
        scenario_name=scenario_name,
        notes=_notes(problem, objective),
        t0=t0,
        solved=len(solved.actions),
    )


def _scenario_target(scenario: Scenario) -> str:
    if scenario.target.occupation is None:
        raise InputError(
            [
                Problem(
                    "target",
                    f"plan needs one target occupation; this scenario asks for the top "
                    f"{scenario.target.recommend_top} recommendations (plan each with "
                    "`careerfit recommend`, or set target.occupation)",
                )
            ]
        )
    return scenario.target.occupation


class _ScenarioSettings(TypedDict):
    hard: bool
    must_meet: Sequence[str]
    settings: ScoringSettings
    time_limit: float
    seed: int
    workers: int
    scenario_name: str


def _scenario_settings(scenario: Scenario) -> _ScenarioSettings:
    """The keyword arguments :func:`plan` and :func:`pareto_front` take from a scenario."""
    return _ScenarioSettings(
        hard=scenario.target.hard,
        must_meet=tuple(scenario.target.must_meet),
        settings=scenario.scoring,
        time_limit=scenario.solver.time_limit_s,
        seed=scenario.solver.seed,
        workers=scenario.solver.workers,
        scenario_name=scenario.name,
    )


def plan_scenario(
    scenario: Scenario, catalog: Catalog, *, objective: Objective | str | None = None
) -> PlanResult:
    """Plan a scenario with a target occupation, using its settings (seed, time, workers)."""
    scenario = check_instance("scenario", scenario, Scenario)
    return plan(
        scenario.profile,
        _scenario_target(scenario),
        catalog,
        objective=scenario.objective if objective is None else objective,
        **_scenario_settings(scenario),
    )


def pareto_front(
    profile: Profile,
    target: str,
    catalog: Catalog,
    *,
    hard: bool = False,
    must_meet: Sequence[str] = (),
    settings: ScoringSettings | None = None,
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int = 1,
    max_points: int = 12,
    scenario_name: str = "",
) -> list[PlanResult]:
    """The time-versus-cost front: distinct optimal plans, fastest first, each cheaper than
    the one before (weighted shortfall held at its optimum).

    When no plan exists, a single infeasible result with reasons is returned.
    """
    t0 = time.perf_counter()
    profile, target, catalog, _, settings, time_limit, seed, workers = check_plan_arguments(
        profile,
        target,
        catalog,
        objective=Objective.LEXICOGRAPHIC,
        hard=hard,
        settings=settings,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
    )
    max_points = check_count("max_points", max_points, hi=1000)
    check_text("scenario_name", scenario_name)
    must = check_must_meet(must_meet)
    profile = resolve_profile(profile, catalog)
    check_profile_fits(profile, catalog, target)
    _check_ids(profile, target, catalog)
    _check_must_meet(must, target, catalog, settings)
    _load_solvers()
    with run_deadline(time_limit):
        return _pareto_within(
            profile,
            target,
            catalog,
            hard=hard,
            must_meet=must,
            settings=settings,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
            max_points=max_points,
            scenario_name=scenario_name,
            t0=t0,
        )


def _pareto_within(
    profile: Profile,
    target: str,
    catalog: Catalog,
    *,
    hard: bool,
    must_meet: tuple[str, ...],
    settings: ScoringSettings,
    time_limit: float,
    seed: int,
    workers: int,
    max_points: int,
    scenario_name: str,
    t0: float,
) -> list[PlanResult]:
    """:func:`pareto_front` inside the run's wall-clock deadline (explanations share it)."""
    problem = build_problem(
        profile, target, catalog, settings=settings, hard=hard, must_meet=must_meet
    )
    solved = _within_limits(problem)
    solve_time = time_limit / (1 + EXPLAIN_SHARE)
    raws = pareto_solutions(
        solved, time_limit=solve_time, seed=seed, workers=workers, max_points=max_points
    )
    out: list[PlanResult] = []
    for raw in raws:
        out.append(
            _finish(
                problem,
                raw,
                profile,
                catalog,
                objective="pareto",
                settings=settings,
                seed=seed,
                workers=workers,
                explain_time=time_limit - solve_time if not out else 0.0,
                scenario_name=scenario_name,
                notes=[],
                t0=t0,
                solved=len(solved.actions),
            )
        )
    return out


def pareto_scenario(scenario: Scenario, catalog: Catalog) -> list[PlanResult]:
    """:func:`pareto_front` for a scenario with a target occupation."""
    scenario = check_instance("scenario", scenario, Scenario)
    return pareto_front(
        scenario.profile, _scenario_target(scenario), catalog, **_scenario_settings(scenario)
    )
