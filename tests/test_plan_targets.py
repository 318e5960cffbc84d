"""Planning a scenario's top-N recommendations (``target: {recommend_top: N}``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerfit_opt import load_scenario, plan_targets, recommend, verify_plan
from careerfit_opt.cli import main
from careerfit_opt.model import Target

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "undecided_retail_supervisor.yaml"


def test_plans_each_recommendation_in_order() -> None:
    loaded = load_scenario(SCENARIO)
    sc = loaded.scenario
    assert sc.target.recommend_top == 3
    expected = [
        r.occupation_id
        for r in recommend(sc.profile, loaded.catalog, top=3, settings=sc.scoring).items
    ]
    results = plan_targets(sc, loaded.catalog)
    assert [r.target for r in results] == expected
    excluded = set(sc.profile.preferences.excluded_occupations)
    assert not excluded & set(expected)
    for result in results:
        assert result.has_plan
        report = verify_plan(
            result,
            sc.model_copy(update={"target": Target(occupation=result.target)}),
            loaded.catalog,
        )
        assert report.ok, report.violations


def test_cli_prints_a_comparison_and_a_json_list(capsys: pytest.CaptureFixture[str]) -> None:
    # Exit 3 when no plan meets its target within the person's limits (which of the top three
    # can be met depends on the recommendations); the comparison is printed either way.
    assert main(["plan", str(SCENARIO)]) in (0, 3)
    text = capsys.readouterr().out
    assert "Plans for your top recommendations" in text
    assert main(["plan", str(SCENARIO), "--json"]) in (0, 3)
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list)
    assert len(data) == 3
    assert {"status", "ready_week", "total_cost", "steps", "reasons"} <= set(data[0])


def test_fit_after_a_plan_compares_like_for_like_with_the_fit_before() -> None:
    # The HR specialist plan raises an experience level the profile leaves unknown. Scoring the
    # fit after on that planned lower bound, but the fit before without it, read 0.97 → 0.92:
    # the plan looked as if it made the person less qualified.
    loaded = load_scenario(SCENARIO)
    for result in plan_targets(loaded.scenario, loaded.catalog):
        before, after = result.fit_before, result.fit_after
        assert before is not None
        assert after is not None
        assert after.coverage == before.coverage
        assert after.qualification >= before.qualification - 1e-9, result.target
