"""The CP-SAT planner: one test per constraint family (each fails when its constraint is
removed) and the objectives on small crafted catalogues. Every plan is verified independently."""

from __future__ import annotations

import pytest

from careerfit_opt.model import Riasec
from careerfit_opt.planner import build_problem, pareto_front
from careerfit_opt.planner.scaling import scale_down, scale_up
from planner_small import action, catalog, chosen, profile, run

FAST = action("fast", duration_weeks=2, cost=900.0, gains={"py": 2.0})
SLOW = action("slow", duration_weeks=10, cost=0.0, gains={"py": 2.0})


def test_weekly_hours_full_time_trial_leaves_no_room_for_an_evening_course() -> None:
    cat = catalog(
        [
            action(
                "job", kind="trial_role", duration_weeks=8, hours_per_week=35.0, gains={"py": 2.0}
            ),
            action("evening", duration_weeks=4, hours_per_week=10.0, gains={"stats": 2.0}),
        ],
        {"py": 3.0, "stats": 2.0},
    )
    res = run(profile(hours_per_week=40.0), cat, objective="fastest")
    start = chosen(res)
    assert set(start) == {"job", "evening"}
    assert res.ready_week == 12  # side by side they would need 45 h a week
    assert start["evening"] >= 8 or start["job"] >= 4


def test_budget_without_income_offset() -> None:
    job = action(
        "job",
        kind="trial_role",
        duration_weeks=4,
        hours_per_week=10.0,
        cost=-600.0,
        gains={"py": 0.5},
    )
    res = run(profile(budget=500.0), catalog([FAST, SLOW, job]), objective="fastest")
    assert "fast" not in chosen(res)
    assert res.total_cost <= 500.0
    assert res.ready_week == 10


def test_budget_with_income_offset_allows_the_paid_trial_role_to_fund_the_course() -> None:
    job = action(
        "job",
        kind="trial_role",
        duration_weeks=4,
        hours_per_week=10.0,
        cost=-600.0,
        gains={"py": 0.5},
    )
    res = run(
        profile(budget=500.0, income_offsets_cost=True),
        catalog([FAST, SLOW, job]),
        objective="fastest",
    )
    assert set(chosen(res)) == {"fast", "job"}
    assert res.ready_week == 4
    assert res.total_cost - res.total_income == pytest.approx(300.0)


def test_horizon_forces_the_faster_dearer_course() -> None:
    assert set(
        chosen(run(profile(horizon_weeks=52), catalog([FAST, SLOW]), objective="cheapest"))
    ) == {"slow"}
    res = run(profile(horizon_weeks=8), catalog([FAST, SLOW]), objective="cheapest")
    assert set(chosen(res)) == {"fast"}
    assert res.ready_week is not None
    assert res.ready_week <= 8


def test_start_windows() -> None:
    res = run(profile(), catalog([action("cohort", start_weeks=[6, 30], gains={"py": 2.0})]))
    assert chosen(res) == {"cohort": 6}
    assert res.ready_week == 10


def test_action_prerequisites_finish_before_the_dependent_starts() -> None:
    intro = action("intro", duration_weeks=3, gains={"stats": 0.5})
    adv = action("adv", requires_actions=["intro"], gains={"py": 2.0})
    res = run(profile(), catalog([intro, adv]))
    start = chosen(res)
    assert start["adv"] >= start["intro"] + 3
    assert res.ready_week == 7


def test_threshold_prerequisites_count_only_what_finished_before_the_start() -> None:
    basics = action("basics", gains={"py": 1.0})
    long_ = action("long", duration_weeks=10, gains={"py": 1.0})
    adv = action("adv", requires_levels={"py": 2.0}, gains={"py": 1.5})
    res = run(profile(), catalog([basics, long_, adv], {"py": 3.5}), objective="fastest")
    start = chosen(res)
    assert set(start) == {"basics", "adv"}
    assert start["adv"] >= start["basics"] + 4  # not at week 0: basics must have finished
    assert res.ready_week == 8


def test_scale_caps_limit_levels_and_step_gains() -> None:
    res = run(profile({"py": 6.0}), catalog([action("big", gains={"py": 2.0})], {"py": 7.0}))
    assert res.final_levels["py"] == 7.0
    assert res.steps[0].gains == {"py": 1.0}
    assert res.level_timeline["py"] == [(0, 6.0), (4, 7.0)]


def test_excluded_actions_are_never_chosen() -> None:
    prof = profile(preferences={"excluded_actions": ["fast"]})
    res = run(prof, catalog([FAST, SLOW]), objective="fastest")
    assert set(chosen(res)) == {"slow"}


def test_booked_actions_are_kept_at_their_week_and_use_hours() -> None:
    booked = action("booked", duration_weeks=6, hours_per_week=30.0, gains={"stats": 1.0})
    course = action("course", duration_weeks=4, hours_per_week=20.0, gains={"py": 2.0})
    prof = profile(preferences={"booked_actions": [{"action_id": "booked", "start_week": 0}]})
    res = run(prof, catalog([booked, course]), objective="fastest")
    start = chosen(res)
    assert start["booked"] == 0
    assert start["course"] >= 6  # 30 + 20 h would exceed 40 h a week
    assert next(s for s in res.steps if s.action_id == "booked").booked


def test_exclusive_groups_allow_one_alternative() -> None:
    a1 = action("prov1", duration_weeks=2, gains={"py": 1.0}, exclusive_group="g")
    a2 = action("prov2", duration_weeks=2, gains={"py": 1.0}, exclusive_group="g")
    other = action("other", duration_weeks=8, gains={"py": 1.0})
    res = run(profile(), catalog([a1, a2, other]), objective="fastest")
    start = chosen(res)
    assert "other" in start
    assert len({"prov1", "prov2"} & set(start)) == 1


def test_hard_targets_forbid_shortfall() -> None:
    cat = catalog([action("small", gains={"py": 1.0})])
    soft = run(profile(), cat)
    assert soft.shortfall["py"] == pytest.approx(1.0)
    assert soft.has_plan
    hard = run(profile(), cat, hard=True)
    assert hard.status.value == "infeasible"


def test_presets_change_the_plan() -> None:
    cat = catalog([FAST, SLOW])
    assert set(chosen(run(profile(), cat, objective="fastest"))) == {"fast"}
    assert set(chosen(run(profile(), cat, objective="cheapest"))) == {"slow"}
    # balanced: a week is worth budget / horizon (at least 50)
    rich = run(profile(budget=10_400.0), cat, objective="balanced")  # 200 a week
    assert set(chosen(rich)) == {"fast"}
    poor = run(profile(budget=1000.0), cat, objective="balanced")  # 50 a week
    assert set(chosen(poor)) == {"slow"}


def test_lexicographic_breaks_ties_by_enjoyment() -> None:
    art = action("art", gains={"py": 2.0}, interests=["A"], exclusive_group="g")
    books = action("books", gains={"py": 2.0}, interests=["C"], exclusive_group="g")
    prof = profile().model_copy(
        update={
            "interests": Riasec(
                realistic=1, investigative=1, artistic=7, social=1, enterprising=1, conventional=2
            )
        }
    )
    res = run(prof, catalog([art, books]))
    assert set(chosen(res)) == {"art"}
    assert res.enjoyment == pytest.approx(1.0)


def test_status_and_objective_values_are_reported() -> None:
    res = run(profile(), catalog([FAST, SLOW]), objective="fastest")
    assert res.status.value == "optimal"
    assert res.objective_value == [0.0, 2.0, 900.0]
    assert res.gap == 0.0


def test_pareto_front_lists_time_cost_tradeoffs() -> None:
    prof = profile()
    front = pareto_front(prof, "t", catalog([FAST, SLOW]))
    assert [(r.ready_week, r.total_cost) for r in front] == [(2, 900.0), (10, 0.0)]


def test_pareto_front_keeps_the_plan_in_hand_when_no_point_is_proven(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The time runs out on the ready-week solve of the first point: the shortfall level's plan
    # is still a plan (it used to be a lone "no plan found within the time limit").
    from careerfit_opt.model import Scenario
    from careerfit_opt.planner import solve
    from careerfit_opt.planner.verify import verify_plan

    def no_point(*_: object) -> solve.RawSolution:
        return solve.RawSolution(status=solve.PlanStatus.UNKNOWN)

    monkeypatch.setattr(solve, "_pareto_point", no_point)
    cat = catalog([FAST, SLOW])
    front = pareto_front(profile(), "t", cat)
    assert len(front) == 1
    point = front[0]
    assert point.status.value == "feasible"
    assert point.has_plan
    assert point.target_met
    assert point.objective_value[1:] == [point.ready_week, point.total_cost]
    assert point.objective_bound[1:] == [0.0, 0.0]  # neither was optimised
    scenario = Scenario(profile=profile(), target={"occupation": "t"})
    assert verify_plan(point, scenario, cat).ok


def test_pareto_front_stops_at_a_point_not_proven(monkeypatch: pytest.MonkeyPatch) -> None:
    # CP-SAT stopped on a plan without proving it fastest: the point is kept, FEASIBLE, with
    # the bound reached, and the front ends there (a later point could not be shown optimal).
    from ortools.sat.python import cp_model

    from careerfit_opt.planner import budget

    real = budget.Budget.solve

    def unproven(self: budget.Budget, solver: object, model: object) -> object:
        status = real(self, solver, model)  # type: ignore[arg-type]
        return cp_model.FEASIBLE if status == cp_model.OPTIMAL else status

    monkeypatch.setattr(budget.Budget, "solve", unproven)
    front = pareto_front(profile(), "t", catalog([FAST, SLOW]))
    assert [(r.status.value, r.ready_week, r.total_cost) for r in front] == [("feasible", 2, 900.0)]


def test_unknown_levels_are_assumed_at_the_minimum_and_noted() -> None:
    res = run(profile({"stats": 0.0}), catalog([action("c", gains={"py": 3.0})]))
    assert res.final_levels["py"] == 3.0
    assert any("Programming" in n and "unknown" in n for n in res.notes)


def test_pruning_keeps_only_actions_that_help() -> None:
    helpful = action("helpful", requires_levels={"stats": 1.0}, gains={"py": 2.0})
    feeder = action("feeder", gains={"stats": 1.0})
    useless = action("useless", gains={"lic": 1.0})
    prob = build_problem(profile(), "t", catalog([helpful, feeder, useless]))
    assert [a.id for a in prob.actions] == ["feeder", "helpful"]
    assert prob.pruned == ("useless",)


def test_scaling_never_overstates() -> None:
    assert scale_down(0.333) == 33
    assert scale_up(0.333) == 34
    assert scale_down(2.5) == scale_up(2.5) == 250
