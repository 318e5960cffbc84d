"""Determinism: the same input and seed give the identical plan (JSON equal except the wall time),
on synthetic instances and on the bundled scenarios; every plan also passes the verifier."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import careerfit_opt
from careerfit_opt.data.synthetic import generate_catalog, generate_profiles
from careerfit_opt.io.scenario import load_scenario
from careerfit_opt.model import Objective, PlanResult, PlanStatus, Scenario
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
def test_bundled_scenarios_repeat_exactly(path: Path) -> None:
    loaded = load_scenario(path)
    sc = loaded.scenario
    firsts = careerfit_opt.plan_targets(sc, loaded.catalog)
    if any(r.status is PlanStatus.FEASIBLE for r in firsts):
        # Stopped by a wall-clock limit: where it stops is not repeatable.
        pytest.skip(f"{path.name}: stopped at the time limit, not proven optimal")
    seconds = careerfit_opt.plan_targets(sc, loaded.catalog)
    for first, second in zip(firsts, seconds, strict=True):
        same_json(first, second)
    if sc.target.occupation is not None:
        assert careerfit_opt.verify_plan(firsts[0], loaded).ok  # the public form takes a file
