"""``target.must_meet``: requirements met in full although the target is soft, and the
explanation of a gap the objective (not a limit) left open."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from careerfit_opt.errors import ArgumentError, InputError
from careerfit_opt.io.scenario import scenario_from_data
from careerfit_opt.model import PlanResult, Scenario
from careerfit_opt.planner import build_problem, plan
from careerfit_opt.planner.budget import Budget
from careerfit_opt.planner.explain import explain_shortfall
from careerfit_opt.planner.greedy import greedy_starts
from careerfit_opt.planner.verify import verify_plan
from conftest import SCENARIOS
from planner_small import action, catalog, chosen, profile

# Programming 1 → 3 and the licence weigh alike per unit: the bootcamp closes 2 units, the
# licence 1, and the budget pays for one of them. A soft plan takes the bootcamp.
BOOTCAMP = action("bootcamp", cost=500.0, gains={"py": 2.0})
LICENCE = action("licence", kind="certification", cost=500.0, gains={"lic": 1.0})
CAT = catalog([BOOTCAMP, LICENCE], {"py": 3.0, "lic": 1.0})


def _plan(must_meet: list[str], **limits: float) -> tuple[Scenario, PlanResult]:
    prof = profile(budget=500.0, **limits)
    scenario = Scenario(profile=prof, target={"occupation": "t", "must_meet": must_meet})
    result = plan(prof, "t", CAT, must_meet=must_meet)
    assert verify_plan(result, scenario, CAT).ok
    return scenario, result


def test_a_soft_plan_trades_the_licence_away_and_says_so() -> None:
    _, result = _plan([])
    assert set(chosen(result)) == {"bootcamp"}
    gap = result.open_gaps[0]
    assert (gap.dimension, gap.cause) == ("lic", "objective")
    reasons = {r.limit: r.message for r in result.reasons}
    assert "add lic to target.must_meet" in reasons["trade-off:lic"]
    assert "prerequisite" not in " ".join(reasons)  # the old, wrong explanation


def test_must_meet_keeps_the_licence_and_leaves_the_rest_best_effort() -> None:
    _, result = _plan(["lic"])
    assert set(chosen(result)) == {"licence"}
    assert result.shortfall["lic"] == 0.0
    assert result.shortfall["py"] == 2.0
    assert result.status.value == "optimal"


def test_must_meet_out_of_reach_is_infeasible_with_the_blocking_limit() -> None:
    prof = profile(budget=100.0)
    result = plan(prof, "t", CAT, must_meet=["lic"])
    assert result.status.value == "infeasible"
    assert any(r.limit == "budget" for r in result.reasons), result.reasons
    assert not result.steps


def test_the_verifier_rejects_a_plan_that_misses_a_must_meet_requirement() -> None:
    scenario, soft = _plan([])
    strict = scenario.model_copy(
        update={"target": scenario.target.model_copy(update={"must_meet": ["lic"]})}
    )
    report = verify_plan(soft, strict, CAT)
    assert not report.ok
    assert "must_meet lists it but lic ends at 0" in str(report)
    assert not verify_plan(soft, scenario, CAT, must_meet=["lic"]).ok


def test_the_greedy_hint_closes_a_must_meet_target_first() -> None:
    prob = build_problem(profile(budget=500.0), "t", CAT, must_meet=["lic"])
    assert set(greedy_starts(prob, "fastest", max_ops=10_000) or {}) == {"licence"}


@pytest.mark.parametrize(
    ("must_meet", "field", "message"),
    [
        (["stats"], "target.must_meet[0]", "not a requirement of Target job"),
        (["lic", "lic"], "must_meet", "twice"),
        ("lic", "must_meet", "a list of requirement ids"),
    ],
)
def test_must_meet_names_requirements_of_the_target(
    must_meet: object, field: str, message: str
) -> None:
    with pytest.raises((InputError, ArgumentError)) as err:
        plan(profile(), "t", CAT, must_meet=must_meet)
    assert err.value.problems[0].field == field
    assert message in err.value.problems[0].message


def test_must_meet_below_the_importance_threshold_is_refused(tmp_path: Path) -> None:
    data = {
        "profile": {"name": "x"},
        "catalog": "default",
        "target": {"occupation": "graphic_designer", "must_meet": ["python"]},
    }
    with pytest.raises(InputError, match=r"target.must_meet\[0\]"):
        scenario_from_data(data, tmp_path)


def test_must_meet_needs_one_target_occupation(tmp_path: Path) -> None:
    data = {"profile": {"name": "x"}, "target": {"recommend_top": 3, "must_meet": ["writing"]}}
    with pytest.raises(InputError, match="must_meet names requirements of one occupation"):
        scenario_from_data(data, tmp_path)


def test_gaps_the_time_ran_out_on_are_one_reason_naming_them() -> None:
    prob = build_problem(profile(budget=0.0), "t", CAT)
    reasons = explain_shortfall(prob, {"py": 2.0, "lic": 1.0}, budget=Budget.of_seconds(0.0))
    assert [r.limit for r in reasons] == ["unexplained"]
    assert "2 gaps (Licence, Programming)" in reasons[0].message


@pytest.mark.onet
def test_the_nurse_scenario_plans_the_licence_route(onet_dir: Path) -> None:
    path = SCENARIOS / "onet" / "customer_service_to_nurse.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["target"]["must_meet"] == ["license_registered_nurse"]
    data["catalog"]["onet"] = str(onet_dir)
    loaded = scenario_from_data(data, path.parent, source=str(path))
    sc = loaded.scenario
    result = plan(sc.profile, "29-1141.00", loaded.catalog, objective=sc.objective,
                  must_meet=sc.target.must_meet, time_limit=sc.solver.time_limit_s)  # fmt: skip
    assert result.final_levels["license_registered_nurse"] == 1.0
    steps = {s.action_id for s in result.steps}
    assert {"license_registered_nurse_programme_2", "license_registered_nurse_exam"} <= steps
    assert verify_plan(result, sc, loaded.catalog).ok
