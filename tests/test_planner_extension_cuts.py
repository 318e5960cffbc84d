"""The extension cut of the shortfall's Benders loop (``ChoiceModel.add_extension_cut``): when
no plan takes exactly a choice of actions, every plan that takes it takes one of its lifters
too. Checked against CP-SAT on small random instances, and on the bundled profile it was made
for (its weighted shortfall is proven at the optimum a long search finds)."""

from __future__ import annotations

import random

import pytest
from ortools.sat.python import cp_model

from careerfit_opt.model import Profile
from careerfit_opt.planner import build_problem
from careerfit_opt.planner.choice import ChoiceModel
from careerfit_opt.planner.cpsat import build_model
from careerfit_opt.planner.problem import PlanningProblem
from conftest import QUICK
from planner_instances import random_instance, shortfall_loop

SEEDS = range(40 if QUICK else 120)


def _choices(problem: PlanningProblem, rng: random.Random, count: int) -> list[frozenset[str]]:
    """Random choices as the choice MILP makes them: every booked action, and closed under
    action prerequisites."""
    ids = [a.id for a in problem.actions]
    out = []
    for _ in range(count):
        todo = [a for a in ids if rng.random() < 0.6] + list(problem.booked)
        chosen: set[str] = set()
        while todo:
            a = todo.pop()
            if a in chosen:
                continue
            chosen.add(a)
            todo += [r for r in problem.action_by_id[a].requires_actions if r in ids]
        out.append(frozenset(chosen))
    return sorted(set(out), key=sorted)


def _plan_minus_one(problem: PlanningProblem) -> list[frozenset[str]]:
    """A plan's choice with one action left out (and what requires it): where the action was
    the lift of a threshold, no plan takes exactly what is left, and the action is a lifter."""
    pm = build_model(problem, symmetry=False)
    pm.model.minimize(pm.weighted_shortfall)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20.0
    if solver.solve(pm.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return []
    taken = {a for a, x in pm.x.items() if solver.boolean_value(x)}
    out = []
    for left_out in sorted(taken - set(problem.booked)):
        gone = {left_out}
        while True:
            more = {a for a in taken - gone if set(problem.action_by_id[a].requires_actions) & gone}
            if not more:
                break
            gone |= more
        if not gone & set(problem.booked):
            out.append(frozenset(taken - gone))
    return out


def _status(problem: PlanningProblem, on: frozenset[str], off: set[str]) -> cp_model.CpSolverStatus:
    """Whether a plan takes every action of ``on`` and none of ``off`` (others free)."""
    pm = build_model(problem, symmetry=False)
    for a in on:
        pm.model.add(pm.x[a] == 1)
    for a in off:
        pm.model.add(pm.x[a] == 0)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20.0
    return solver.solve(pm.model)


def test_a_choice_without_a_schedule_needs_a_lifter() -> None:
    """Whenever no plan takes exactly a choice, no plan takes it without one of its lifters
    (the cut's claim); the premise holds on enough random choices for the check to bite."""
    refuted = 0
    for seed in SEEDS:
        scenario, catalog = random_instance(seed)
        # Every third instance meets its first requirement in full (target.must_meet).
        first = sorted(catalog.occupation("target").requirements)[:1]
        problem = build_problem(
            scenario.profile,
            "target",
            catalog,
            hard=scenario.target.hard,
            must_meet=first if seed % 3 == 0 else [],
        )
        cm = ChoiceModel(problem, time_bound=problem.horizon, with_ready=False)
        for chosen in _choices(problem, random.Random(seed), 6) + _plan_minus_one(problem):
            others = {a.id for a in problem.actions} - chosen
            exact = _status(problem, chosen, others)
            assert exact in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE)
            if exact != cp_model.INFEASIBLE:
                continue
            refuted += 1
            lifters = cm.lifters(chosen)
            assert not lifters & chosen
            assert _status(problem, chosen, lifters) == cp_model.INFEASIBLE, (
                seed,
                sorted(chosen),
            )
    assert refuted >= 20, refuted


def test_lifters_are_the_gainers_of_needed_dimensions_and_paid_roles() -> None:
    """The lifters of a choice: gainers of a dimension one of its actions needs above the
    starting level, plus paid roles when income offsets cost, never the choice itself."""
    for seed in range(20):
        scenario, catalog = random_instance(seed)
        problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
        cm = ChoiceModel(problem, time_bound=problem.horizon, with_ready=False)
        for chosen in _choices(problem, random.Random(seed), 3):
            needed = {
                d
                for a in chosen
                for d, th in problem.action_by_id[a].requires_levels.items()
                if th > problem.base[d]
            } | set(problem.hard_targets)
            want = {
                a.id
                for a in problem.actions
                if any(a.gains.get(d, 0.0) > 0 for d in needed)
                or (problem.income_offsets_cost and a.cost < 0)
            }
            assert cm.lifters(chosen) == want - chosen


@pytest.mark.slow
def test_bundled_profile_3_shortfall_is_proven_at_the_optimum() -> None:
    """Bundled benchmark profile 3 (``generate_profiles(seed=11)``): the choice MILP's first
    bound (8.2825) has no plan; the loop's extension cuts raise it to 8.3825 (6,706 model units,
    what a 60-s search finds) and schedule a choice there within a 10-s run's budget."""
    from careerfit_opt.data.bundled import load_bundled_catalog
    from careerfit_opt.data.synthetic import generate_profiles
    from careerfit_opt.planner.deadline import wall_clock_widened

    catalog = load_bundled_catalog()
    profile = generate_profiles(catalog, 20, seed=11)[3]
    # As benchmarks/bench_planner.py switches it on: income offsets cost, one action excluded.
    free = sorted(
        a.id
        for a in catalog.actions
        if not a.requires_actions and not a.requires_levels and a.cost >= 0
    )
    data = profile.model_dump(mode="json")
    data["limits"]["income_offsets_cost"] = True
    data["preferences"]["excluded_actions"] = [free[(11 * 3 + 3) % len(free)]]
    profile = Profile.model_validate(data)
    target = profile.name.split("(near ")[1].rstrip(")")
    problem = build_problem(profile, target, catalog)
    with wall_clock_widened(30):
        ws, res = shortfall_loop(problem)
    assert res.bound == 6706
    assert res.plan is not None
    assert ws.evaluate(res.plan) == 6706
