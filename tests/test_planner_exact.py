"""Exactness (issue 11, item 6): numbers with more than two decimals are scaled exactly, so the
planner never misses, or calls infeasible, a plan its own verifier accepts."""

from __future__ import annotations

from careerfit_opt.model import PlanStatus
from careerfit_opt.planner.problem import build_problem
from careerfit_opt.planner.scaling import exact_scale
from planner_small import action, catalog, chosen, profile, run


def test_gains_with_three_decimals_add_up_exactly() -> None:
    cat = catalog(
        [
            action("a", gains={"py": 0.335}),
            action("b", gains={"py": 0.335}),
            action("c", gains={"py": 0.33}),
        ],
        {"py": 2.0},
    )
    prof = profile({"py": 1.0})
    assert build_problem(prof, "t", cat).level_scale == 1000
    result = run(prof, cat, hard=True)  # verified by the independent verifier
    assert result.status is PlanStatus.OPTIMAL
    assert set(chosen(result)) == {"a", "b", "c"}
    assert result.target_met is True


def test_costs_with_three_decimals_fit_a_budget_they_meet_exactly() -> None:
    cat = catalog(
        [
            action("a", cost=33.335, gains={"py": 1.0}),
            action("b", cost=33.335, gains={"py": 1.0}),
            action("c", cost=33.335, gains={"py": 1.0}),
        ],
        {"py": 4.0},
    )
    result = run(profile({"py": 1.0}, budget=100.005), cat, hard=True)
    assert result.status is PlanStatus.OPTIMAL
    assert len(result.steps) == 3


def test_weekly_hours_with_three_decimals_fit_side_by_side() -> None:
    cat = catalog([action(x, hours_per_week=3.335, gains={"py": 1.0}) for x in "abc"], {"py": 4.0})
    result = run(profile({"py": 1.0}, hours_per_week=10.005, horizon_weeks=4), cat, hard=True)
    assert result.status is PlanStatus.OPTIMAL
    assert {s.start_week for s in result.steps} == {0}


def test_thresholds_with_three_decimals_are_met_exactly() -> None:
    cat = catalog(
        [
            action("a", gains={"stats": 0.335}),
            action("b", gains={"stats": 0.665}),
            action("c", requires_levels={"stats": 1.0}, gains={"py": 2.0}),
        ]
    )
    result = run(profile({"py": 1.0, "stats": 0.0}), cat, hard=True)
    assert result.status is PlanStatus.OPTIMAL
    assert set(chosen(result)) == {"a", "b", "c"}


def test_exact_scale_falls_back_to_safe_rounding() -> None:
    assert exact_scale([]) == 100
    assert exact_scale([1 / 3]) == 1_000_000
