"""Determinism: the same input and seed give the identical plan (JSON equal except the wall time),
on synthetic instances and on the bundled scenarios; every plan also passes the verifier."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import careerfit_opt
from careerfit_opt.data.synthetic import generate_catalog, generate_profiles
from careerfit_opt.io.scenario import load_scenario
from careerfit_opt.model import Catalog, Objective, PlanResult, PlanStatus, Profile, Scenario
from careerfit_opt.planner import plan
from careerfit_opt.planner.verify import verify_plan
from conftest import QUICK, SCENARIOS
from planner_instances import random_instance


def same_json(a: PlanResult, b: PlanResult) -> None:
    assert a.model_dump_json(exclude={"wall_time_s"}) == b.model_dump_json(exclude={"wall_time_s"})


@pytest.mark.parametrize("objective", list(Objective))
@pytest.mark.parametrize("seed", range(4 if QUICK else 8))
def test_random_instances_repeat_exactly(seed: int, objective: Objective) -> None:
    scenario, catalog = random_instance(seed)

    def run() -> PlanResult:
        return plan(scenario.profile, "target", catalog, objective=objective,
                    hard=scenario.target.hard, seed=7, workers=1)  # fmt: skip

    first, second = run(), run()
    same_json(first, second)
    assert verify_plan(first, scenario, catalog).ok


def test_synthetic_catalogue_profiles_repeat_exactly() -> None:
    catalog = generate_catalog(n_dimensions=20, n_occupations=8, n_actions=60, seed=3)
    for profile in generate_profiles(catalog, 2, seed=4):
        match = re.search(r"\(near (\S+)\)", profile.name)
        assert match is not None
        target = match.group(1)
        first = plan(profile, target, catalog, objective="fastest", seed=0, time_limit=60)
        second = plan(profile, target, catalog, objective="fastest", seed=0, time_limit=60)
        assert first.status is PlanStatus.OPTIMAL  # a time limit would make a repeat a gamble
        same_json(first, second)
        sc = Scenario(profile=profile, target=target, catalog="synthetic.yaml")
        assert verify_plan(first, sc, catalog).ok


def _scenario_files() -> list[Path]:
    return sorted(p for p in SCENARIOS.iterdir() if p.suffix in (".yaml", ".yml", ".toml", ".json"))


@pytest.mark.slow
@pytest.mark.parametrize("path", _scenario_files(), ids=lambda p: p.stem)
@pytest.mark.usefixtures("work_budget_only")
def test_bundled_scenarios_repeat_exactly(path: Path) -> None:
    # Each solve stops at its work budget (proven or not), never at the wall clock, so the
    # repeat is promised on any machine (docs/planning.md, "Time limit = a work budget").
    loaded = load_scenario(path)
    sc = loaded.scenario
    firsts = careerfit_opt.plan_targets(sc, loaded.catalog)
    seconds = careerfit_opt.plan_targets(sc, loaded.catalog)
    for result in (*firsts, *seconds):
        assert not any("wall clock" in n for n in result.notes), result.notes
    for first, second in zip(firsts, seconds, strict=True):
        same_json(first, second)
    if sc.target.occupation is not None:
        assert careerfit_opt.verify_plan(firsts[0], loaded).ok  # the public form takes a file


def _hard_synthetic() -> tuple[Profile, str, Catalog]:
    """A person whose fastest plan takes CP-SAT about 10 s to prove (docs/performance.md)."""
    catalog = generate_catalog(n_dimensions=40, n_occupations=60, n_actions=150, seed=0)
    person = generate_profiles(catalog, 30, seed=1)[15]
    match = re.search(r"\(near (\S+)\)", person.name)
    assert match is not None
    return person, match.group(1), catalog


def _hard_plan_twice(time_limit: float) -> tuple[PlanResult, PlanResult, Scenario, Catalog]:
    """The hard person's ``fastest`` plan, run twice with ``time_limit``, each stopped by its
    work budget (the tests use ``work_budget_only``: a slow machine's wall-clock guard, at twice
    the limit, would stop a run where a repeat is not promised)."""
    person, target, catalog = _hard_synthetic()
    runs = [
        plan(
            person,
            target,
            catalog,
            objective="fastest",
            time_limit=time_limit,
            explain_reasons=False,
        )
        for _ in range(2)
    ]
    assert not any("wall clock" in note for r in runs for note in r.notes)
    scenario = Scenario(profile=person, target=target, catalog="x.yaml")
    return runs[0], runs[1], scenario, catalog


@pytest.mark.usefixtures("work_budget_only")
def test_a_run_stopped_by_its_time_limit_repeats_exactly() -> None:
    # The limit is counted in CP-SAT work units, not seconds, so where it stops the search does
    # not depend on the machine's load. (2.5 s: well short of the ~10 s the proof takes.)
    first, second, scenario, catalog = _hard_plan_twice(2.5)
    assert first.status is PlanStatus.FEASIBLE  # stopped, not proven
    assert first.gap is not None
    assert first.gap > 0
    # The level it stopped on is reported with the plan's value and the bound known.
    assert len(first.objective_value) == len(first.objective_bound) >= 2
    assert first.objective_value[1] == first.ready_week > first.objective_bound[1]
    same_json(first, second)
    assert verify_plan(first, scenario, catalog).ok


def test_the_wall_clock_guard_stops_a_run_and_says_it_may_not_repeat() -> None:
    from ortools.sat.python import cp_model

    from careerfit_opt.planner import build_problem
    from careerfit_opt.planner.budget import Budget
    from careerfit_opt.planner.cpsat import build_model

    person, target, catalog = _hard_synthetic()
    pm = build_model(build_problem(person, target, catalog))
    pm.model.add(pm.weighted_shortfall == 0)
    pm.model.minimize(pm.ready)
    budget = Budget.of_seconds(1000.0)
    budget.wall_deadline = time.perf_counter() + 0.3  # a machine far slower than the reference
    status = budget.solve(budget.solver(seed=0, workers=1), pm.model)
    assert status in (cp_model.FEASIBLE, cp_model.UNKNOWN)
    assert not budget.repeatable
    assert budget.used < budget.work
    time.sleep(max(0.0, budget.wall_deadline - time.perf_counter()) + 0.01)
    assert budget.exhausted()  # once the guard has passed, nothing is left for another solve


@pytest.mark.usefixtures("work_budget_only")
def test_a_limit_too_short_for_cp_sat_still_gives_the_greedy_plan_with_its_gap() -> None:
    first, second, scenario, catalog = _hard_plan_twice(0.05)
    assert first.status is PlanStatus.FEASIBLE
    assert first.steps
    assert first.gap is not None
    assert first.objective_value
    assert len(first.objective_value) == len(first.objective_bound)
    same_json(first, second)
    assert verify_plan(first, scenario, catalog).ok
