"""The independent plan verifier: a correct hand-built plan passes, and for every planning rule a
plan that breaks exactly that rule is rejected with a message naming it. No CP-SAT involved."""

from __future__ import annotations

from typing import Any

import pytest

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
from careerfit_opt.model.plans import PlanResult, PlanStep
from careerfit_opt.planner import verify as v
from careerfit_opt.planner.verify import action_enjoyment, verify_plan

ACTIONS = [
    Action(id="py1", kind="course", title="Python 1", duration_weeks=4, hours_per_week=10,
           cost=200, gains={"py": 2}, interests=["I"]),
    Action(id="py2", kind="course", title="Python 2", duration_weeks=4, hours_per_week=10,
           cost=300, gains={"py": 2}, requires_actions=["py1"], exclusive_group="py2"),
    Action(id="py2b", kind="course", title="Python 2 (evening)", duration_weeks=6,
           hours_per_week=5, cost=250, gains={"py": 2}, requires_levels={"py": 3},
           exclusive_group="py2"),
    Action(id="sql1", kind="course", title="SQL", duration_weeks=3, hours_per_week=8, cost=100,
           gains={"sql": 2}, start_weeks=[0, 4, 8], interests=["C", "I"]),
    Action(id="cert1", kind="certification", title="Python cert", duration_weeks=1,
           hours_per_week=5, cost=400, gains={"cert": 1}, requires_levels={"py": 3.5}),
    Action(id="intern", kind="trial_role", title="Internship", duration_weeks=8,
           hours_per_week=30, cost=-2000, gains={"exp": 6, "py": 1}),
    Action(id="meet", kind="networking", title="Meet-ups", duration_weeks=2, hours_per_week=2,
           gains={"net": 5}),
]  # fmt: skip

CATALOG = Catalog(
    name="verify-test",
    dimensions=[
        Dimension(id="py", name="Programming", kind="skill"),
        Dimension(id="sql", name="SQL", kind="skill"),
        Dimension(id="cert", name="Python certificate", kind="credential"),
        Dimension(id="exp", name="IT experience", kind="experience"),
        Dimension(id="net", name="Network", kind="network"),
    ],
    occupations=[
        Occupation(
            id="dev",
            title="Developer",
            requirements={
                "py": Requirement(level=4, importance=5),  # weight 1
                "sql": Requirement(level=3, importance=3),  # weight 0.5
                "cert": Requirement(level=1, importance=4),  # weight 0.75
                "net": Requirement(level=2, importance=2),  # below threshold: no target
            },
        )
    ],
    actions=ACTIONS,
)

#: The correct plan: py1 → py2 (with SQL alongside, in its week-4 cohort) → certificate.
GOOD = [("py1", 0), ("py2", 4), ("sql1", 4), ("cert1", 8)]
NOTE = "starting level of cert (Python certificate) unknown: assumed 0"


def scenario(
    *,
    levels: dict[str, float] | None = None,
    hard: bool = False,
    prefs: dict[str, Any] | None = None,
    **limits: Any,
) -> Scenario:
    """The test scenario; keyword arguments override the limits."""
    lim = {"budget": 1000.0, "hours_per_week": 20.0, "horizon_weeks": 20, **limits}
    return Scenario(
        profile=Profile(
            levels=levels if levels is not None else {"py": 1.0, "sql": 1.0},
            interests=Riasec(
                realistic=1,
                investigative=7,
                artistic=1,
                social=1,
                enterprising=1,
                conventional=4,
            ),
            limits=lim,
            preferences=prefs or {},
        ),
        catalog="verify-test.yaml",
        target={"occupation": "dev", "hard": hard},
        objective="fastest",
    )


def step(action_id: str, start: int, **override: Any) -> PlanStep:
    """A step copying its action's data."""
    act = CATALOG.action(action_id)
    data: dict[str, Any] = {
        "action_id": act.id,
        "kind": act.kind,
        "title": act.title,
        "start_week": start,
        "end_week": start + act.duration_weeks,
        "hours_per_week": act.hours_per_week,
        "cost": act.cost,
        **override,
    }
    return PlanStep(**data)


def make_plan(sc: Scenario, placements: list[tuple[str, int]], **claims: Any) -> PlanResult:
    """A plan of ``placements`` whose claims are the verifier's own recomputation, so a test of one
    rule breaks only that rule; ``claims`` override any field."""
    steps = sorted((step(a, s) for a, s in placements), key=lambda x: (x.start_week, x.action_id))
    draft = PlanResult(status="feasible", target="dev", objective="fastest", steps=steps)
    rec = verify_plan(draft, sc, CATALOG).recomputed
    assert rec is not None
    data: dict[str, Any] = {
        "status": "feasible",
        "target": "dev",
        "objective": "fastest",
        "steps": steps,
        "ready_week": rec.ready_week,
        "total_cost": rec.total_cost,
        "total_income": rec.total_income,
        "final_levels": rec.final_levels,
        "shortfall": rec.shortfall,
        "weighted_shortfall": rec.weighted_shortfall,
        "enjoyment": rec.enjoyment,
        "notes": [NOTE],
        **claims,
    }
    return PlanResult(**data)


def broken(report: v.VerificationReport, rule: str) -> None:
    """The report rejects the plan for ``rule`` alone, with a message naming it."""
    assert not report.ok
    assert report.rules_broken == [rule], report.violations
    assert all(msg.startswith(rule + ":") for msg in report.violations)


# --- a correct plan --------------------------------------------------------------------------


def test_correct_hand_built_plan_passes_with_hand_computed_numbers() -> None:
    sc = scenario()
    plan = PlanResult(
        status="optimal",
        target="dev",
        objective="fastest",
        steps=[step("py1", 0), step("py2", 4), step("sql1", 4), step("cert1", 8)],
        ready_week=9,
        total_cost=1000.0,
        total_income=0.0,
        final_levels={"py": 5.0, "sql": 3.0, "cert": 1.0},
        shortfall={"py": 0.0, "sql": 0.0, "cert": 0.0},
        weighted_shortfall=0.0,
        level_timeline={"py": [(0, 1.0), (4, 3.0), (8, 5.0)], "cert": [(0, 0.0), (9, 1.0)]},
        notes=[NOTE],
    )
    report = verify_plan(plan, sc, CATALOG)
    assert report.ok, report.violations
    rec = report.recomputed
    assert rec is not None
    assert rec.ready_week == 9
    assert rec.total_cost == 1000.0
    assert rec.peak_hours == 18.0
    assert rec.final_levels == {"py": 5.0, "sql": 3.0, "cert": 1.0}
    assert rec.assumed_minimum == ["cert"]
    assert "net" not in rec.shortfall  # importance below the threshold: not a target


def test_shortfall_and_weighted_shortfall_recomputed_by_hand() -> None:
    # Without SQL and the certificate: sql 1 of 3 (weight 0.5), cert 0 of 1 (weight 0.75).
    report = verify_plan(make_plan(scenario(), [("py1", 0), ("py2", 4)]), scenario(), CATALOG)
    assert report.ok, report.violations
    assert report.recomputed is not None
    assert report.recomputed.shortfall == {"py": 0.0, "sql": 2.0, "cert": 1.0}
    assert report.recomputed.weighted_shortfall == pytest.approx(0.5 * 2 + 0.75 * 1)


def test_enjoyment_is_the_mean_over_chosen_actions() -> None:
    sc = scenario()
    # py1: I → (7-1)/6 = 1; sql1: C, I → ((4-1)/6 + 1)/2 = 0.75; py2, cert1: none listed → 0.5.
    assert action_enjoyment(CATALOG.action("sql1"), sc.profile) == pytest.approx(0.75)
    rec = verify_plan(make_plan(sc, GOOD), sc, CATALOG).recomputed
    assert rec is not None
    assert rec.enjoyment == pytest.approx((1 + 0.5 + 0.75 + 0.5) / 4)


def test_no_plan_verifies_trivially_unless_it_claims_steps() -> None:
    sc = scenario()
    none = PlanResult(status="infeasible", target="dev", objective="fastest")
    report = verify_plan(none, sc, CATALOG)
    assert report.ok
    assert "no plan" in report.notes[0]
    claims = PlanResult(status="unknown", target="dev", objective="fastest", steps=[step("py1", 0)])
    broken(verify_plan(claims, sc, CATALOG), v.RULE_STATUS)


def test_empty_plan_for_someone_already_qualified() -> None:
    sc = scenario(levels={"py": 5, "sql": 3, "cert": 1})
    report = verify_plan(make_plan(sc, [], notes=[]), sc, CATALOG)
    assert report.ok, report.violations
    assert report.recomputed is not None
    assert report.recomputed.ready_week == 0


# --- one rule broken at a time ---------------------------------------------------------------


def test_unknown_action() -> None:
    sc = scenario()
    plan = make_plan(sc, GOOD)
    ghost = PlanStep(action_id="ghost", kind="course", title="?", start_week=10, end_week=11,
                     hours_per_week=1, cost=0)  # fmt: skip
    plan = plan.model_copy(update={"steps": [*plan.steps, ghost]})
    broken(verify_plan(plan, sc, CATALOG), v.RULE_UNKNOWN_ACTION)


def test_excluded_action() -> None:
    sc = scenario(prefs={"excluded_actions": ["meet"]})
    broken(verify_plan(make_plan(sc, [*GOOD, ("meet", 0)]), sc, CATALOG), v.RULE_EXCLUDED)


def test_action_chosen_twice() -> None:
    sc = scenario()
    plan = make_plan(sc, GOOD)
    plan = plan.model_copy(update={"steps": [*plan.steps, step("py1", 10)]})
    broken(verify_plan(plan, sc, CATALOG), v.RULE_REPEATED)


def test_booked_action_missing() -> None:
    sc = scenario(prefs={"booked_actions": [{"action_id": "meet"}]})
    report = verify_plan(make_plan(sc, GOOD), sc, CATALOG)
    broken(report, v.RULE_BOOKED)
    assert "missing" in report.violations[0]
    assert verify_plan(make_plan(sc, [*GOOD, ("meet", 12)]), sc, CATALOG).ok


def test_booked_action_at_another_week() -> None:
    sc = scenario(prefs={"booked_actions": [{"action_id": "meet", "start_week": 5}]})
    broken(verify_plan(make_plan(sc, [*GOOD, ("meet", 0)]), sc, CATALOG), v.RULE_BOOKED)
    assert verify_plan(make_plan(sc, [*GOOD, ("meet", 5)]), sc, CATALOG).ok


def test_exclusive_group() -> None:
    sc = scenario(budget=2000.0)
    plan = make_plan(sc, [*GOOD, ("py2b", 9)])
    report = verify_plan(plan, sc, CATALOG)
    broken(report, v.RULE_EXCLUSIVE)
    assert "py2, py2b" in report.violations[0]


def test_start_window() -> None:
    sc = scenario()
    placements = [("py1", 0), ("py2", 4), ("sql1", 3), ("cert1", 8)]
    broken(verify_plan(make_plan(sc, placements), sc, CATALOG), v.RULE_WINDOW)


def test_horizon() -> None:
    sc = scenario(horizon_weeks=8)
    report = verify_plan(make_plan(sc, GOOD), sc, CATALOG)
    broken(report, v.RULE_HORIZON)
    assert "cert1 ends at week 9" in report.violations[0]


def test_weekly_hours() -> None:
    sc = scenario(hours_per_week=17)
    report = verify_plan(make_plan(sc, GOOD), sc, CATALOG)
    broken(report, v.RULE_HOURS)
    assert "week 4 uses 18 h" in report.violations[0]


def test_full_time_trial_role_leaves_no_room_for_a_course() -> None:
    sc = scenario(hours_per_week=35, budget=0.0, income_offsets_cost=True)
    ok = make_plan(sc, [("intern", 0), ("meet", 8)])
    assert verify_plan(ok, sc, CATALOG).ok
    alongside = make_plan(sc, [("intern", 0), ("meet", 7)])  # 30 + 2 h fit; 30 + 8 h do not
    assert verify_plan(alongside, sc, CATALOG).ok
    over = make_plan(sc, [("intern", 0), ("sql1", 4)])
    broken(verify_plan(over, sc, CATALOG), v.RULE_HOURS)


def test_budget_without_income_offset() -> None:
    sc = scenario(budget=999.0)
    report = verify_plan(make_plan(sc, GOOD), sc, CATALOG)
    broken(report, v.RULE_BUDGET)
    assert "1,000.00" in report.violations[0]


def test_budget_income_offsets_cost_only_when_allowed() -> None:
    placements = [*GOOD, ("intern", 9)]
    offset = scenario(budget=500.0, hours_per_week=40, income_offsets_cost=True)
    assert verify_plan(make_plan(offset, placements), offset, CATALOG).ok
    no_offset = scenario(budget=500.0, hours_per_week=40, income_offsets_cost=False)
    broken(verify_plan(make_plan(no_offset, placements), no_offset, CATALOG), v.RULE_BUDGET)


def test_action_prerequisite_must_finish_first() -> None:
    sc = scenario()
    placements = [("py1", 0), ("py2", 3), ("sql1", 4), ("cert1", 8)]
    report = verify_plan(make_plan(sc, placements), sc, CATALOG)
    broken(report, v.RULE_ACTION_PREREQ)
    assert "py1 ends at week 4" in report.violations[0]


def test_action_prerequisite_missing() -> None:
    sc = scenario(levels={"py": 2.0, "sql": 1.0})  # py 2 + 2 = 4 ≥ 3.5: only py1 is missing
    report = verify_plan(make_plan(sc, [("py2", 0), ("sql1", 4), ("cert1", 8)]), sc, CATALOG)
    broken(report, v.RULE_ACTION_PREREQ)
    assert "not in the plan" in report.violations[0]


def test_threshold_prerequisite_judged_at_start() -> None:
    sc = scenario()
    # cert1 starts at week 7, while py2 (ending at week 8) is still running: py is 3 < 3.5.
    placements = [("py1", 0), ("py2", 4), ("sql1", 4), ("cert1", 7)]
    report = verify_plan(make_plan(sc, placements), sc, CATALOG)
    broken(report, v.RULE_THRESHOLD_PREREQ)
    assert "py ≥ 3.5" in report.violations[0]
    assert "gives 3" in report.violations[0]


def test_threshold_prerequisite_uses_scale_minimum_for_unknown_levels() -> None:
    sc = scenario(levels={"sql": 1.0})  # py unknown → assumed 0: py1+py2 give 4 ≥ 3.5
    assert verify_plan(make_plan(sc, GOOD, notes=[NOTE + "; py assumed 0"]), sc, CATALOG).ok
    # py2b needs py ≥ 3 at its start: after py1 alone an unknown py is only 2.
    late = make_plan(sc, [("py1", 0), ("py2b", 4)], notes=[NOTE + "; py assumed 0"])
    broken(verify_plan(late, sc, CATALOG), v.RULE_THRESHOLD_PREREQ)


def test_scale_cap_applies_to_the_sum() -> None:
    sc = scenario(levels={"py": 6.0, "sql": 1.0})
    capped = make_plan(sc, [("py1", 0), ("py2", 4)])
    assert capped.final_levels["py"] == 7.0
    assert verify_plan(capped, sc, CATALOG).ok
    uncapped = capped.model_copy(update={"final_levels": {**capped.final_levels, "py": 10.0}})
    report = verify_plan(uncapped, sc, CATALOG)
    assert not report.ok
    assert v.RULE_SCALE_CAP in report.rules_broken
    assert any("above the scale maximum 7" in m for m in report.violations)


def test_scale_cap_on_claimed_step_gains() -> None:
    sc = scenario(levels={"py": 6.0, "sql": 1.0})
    plan = make_plan(sc, [("py1", 0), ("py2", 4)])
    raw = [s.model_copy(update={"gains": {"py": 2.0}}) for s in plan.steps]
    broken(verify_plan(plan.model_copy(update={"steps": raw}), sc, CATALOG), v.RULE_SCALE_CAP)
    after_caps = [
        plan.steps[0].model_copy(update={"gains": {"py": 1.0}}),
        plan.steps[1].model_copy(update={"gains": {}}),
    ]
    assert verify_plan(plan.model_copy(update={"steps": after_caps}), sc, CATALOG).ok


def test_hard_target() -> None:
    sc = scenario(hard=True)
    without_cert = [("py1", 0), ("py2", 4), ("sql1", 4)]
    report = verify_plan(make_plan(sc, without_cert), sc, CATALOG)
    broken(report, v.RULE_HARD_TARGET)
    assert "cert" in report.violations[0]
    soft = scenario()
    assert verify_plan(make_plan(soft, without_cert), soft, CATALOG).ok
    broken(verify_plan(make_plan(soft, without_cert), soft, CATALOG, hard=True), v.RULE_HARD_TARGET)


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("ready_week", 8, v.RULE_READY_WEEK),
        ("total_cost", 900.0, v.RULE_TOTAL_COST),
        ("total_income", 5.0, v.RULE_TOTAL_INCOME),
        ("final_levels", {"py": 5.0, "sql": 3.0, "cert": 0.5}, v.RULE_FINAL_LEVELS),
        ("final_levels", {"py": 5.0, "sql": 3.0}, v.RULE_FINAL_LEVELS),
        ("shortfall", {"py": 0.0, "sql": 0.5, "cert": 0.0}, v.RULE_SHORTFALL),
        ("weighted_shortfall", 0.25, v.RULE_WEIGHTED_SHORTFALL),
        ("enjoyment", 0.9, v.RULE_ENJOYMENT),
        ("level_timeline", {"py": [(0, 1.0), (4, 3.0), (7, 5.0)]}, v.RULE_TIMELINE),
        ("notes", [], v.RULE_UNKNOWN_NOTE),
        ("target", "other", v.RULE_TARGET),
    ],
)
def test_wrong_claims_are_caught(field: str, value: Any, rule: str) -> None:
    sc = scenario()
    plan = make_plan(sc, GOOD, **{field: value})
    report = verify_plan(plan, sc, CATALOG)
    assert not report.ok
    assert rule in report.rules_broken, report.violations
    if field != "target":
        broken(report, rule)


def test_claims_within_tolerance_pass() -> None:
    sc = scenario()
    plan = make_plan(
        sc,
        GOOD,
        final_levels={"py": 5.004, "sql": 2.996, "cert": 1.0},
        total_cost=1000.0 * (1 + 1e-9),
    )
    assert verify_plan(plan, sc, CATALOG).ok


@pytest.mark.parametrize(
    "override",
    [{"end_week": 6}, {"hours_per_week": 3.0}, {"cost": 10.0}, {"kind": "networking"},
     {"gains": {"py": 3.0}}],
)  # fmt: skip
def test_step_must_copy_its_action(override: dict[str, Any]) -> None:
    sc = scenario()
    plan = make_plan(sc, GOOD)
    steps = [plan.steps[0].model_copy(update=override), *plan.steps[1:]]
    broken(verify_plan(plan.model_copy(update={"steps": steps}), sc, CATALOG), v.RULE_STEP_DATA)


def test_steps_must_be_sorted() -> None:
    sc = scenario()
    plan = make_plan(sc, GOOD)
    shuffled = list(reversed(plan.steps))
    broken(verify_plan(plan.model_copy(update={"steps": shuffled}), sc, CATALOG), v.RULE_ORDER)


def test_report_reads_as_a_sentence() -> None:
    sc = scenario(hours_per_week=17)
    text = str(verify_plan(make_plan(sc, GOOD), sc, CATALOG))
    assert text.startswith("plan violates: weekly hours: week 4")


def test_public_api_accepts_a_loaded_scenario() -> None:
    import careerfit_opt
    from careerfit_opt.io.scenario import LoadedScenario

    sc = scenario(hours_per_week=17)
    plan = make_plan(sc, GOOD)
    report = careerfit_opt.verify_plan(plan, LoadedScenario(scenario=sc, catalog=CATALOG))
    assert report.rules_broken == [v.RULE_HOURS]
    assert careerfit_opt.verify_plan(make_plan(scenario(), GOOD), scenario(), CATALOG).ok
