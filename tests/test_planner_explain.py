"""Explanations: which user-level limits block a plan, and by how much."""

from __future__ import annotations

import importlib

import pytest

from planner_small import action, catalog, profile, run

FAST = action("fast", duration_weeks=2, cost=900.0, gains={"py": 2.0})
SLOW = action("slow", duration_weeks=10, cost=0.0, gains={"py": 2.0})


def _messages(res: object) -> list[str]:
    return [r.message for r in res.reasons]  # type: ignore[attr-defined]


def test_budget_reason_says_how_much_the_cheapest_plan_costs() -> None:
    res = run(profile(budget=500.0), catalog([FAST]), hard=True)
    assert res.status.value == "infeasible"
    (reason,) = res.reasons
    assert reason.limit == "budget"
    assert (reason.have, reason.need) == (500.0, 900.0)
    assert "costs 900; you have 500" in reason.message


def test_money_in_a_reason_carries_the_catalogues_currency() -> None:
    cat = catalog([FAST]).model_copy(update={"metadata": {"currency": "EUR"}})
    res = run(profile(budget=500.0), cat, hard=True)
    (reason,) = res.reasons
    assert "costs 900 EUR; you have 500 EUR" in reason.message


def test_horizon_reason_gives_the_fastest_ready_week() -> None:
    res = run(profile(horizon_weeks=6), catalog([SLOW]), hard=True)
    (reason,) = res.reasons
    assert reason.limit == "horizon"
    assert "ready in week 10; your horizon is 6" in reason.message


def test_hours_reason_gives_the_weekly_hours_needed() -> None:
    res = run(
        profile(hours_per_week=10.0),
        catalog([action("intense", hours_per_week=20.0, gains={"py": 2.0})]),
        hard=True,
    )
    (reason,) = res.reasons
    assert reason.limit == "hours_per_week"
    assert reason.need == 20.0


def test_two_limits_blocking_together_are_both_named() -> None:
    res = run(profile(budget=500.0, horizon_weeks=6), catalog([FAST, SLOW]), hard=True)
    limits = sorted(r.limit for r in res.reasons)
    assert limits == ["budget", "horizon"]
    by = {r.limit: r for r in res.reasons}
    assert by["budget"].need == 900.0  # within the horizon only the fast course fits
    assert by["horizon"].need == 10.0  # within the budget only the slow course fits


def test_catalogue_limit_is_found_without_a_solver() -> None:
    res = run(profile(), catalog([action("small", gains={"py": 1.0})]), hard=True)
    assert any(
        "no action in the catalogue raises Programming above 2; the target needs 3" in m
        for m in _messages(res)
    )


def test_booked_action_that_cannot_fit_is_named() -> None:
    booked = action("retreat", duration_weeks=10, hours_per_week=40.0, gains={"stats": 1.0})
    prof = profile(
        horizon_weeks=12,
        preferences={"booked_actions": [{"action_id": "retreat", "start_week": 0}]},
    )
    res = run(prof, catalog([booked, SLOW]), hard=True)
    assert res.status.value == "infeasible"
    assert {r.limit for r in res.reasons} & {"booked:retreat", "horizon", "hours_per_week"}


def test_window_reason() -> None:
    late = action("late", start_weeks=[40], gains={"py": 2.0})
    res = run(profile(horizon_weeks=20), catalog([late]), hard=True)
    assert res.status.value == "infeasible"
    assert {r.limit for r in res.reasons} & {"horizon", "window:late"}


def test_soft_plan_explains_the_gap_it_leaves() -> None:
    res = run(profile(budget=500.0), catalog([FAST]))
    assert res.has_plan
    assert res.shortfall["py"] == 2.0
    assert any(r.limit == "budget" and r.need == 900.0 for r in res.reasons)


def test_booked_action_needing_an_excluded_one_is_explained() -> None:
    from careerfit_opt.model import (
        Action,
        BookedAction,
        Catalog,
        Dimension,
        Limits,
        Occupation,
        Preferences,
        Profile,
        Requirement,
        Scenario,
    )
    from careerfit_opt.planner import plan
    from careerfit_opt.planner.verify import verify_plan

    def course(ident: str, gain: float, needs: list[str] | None = None) -> Action:
        return Action(
            id=ident,
            kind="course",
            title=ident.upper(),
            duration_weeks=2,
            hours_per_week=3,
            gains={"a": gain},
            requires_actions=needs or [],
        )

    cat = Catalog(
        name="t",
        dimensions=[Dimension(id="a", name="A", kind="skill")],
        occupations=[
            Occupation(id="o", title="O", requirements={"a": Requirement(level=3, importance=4)})
        ],
        actions=[course("a0", 1), course("a2", 2, ["a0"]), course("a3", 3)],
    )
    prof = Profile(
        levels={"a": 0},
        limits=Limits(budget=100, hours_per_week=10, horizon_weeks=20),
        preferences=Preferences(
            excluded_actions=["a0"], booked_actions=[BookedAction(action_id="a2")]
        ),
    )
    result = plan(prof, "o", cat)
    assert result.status.value == "infeasible"
    assert not result.steps  # the excluded prerequisite is never planned
    assert any("it needs a0, which you excluded" in r.message for r in result.reasons)
    assert verify_plan(result, Scenario(profile=prof, target="o"), cat).ok


def test_no_time_for_explanations_says_so_instead_of_guessing() -> None:
    from careerfit_opt.planner import build_problem
    from careerfit_opt.planner.budget import Budget
    from careerfit_opt.planner.explain import explain

    cat = catalog([FAST])
    problem = build_problem(profile(budget=500.0), "t", cat, hard=True)
    spent = Budget.of_seconds(1.0)
    spent.used = spent.work  # the time allowed for explanations has run out
    (reason,) = explain(problem, budget=spent)
    assert reason.limit == "unexplained"
    assert "raise the time limit" in reason.message
    # With time, the same problem is explained by its budget.
    assert [r.limit for r in explain(problem, time_limit=5.0)] == ["budget"]


def test_explanations_switched_off_give_no_guess() -> None:
    res = run(profile(budget=500.0), catalog([FAST]), hard=True, explain_reasons=False)
    assert res.status.value == "infeasible"
    assert res.reasons == []


def test_explanations_switched_off_keep_the_catalogue_limits_without_a_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A soft plan that leaves a gap no action can close: with explanations off the catalogue
    # limit (no solver) is still given, and no guarded model is built for it.
    explain_module = importlib.import_module("careerfit_opt.planner.explain")

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("a guarded model was built with explanations switched off")

    monkeypatch.setattr(explain_module, "build_model", no_model)
    res = run(profile(), catalog([action("small", gains={"py": 1.0})]), explain_reasons=False)
    assert res.has_plan
    assert res.shortfall["py"] > 0
    assert [r.limit for r in res.reasons] == ["target:py"]
    monkeypatch.undo()
    # With explanations on, the same gap gets the same catalogue reason.
    on = run(profile(), catalog([action("small", gains={"py": 1.0})]))
    assert [r.limit for r in on.reasons] == ["target:py"]
