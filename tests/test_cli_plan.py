"""``careerfit plan``: exit codes, JSON keys, text view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from careerfit_opt.cli import main
from planner_small import action, catalog


def _write(
    tmp_path: Path,
    limits: dict[str, float],
    target: object = "t",
    levels: dict[str, float] | None = None,
) -> Path:
    cat = catalog(
        [
            action("fast", duration_weeks=2, cost=900.0, gains={"py": 2.0}),
            action("slow", duration_weeks=10, cost=0.0, gains={"py": 2.0}),
        ]
    )
    (tmp_path / "cat.yaml").write_text(
        yaml.safe_dump(cat.model_dump(mode="json", exclude_none=True)), encoding="utf-8"
    )
    sc = {
        "name": "cli test",
        "profile": {
            "name": "Sam",
            "levels": {"py": 1.0} if levels is None else levels,
            "limits": limits,
        },
        "catalog": {"path": "cat.yaml"},
        "target": target,
    }
    path = tmp_path / "sc.yaml"
    path.write_text(yaml.safe_dump(sc), encoding="utf-8")
    return path


def test_plan_json_has_stable_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {"budget": 2000, "horizon_weeks": 52})
    assert main(["plan", str(path), "--json", "--objective", "fastest"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "status",
        "ready_week",
        "total_cost",
        "steps",
        "final_levels",
        "shortfall",
        "reasons",
    ):
        assert key in data
    assert data["status"] == "optimal"
    assert data["ready_week"] == 2
    step = data["steps"][0]
    for key in ("action_id", "kind", "start_week", "end_week", "hours_per_week", "cost"):
        assert key in step


def test_plan_text_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {"budget": 2000, "horizon_weeks": 52})
    assert main(["plan", str(path), "--objective", "cheapest"]) == 0
    text = capsys.readouterr().out
    assert "Target job" in text
    assert "slow" in text
    assert "Ready in week" in text
    assert "· 1 step ·" in text  # one step, not "1 steps"


def test_plan_pareto_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {"budget": 2000, "horizon_weeks": 52})
    assert main(["plan", str(path), "--json", "--pareto"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(p["ready_week"], p["total_cost"]) for p in data] == [(2, 900.0), (10, 0.0)]


def test_infeasible_exits_1_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path, {"budget": 100, "horizon_weeks": 6}, target={"occupation": "t", "hard": True}
    )
    assert main(["plan", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "infeasible"
    assert {r["limit"] for r in data["reasons"]} == {"budget", "horizon"}


def test_bad_input_exits_2(tmp_path: Path) -> None:
    path = _write(tmp_path, {"budget": 100})
    assert main(["plan", str(path), "--objective", "quickest"]) == 2
    assert main(["plan", str(tmp_path / "missing.yaml")]) == 2


def test_an_unknown_starting_level_is_shown_as_assumed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Programming left out of the profile: planned from the scale minimum, and said so.
    path = _write(tmp_path, {"budget": 2000, "horizon_weeks": 52}, levels={"stats": 2.0})
    assert main(["plan", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["assumed_levels"] == {"py": 0.0}
    assert main(["plan", str(path)]) == 0
    assert "unknown (0 assumed)" in capsys.readouterr().out
