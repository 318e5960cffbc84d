"""Every step of a plan earns its place: leaving any one out breaks a rule or makes an objective
level worse. Checked with the module's own rules on hand-made cases, and on the scenario plans
with an independent reading of the rules (floating point, as docs/planning.md states them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit_opt.io.scenario import load_scenario
from careerfit_opt.model import Objective, PlanResult, Profile
from careerfit_opt.model.actions import Action
from careerfit_opt.planner import build_problem, plan_scenario
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.prune import drop_idle_steps, keeps_rules
from careerfit_opt.planner.solve import Level, objective_levels
from conftest import QUICK, SCENARIOS
from planner_small import action, catalog, profile

COURSE = action("course", gains={"py": 2.0}, cost=100.0)
#: Free, and its gain is not needed once the course is done.
WORKSHOP = action("workshop", duration_weeks=1, gains={"py": 0.5})


def _problem(actions: list[Action], prof: Profile | None = None) -> PlanningProblem:
    return build_problem(prof or profile(), "t", catalog(actions))


def _levels(problem: PlanningProblem, objective: Objective = Objective.FASTEST) -> list[Level]:
    return objective_levels(problem, objective)


def test_a_free_step_whose_gain_is_not_needed_is_left_out() -> None:
    problem = _problem([COURSE, WORKSHOP])
    kept = drop_idle_steps(problem, {"course": 0, "workshop": 0}, _levels(problem))
    assert kept == {"course": 0}


def test_a_step_closing_part_of_a_gap_stays() -> None:
    half = action("half", gains={"py": 1.0})
    problem = _problem([half, action("other", gains={"py": 1.0})])
    starts = {"half": 0, "other": 4}
    assert drop_idle_steps(problem, starts, _levels(problem)) == starts


def test_an_action_prerequisite_stays_though_it_raises_no_target() -> None:
    intro = action("intro", gains={"stats": 1.0})
    course = action("course", gains={"py": 2.0}, requires_actions=["intro"])
    problem = _problem([intro, course])
    starts = {"intro": 0, "course": 4}
    assert drop_idle_steps(problem, starts, _levels(problem)) == starts
    assert not keeps_rules(problem, {"course": 4})


def test_a_step_feeding_a_threshold_stays() -> None:
    basics = action("basics", gains={"stats": 2.0})
    course = action("course", gains={"py": 2.0}, requires_levels={"stats": 1.5})
    problem = _problem([basics, course])
    starts = {"basics": 0, "course": 4}
    assert drop_idle_steps(problem, starts, _levels(problem)) == starts


def test_a_paid_role_whose_income_keeps_the_budget_stays() -> None:
    gig = action("gig", kind="trial_role", trial_type="freelance", cost=-500.0, gains={})
    dear = action("dear", gains={"py": 2.0}, cost=800.0)
    prof = profile(budget=400.0, income_offsets_cost=True)
    problem = _problem([gig, dear], prof)
    starts = {"gig": 0, "dear": 0}
    assert keeps_rules(problem, starts)
    assert drop_idle_steps(problem, starts, _levels(problem, Objective.CHEAPEST)) == starts


def test_a_booked_step_stays() -> None:
    prof = profile(preferences={"booked_actions": [{"action_id": "workshop"}]})
    problem = _problem([COURSE, WORKSHOP], prof)
    starts = {"course": 0, "workshop": 0}
    assert drop_idle_steps(problem, starts, _levels(problem)) == starts


def test_an_enjoyable_step_stays_under_the_lexicographic_objective() -> None:
    # Mean enjoyment is the last lexicographic level: leaving out a step the person likes more
    # than the rest would make it worse, so the step stays; under ``fastest`` it goes.
    liked = action("workshop", duration_weeks=1, gains={"py": 0.5}, interests=["A"])
    data = profile().model_dump(mode="json")
    data["interests"] = {
        "realistic": 1, "investigative": 1, "artistic": 7,
        "social": 1, "enterprising": 1, "conventional": 1,
    }  # fmt: skip
    prof = Profile.model_validate(data)
    problem = _problem([COURSE, liked], prof)
    starts = {"course": 0, "workshop": 0}
    assert drop_idle_steps(problem, starts, _levels(problem, Objective.LEXICOGRAPHIC)) == starts
    assert drop_idle_steps(problem, starts, _levels(problem)) == {"course": 0}


# --- the scenario plans, checked with an independent reading of the rules -------------------


def _idle_steps(result: PlanResult, problem: PlanningProblem) -> list[str]:
    """Steps whose removal keeps every rule and makes no level of the result's objective worse,
    computed in floating point from the semantics (not with the planner's code)."""
    acts = problem.action_by_id
    starts = {s.action_id: s.start_week for s in result.steps}

    def level(dim: str, chosen: dict[str, int], by: int | None = None) -> float:
        total = problem.base[dim] + sum(
            acts[a].gains.get(dim, 0.0)
            for a, s in chosen.items()
            if by is None or s + acts[a].duration_weeks <= by
        )
        return min(problem.hi.get(dim, total), total)

    def valid(chosen: dict[str, int]) -> bool:
        if any(b not in chosen for b in problem.booked):
            return False
        for b, s in chosen.items():
            if any(r not in chosen for r in acts[b].requires_actions):
                return False
            for dim, theta in acts[b].requires_levels.items():
                others = {a: t for a, t in chosen.items() if a != b}
                if level(dim, others, s) < theta - 1e-9:
                    return False
        costs = [acts[a].cost for a in chosen]
        money = sum(costs) if problem.income_offsets_cost else sum(max(c, 0) for c in costs)
        return money <= problem.budget + 1e-6

    def values(chosen: dict[str, int]) -> tuple[float, ...]:
        ws = sum(t.weight * max(0.0, t.required - level(t.dim_id, chosen)) for t in problem.targets)
        ready = max((s + acts[a].duration_weeks for a, s in chosen.items()), default=0)
        cost = sum(max(acts[a].cost, 0.0) for a in chosen)
        mean = sum(problem.enjoyment[a] for a in chosen) / max(1, len(chosen))
        ws = round(ws, 6)
        objective = Objective(result.objective)
        if objective is Objective.FASTEST:
            return (ws, ready, cost)
        if objective is Objective.CHEAPEST:
            return (ws, cost, ready)
        if objective is Objective.BALANCED:
            week_value = max(50.0, problem.budget / max(1, problem.horizon))
            return (ws, round(cost + week_value * ready, 6))
        return (ws, ready, cost, -mean)

    base = values(starts)
    idle = []
    for a in starts:
        rest = {k: v for k, v in starts.items() if k != a}
        new = values(rest)
        if valid(rest) and all(n <= b + 1e-9 for n, b in zip(new, base, strict=True)):
            idle.append(a)
    return idle


def _cases() -> list[tuple[Path, Objective]]:
    files = sorted(p for p in SCENARIOS.iterdir() if p.suffix in (".yaml", ".toml", ".json"))
    files = [f for f in files if "tight" not in f.name and "undecided" not in f.name]
    if QUICK:
        files = [f for f in files if "electrician" in f.name]
        return [(f, o) for f in files for o in (Objective.FASTEST, Objective.CHEAPEST)]
    return [(f, o) for f in files for o in Objective]


@pytest.mark.parametrize(("path", "objective"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_no_scenario_plan_carries_an_idle_step(path: Path, objective: Objective) -> None:
    # The electrician plans used to carry free workshops and volunteering roles that changed
    # nothing (up to 5 of 20 steps under ``cheapest``).
    loaded = load_scenario(path)
    scenario = loaded.scenario
    result = plan_scenario(scenario, loaded.catalog, objective=objective)
    assert result.has_plan
    target = scenario.target.occupation
    assert target is not None
    problem = build_problem(scenario.profile, target, loaded.catalog, settings=scenario.scoring)
    assert _idle_steps(result, problem) == []


def _drop_idle_by_trying_each(
    problem: PlanningProblem, starts: dict[str, int], levels: list[Level]
) -> dict[str, int]:
    """The rule of ``drop_idle_steps`` without its shortcut (steps that close part of a target
    gap are not tried): every step is tried."""
    current = dict(starts)
    values = [level.evaluate(current) for level in levels]
    for a_id in sorted(
        current,
        key=lambda a: (
            -problem.action_by_id[a].hours_per_week * problem.action_by_id[a].duration_weeks,
            a,
        ),
    ):
        trial = {a: s for a, s in current.items() if a != a_id}
        if not keeps_rules(problem, trial):
            continue
        new = [level.evaluate(trial) for level in levels]
        if all(
            n >= v if lv.maximize else n <= v for lv, n, v in zip(levels, new, values, strict=True)
        ):
            current, values = trial, new
    return current


@pytest.mark.parametrize("seed", range(10 if QUICK else 40))
def test_the_gap_shortcut_leaves_out_the_same_steps(seed: int) -> None:
    # Random plans (random subsets of the candidates, each at its earliest start) of random
    # instances: the shortcut must not change which steps go.
    import random

    from planner_instances import random_instance

    scenario, cat = random_instance(seed, n_actions=(8, 12))
    problem = build_problem(scenario.profile, "target", cat)
    rng = random.Random(seed)
    for objective in (Objective.FASTEST, Objective.LEXICOGRAPHIC):
        levels = _levels(problem, objective)
        for _ in range(5):
            chosen = [a for a in problem.actions if rng.random() < 0.6]
            starts = {a.id: problem.earliest[a.id] for a in chosen}
            expected = _drop_idle_by_trying_each(problem, starts, levels)
            assert drop_idle_steps(problem, starts, levels) == expected
