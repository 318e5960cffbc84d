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
from planner_instances import random_instance


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
