"""Plans toward real O*NET occupations (issue 11): the bundled actions and overlay, composed
catalogues, one vocabulary, and the coverage of every O*NET 30.1 skill and knowledge area."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from careerfit_opt.data.careers import load_career_actions, load_overlay
from careerfit_opt.errors import InputError
from careerfit_opt.io.scenario import scenario_from_data
from careerfit_opt.model import Catalog
from conftest import REPO_ROOT, SCENARIOS

ONET30 = Path(
    os.environ.get("CAREERFIT_ONET_DIR", REPO_ROOT.parent / "shared" / "data" / "onet-30.1")
)


@pytest.fixture(scope="module")
def onet30() -> Path:
    """The O*NET 30.1 tables (skip when absent, fail in CI)."""
    if not (ONET30 / "skills.txt").exists() and not any(ONET30.glob("[Ss]kills*")):
        msg = f"O*NET 30.1 tables not found at {ONET30} (set CAREERFIT_ONET_DIR)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return ONET30


def _scenario(onet: Path, **catalog: object) -> dict[str, object]:
    data = yaml.safe_load((SCENARIOS / "accountant_to_designer.yaml").read_text("utf-8"))
    data["profile"]["preferences"].pop("excluded_actions", None)  # ids of the default catalogue
    data["catalog"] = {"onet": str(onet), **catalog}
    data["target"] = "27-1024.00"
    return data


@pytest.fixture(scope="module")
def composed(onet30: Path) -> Catalog:
    return scenario_from_data(_scenario(onet30, actions=["bundled"]), REPO_ROOT).catalog


@pytest.mark.onet
def test_every_important_onet_area_is_raised_by_some_bundled_action(composed: Catalog) -> None:
    important = {
        k
        for occ in composed.occupations
        for k, req in occ.requirements.items()
        if req.importance >= 3 and composed.dimension_by_id[k].kind.value in ("skill", "knowledge")
    }
    assert len(important) >= 60  # 35 skills and 33 knowledge areas in 30.1
    raised = {k for a in load_career_actions().actions for k in a.gains}
    assert sorted(important - raised) == []


def test_every_overlay_requirement_is_raised_by_some_bundled_action() -> None:
    raised = {k for a in load_career_actions().actions for k in a.gains}
    needed = {k for reqs in load_overlay().occupations.values() for k in reqs}
    assert needed
    assert sorted(needed - raised) == []


def test_bundled_actions_and_overlay_are_labelled_illustrative() -> None:
    actions = load_career_actions()
    assert actions.illustrative
    assert "ILLUSTRATIVE" in actions.description
    assert all("illustrative" in a.provider for a in actions.actions)
    assert load_overlay().illustrative


@pytest.mark.onet
def test_a_profile_for_the_bundled_catalogue_works_on_onet_unchanged(composed: Catalog) -> None:
    # The accountant's profile names cert_cpa and experience_business_finance, which O*NET
    # lacks: the vocabulary supplies them.
    assert {"cert_cpa", "experience_business_finance", "license_electrician"} <= set(
        composed.dimension_ids
    )
    assert composed.illustrative
    assert "ILLUSTRATIVE" in composed.description
    electrician = composed.occupation("47-2111.00")
    assert electrician.family == "trades"
    assert electrician.requirements["license_electrician"].importance == 5
    assert composed.occupation("27-1024.00").family == "design"
    assert len(composed.actions) == len(load_career_actions().actions)


@pytest.mark.onet
def test_user_actions_extend_or_replace_the_bundled_ones(onet30: Path, tmp_path: Path) -> None:
    (tmp_path / "agency.csv").write_text(
        "id,kind,title,duration_weeks,hours_per_week,cost,gains\n"
        "agency_design,course,Agency Design Lab,6,5,0,knowledge_design=1.5\n"
        "agency_cert,certification,Agency Licence,1,5,0,license_electrician=1\n",
        encoding="utf-8",
    )
    both = scenario_from_data(_scenario(onet30, actions=["bundled", "agency.csv"]), tmp_path)
    assert len(both.catalog.actions) == len(load_career_actions().actions) + 2
    mine = scenario_from_data(_scenario(onet30, actions=["agency.csv"]), tmp_path)
    assert [a.id for a in mine.catalog.actions] == ["agency_design", "agency_cert"]
    assert not mine.catalog.actions[0].provider


@pytest.mark.onet
def test_overlay_can_be_switched_off_or_replaced(onet30: Path, tmp_path: Path) -> None:
    off = scenario_from_data(_scenario(onet30, overlay="none"), tmp_path).catalog
    assert "license_electrician" not in off.occupation("47-2111.00").requirements
    assert off.occupation("47-2111.00").family == "trades"
    (tmp_path / "mine.yaml").write_text(
        yaml.safe_dump({"name": "mine", "occupations": {"27-1024.00": {"cert_ux": {"level": 1}}}}),
        encoding="utf-8",
    )
    mine = scenario_from_data(_scenario(onet30, overlay="mine.yaml"), tmp_path).catalog
    assert "cert_ux" in mine.occupation("27-1024.00").requirements
    assert "license_electrician" not in mine.occupation("47-2111.00").requirements
    (tmp_path / "bad.yaml").write_text(
        yaml.safe_dump({"name": "bad", "occupations": {"27-1024.00": {"cert_nope": {"level": 1}}}}),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="cert_nope"):
        scenario_from_data(_scenario(onet30, overlay="bad.yaml"), tmp_path)


def test_bundled_actions_need_an_onet_base(tmp_path: Path) -> None:
    data = {"profile": {"name": "x"}, "catalog": {"bundled": "default", "actions": ["bundled"]}}
    with pytest.raises(InputError, match="O\\*NET occupations"):
        scenario_from_data(data, tmp_path)
    data = {"profile": {"name": "x"}, "catalog": {"bundled": "default", "overlay": "none"}}
    with pytest.raises(InputError, match="overlay"):
        scenario_from_data(data, tmp_path)


def test_the_onet_example_scenarios_load(onet30: Path) -> None:
    files = sorted((SCENARIOS / "onet").glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        data = yaml.safe_load(path.read_text("utf-8"))
        assert data["catalog"]["onet"] == "30.1"
        data["catalog"]["onet"] = str(onet30)  # the installed release, in a test
        loaded = scenario_from_data(data, path.parent, source=str(path))
        assert loaded.catalog.illustrative
        assert loaded.scenario.profile.credentials_complete


@pytest.mark.onet
def test_renamed_onet_element_keeps_a_bundled_profile_working(onet30: Path) -> None:
    # The bundled catalogue says operation_monitoring; O*NET 30 renamed it operations_monitoring.
    data = yaml.safe_load((SCENARIOS / "warehouse_to_electrician.yaml").read_text("utf-8"))
    assert "operation_monitoring" in data["profile"]["levels"]
    data["catalog"] = {"onet": str(onet30), "actions": ["bundled"]}
    data["target"] = "47-2111.00"
    loaded = scenario_from_data(data, REPO_ROOT)
    levels = loaded.scenario.profile.levels
    assert levels["operations_monitoring"] == data["profile"]["levels"]["operation_monitoring"]
    assert "operation_monitoring" not in levels


@pytest.mark.onet
def test_a_composed_onet_catalogue_says_which_part_is_made_up(onet30: Path) -> None:
    """The ratings are O*NET's; only the overlay's licences and the bundled steps are hand-made.
    A report once called the whole catalogue "not real ratings", so a counsellor would have
    distrusted the real O*NET requirements."""
    with_actions = scenario_from_data(_scenario(onet30, actions=["bundled"]), REPO_ROOT).catalog
    sentence = with_actions.made_up
    assert sentence is not None
    assert with_actions.illustrative
    assert sentence.startswith("The occupations' skill, knowledge and ability requirements are "
                               "O*NET 30.1 ratings;")  # fmt: skip
    assert "occupation overlay" in sentence
    assert "the steps" in sentence
    assert "not O*NET ratings" not in sentence
    assert "bundled ILLUSTRATIVE actions" in with_actions.description

    overlay_only = scenario_from_data(_scenario(onet30), REPO_ROOT).catalog
    assert overlay_only.made_up is not None
    assert "the steps" not in overlay_only.made_up
    assert "occupation overlay" in overlay_only.made_up
    actions_only = scenario_from_data(_scenario(onet30, overlay="none", actions=["bundled"]),
                                      REPO_ROOT).catalog  # fmt: skip
    assert actions_only.made_up is not None
    assert "overlay" not in actions_only.made_up
    plain = scenario_from_data(_scenario(onet30, overlay="none"), REPO_ROOT).catalog
    assert plain.made_up is None
    assert not plain.illustrative


@pytest.mark.onet
def test_a_report_on_onet_keeps_the_real_ratings_real(composed: Catalog) -> None:
    from careerfit_opt.model import Profile, Scenario
    from careerfit_opt.report.build import assemble
    from careerfit_opt.report.html import render_html
    from careerfit_opt.report.markdown import render_markdown

    report = assemble(Scenario(profile=Profile(name="P"), target="27-1024.00"), composed)
    for text in (render_html(report, charts=False), render_markdown(report).replace("\\*", "*")):
        assert "are O*NET 30.1 ratings" in text
        assert "not real ratings" not in text
    assert any("are O*NET 30.1 ratings" in a for a in report.assumptions)
