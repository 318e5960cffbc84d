"""The ready week's shape-lifted packing cuts (``planner/ready_cuts.py``): every bound they give
stays at or below the optimum CP-SAT proves alone, every plan they return keeps every rule, and
on a real O*NET persona they prove a ready week the choice MILP's loop could not."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from ortools.sat.python import cp_model

from careerfit_opt.model import (
    Action,
    Catalog,
    Dimension,
    Objective,
    Occupation,
    PlanStatus,
    Profile,
    Requirement,
)
from careerfit_opt.planner import build_problem
from careerfit_opt.planner.budget import Budget
from careerfit_opt.planner.cpsat import build_model
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.ready_cuts import plain_shapes, tighten_ready
from careerfit_opt.planner.solve import objective_levels
from conftest import QUICK, REPO_ROOT
from planner_instances import random_instance

ONET30 = Path(
    os.environ.get("CAREERFIT_ONET_DIR", REPO_ROOT.parent / "shared" / "data" / "onet-30.1")
)


def packing_instance(seed: int) -> tuple[Profile, Catalog]:
    """Plain actions in a few shapes (same duration and hours, own gains), a prerequisite chain
    and a threshold, under a tight weekly capacity: where the ready week is a packing proof."""
    rng = random.Random(seed)
    dims = [Dimension(id=f"d{i}", name=f"Dim {i}", kind="skill") for i in range(4)]
    actions: list[Action] = []
    shapes = [(rng.randint(2, 5), float(rng.choice([3, 4, 5, 6, 8]))) for _ in range(3)]
    for s, (d, h) in enumerate(shapes):
        for j in range(rng.randint(2, 4)):
            actions.append(
                Action(
                    id=f"s{s}_{j}",
                    kind="course",
                    title=f"Shape {s} course {j}",
                    duration_weeks=d,
                    hours_per_week=h,
                    cost=float(rng.choice([0, 50, 100, 200])),
                    gains={f"d{rng.randrange(3)}": rng.choice([0.5, 1.0, 1.5])},
                )
            )
    actions.append(
        Action(
            id="base",
            kind="course",
            title="Base course",
            duration_weeks=rng.randint(1, 4),
            hours_per_week=float(rng.choice([4, 6])),
            gains={"d3": 1.0},
        )
    )
    actions.append(
        Action(
            id="advanced",
            kind="course",
            title="Advanced course",
            duration_weeks=rng.randint(1, 4),
            hours_per_week=float(rng.choice([4, 6, 8])),
            gains={"d3": 1.5, "d0": 0.5},
            requires_levels={"d3": 1.0},
            requires_actions=["base"] if rng.random() < 0.5 else [],
        )
    )
    if rng.random() < 0.5:  # alternatives among courses of one shape: not plain
        for k in (0, 1):
            actions[k] = actions[k].model_copy(update={"exclusive_group": "alt"})
    reqs = {
        f"d{i}": Requirement(level=rng.choice([2.0, 2.5, 3.0]), importance=4.0) for i in range(4)
    }
    occ = Occupation(id="target", title="Target job", requirements=reqs)
    catalog = Catalog(name=f"packing-{seed}", dimensions=dims, occupations=[occ], actions=actions)
    profile = Profile(
        name=f"packing {seed}",
        levels={f"d{i}": 0.0 for i in range(4)},
        limits={
            "budget": float(rng.choice([300, 600, 2000])),
            "hours_per_week": float(rng.choice([8, 10, 12])),
            "horizon_weeks": 30,
        },
    )
    return profile, catalog


def _slow_plan(problem: PlanningProblem, shortfall: int) -> dict[str, int] | None:
    """A plan at the optimal weighted shortfall that is as *slow* as possible (an incumbent far
    from the optimum, so the loop has cuts to make)."""
    pm = build_model(problem, symmetry=False)
    pm.model.add(pm.weighted_shortfall <= shortfall)
    pm.model.maximize(pm.ready)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20.0
    if solver.solve(pm.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {a: int(solver.value(pm.start[a])) for a, x in pm.x.items() if solver.boolean_value(x)}


def _optimum(problem: PlanningProblem, caps: dict[str, int]) -> int | None:
    """The fastest ready week with the weighted shortfall (and cost) capped, CP-SAT alone."""
    pm = build_model(problem, symmetry=False)
    pm.model.add(pm.weighted_shortfall <= caps["weighted_shortfall"])
    if "cost" in caps:
        pm.model.add(pm.cost <= caps["cost"])
    pm.model.minimize(pm.ready)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30.0
    if solver.solve(pm.model) != cp_model.OPTIMAL:
        return None
    return round(solver.objective_value)


def _is_plan(problem: PlanningProblem, starts: dict[str, int], caps: dict[str, int]) -> bool:
    """Whether ``starts`` keeps every rule of the CP-SAT model and the capped levels."""
    pm = build_model(problem, symmetry=False)
    pm.model.add(pm.weighted_shortfall <= caps["weighted_shortfall"])
    if "cost" in caps:
        pm.model.add(pm.cost <= caps["cost"])
    for a, x in pm.x.items():
        pm.model.add(x == (a in starts))
        if a in starts:
            pm.model.add(pm.start[a] == starts[a])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _check_loop(problem: PlanningProblem, objective: Objective) -> None:
    """The loop's bound never exceeds the optimum; a plan it returns keeps every rule, and is
    optimal when it meets the bound."""
    levels = {lv.name: lv for lv in objective_levels(problem, objective)}
    ws = levels["weighted_shortfall"]
    pm = build_model(problem, symmetry=False)
    pm.model.minimize(pm.weighted_shortfall)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    if solver.solve(pm.model) != cp_model.OPTIMAL:
        return
    caps = {"weighted_shortfall": round(solver.objective_value)}
    fixed: list[tuple[Any, int]] = [(ws, caps["weighted_shortfall"])]
    if objective is Objective.CHEAPEST:
        pm.model.add(pm.weighted_shortfall <= caps["weighted_shortfall"])
        pm.model.minimize(pm.cost)
        if solver.solve(pm.model) != cp_model.OPTIMAL:
            return
        caps["cost"] = round(solver.objective_value)
        fixed.append((levels["cost"], caps["cost"]))
    optimum = _optimum(problem, caps)
    slow = _slow_plan(problem, caps["weighted_shortfall"])
    if optimum is None or slow is None or not _is_plan(problem, slow, caps):
        return
    lower, plan = tighten_ready(problem, fixed, None, slow, seed=0, budget=Budget.of_seconds(30))
    ready = levels["ready_week"].evaluate
    assert lower is None or lower <= optimum
    assert _is_plan(problem, plan, caps)
    assert optimum <= ready(plan) <= ready(slow)
    if lower is not None and lower >= ready(plan):
        assert ready(plan) == optimum


@pytest.fixture
def always_lift(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the loop whatever share of the candidates is liftable (small instances)."""
    from careerfit_opt.planner import ready_cuts

    monkeypatch.setattr(ready_cuts, "MIN_LIFTABLE", 0.0)


@pytest.mark.parametrize("seed", range(10 if QUICK else 30))
@pytest.mark.usefixtures("always_lift")
def test_shape_cuts_never_exceed_the_optimum_on_packing_instances(seed: int) -> None:
    profile, catalog = packing_instance(seed)
    problem = build_problem(profile, "target", catalog)
    assert plain_shapes(problem)  # the instance has plain actions to lift over
    _check_loop(problem, Objective.FASTEST)
    _check_loop(problem, Objective.CHEAPEST)


@pytest.mark.parametrize("seed", range(10 if QUICK else 30))
@pytest.mark.usefixtures("always_lift")
def test_shape_cuts_never_exceed_the_optimum_on_random_instances(seed: int) -> None:
    """Booked and excluded actions, windows, exclusive groups, income and hard targets."""
    scenario, catalog = random_instance(seed)
    problem = build_problem(scenario.profile, "target", catalog, hard=scenario.target.hard)
    _check_loop(problem, Objective.FASTEST)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_plain_actions_are_tied_to_nothing(seed: int) -> None:
    profile, catalog = packing_instance(seed)
    problem = build_problem(profile, "target", catalog)
    plain = plain_shapes(problem)
    assert "base" not in plain  # required by, or helping the threshold of, "advanced"
    assert "advanced" not in plain  # it needs a level
    assert all(a.startswith("s") for a in plain)
    grouped = {a for ids in problem.exclusive_groups.values() for a in ids}
    assert not grouped & set(plain)
    for a, (d, h, windows, est) in plain.items():
        act = problem.action_by_id[a]
        assert (d, windows, est) == (act.duration_weeks, None, 0)
        assert h == round(act.hours_per_week * problem.hours_scale)


def test_loop_left_out_where_shapes_do_not_repeat() -> None:
    """Without plain actions sharing shapes the loop returns the bound and plan unchanged
    (the choice MILP's own loop does that work)."""
    profile, catalog = packing_instance(1)
    data = catalog.model_dump()
    for k, a in enumerate(data["actions"]):
        a["duration_weeks"] = 1 + k  # every shape differs
    catalog = Catalog.model_validate(data)
    problem = build_problem(profile, "target", catalog)
    ws = objective_levels(problem, Objective.FASTEST)[0]
    best = _slow_plan(problem, 10**9)
    assert best is not None
    budget = Budget.of_seconds(5)
    assert tighten_ready(problem, [(ws, 10**9)], None, best, seed=0, budget=budget) == (None, best)
    assert budget.used == 0


@pytest.mark.onet
@pytest.mark.usefixtures("work_budget_only")  # a loaded machine's wall clock must not stop it
def test_onet_persona_ready_week_proven_by_shape_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Maintenance worker → HVAC mechanic (O*NET 30.1, the bundled actions): the choice MILP's
    loop stops at a bound of 85 weeks below the plan's 86, and CP-SAT's search does not close
    it within the 10-s limit; one shape-lifted cut proves 86 (the whole plan optimal)."""
    if not any(ONET30.glob("[Ss]kills*")):
        msg = f"O*NET 30.1 tables not found at {ONET30} (set CAREERFIT_ONET_DIR)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    import careerfit_opt.planner as planner_pkg
    from careerfit_opt.io.scenario import scenario_from_data
    from careerfit_opt.planner import ready_cuts
    from onet_personas import persona

    data = {"profile": {"name": "x"}, "catalog": {"onet": str(ONET30), "actions": ["bundled"]}}
    catalog = scenario_from_data(data, Path.cwd()).catalog
    scenario = persona(catalog, "49-9071.00", "49-9021.00")

    def run() -> Any:
        return planner_pkg.plan(
            scenario.profile,
            "49-9021.00",
            catalog,
            objective="fastest",
            time_limit=10.0,
            seed=0,
            workers=1,
            explain_reasons=False,
        )

    result = run()
    assert result.status is PlanStatus.OPTIMAL
    assert result.ready_week == 86
    if QUICK:
        return
    monkeypatch.setattr(ready_cuts, "tighten_ready", lambda p, f, lo, b, **k: (lo, b))
    before = run()
    assert before.status is PlanStatus.FEASIBLE
    assert before.objective_bound[1] < before.objective_value[1] == 86
