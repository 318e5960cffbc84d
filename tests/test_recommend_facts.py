"""What a counsellor reads next to each recommendation: job zone, education against the
person's, the top three gaps with units, hot technologies; numbers rounded to their scale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerfit_opt import load_onet, recommend
from careerfit_opt.cli import main
from careerfit_opt.model import (
    Catalog,
    Dimension,
    EducationProfile,
    Occupation,
    Profile,
    Requirement,
)
from careerfit_opt.scoring.facts import anchor_text, round_level


def _catalog() -> Catalog:
    dims = [
        Dimension(id="code", name="Programming", kind="skill",
                  anchors={2.0: "Write a macro", 4.0: "Write a statistics program", 6.0: "An OS"}),
        Dimension(id="maths", name="Mathematics", kind="skill"),
        Dimension(id="months", name="IT experience", kind="experience"),
        Dimension(id="speaking", name="Speaking", kind="skill"),
    ]  # fmt: skip
    dev = Occupation(
        id="15-1252.00",
        title="Software Developers",
        job_zone=4,
        education=EducationProfile.from_shares([0, 5, 5, 10, 10, 55, 5, 10, 0, 0, 0, 0]),
        hot_technologies=[f"Tool {i}" for i in range(12)],
        requirements={
            "code": Requirement(level=4.4311, importance=4.5),
            "maths": Requirement(level=3.5, importance=3.5),
            "months": Requirement(level=18.4, importance=4),
            "speaking": Requirement(level=3.0, importance=3.2),
        },
    )
    clerk = Occupation(id="43-4051.00", title="Customer Service Representatives", job_zone=2,
                       requirements={"speaking": Requirement(level=3.5, importance=4)})  # fmt: skip
    return Catalog(name="facts", dimensions=dims, occupations=[dev, clerk])


def test_round_level_and_anchor() -> None:
    cat = _catalog()
    assert round_level(4.4311, cat.dimensions[0]) == 4.4
    assert round_level(18.4, cat.dimensions[2]) == 18.0
    assert anchor_text(cat.dimensions[0], 4.43) == "level 4: Write a statistics program"
    assert anchor_text(cat.dimensions[1], 4.43) is None


def test_facts_of_a_recommendation() -> None:
    cat = _catalog()
    profile = Profile(
        levels={"code": 1.23456, "maths": 3.0, "speaking": 3.0},
        education=2,
        current_occupation="Customer Service Representatives",
    )
    recs = recommend(profile, cat, top=2)
    assert [r.occupation_id for r in recs.items] == ["15-1252.00"]  # the current one is left out
    item = recs.items[0]
    facts = item.facts
    assert facts is not None
    assert (facts.job_zone, facts.job_zone_name) == (4, "Considerable Preparation Needed")
    assert facts.current_job_zone == 2
    assert (facts.typical_education, facts.typical_education_name) == (6, "Bachelor's Degree")
    assert (facts.person_education, facts.person_education_name) == (2, "High School Diploma")
    assert facts.share_at_most_person_education == 0.05
    assert [g.dimension for g in facts.top_gaps] == ["code", "maths", "months"]
    code, maths, months = facts.top_gaps
    assert (code.have, code.need, code.unit) == (1.2, 4.4, "level (0–7)")
    assert code.need_means == "level 4: Write a statistics program"
    assert (months.have, months.need, months.unit) == (None, 18.0, "months")
    assert maths.need_means is None
    assert facts.hot_technologies == [f"Tool {i}" for i in range(10)]
    assert facts.hot_technology_count == 12
    # No float in the gaps carries more digits than its scale means.
    for gap in item.gaps:
        assert gap.need == round(gap.need, 1)
        assert gap.have is None or gap.have == round(gap.have, 1)


def test_unknown_facts_stay_unknown() -> None:
    cat = _catalog()
    recs = recommend(Profile(levels={"speaking": 2.0}), cat, top=2)
    clerk = next(r for r in recs.items if r.occupation_id == "43-4051.00")
    assert clerk.facts is not None
    assert clerk.facts.typical_education is None
    assert clerk.facts.person_education is None
    assert clerk.facts.share_at_most_person_education is None
    assert clerk.facts.current_job_zone is None
    assert clerk.facts.hot_technologies == []


@pytest.mark.onet
def test_counsellor_output_on_real_data(
    onet_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "nurse.yaml"
    scenario.write_text(
        "name: a nurse moving into tech\n"
        "profile:\n"
        "  from_occupation: Registered Nurses\n"
        "  education: 6\n"
        "  levels: {programming: 1.0}\n"
        f"catalog: {{onet: {str(onet_dir.resolve())!r}}}\n"
        "target: {recommend_top: 5}\n",
        encoding="utf-8",
    )
    assert main(["recommend", str(scenario)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("levels estimated from occupation 29-1141.00 (Registered Nurses)")
    assert "job zone" in text
    assert "typical education" in text
    assert "yours Bachelor's Degree" in text
    assert "biggest gaps:" in text
    assert "levels short" in text
    assert "Registered Nurses 29-1141.00" not in text  # not recommended back
    assert main(["recommend", str(scenario), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["estimated_from"] == "29-1141.00"
    for item in data["items"]:
        assert item["facts"]["job_zone"] in (1, 2, 3, 4, 5)
        assert len(item["facts"]["top_gaps"]) <= 3
        for gap in item["gaps"]:
            assert len(repr(gap["need"]).split(".")[-1]) <= 1
    dev = load_onet(onet_dir).occupation("15-1252.00")
    profile = Profile.from_occupation(dev).corrected(education=6)
    recs = recommend(profile, load_onet(onet_dir), top=20)
    with_tech = [r for r in recs.items if r.facts and r.facts.hot_technologies]
    assert with_tech


def test_reports_say_the_levels_are_estimated() -> None:
    from careerfit_opt.model import Scenario
    from careerfit_opt.report.build import assemble

    cat = _catalog()
    profile = Profile.from_occupation(cat.occupation("43-4051.00"))
    scenario = Scenario(profile=profile, target={"recommend_top": 1})
    report = assemble(scenario, cat, recommendations=recommend(profile, cat, top=1))
    marked = [a for a in report.assumptions if a.startswith("Levels estimated from occupation")]
    assert marked == [
        "Levels estimated from occupation 43-4051.00 (Customer Service Representatives): "
        "1 starting level is that occupation's typical rating, not this person's. Correct it "
        "in the profile before relying on the fits and plans."
    ]
    plain = assemble(scenario.model_copy(update={"profile": Profile()}), cat)
    assert not any(a.startswith("Levels estimated") for a in plain.assumptions)
