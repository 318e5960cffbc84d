"""The speed-ups of the planner keep its answers: dual feasible functions are valid, the relaxed
model's bound never exceeds the full model's optimum, and the linear (Dinkelbach) enjoyment
level finds the best mean enjoyment that a brute force over the plans finds."""

from __future__ import annotations

import itertools
import random

import pytest
from ortools.sat.python import cp_model

from careerfit_opt.model import Objective, PlanResult, PlanStatus
from careerfit_opt.planner import build_problem, plan
from careerfit_opt.planner.bounds import relaxed_bound
from careerfit_opt.planner.budget import Budget
from careerfit_opt.planner.cpsat import build_model, dual_feasible_functions
from careerfit_opt.planner.solve import objective_levels, solve_levels
from conftest import QUICK
from planner_instances import (
    assert_choice_bounds_below,
    cp_sat_optimum,
    random_instance,
    shortfall_loop,
)


@pytest.mark.parametrize("seed", range(40))
def test_dual_feasible_functions_never_overfill_a_week(seed: int) -> None:
    rng = random.Random(seed)
    capacity = rng.choice([800, 1000, 1200, 1500, 2000])
    demands = sorted({rng.choice([100, 250, 300, 400, 500, 600, 800, 1000]) for _ in range(5)})
    families = dual_feasible_functions(capacity, demands)
    assert families[0] == (1, {h: h for h in demands})
    # Every multiset of demands that fits in one week (up to 8 actions at once).
    for n in range(1, 9):
        for combo in itertools.combinations_with_replacement(demands, n):
            if sum(combo) > capacity:
                continue
            for k, f in families:
                assert sum(f[h] for h in combo) <= k * capacity, (capacity, combo, k, f)


def test_dual_feasible_functions_count_wasted_hours() -> None:
    # 10 h a week and nothing under 3 h: an 8-h course leaves 2 idle hours, so it counts as 10.
    families = dual_feasible_functions(1000, [300, 400, 800])
    assert any(f[800] == k * 1000 for k, f in families)


@pytest.mark.parametrize("seed", range(12 if QUICK else 30))
def test_relaxed_bound_never_exceeds_the_optimum(seed: int) -> None:
    scenario, catalog = random_instance(seed)
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
    levels = objective_levels(problem, Objective.FASTEST)
    raw, _ = solve_levels(problem, levels[:2], time_limit=20.0, seed=0, workers=1)
    if raw.status is not PlanStatus.OPTIMAL:
        assert raw.status is PlanStatus.INFEASIBLE
        return
    ws = round(raw.objective_value[0] / levels[0].unit)
    ready = round(raw.objective_value[1])
    relaxed = relaxed_bound(
        problem,
        levels[1].make,
        [(levels[0].make, False, ws)],
        time_bound=problem.horizon,
        seed=0,
        budget=Budget.of_seconds(20.0),
    )
    assert relaxed.bound is not None
    assert relaxed.bound <= ready


def _levels(res: PlanResult) -> tuple[float, int, float]:
    """Weighted shortfall, ready week and cost (the levels before enjoyment)."""
    return (round(res.weighted_shortfall, 6), res.ready_week or 0, round(res.total_cost, 6))


@pytest.mark.parametrize("seed", range(4 if QUICK else 8))
def test_enjoyment_level_matches_brute_force(seed: int) -> None:
    scenario, catalog = random_instance(seed)
    profile = scenario.profile
    result = plan(profile, "target", catalog, objective="lexicographic",
                  hard=scenario.target.hard, explain_reasons=False)  # fmt: skip
    if result.status is not PlanStatus.OPTIMAL:
        return
    # Every set of actions the person likes better on average, planned on its own (the rest
    # excluded, the set booked), must be worse on an earlier level.
    problem = build_problem(profile, "target", catalog, hard=scenario.target.hard)
    ids = [a.id for a in problem.actions]
    best = result.enjoyment or 0.0
    chosen = {s.action_id for s in result.steps}
    must = {b.action_id for b in profile.preferences.booked_actions}
    for r in range(1, len(ids) + 1):
        for subset in itertools.combinations(ids, r):
            mean = sum(problem.enjoyment[a] for a in subset) / len(subset)
            if mean <= best + 1e-9 or set(subset) == chosen or not must <= set(subset):
                continue
            excluded = [a.id for a in catalog.actions if a.id not in subset]
            booked = [{"action_id": a} for a in subset]
            data = profile.model_dump(mode="json")
            data["preferences"]["excluded_actions"] = excluded
            data["preferences"]["booked_actions"] = [
                b for b in data["preferences"]["booked_actions"] if b["action_id"] in subset
            ] + [b for b in booked if b["action_id"] not in {
                x["action_id"] for x in data["preferences"]["booked_actions"]}]  # fmt: skip
            other = profile.model_validate(data)
            alt = plan(other, "target", catalog, objective="fastest",
                       hard=scenario.target.hard, explain_reasons=False)  # fmt: skip
            if alt.status is not PlanStatus.OPTIMAL or {x.action_id for x in alt.steps} != set(
                subset
            ):
                continue  # no plan of exactly this set
            # A plan of a better-liked set must be worse on an earlier level.
            assert _levels(alt) > _levels(result), (subset, mean, best)


@pytest.mark.parametrize("seed", range(10 if QUICK else 30))
def test_given_level_holds_and_the_next_is_optimal_under_it(seed: int) -> None:
    """``given`` (the benchmark's "fastest plan closing as much as greedy's") keeps the weighted
    shortfall at most the given value, and its ready week is what one plain CP-SAT solve of
    "minimise the ready week subject to that shortfall" proves optimal."""
    scenario, catalog = random_instance(seed)
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
    ws, ready, cost = objective_levels(problem, Objective.FASTEST)[:3]
    first, _ = solve_levels(problem, [ws], time_limit=20.0, seed=0, workers=1)
    if first.status is not PlanStatus.OPTIMAL:
        return
    # A looser shortfall than the optimum: half-way to leaving every gap open.
    best_ws = round(first.objective_value[0] / ws.unit)
    loose = (best_ws + ws.evaluate({})) // 2
    raw, _ = solve_levels(
        problem, [ready, cost], time_limit=20.0, seed=0, workers=1, given=[(ws, loose)]
    )
    assert raw.status is PlanStatus.OPTIMAL
    assert ws.evaluate(raw.starts) <= loose
    pm = build_model(problem)
    pm.model.add(pm.weighted_shortfall <= loose)
    pm.model.minimize(pm.ready)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(pm.model) == cp_model.OPTIMAL
    assert ready.evaluate(raw.starts) == round(solver.objective_value)


@pytest.mark.parametrize("seed", range(12 if QUICK else 30))
def test_choice_bounds_never_exceed_the_optimum(seed: int) -> None:
    """The choice MILP (``choice.py``) is a relaxation: its bounds on the weighted shortfall,
    the ready week and the cost never exceed what CP-SAT alone proves optimal, and a plan the
    Benders loop returns at its bound is optimal."""
    from careerfit_opt.planner.choice import ChoiceModel, level_by_choice

    scenario, catalog = random_instance(seed)
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
    optimum = cp_sat_optimum(problem, seed)
    cm = ChoiceModel(problem, time_bound=problem.horizon)
    budget = Budget.of_seconds(20.0)
    choice = cm.solve(budget)
    if optimum is None:
        return  # infeasible (or unproven): nothing to compare
    assert_choice_bounds_below(cm, budget, choice, optimum)
    ws, ready, cost = optimum
    levels = objective_levels(problem, Objective.FASTEST)
    caps: dict[str, int] = {}
    for level, value in zip(levels[:3], (ws, ready, cost), strict=True):
        res = level_by_choice(
            problem,
            [(lv.make, False, caps[lv.name]) for lv in levels if lv.name in caps],
            level=level.name,
            evaluate=level.evaluate,
            best=None,
            time_bound=problem.horizon,
            seed=0,
            budget=Budget.of_seconds(20.0),
            max_shortfall=caps.get("weighted_shortfall"),
            max_ready=caps.get("ready_week"),
        )
        assert res.bound is not None
        assert res.bound <= value
        if res.plan is not None and level.evaluate(res.plan) <= res.bound:
            assert level.evaluate(res.plan) == value
        caps[level.name] = value


def _with_twins(seed: int) -> tuple[object, object]:
    """A random instance plus copies of some of its actions (same duration, hours, windows and
    prerequisites; own gains), so classes of interchangeable actions exist."""
    from careerfit_opt.model import Catalog

    scenario, catalog = random_instance(seed, n_actions=(4, 6))
    rng = random.Random(1000 + seed)
    actions = list(catalog.actions)
    for a in rng.sample(actions, k=min(2, len(actions))):
        for j in range(rng.randint(1, 2)):
            dim = rng.choice(sorted(a.gains))
            twin = a.model_copy(
                update={"id": f"{a.id}_twin{j}", "gains": {dim: rng.choice([0.5, 1.0, 1.5])}}
            )
            actions.append(twin)
    data = catalog.model_dump()
    data["actions"] = [x.model_dump() for x in actions]
    return scenario, Catalog.model_validate(data)


@pytest.mark.parametrize("seed", range(10 if QUICK else 30))
def test_symmetry_breaking_changes_no_level(seed: int) -> None:
    """Ordering the starts of interchangeable actions (``cpsat.interchangeable``) keeps every
    optimum: weighted shortfall, then ready week, then cost, with and without it."""
    from careerfit_opt.planner.cpsat import canonical_starts, interchangeable
    from careerfit_opt.planner.problem import PlanningProblem

    scenario, catalog = _with_twins(seed)
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)  # type: ignore[attr-defined]
    assert isinstance(problem, PlanningProblem)
    optima = []
    for symmetry in (False, True):
        pm = build_model(problem, symmetry=symmetry)
        values = []
        for expr in (pm.weighted_shortfall, pm.ready, pm.cost):
            pm.model.minimize(expr)
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            solver.parameters.max_time_in_seconds = 20.0
            status = solver.solve(pm.model)
            if status == cp_model.INFEASIBLE:
                values.append(None)
                break
            assert status == cp_model.OPTIMAL
            values.append(round(solver.objective_value))
            pm.model.add(expr <= values[-1])
        optima.append(values)
        if symmetry and values[-1] is not None:
            # The plan found keeps the order; canonical_starts leaves it as it is.
            starts = {a: int(solver.value(pm.start[a])) for a, x in pm.x.items() if solver.value(x)}
            assert canonical_starts(problem, starts) == starts
    assert optima[0] == optima[1]
    classes, _ = interchangeable(problem)
    assert all(len(c) > 1 for c in classes)


@pytest.mark.parametrize("index", [3, 18])
def test_choice_loop_bound_stays_below_a_plan_on_the_bundled_catalogue(index: int) -> None:
    """Regression: a core found with the shortfall capped at the bound once became an
    unconditional cut, and the loop's "bound" rose above a plan CP-SAT finds (benchmark
    profiles 3 and 18 of ``generate_profiles(seed=11)``). The bound must stay at or below the
    value of any plan."""
    from careerfit_opt.data.bundled import load_bundled_catalog
    from careerfit_opt.data.synthetic import generate_profiles

    catalog = load_bundled_catalog()
    profile = generate_profiles(catalog, 20, seed=11)[index]
    target = profile.name.split("(near ")[1].rstrip(")")
    problem = build_problem(profile, target, catalog)
    pm = build_model(problem)
    pm.model.minimize(pm.weighted_shortfall)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 3.0
    assert solver.solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    found = round(solver.objective_value)
    ws, res = shortfall_loop(problem)
    assert res.bound is not None
    assert res.bound <= found
    if res.plan is not None:
        assert ws.evaluate(res.plan) >= res.bound


@pytest.mark.parametrize("seed", range(8 if QUICK else 20))
def test_cpsat_probe_changes_no_level_and_skips_the_choice_milp(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CP-SAT alone on a small slice of work (``solve._probe``) before a level's choice MILP:
    the levels are the same with and without it, and where it proves a level the MILP is never
    built (small instances: every level)."""
    from careerfit_opt.planner import choice, solve

    scenario, catalog = random_instance(seed)
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
    built: list[int] = []
    init = choice.ChoiceModel.__init__

    def counting(self: choice.ChoiceModel, *args: object, **kwargs: object) -> None:
        built.append(1)
        init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(choice.ChoiceModel, "__init__", counting)
    outcomes = []
    for probe in (0.0, solve.PROBE_WORK):
        monkeypatch.setattr(solve, "PROBE_WORK", probe)
        built.clear()
        raw = solve.solve_problem(problem, Objective.FASTEST, time_limit=20.0, hint=None)
        outcomes.append((raw.status, raw.objective_value, len(built)))
    (status_off, values_off, _), (status_on, values_on, built_on) = outcomes
    assert status_on == status_off
    if status_on is PlanStatus.OPTIMAL:
        assert values_on == values_off
        assert built_on == 0, "CP-SAT proves these small instances alone"


@pytest.mark.onet
def test_choice_milp_ready_bound_stays_below_a_plan_on_an_onet_persona(onet_dir: object) -> None:
    """Regression: HiGHS's MIP presolve cut off the optimum of the choice MILP of O*NET
    persona 14 (``tests/onet_personas.py``) on a time bound of 76 weeks: a "proven" ready week
    of 76 where a plan takes 58, so a 60-week plan was reported optimal. The MILP's bound on the
    ready week must stay at or below the ready week of a plan CP-SAT finds, on every time bound."""
    from pathlib import Path

    from careerfit_opt.io.scenario import scenario_from_data
    from careerfit_opt.planner.choice import ChoiceModel
    from onet_personas import MOVES, persona

    data = {"profile": {"name": "x"}, "catalog": {"onet": str(onet_dir), "actions": ["bundled"]}}
    catalog = scenario_from_data(data, Path.cwd()).catalog
    source, target = MOVES[14]
    problem = build_problem(persona(catalog, source, target).profile, target, catalog)
    ws, ready = objective_levels(problem, Objective.FASTEST)[:2]
    pm = build_model(problem)
    pm.model.minimize(pm.weighted_shortfall)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 5.0
    assert solver.solve(pm.model) == cp_model.OPTIMAL
    shortfall = round(solver.objective_value)
    pm.model.add(pm.weighted_shortfall <= shortfall)
    pm.model.minimize(pm.ready)
    assert solver.solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    plan_ready = round(solver.objective_value)
    starts = {a: int(solver.value(pm.start[a])) for a, x in pm.x.items() if solver.value(x)}
    assert ws.evaluate(starts) == shortfall
    assert ready.evaluate(starts) == plan_ready
    for time_bound in (problem.horizon, 76, 70, plan_ready):
        cm = ChoiceModel(problem, time_bound=time_bound)
        choice = cm.minimise("ready_week", Budget.of_seconds(30.0), shortfall=shortfall)
        assert choice.bound is not None
        assert choice.bound <= plan_ready, (time_bound, choice.bound, plan_ready)


@pytest.mark.parametrize("seed", range(6 if QUICK else 15))
def test_schedule_of_a_choice_with_a_proven_lower_bound_keeps_its_optimum(seed: int) -> None:
    """Scheduling a fixed choice (``choice._schedule``) with a proven lower bound on the ready
    week (the search stops on a schedule that meets it) gives the same earliest ready week as
    without it, for any bound at or below that week."""
    from careerfit_opt.planner.choice import _schedule

    scenario, catalog = random_instance(seed)
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
    raw, _ = solve_levels(
        problem, objective_levels(problem, Objective.FASTEST)[:2], time_limit=20.0, seed=0,
        workers=1,
    )  # fmt: skip
    if raw.status is not PlanStatus.OPTIMAL or not raw.starts:
        return
    chosen = frozenset(raw.starts)
    ready = round(raw.objective_value[1])
    weeks = []
    for lower in (0, max(0, ready - 3), ready):
        starts, _ = _schedule(
            problem, chosen, [], ready=True, time_bound=problem.horizon, seed=0,
            budget=Budget.of_seconds(20.0), lower=lower,
        )  # fmt: skip
        assert starts is not None
        weeks.append(max(s + problem.action_by_id[a].duration_weeks for a, s in starts.items()))
    assert weeks == [ready] * 3
