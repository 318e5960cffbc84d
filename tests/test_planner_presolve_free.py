"""The presolve-free searches (``solve.NO_PRESOLVE_EARLY``, ``NO_PRESOLVE_FINAL``,
docs/planning.md §5) change how CP-SAT searches, never what it proves: on small random
instances the planner's levels, with the early search forced to run on every ready week, equal
CP-SAT's own lexicographic optimum."""

from __future__ import annotations

from typing import Any

import pytest

from careerfit_opt.model import PlanStatus
from careerfit_opt.model.scenario import Objective
from careerfit_opt.planner import solve
from careerfit_opt.planner.problem import build_problem
from planner_instances import cp_sat_optimum, random_instance


@pytest.mark.parametrize("seed", range(40))
def test_presolve_free_ready_search_keeps_the_optimum(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario, cat = random_instance(seed)
    problem = build_problem(scenario.profile, "target", cat, hard=scenario.target.hard)
    optimum = cp_sat_optimum(problem)
    # No presolved probe: every ready week goes through the presolve-free search first.
    monkeypatch.setattr(solve, "PROBE_WORK", 0.0)
    presolve_free: list[str] = []
    probe = solve._probe

    def spy(pm: Any, level: Any, best: Any, **kwargs: Any) -> Any:
        if kwargs.get("presolve") is False:
            presolve_free.append(level.name)
        return probe(pm, level, best, **kwargs)

    monkeypatch.setattr(solve, "_probe", spy)
    raw = solve.solve_problem(
        problem, Objective.FASTEST, time_limit=20.0, seed=0, prefer_related=False
    )
    if optimum is None:  # no plan at all (or CP-SAT alone did not prove it in 20 s)
        assert raw.status is not PlanStatus.OPTIMAL or not raw.starts
        return
    assert raw.status is PlanStatus.OPTIMAL
    levels = solve.objective_levels(problem, Objective.FASTEST, prefer_related=False)
    assert tuple(lv.evaluate(raw.starts) for lv in levels[:3]) == optimum
    assert presolve_free == ["ready_week"]
