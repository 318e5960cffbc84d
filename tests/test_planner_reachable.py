"""Candidates out of reach of the limits (``planner/reachable.py``, issue 15 item 3): leaving out
what no plan within the budget, the weekly hours and the horizon can hold — and what only such
actions needed — changes no objective level, and the explanations still see every action."""

from __future__ import annotations

import pytest

from careerfit_opt.model import (
    Action,
    Catalog,
    Dimension,
    Objective,
    Occupation,
    Profile,
    Requirement,
)
from careerfit_opt.planner import plan
from careerfit_opt.planner.problem import build_problem
from careerfit_opt.planner.reachable import within_limits, within_means
from careerfit_opt.planner.solve import solve_problem
from conftest import QUICK
from planner_instances import random_instance

OBJECTIVES = (Objective.FASTEST, Objective.CHEAPEST, Objective.LEXICOGRAPHIC)
SEEDS = range(8 if QUICK else 24)


def _values(problem_seed: int, objective: Objective, reduce: bool) -> tuple[str, dict[str, float]]:
    scenario, catalog = random_instance(problem_seed, n_actions=(8, 12))
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
    if reduce:  # as plan() reduces it: the quick part first (the greedy plan is made on it)
        problem = within_limits(within_means(problem))
    raw = solve_problem(problem, objective, time_limit=20.0, seed=0, workers=1)
    values = dict(zip(raw.objective_names, raw.objective_value, strict=False))
    values.setdefault("unrelated_steps", 0.0)  # no level when no candidate is unrelated
    return raw.status.value, values


def test_random_instances_lose_candidates() -> None:
    # The comparison below is only worth something if the limits do leave candidates out.
    dropped = 0
    for seed in SEEDS:
        scenario, catalog = random_instance(seed, n_actions=(8, 12))
        problem = build_problem(scenario.profile, "target", catalog)
        quick = within_means(problem)
        reduced = within_limits(quick)
        assert set(reduced.action_by_id) <= set(quick.action_by_id) <= set(problem.action_by_id)
        assert set(problem.booked) <= set(reduced.action_by_id)
        dropped += len(problem.actions) - len(reduced.actions)
    assert dropped >= len(SEEDS)


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("seed", SEEDS)
def test_leaving_out_unreachable_candidates_changes_no_level(
    seed: int, objective: Objective
) -> None:
    status, reduced = _values(seed, objective, reduce=True)
    status_all, everything = _values(seed, objective, reduce=False)
    assert status == status_all
    if status != "optimal":
        return
    if objective is Objective.LEXICOGRAPHIC:
        # The mean enjoyment is defined over candidate steps (docs/planning.md §1).
        for name in ("weighted_shortfall", "ready_week", "cost"):
            assert reduced[name] == pytest.approx(everything[name], abs=1e-9), name
        return
    assert reduced == pytest.approx(everything, abs=1e-9)


def _catalog() -> Catalog:
    dims = [Dimension(id="py", name="Python", kind="skill")]
    occ = Occupation(id="dev", title="Dev", requirements={"py": Requirement(level=4, importance=5)})
    actions = [
        Action(id="cheap", kind="course", title="Cheap", duration_weeks=4, hours_per_week=5,
               cost=100, gains={"py": 1}),
        Action(id="dear", kind="course", title="Dear", duration_weeks=4, hours_per_week=5,
               cost=5000, gains={"py": 3}),
        # Only "late" needs it, and "late" cannot end within the horizon.
        Action(id="prep", kind="course", title="Prep", duration_weeks=2, hours_per_week=5,
               cost=0),
        Action(id="late", kind="course", title="Late", duration_weeks=30, hours_per_week=5,
               cost=0, gains={"py": 3}, requires_actions=["prep"]),
        Action(id="busy", kind="course", title="Busy", duration_weeks=2, hours_per_week=40,
               cost=0, gains={"py": 3}),
    ]  # fmt: skip
    return Catalog(name="c", dimensions=dims, occupations=[occ], actions=actions)


def test_out_of_reach_actions_and_what_only_they_need_are_left_out() -> None:
    cat = _catalog()
    prof = Profile(levels={"py": 1}, limits={"budget": 500, "hours_per_week": 10,
                                             "horizon_weeks": 20})  # fmt: skip
    problem = build_problem(prof, "dev", cat)
    assert {"dear", "late", "busy"} <= set(problem.action_by_id)
    reduced = within_limits(problem)
    assert [a.id for a in reduced.actions] == ["cheap"]
    assert {"dear", "late", "busy", "prep"} <= set(reduced.pruned)


def test_explanations_still_see_the_actions_out_of_reach() -> None:
    # The budget is what keeps the target out of reach: the reason names it and by how much,
    # which needs the action the reduced problem left out.
    cat = _catalog()
    prof = Profile(levels={"py": 1}, limits={"budget": 500, "hours_per_week": 10,
                                             "horizon_weeks": 20})  # fmt: skip
    result = plan(prof, "dev", cat, hard=True, time_limit=5.0)
    assert result.status.value == "infeasible"
    assert any(r.limit == "budget" for r in result.reasons), result.reasons
