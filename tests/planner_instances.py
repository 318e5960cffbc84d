"""Small seeded random planning instances for the planner's tests (greedy, cross-check,
determinism): 5–8 actions over 3–4 dimensions, a short horizon, and a mixture of action and
threshold prerequisites, cohort windows, budgets, weekly hours, paid trial roles, exclusive
alternatives, booked and excluded actions. Numbers have at most two decimals, so the solver's
integer scaling is exact and optima can be compared exactly."""

from __future__ import annotations

import random
from typing import Any

from careerfit_opt.model import (
    Action,
    Catalog,
    Dimension,
    Occupation,
    Profile,
    Requirement,
    Riasec,
    Scenario,
)


def random_instance(seed: int, *, n_actions: tuple[int, int] = (5, 8)) -> tuple[Scenario, Catalog]:
    """A random scenario and its catalogue (target occupation ``target``)."""
    rng = random.Random(seed)
    n_dims = rng.randint(3, 4)
    dims = [Dimension(id=f"d{i}", name=f"Dim {i}", kind="skill") for i in range(n_dims)]
    has_cred = rng.random() < 0.5
    if has_cred:
        dims.append(Dimension(id="cred", name="Licence", kind="credential"))
    dim_ids = [d.id for d in dims]
    skill_ids = [d.id for d in dims if d.id != "cred"]

    n = rng.randint(*n_actions)
    actions: list[Action] = []
    for i in range(n):
        data: dict[str, Any] = {"id": f"a{i}", "title": f"Action {i}"}
        roll = rng.random()
        if roll < 0.12 and has_cred:
            data["kind"] = "certification"
            data["gains"] = {"cred": 1.0}
        elif roll < 0.25:
            data["kind"] = "trial_role"
            data["gains"] = {rng.choice(skill_ids): rng.choice([0.5, 1.0, 1.5])}
        else:
            data["kind"] = "course"
            picks = rng.sample(skill_ids, k=rng.choice([1, 1, 2]))
            data["gains"] = {k: rng.choice([0.75, 1.0, 1.5, 2.0, 2.5, 3.0]) for k in picks}
        data["duration_weeks"] = rng.randint(1, 6)
        data["hours_per_week"] = float(rng.choice([3, 5, 6, 8, 10, 12, 15]))
        if data["kind"] == "trial_role":
            data["hours_per_week"] = float(rng.choice([10, 15, 20]))
            data["cost"] = float(rng.choice([0, -500, -1200, 150]))
        else:
            data["cost"] = float(rng.choice([0, 50, 120, 200, 350, 500, 800]))
        if rng.random() < 0.3:
            data["start_weeks"] = sorted(rng.sample(range(0, 12), k=rng.randint(1, 3)))
        if i > 0 and rng.random() < 0.3:
            data["requires_actions"] = [f"a{rng.randrange(i)}"]
        if rng.random() < 0.3:
            k = rng.choice(skill_ids)
            data["requires_levels"] = {k: rng.choice([1.0, 1.5, 2.0, 2.5, 3.0])}
        data["interests"] = rng.sample(list("RIASEC"), k=rng.randint(0, 2))
        actions.append(Action(**data))
    # One pair of alternatives, sometimes.
    if n >= 2 and rng.random() < 0.5:
        i, j = rng.sample(range(n), 2)
        actions[i] = actions[i].model_copy(update={"exclusive_group": "alt"})
        actions[j] = actions[j].model_copy(update={"exclusive_group": "alt"})

    # Most required skills get a second teacher, so most gaps can be closed in full.
    for k in skill_ids:
        if rng.random() < 0.7:
            i = rng.randrange(n)
            if actions[i].kind == "course":
                gains = {**actions[i].gains, k: actions[i].gains.get(k, 0.0) + 1.5}
                actions[i] = actions[i].model_copy(update={"gains": gains})
    reqs = {}
    for k in rng.sample(dim_ids, k=min(len(dim_ids), rng.randint(2, 4))):
        level = 1.0 if k == "cred" else rng.choice([2.0, 2.5, 3.0, 3.5, 4.0])
        reqs[k] = Requirement(level=level, importance=rng.choice([3.0, 3.5, 4.0, 4.5, 5.0]))
    occ = Occupation(id="target", title="Target job", requirements=reqs)
    catalog = Catalog(name=f"random-{seed}", dimensions=dims, occupations=[occ], actions=actions)

    levels = {k: rng.choice([0.5, 1.0, 1.5, 2.0, 2.5]) for k in skill_ids if rng.random() < 0.8}
    prefs: dict[str, Any] = {}
    roll = rng.random()
    if roll < 0.15:
        prefs["excluded_actions"] = [rng.choice(actions).id]
    elif roll < 0.3:
        cand = [a for a in actions if not a.requires_actions and not a.requires_levels]
        if cand:
            a = rng.choice(cand)
            week = rng.choice(a.start_weeks) if a.start_weeks else rng.choice([None, 0, 2])
            prefs["booked_actions"] = [{"action_id": a.id, "start_week": week}]
    profile = Profile(
        name=f"random {seed}",
        levels=levels,
        interests=Riasec(**{c: rng.randint(1, 7) for c in Riasec.model_fields}),
        limits={
            "budget": float(rng.choice([300, 600, 1000, 1500, 3000])),
            "hours_per_week": float(rng.choice([10, 15, 20, 25])),
            "horizon_weeks": rng.randint(12, 20),
            "income_offsets_cost": rng.random() < 0.4,
        },
        preferences=prefs,
    )
    scenario = Scenario(
        name=f"random-{seed}",
        profile=profile,
        catalog="random.yaml",
        target={"occupation": "target", "hard": rng.random() < 0.15},
        objective="fastest",
    )
    return scenario, catalog


def modified(
    scenario: Scenario,
    *,
    limits: dict[str, Any] | None = None,
    preferences: dict[str, Any] | None = None,
    hard: bool | None = None,
) -> Scenario:
    """A validated copy of ``scenario`` with some limits, the preferences or hardness replaced."""
    data = scenario.model_dump(mode="json")
    data["profile"]["limits"].update(limits or {})
    if preferences is not None:
        data["profile"]["preferences"] = preferences
    if hard is not None:
        data["target"]["hard"] = hard
    return Scenario.model_validate(data)


def cp_sat_optimum(
    problem: Any, seed: int | None = None, *, proven: bool = False
) -> tuple[int, int, int] | None:
    """Weighted shortfall, then ready week, then cost, each minimised with the earlier ones
    fixed, by CP-SAT alone on the full model (``None`` when one is not proven optimal in 20 s;
    with ``proven``, only when infeasible: anything else fails the test)."""
    from ortools.sat.python import cp_model

    from careerfit_opt.planner.cpsat import build_model

    pm = build_model(problem, symmetry=False)
    out = []
    for expr in (pm.weighted_shortfall, pm.ready, pm.cost):
        pm.model.minimize(expr)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        if seed is not None:
            solver.parameters.random_seed = seed
        solver.parameters.max_time_in_seconds = 20.0
        status = solver.solve(pm.model)
        if proven and status != cp_model.INFEASIBLE:
            assert status == cp_model.OPTIMAL
        if status != cp_model.OPTIMAL:
            return None
        out.append(round(solver.objective_value))
        pm.model.add(expr <= out[-1])
    return out[0], out[1], out[2]


def shortfall_loop(problem: Any) -> tuple[Any, Any]:
    """The weighted shortfall's level and what its Benders loop (``choice.level_by_choice``)
    gives with a 10-s budget, no earlier level and no plan in hand."""
    from careerfit_opt.model import Objective
    from careerfit_opt.planner.budget import Budget
    from careerfit_opt.planner.choice import level_by_choice
    from careerfit_opt.planner.solve import objective_levels

    ws = objective_levels(problem, Objective.FASTEST)[0]
    res = level_by_choice(
        problem,
        [],
        level=ws.name,
        evaluate=ws.evaluate,
        best=None,
        time_bound=problem.horizon,
        seed=0,
        budget=Budget.of_seconds(10.0),
    )
    return ws, res


def assert_choice_bounds_below(cm: Any, budget: Any, choice: Any, optimum: tuple[int, ...]) -> None:
    """The choice MILP's bounds (``choice`` from ``cm.solve``, then the fastest and the
    cheapest under the optimum's earlier levels) never exceed CP-SAT's ``optimum``."""
    ws, ready, cost = optimum
    assert choice.bound is not None
    assert choice.bound <= ws
    fastest = cm.minimise("ready_week", budget, shortfall=ws)
    assert fastest.bound is not None
    assert fastest.bound <= ready
    cheapest = cm.minimise("cost", budget, shortfall=ws, ready=ready)
    assert cheapest.bound is not None
    assert cheapest.bound <= cost
