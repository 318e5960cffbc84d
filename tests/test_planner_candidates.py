"""Candidate pruning is exact (issue 11, item 6): planning over every action of the catalogue
gives the same value on every objective level as planning over the pruned candidates, the
relevance level (fewest steps from outside the target's field) included. For the mean
enjoyment a plan is made of candidate steps by definition (docs/planning.md §1)."""

from __future__ import annotations

import pytest

from careerfit_opt.model import Objective
from careerfit_opt.planner.problem import build_problem
from careerfit_opt.planner.solve import solve_problem
from conftest import QUICK
from planner_instances import random_instance

OBJECTIVES = (Objective.FASTEST, Objective.CHEAPEST, Objective.BALANCED, Objective.LEXICOGRAPHIC)


def _values(seed: int, objective: Objective, prune: bool) -> tuple[str, dict[str, float]]:
    scenario, catalog = random_instance(seed)
    problem = build_problem(
        scenario.profile, "target", catalog, hard=scenario.target.hard, prune=prune
    )
    raw = solve_problem(problem, objective, time_limit=20.0, seed=0, workers=1)
    values = dict(zip(raw.objective_names, raw.objective_value, strict=False))
    values.setdefault("unrelated_steps", 0.0)  # no level when no candidate is unrelated
    return raw.status.value, values


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("seed", range(6 if QUICK else 16))
def test_pruning_changes_no_objective_level(seed: int, objective: Objective) -> None:
    status, pruned = _values(seed, objective, prune=True)
    status_all, everything = _values(seed, objective, prune=False)
    assert status == status_all
    if status != "optimal":
        return
    if objective is Objective.LEXICOGRAPHIC:
        # The mean enjoyment is defined over candidate steps; the levels before it must agree.
        for name in ("weighted_shortfall", "ready_week", "cost"):
            assert pruned[name] == pytest.approx(everything[name], abs=1e-9), name
        return
    assert pruned == pytest.approx(everything, abs=1e-9)


def test_unpruned_problems_hold_more_candidates() -> None:
    scenario, catalog = random_instance(3, n_actions=(8, 8))
    small = build_problem(scenario.profile, "target", catalog)
    full = build_problem(scenario.profile, "target", catalog, prune=False)
    assert set(small.action_by_id) <= set(full.action_by_id)
    excluded = set(scenario.profile.preferences.excluded_actions)
    assert set(full.action_by_id) | excluded | set(full.pruned) == set(catalog.action_by_id)
