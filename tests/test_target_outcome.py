"""No silent empty plan: the target's outcome comes first (issue 11, item 3), and the booking
rules plan() and validate share (item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from careerfit_opt.cli import main
from careerfit_opt.errors import InputError
from careerfit_opt.model import Catalog, Occupation, Profile, Requirement, Scenario
from careerfit_opt.planner import plan
from careerfit_opt.planner.verify import verify_plan
from planner_small import DIMS, action, catalog, profile, run


def test_empty_catalogue_plan_says_the_target_is_unmet() -> None:
    result = run(profile(), catalog([], {"py": 3.0, "stats": 2.0}))
    assert result.has_plan
    assert result.steps == []
    assert result.target_met is False
    assert [g.dimension for g in result.open_gaps] == ["py", "stats"]
    assert all(g.cause == "catalogue" for g in result.open_gaps)
    assert "course" in result.open_gaps[0].remedy
    assert result.headline.startswith("TARGET NOT MET")
    assert "no actions" in result.notes[0]


def test_a_plan_that_closes_every_gap_meets_the_target() -> None:
    result = run(profile(), catalog([action("c", gains={"py": 2.0})]))
    assert result.target_met is True
    assert result.open_gaps == []
    assert result.headline == "target met (optimal)"


def test_limits_that_keep_a_step_out_are_the_cause() -> None:
    cat = catalog([action("c", cost=500.0, gains={"py": 2.0})])
    result = run(profile(budget=100.0), cat)
    assert result.target_met is False
    (gap,) = result.open_gaps
    assert (gap.dimension, gap.cause, gap.short) == ("py", "limits", 2.0)


def _licence_catalog() -> Catalog:
    occ = Occupation(
        id="t",
        title="Target job",
        requirements={
            "py": Requirement(level=2.0, importance=5.0),
            "lic": Requirement(level=1.0, importance=5.0),
        },
    )
    return Catalog(
        name="small", dimensions=DIMS, occupations=[occ], actions=[action("c", gains={"py": 1.0})]
    )


def test_unknown_untaught_requirement_is_unassessed_not_a_gap() -> None:
    prof = profile({"py": 1.0})
    result = run(prof, _licence_catalog())
    assert result.unassessed == {"lic": 1.0}
    assert "lic" not in result.shortfall
    assert result.target_met is True
    assert any("Not planned" in n for n in result.notes)


def test_complete_credential_list_makes_a_missing_licence_a_gap() -> None:
    prof = profile({"py": 1.0}).model_copy(update={"credentials_complete": True})
    result = run(prof, _licence_catalog())
    assert result.unassessed == {}
    assert result.target_met is False
    (gap,) = result.open_gaps
    assert (gap.dimension, gap.kind, gap.cause, gap.level) == ("lic", "credential", "catalogue", 0)
    assert "licence exam" in gap.remedy
    held = prof.model_copy(update={"credentials": ["lic"]})
    assert run(held, _licence_catalog()).target_met is True


def test_plan_rejects_an_action_both_booked_and_excluded() -> None:
    cat = catalog([action("c", gains={"py": 2.0})])
    prof = profile(preferences={"booked_actions": [{"action_id": "c"}], "excluded_actions": ["c"]})
    with pytest.raises(InputError, match="both booked and excluded"):
        plan(prof, "t", cat)


def test_plan_rejects_an_action_booked_twice() -> None:
    cat = catalog([action("c", gains={"py": 2.0})])
    prof = profile(
        preferences={
            "booked_actions": [
                {"action_id": "c", "start_week": 0},
                {"action_id": "c", "start_week": 5},
            ]
        }
    )
    with pytest.raises(InputError, match="booked twice"):
        plan(prof, "t", cat)


def _scenario_files(
    tmp_path: Path,
    actions: list[object],
    prefs: dict[str, object],
    requirements: dict[str, float] | None = None,
) -> Path:
    cat = catalog(actions, requirements)  # type: ignore[arg-type]
    (tmp_path / "cat.yaml").write_text(
        yaml.safe_dump(cat.model_dump(mode="json", exclude_none=True)), encoding="utf-8"
    )
    sc = {
        "profile": {"name": "Sam", "levels": {"py": 1.0}, "preferences": prefs},
        "catalog": {"path": "cat.yaml"},
        "target": "t",
    }
    path = tmp_path / "sc.yaml"
    path.write_text(yaml.safe_dump(sc), encoding="utf-8")
    return path


def test_cli_exit_3_and_open_requirements_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _scenario_files(tmp_path, [], {})
    assert main(["validate", str(path)]) == 0
    assert "has no actions" in capsys.readouterr().err
    assert main(["plan", str(path)]) == 3
    text = capsys.readouterr().out
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("─")]
    assert lines[0].startswith("TARGET NOT MET")
    assert "Programming: 1 of 3 needed" in lines[1]
    assert "course" in lines[1]
    assert main(["plan", str(path), "--json"]) == 3
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["target_met"] is False
    assert data["open_gaps"][0]["dimension"] == "py"


def test_cli_open_requirements_read_in_their_units(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rounded as the levels table rounds them (a raw 2.3456 was printed as is), and a
    credential says whether it is held rather than "0 of 1"."""
    path = _scenario_files(tmp_path, [], {}, {"py": 2.3456, "lic": 1.0})
    data = yaml.safe_load(path.read_text("utf-8"))
    data["profile"]["credentials_complete"] = True  # the licence is known: not held
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["plan", str(path)]) == 3
    opens = [ln.strip() for ln in capsys.readouterr().out.splitlines() if "open: " in ln]
    assert len(opens) == 2
    assert any(o.startswith("open: Programming: 1 of 2.3 needed (no step in the") for o in opens)
    assert any(o.startswith("open: Licence: not held, needed (no step in the") for o in opens)


def test_validate_rejects_an_action_booked_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    booked = [{"action_id": "c"}, {"action_id": "c", "start_week": 3}]
    path = _scenario_files(tmp_path, [action("c", gains={"py": 2.0})], {"booked_actions": booked})
    assert main(["validate", str(path)]) == 2
    assert "booked twice" in capsys.readouterr().err


def test_verifier_agrees_on_unassessed_requirements() -> None:
    prof = profile({"py": 1.0})
    cat = _licence_catalog()
    result = plan(prof, "t", cat)
    report = verify_plan(result, Scenario(profile=prof, target="t"), cat)
    assert report.ok, str(report)


def test_reports_never_show_optimal_alone_for_an_unmet_target() -> None:
    from careerfit_opt.report import html, markdown

    result = run(profile(), catalog([], {"py": 3.0}))
    assert result.status.value == "optimal"
    for text in (markdown._status(result), html._status(result)):
        assert "TARGET NOT MET" in text


def test_gaps_on_estimated_levels_no_step_raises_are_named_as_estimates() -> None:
    """A profile from an occupation has every level estimated; a gap that no step can close
    (an O*NET ability, typically) may be no gap for the person, so the headline and the gap
    say it rests on an estimate (a dental assistant's plan to hygienist listed 13 abilities
    as "TARGET NOT MET" without saying so)."""
    src = Occupation(
        id="s",
        title="Source job",
        requirements={"py": Requirement(level=1.0), "stats": Requirement(level=1.0)},
    )
    cat = catalog([action("c", gains={"py": 2.0})], {"py": 3.0, "stats": 2.0})
    cat = cat.model_copy(update={"occupations": [*cat.occupations, src]})
    est = Profile.from_occupation(src, "Sam").model_copy(update={"limits": profile().limits})
    result = run(est, cat)
    (gap,) = result.open_gaps
    assert gap.dimension == "stats"
    assert gap.estimated
    assert gap.cause == "catalogue"
    assert gap.remedy.endswith("level is estimated from Source job: yours may be higher")
    assert result.headline == (
        "TARGET NOT MET: the best plan within your limits leaves 1 requirement open (optimal); "
        "it rests on a level estimated from Source job that no step raises: rate your own in "
        "the profile"
    )
    given = run(profile({"py": 1.0, "stats": 1.0}), cat)
    assert not given.open_gaps[0].estimated
    assert given.headline.endswith("leaves 1 requirement open (optimal)")
