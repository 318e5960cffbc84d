"""Planning a scenario's top-N recommendations (``target: {recommend_top: N}``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerfit_opt import load_scenario, plan_targets, recommend, verify_plan
from careerfit_opt.cli import main
from careerfit_opt.model import Target
from careerfit_opt.scoring import fit_summary

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
    # Exit 3 means no plan meets its target. With unrated requirements of the bundled
    # catalogue read as level 0, none of the retail supervisor's top three did; read as
    # unknown, at least one does (Community Health Worker, measured): exit 0.
    assert main(["plan", str(SCENARIO)]) == 0
    text = capsys.readouterr().out
    assert "Plans for your top recommendations" in text
    assert main(["plan", str(SCENARIO), "--json"]) == 0
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
        # Closing gaps never lowers the fit; raising a level past what the job needs may (the
        # capability the job does not use, docs/scoring.md): the Medical Assistant plan's
        # customer-service course lifts Service Orientation 4 → 5 where the job asks 3, and q
        # reads 0.85 → 0.78 (0.88 without that side effect). So the levels after the plan are
        # compared with what the job needs raised no further than the need.
        occ = loaded.catalog.occupation(result.target)
        known = loaded.scenario.profile.known_levels()
        capped: dict[str, float | None] = {}
        for k, v in result.final_levels.items():
            if v is None or k not in known:
                continue
            need = occ.requirements[k].level if k in occ.requirements else None
            capped[k] = v if need is None or v <= need else max(known[k], need)
        closed = fit_summary(loaded.scenario.profile, occ, loaded.scenario.scoring,
                             levels=capped, dimensions=loaded.catalog.dimensions)  # fmt: skip
        assert closed.coverage == before.coverage
        assert closed.qualification >= before.qualification - 1e-9, result.target
