"""Answers files and the Python API: every question type, every bad answer (exit 2, the field
named, nothing written), and a written scenario that validates and recommends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from careerfit_opt import load_scenario, recommend
from careerfit_opt.assess import Answers, assess_profile, important_dimensions
from careerfit_opt.assess.build import draft_profile
from careerfit_opt.assess.files import scenario_text
from careerfit_opt.assess.items import NOT_VALIDATED, Form, form_items
from careerfit_opt.cli import main
from careerfit_opt.data.bundled import load_bundled_catalog
from careerfit_opt.errors import InputError
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.scenario import CatalogSource

VALUES = ["relationships", "achievement", "support", "independence", "recognition",
          "working conditions"]  # fmt: skip


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_bundled_catalog()


def full_answers(**changes: Any) -> dict[str, Any]:
    """Answers to every question type of the bundled catalogue."""
    data: dict[str, Any] = {
        "name": "Robin",
        "jobs": [
            {"title": "registered nurse", "years": 6},
            {"occupation": "medical_assistant", "years": 2},
        ],
        "credentials": ["license_registered_nurse", "Certified Medical Assistant (CMA)"],
        "interest_items": {
            i.id: ("like" if i.riasec in ("investigative", "social") else "d")
            for i in form_items(Form.SHORT)
        },
        "values_ranking": VALUES,
        "levels": {"programming": 1, "mathematics": 3.5, "writing": None},
        "limits": {"budget": 2500, "hours_per_week": 12, "horizon_weeks": 80},
        "passion_weight": 0.6,
    }
    data.update(changes)
    return data


def test_every_answer_lands_in_the_profile(bundled: Catalog) -> None:
    result = assess_profile(full_answers(), bundled)
    prof = result.scenario.profile
    assert prof.name == "Robin"
    assert [j[1] for j in result.jobs] == ["registered_nurse", "medical_assistant"]
    assert prof.credentials == ["license_registered_nurse", "cert_medical_assistant"]
    assert prof.experience == {"experience_healthcare": 96.0}  # 6 + 2 years, in months
    assert prof.interests is not None
    assert prof.interests.code(2) in ("IS", "SI")
    assert prof.interests.realistic == 1.0
    assert prof.interests.social == 7.0
    assert prof.work_values is not None
    assert prof.work_values.relationships == 7.0
    assert prof.levels["programming"] == 1
    assert prof.levels["writing"] is None
    # Estimated from the jobs: the higher rating of the two (not a credential or experience).
    nurse = bundled.occupation("registered_nurse").requirements
    assistant = bundled.occupation("medical_assistant").requirements
    want = max(nurse["active_listening"].level, assistant["active_listening"].level)
    assert prof.levels["active_listening"] == want
    assert "license_registered_nurse" not in prof.levels
    assert prof.limits.budget == 2500
    assert prof.limits.horizon_weeks == 80
    assert prof.preferences.passion_weight == 0.6
    assert result.interest_method == "items-short"
    assert NOT_VALIDATED in result.notes
    assert result.scenario.target.recommend_top == 3


def test_interest_profiler_scores_replace_the_items(bundled: Catalog) -> None:
    scores = {"scale": "0-40", "realistic": 0, "investigative": 40, "artistic": 20,
              "social": 10, "enterprising": 30, "conventional": 5}  # fmt: skip
    result = assess_profile(full_answers(interest_items=None, interest_scores=scores), bundled)
    assert result.interest_method == "profiler-0-40"
    assert result.scenario.profile.interests is not None
    assert result.scenario.profile.interests.as_tuple() == (1.0, 7.0, 4.0, 2.5, 5.5, 1.75)
    assert NOT_VALIDATED not in result.notes


def test_unanswered_sections_stay_unknown_or_are_estimated_and_said_so(bundled: Catalog) -> None:
    empty = assess_profile({}, bundled).scenario.profile
    assert empty.interests is None
    assert empty.work_values is None
    assert empty.levels == {}
    job_only = assess_profile({"jobs": [{"title": "electrician"}]}, bundled)
    occ = bundled.occupation(job_only.jobs[0][1])
    assert job_only.scenario.profile.interests == occ.interests
    note = job_only.notes[0]
    assert note.startswith("levels estimated from occupation electrician (Electrician)")
    assert "interests" in note
    assert "work values" in note
    assert any("ILLUSTRATIVE" in n for n in job_only.notes)


def test_the_written_file_validates_recommends_and_says_what_it_is(
    tmp_path: Path, bundled: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(full_answers()), encoding="utf-8")
    out = tmp_path / "me.yaml"
    assert (
        main(["assess", "--answers", str(answers), "--out", str(out), "--catalog", "default"]) == 0
    )
    shown = capsys.readouterr().out
    assert "NOT a validated psychometric instrument" in shown
    assert "ILLUSTRATIVE" in shown
    assert f"careerfit plan {out} --target " in shown
    text = out.read_text(encoding="utf-8")
    assert "NOT a validated psychometric instrument" in text.split("\n", 3)[1]
    loaded = load_scenario(out)
    assert loaded.scenario.profile.name == "Robin"
    assert loaded.catalog.name == "default"
    recs = recommend(loaded.scenario.profile, loaded.catalog, top=5)
    assert len(recs.items) == 5
    assert main(["validate", str(out)]) == 0
    assert main(["recommend", str(out), "--top", "3"]) == 0
    first = recs.items[0].occupation_id
    assert first in shown


def test_python_and_file_give_the_same_scenario(tmp_path: Path, bundled: Catalog) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(full_answers()), encoding="utf-8")
    out = tmp_path / "me.yaml"
    assert (
        main(["assess", "--answers", str(answers), "--out", str(out), "--catalog", "default"]) == 0
    )
    direct = assess_profile(Answers.model_validate(full_answers()), bundled,
                            CatalogSource(bundled="default"))  # fmt: skip
    assert load_scenario(out).scenario == direct.scenario
    assert out.read_text(encoding="utf-8").endswith(
        scenario_text(direct, str(answers)).split("\n", 1)[1]
    )


BAD_ANSWERS: list[tuple[dict[str, Any], str, str]] = [
    ({"name": ["x"]}, "name", "must be a non-empty text"),
    ({"hobbies": "chess"}, "hobbies", "unknown key"),
    ({"jobs": [{}]}, "jobs[0]", "give the job's title or its occupation id"),
    ({"jobs": [{"title": "astronaut"}]}, "jobs[0].title", "matches 'astronaut'"),
    ({"education": "kindergarten"}, "education", "unknown education 'kindergarten'"),
    ({"education": 13}, "education", "category 1–12"),
    ({"jobs": [{"occupation": "nurse"}]}, "jobs[0].occupation", "unknown occupation 'nurse'"),
    ({"jobs": [{"title": "nurse", "years": -1}]}, "jobs[0].years", "must be ≥ 0"),
    ({"jobs": [{"title": "nurse", "years": 61}]}, "jobs[0].years", "must be ≤ 60"),
    ({"jobs": "nurse"}, "jobs", "must be a list"),
    ({"credentials": ["pilot licence"]}, "credentials[0]", "unknown credential"),
    ({"interest_items": {"R01": "maybe"}}, "interest_items.R01", "answer like (l)"),
    ({"interest_items": {"R01": "like"}}, "interest_items", "answer every item of the short form"),
    ({"interest_items": {"Q01": "like"}}, "interest_items.Q01", "unknown item"),
    (
        {"interest_scores": {"scale": "0-40", "realistic": 50, "investigative": 1, "artistic": 1,
                             "social": 1, "enterprising": 1, "conventional": 1}},
        "interest_scores.realistic", "must be within 0–40",
    ),
    (
        {"interest_scores": {"scale": "0-9", "realistic": 1, "investigative": 1, "artistic": 1,
                             "social": 1, "enterprising": 1, "conventional": 1}},
        "interest_scores.scale", "unknown scale",
    ),
    ({"interest_scores": {"realistic": 1}}, "interest_scores.investigative", "missing"),
    (
        {"interest_items": {}, "interest_scores": {"realistic": 1, "investigative": 1,
         "artistic": 1, "social": 1, "enterprising": 1, "conventional": 1}},
        "", "not both",
    ),
    ({"values_ranking": ["achievement", "money"]}, "values_ranking[1]", "unknown work value"),
    ({"values_ranking": ["support", "support"]}, "values_ranking[1]", "ranked twice"),
    ({"values_ranking": ["support"]}, "values_ranking", "rank all six"),
    ({"levels": {"juggling": 3}}, "levels.juggling", "unknown dimension"),
    ({"levels": {"writing": 9}}, "levels.writing", "must be within 0–7"),
    ({"levels": {"writing": -1}}, "levels.writing", "must be ≥ 0"),
    ({"levels": {"cert_pmp": 1}}, "levels.cert_pmp", "is a credential"),
    ({"limits": {"budget": -5}}, "limits.budget", "must be ≥ 0"),
    ({"limits": {"hours_per_week": 0}}, "limits.hours_per_week", "must be ≥ 0.01"),
    ({"limits": {"horizon_weeks": 1000}}, "limits.horizon_weeks", "must be ≤ 520"),
    ({"limits": {"horizon_weeks": 1.5}}, "limits.horizon_weeks", "whole number"),
    ({"passion_weight": 1.5}, "passion_weight", "must be ≤ 1"),
    ({"passion_weight": "lots"}, "passion_weight", "must be a number"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "field", "message"), BAD_ANSWERS)
def test_every_bad_answer_names_its_field_and_exits_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(changes), encoding="utf-8")
    out = tmp_path / "me.yaml"
    rc = main(["assess", "--answers", str(answers), "--out", str(out), "--catalog", "default"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "Traceback" not in err
    prefix = f"{answers}: {field}: " if field else f"{answers}: "
    assert prefix in err, err
    assert message in err, err
    assert not out.exists()
    with pytest.raises(InputError) as exc:
        assess_profile(changes, load_bundled_catalog())
    assert any(p.field == field and message in p.message for p in exc.value.problems)


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "file is empty"), ("name: [unclosed", "invalid YAML"), ("- a\n- b\n", "mapping")],
)
def test_unreadable_answers_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(content, encoding="utf-8")
    rc = main(["assess", "--answers", str(answers), "--out", str(tmp_path / "o.yaml"),
               "--catalog", "default"])  # fmt: skip
    err = capsys.readouterr().err
    assert rc == 2
    assert message in err
    assert "Traceback" not in err


def test_missing_answers_file_and_unknown_catalog_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", "--answers", str(tmp_path / "none.yaml"), "--catalog", "default"]) == 2
    assert "file not found" in capsys.readouterr().err
    answers = tmp_path / "a.yaml"
    answers.write_text("name: x\n", encoding="utf-8")
    assert main(["assess", "--answers", str(answers), "--catalog", "nowhere"]) == 2
    assert "--catalog: 'nowhere' is no directory" in capsys.readouterr().err


def test_job_titles_must_name_one_occupation(bundled: Catalog) -> None:
    result = assess_profile({"jobs": [{"title": "Registered Nurse"}, {"title": "electrician"}]},
                            bundled)  # fmt: skip
    assert [j[1] for j in result.jobs] == ["registered_nurse", "electrician"]
    assert result.scenario.profile.current_occupation == "registered_nurse"
    with pytest.raises(InputError) as exc:
        assess_profile({"jobs": [{"title": "nurse"}]}, bundled)
    assert exc.value.problems[0].field == "jobs[0].title"
    assert "registered_nurse" in exc.value.problems[0].message  # the closest, with their ids


def test_estimates_are_marked_in_the_profile_and_the_notes(bundled: Catalog) -> None:
    result = assess_profile(full_answers(interest_items=None, values_ranking=None), bundled)
    prof = result.scenario.profile
    assert prof.estimated_from == "registered_nurse"
    assert "medical_assistant" in (prof.estimated_from_title or "")
    assert set(prof.estimated_fields) == {"interests", "work_values"}
    assert "programming" not in prof.estimated_levels  # given by the person
    assert "active_listening" in prof.estimated_levels
    assert result.notes[0] == prof.estimate_note()
    own = assess_profile(full_answers(), bundled).scenario.profile
    assert own.estimated_fields == []


def test_important_dimensions_weigh_most_across_the_candidates(bundled: Catalog) -> None:
    answers = Answers.model_validate(full_answers(levels={}))
    profile = draft_profile(answers, bundled)
    picked = important_dimensions(profile, bundled, count=5)
    assert len(picked) == 5
    weights = [d.weight for d in picked]
    assert weights == sorted(weights, reverse=True)
    assert all(d.dimension.kind.value in ("skill", "knowledge", "ability") for d in picked)
    # The weight is the sum over the candidates of the importance-based requirement weight.
    occs = [bundled.occupation("registered_nurse"), bundled.occupation("electrician")]
    one = important_dimensions(profile, bundled, count=1, candidates=occs)[0]
    from careerfit_opt.model.occupations import requirement_weight

    total = sum(
        requirement_weight(o.requirements[one.dimension.id].importance)
        for o in occs
        if one.dimension.id in o.requirements
    )
    assert one.weight == pytest.approx(total)


@pytest.mark.onet
def test_answers_on_onet_30_1_validate_recommend_and_mark_the_estimates(
    tmp_path: Path, onet_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    data = {
        "name": "Jo",
        "jobs": [{"title": "Cashiers", "years": 3}, {"occupation": "41-2031.00"}],
        "education": "Bachelor's Degree",
        "interest_scores": {"scale": "1-7", "realistic": 2, "investigative": 3, "artistic": 6.5,
                            "social": 3, "enterprising": 4, "conventional": 2},
        "values_ranking": VALUES,
        "levels": {"programming": 0.5, "knowledge_fine_arts": 4},
        "limits": {"budget": 1000, "hours_per_week": 10, "horizon_weeks": 52},
    }  # fmt: skip
    answers.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "jo.yaml"
    args = ["assess", "--answers", str(answers), "--out", str(out), "--catalog", str(onet_dir)]
    assert main(args) == 0
    shown = capsys.readouterr().out
    assert "levels estimated from occupation 41-2011.00 (Cashiers" in shown
    assert "ability requirements are O*NET 30.1 ratings" in " ".join(shown.split())
    loaded = load_scenario(out)
    prof = loaded.scenario.profile
    assert loaded.catalog.name.startswith("onet-")
    assert loaded.scenario.catalog.actions == ["bundled"]  # so that `plan` has steps
    family = loaded.catalog.occupation("41-2011.00").family
    assert prof.experience == {f"experience_{family}": 36.0}  # 3 years as a cashier
    assert not prof.credentials_complete  # the checklist was not answered
    assert prof.current_occupation == "41-2011.00"
    assert prof.education == 6
    assert prof.estimated_from == "41-2011.00"
    assert "programming" not in prof.estimated_levels
    assert prof.levels["knowledge_fine_arts"] == 4
    assert prof.estimated_fields == []  # interests, values and education are the person's own
    recs = recommend(prof, loaded.catalog, top=10)
    assert "41-2011.00" not in [r.occupation_id for r in recs.items]
    assert main(["validate", str(out)]) == 0
    assert main(["recommend", str(out), "--top", "3"]) == 0
