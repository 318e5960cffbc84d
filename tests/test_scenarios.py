"""The scenario files in scenarios/: every one loads and validates (API and CLI), together they use
all three formats and the main features, the reachable ones have a witness plan that keeps every
planning rule and closes the target gap, and the deliberately tight one cannot be met."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from careerfit_opt.cli import main
from careerfit_opt.io import load_scenario, read_structured
from careerfit_opt.io.scenario import LoadedScenario
from careerfit_opt.model import Catalog, DimensionKind, Objective, requirement_weight
from conftest import FIXTURES, SCENARIOS

FILES = sorted(p for p in SCENARIOS.iterdir() if p.suffix in (".yaml", ".yml", ".toml", ".json"))
WITNESSES: dict[str, list[list[Any]]] = {
    k: v
    for k, v in json.loads(
        (FIXTURES / "scenarios" / "witness_plans.json").read_text(encoding="utf-8")
    ).items()
    if not k.startswith("_")
}
#: The file whose limits are too tight on purpose (see its header comment).
TIGHT = "too_tight_limits.yaml"
LEVEL_TOLERANCE = 0.01


@cache
def loaded(name: str) -> LoadedScenario:
    """A scenario file, loaded once per test session."""
    return load_scenario(SCENARIOS / name)


def raw(path: Path) -> dict[str, Any]:
    data = read_structured(path)
    assert isinstance(data, dict)
    return data


def test_enough_files_in_all_three_formats() -> None:
    assert len(FILES) >= 6
    assert {p.suffix for p in FILES} >= {".yaml", ".toml", ".json"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_loads_on_the_bundled_catalogue(path: Path) -> None:
    sc = loaded(path.name)
    assert sc.catalog.name == "default"
    assert sc.catalog.illustrative
    assert sc.scenario.name
    assert sc.scenario.profile.name
    if sc.scenario.target.occupation is not None:
        assert sc.scenario.target.occupation in sc.catalog.occupation_by_id


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_cli_validate_says_ok(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(path)]) == 0
    assert ": ok" in capsys.readouterr().out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_says_who_and_what_it_shows(path: Path) -> None:
    if path.suffix == ".json":
        # JSON holds no comments: the description carries them.
        assert len(raw(path)["description"]) >= 200
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = [line for line in lines[:20] if line.startswith("#")]
        assert lines[0].startswith("#")
        assert len(header) >= 4
        assert any("shows" in line for line in header)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_solver_settings_are_explicit(path: Path) -> None:
    solver = raw(path)["solver"]
    assert {"time_limit_s", "seed"} <= set(solver)


def test_files_exercise_the_main_features() -> None:
    scenarios = [loaded(p.name).scenario for p in FILES]
    prefs = [s.profile.preferences for s in scenarios]
    assert any(p.booked_actions for p in prefs)
    assert any(p.excluded_actions for p in prefs)
    assert any(p.excluded_occupations for p in prefs)
    assert any(s.profile.limits.income_offsets_cost for s in scenarios)
    assert {s.objective for s in scenarios} >= {
        Objective.FASTEST,
        Objective.CHEAPEST,
        Objective.BALANCED,
    }
    assert any(s.target.recommend_top for s in scenarios)
    assert any(s.target.hard for s in scenarios)


def test_returning_parent_leaves_levels_unknown() -> None:
    sc = loaded("returning_parent.json")
    known = sc.scenario.profile.known_levels()
    skills = [d.id for d in sc.catalog.dimensions if d.kind is DimensionKind.SKILL]
    unknown = [d for d in skills if d not in known]
    assert len(unknown) >= 5
    assert "mathematics" in unknown
    assert "mathematics" in sc.scenario.profile.levels
    assert sc.scenario.profile.limits.hours_per_week <= 10


def test_people_start_from_their_current_job() -> None:
    # Levels are a real person's, near their current occupation's (within 1.5 levels).
    pairs = {
        "accountant_to_designer.yaml": "accountant",
        "nurse_to_data_analyst.toml": "registered_nurse",
        "warehouse_to_electrician.yaml": "warehouse_worker",
        "teacher_to_ux_researcher.yaml": "teacher_secondary",
    }
    for name, job in pairs.items():
        sc = loaded(name)
        known = sc.scenario.profile.known_levels()
        for dim_id, req in sc.catalog.occupation(job).requirements.items():
            if sc.catalog.dimension_by_id[dim_id].kind is DimensionKind.SKILL:
                assert abs(known[dim_id] - req.level) <= 1.5, (name, dim_id)


def check_plan(sc: LoadedScenario, plan: list[list[Any]]) -> list[str]:
    """Every planning rule of the semantics a plan breaks (empty when it keeps them all)."""
    scenario, catalog = sc.scenario, sc.catalog
    prof, lim = scenario.profile, scenario.profile.limits
    acts = {str(aid): catalog.action(str(aid)) for aid, _ in plan}
    start = {str(aid): int(week) for aid, week in plan}
    end = {aid: start[aid] + a.duration_weeks for aid, a in acts.items()}
    base = prof.known_levels()
    out: list[str] = []

    def level(dim_id: str, before: int | None = None) -> float:
        dim = catalog.dimension_by_id[dim_id]
        gained = sum(
            a.gains.get(dim_id, 0.0)
            for aid, a in acts.items()
            if before is None or end[aid] <= before
        )
        return min(dim.hi, base.get(dim_id, dim.lo) + gained)

    if len(start) != len(plan):
        out.append("an action appears twice")
    for aid in prof.preferences.excluded_actions:
        if aid in acts:
            out.append(f"{aid}: excluded")
    for booked in prof.preferences.booked_actions:
        if booked.action_id not in acts:
            out.append(f"{booked.action_id}: booked but missing")
        elif booked.start_week is not None and start[booked.action_id] != booked.start_week:
            out.append(f"{booked.action_id}: booked for week {booked.start_week}")
    groups: dict[str, int] = defaultdict(int)
    for aid, a in acts.items():
        if start[aid] < 0 or end[aid] > lim.horizon_weeks:
            out.append(f"{aid}: outside the horizon")
        if a.start_weeks is not None and start[aid] not in a.start_weeks:
            out.append(f"{aid}: week {start[aid]} is not a cohort start")
        if a.exclusive_group:
            groups[a.exclusive_group] += 1
        for before in a.requires_actions:
            if before not in acts or end[before] > start[aid]:
                out.append(f"{aid}: needs {before} finished first")
        for dim_id, theta in a.requires_levels.items():
            if level(dim_id, before=start[aid]) < theta - LEVEL_TOLERANCE:
                out.append(f"{aid}: {dim_id} below {theta:g} at its start")
    out += [f"group {g}: {n} alternatives chosen" for g, n in groups.items() if n > 1]
    for week in range(lim.horizon_weeks):
        load = sum(a.hours_per_week for aid, a in acts.items() if start[aid] <= week < end[aid])
        if load > lim.hours_per_week * (1 + 1e-6):
            out.append(f"week {week}: {load:g} h > {lim.hours_per_week:g} h")
    cost = sum(max(a.cost, 0.0) for a in acts.values())
    income = sum(max(-a.cost, 0.0) for a in acts.values())
    spent = cost - income if lim.income_offsets_cost else cost
    if spent > lim.budget * (1 + 1e-6):
        out.append(f"spends {spent:g} > budget {lim.budget:g}")
    assert scenario.target.occupation is not None
    threshold = scenario.scoring.importance_threshold
    for dim_id, req in catalog.occupation(scenario.target.occupation).requirements.items():
        if requirement_weight(req.importance, threshold) > 0:
            final = level(dim_id)
            if final < req.level - LEVEL_TOLERANCE:
                out.append(f"target {dim_id}: {final:g} < {req.level:g}")
    return out


def test_witnesses_cover_the_reachable_scenarios() -> None:
    targeted = {
        p.name for p in FILES if loaded(p.name).scenario.target.occupation and p.name != TIGHT
    }
    assert set(WITNESSES) == targeted
    assert len(WITNESSES) >= 5


@pytest.mark.parametrize("name", sorted(WITNESSES))
def test_reachable_scenario_has_a_plan_with_no_shortfall(name: str) -> None:
    assert check_plan(loaded(name), WITNESSES[name]) == []


def test_witness_check_catches_broken_plans() -> None:
    sc = loaded("warehouse_to_electrician.yaml")
    plan = WITNESSES["warehouse_to_electrician.yaml"]
    without_exam = [step for step in plan if step[0] != "electrician_licence_exam"]
    assert any("license_electrician" in p for p in check_plan(sc, without_exam))
    shifted = [[aid, week + 20] for aid, week in plan]
    assert any("horizon" in p or "cohort" in p for p in check_plan(sc, shifted))


def test_apprentice_needs_the_income_to_fit_the_budget() -> None:
    sc = loaded("warehouse_to_electrician.yaml")
    plan = WITNESSES["warehouse_to_electrician.yaml"]
    acts = [sc.catalog.action(aid) for aid, _ in plan]
    cost = sum(max(a.cost, 0.0) for a in acts)
    assert sc.scenario.profile.limits.income_offsets_cost
    assert cost > sc.scenario.profile.limits.budget
    assert any(a.cost < 0 and a.trial_type == "apprenticeship" for a in acts)


def earliest_finish(catalog: Catalog, action_id: str) -> int:
    """A lower bound on the week an action can finish: its chain of required actions, in a row."""
    action = catalog.action(action_id)
    ready = max((earliest_finish(catalog, r) for r in action.requires_actions), default=0)
    return ready + action.duration_weeks


def required_closure(catalog: Catalog, action_id: str) -> set[str]:
    """The action and every action it requires, directly or not."""
    out = {action_id}
    for r in catalog.action(action_id).requires_actions:
        out |= required_closure(catalog, r)
    return out


def test_tight_scenario_cannot_reach_its_licence() -> None:
    sc = loaded(TIGHT)
    scenario, catalog = sc.scenario, sc.catalog
    assert scenario.target.hard
    assert scenario.target.occupation is not None
    limits = scenario.profile.limits
    needs = catalog.occupation(scenario.target.occupation).requirements
    licences = [
        k
        for k, r in needs.items()
        if catalog.dimension_by_id[k].kind is DimensionKind.CREDENTIAL
        and requirement_weight(r.importance) > 0
    ]
    assert licences
    for licence in licences:
        granting = [a for a in catalog.actions if licence in a.gains]
        assert granting
        for action in granting:
            # Horizon, weekly hours and budget each block it on their own.
            assert earliest_finish(catalog, action.id) > limits.horizon_weeks
            chain = [catalog.action(a) for a in required_closure(catalog, action.id)]
            assert max(a.hours_per_week for a in chain) > limits.hours_per_week
            assert sum(max(a.cost, 0.0) for a in chain) > limits.budget
