"""Every validation rule of the data model: each test fails if its rule is removed."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from careerfit_opt.errors import InputError
from careerfit_opt.io.validation import validate
from careerfit_opt.model import (
    Action,
    BookedAction,
    Catalog,
    CatalogSource,
    Dimension,
    Limits,
    Occupation,
    Preferences,
    Profile,
    Requirement,
    Riasec,
    Scenario,
    SolverSettings,
    Target,
    WorkValues,
    check_against_catalog,
)

FIVE = ("realistic", "investigative", "artistic", "social", "enterprising")
ACTION: dict[str, Any] = {
    "id": "a1",
    "kind": "course",
    "title": "A course",
    "duration_weeks": 4,
    "hours_per_week": 5,
    "cost": 100,
}


def rejects(model: type, data: dict[str, Any], field: str, fragment: str) -> None:
    """``data`` is rejected with a message at ``field`` containing ``fragment``."""
    with pytest.raises(InputError) as info:
        validate(model, data, source="test.yaml")
    problems = {p.field: p.message for p in info.value.problems}
    assert field in problems, problems
    assert fragment in problems[field], problems


def test_valid_objects_pass() -> None:
    validate(Action, ACTION)
    validate(Limits, {"budget": 0, "hours_per_week": 1, "horizon_weeks": 1})
    assert Dimension(id="x", name="X", kind="network").hi == 50


@pytest.mark.parametrize(
    ("model", "data", "field", "fragment"),
    [
        (Dimension, {"id": "x", "name": "X", "kind": "skill", "scale_max": -1}, "", "scale_max"),
        (Dimension, {"id": "x y", "name": "X", "kind": "skill"}, "id", "no spaces"),
        (Dimension, {"id": "x", "name": "X", "kind": "hobby"}, "kind", "must be one of"),
        (Dimension, {"id": "x", "name": "", "kind": "skill"}, "name", "non-empty"),
        (Requirement, {"level": -0.5}, "level", "≥ 0"),
        (Requirement, {"level": 1, "importance": 0.5}, "importance", "≥ 1"),
        (Requirement, {"level": 1, "importance": 6}, "importance", "≤ 5"),
        (
            Riasec,
            dict.fromkeys(("realistic", "investigative", "artistic", "social", "enterprising"), 4),
            "conventional",
            "missing",
        ),
        (
            Riasec,
            dict.fromkeys(
                (
                    "realistic",
                    "investigative",
                    "artistic",
                    "social",
                    "enterprising",
                    "conventional",
                ),
                8,
            ),
            "realistic",
            "≤ 7",
        ),
        (WorkValues, {"achievement": 0}, "achievement", "≥ 1"),
        (Occupation, {"id": "o", "title": "O", "job_zone": 6}, "job_zone", "≤ 5"),
        (Occupation, {"id": "o", "title": "O", "median_wage": -1}, "median_wage", "≥ 0"),
        (Occupation, {"id": "o", "title": ""}, "title", "non-empty"),
        (Action, {**ACTION, "duration_weeks": 0}, "duration_weeks", "≥ 1"),
        (Action, {**ACTION, "duration_weeks": 2.5}, "duration_weeks", "whole number"),
        (Action, {**ACTION, "hours_per_week": 0}, "hours_per_week", "≥ 0.01"),
        (Action, {**ACTION, "hours_per_week": 169}, "hours_per_week", "≤ 168"),
        (Action, {**ACTION, "gains": {"x": 0}}, "gains.x", "> 0"),
        (Action, {**ACTION, "requires_levels": {"x": -1}}, "requires_levels.x", "≥ 0"),
        (Action, {**ACTION, "interests": ["Q"]}, "interests[0]", "no spaces"),
        (Action, {**ACTION, "start_weeks": [-1]}, "start_weeks[0]", "≥ 0"),
        (Action, {**ACTION, "start_weeks": []}, "", "at least one week"),
        (Action, {**ACTION, "start_weeks": [3, 3]}, "", "repeated weeks"),
        (Action, {**ACTION, "cost": -50}, "", "only a paid trial_role"),
        (Action, {**ACTION, "trial_type": "internship"}, "", "only for kind trial_role"),
        (Action, {**ACTION, "requires_actions": ["a1"]}, "", "requires itself"),
        (Action, {**ACTION, "colour": "red"}, "colour", "unknown key"),
        (Limits, {"budget": -500}, "budget", "must be ≥ 0 (got -500)"),
        (Limits, {"hours_per_week": -3}, "hours_per_week", "≥ 0.01"),
        (Limits, {"hours_per_week": 200}, "hours_per_week", "≤ 168"),
        (Limits, {"horizon_weeks": 0}, "horizon_weeks", "≥ 1"),
        (Limits, {"horizon_weeks": 600}, "horizon_weeks", "≤ 520"),
        (Limits, {"budget": "lots"}, "budget", "must be a number"),
        (Limits, {"income_offsets_cost": "maybe"}, "income_offsets_cost", "true or false"),
        (Preferences, {"passion_weight": 1.5}, "passion_weight", "≤ 1"),
        (BookedAction, {"action_id": "a", "start_week": -2}, "start_week", "≥ 0"),
        (Profile, {"levels": {"x": -1}}, "levels.x", "≥ 0"),
        (Profile, {"experience": {"x": -1}}, "experience.x", "≥ 0"),
        (Profile, {"credentials": ["c"], "levels": {"c": 0}}, "", "keep one"),
        (Profile, {"experience": {"e": 3}, "levels": {"e": 5}}, "", "keep one"),
        (CatalogSource, {}, "", "exactly one of bundled, path or onet"),
        (CatalogSource, {"bundled": "default", "onet": "x"}, "", "got bundled, onet"),
        (Target, {}, "", "exactly one of occupation or recommend_top"),
        (Target, {"recommend_top": 0}, "recommend_top", "≥ 1"),
        (SolverSettings, {"time_limit_s": 0}, "time_limit_s", "> 0"),
        (SolverSettings, {"workers": 0}, "workers", "≥ 1"),
        (SolverSettings, {"seed": -1}, "seed", "≥ 0"),
        (Scenario, {}, "profile", "required field is missing"),
        (Scenario, {"profile": {}, "objective": "quickest"}, "objective", "must be one of"),
    ],
)
def test_rule(model: type, data: dict[str, Any], field: str, fragment: str) -> None:
    rejects(model, data, field, fragment)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_rejected(bad: float) -> None:
    rejects(Limits, {"budget": bad}, "budget", "finite")
    rejects(Requirement, {"level": bad}, "level", "finite")


def _dims() -> list[dict[str, Any]]:
    return [
        {"id": "programming", "name": "Programming", "kind": "skill"},
        {"id": "cert", "name": "Cert", "kind": "credential"},
    ]


def _catalog(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "t",
        "dimensions": _dims(),
        "occupations": [{"id": "o1", "title": "O1", "requirements": {"programming": {"level": 3}}}],
        "actions": [
            {**ACTION, "id": "a1", "gains": {"programming": 1}},
            {**ACTION, "id": "a2", "requires_actions": ["a1"], "gains": {"cert": 1}},
        ],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"dimensions": [*_dims(), _dims()[0]]}, "dimensions", "duplicate id 'programming'"),
        (
            {"occupations": [{"id": "o1", "title": "A"}, {"id": "o1", "title": "B"}]},
            "occupations",
            "duplicate id 'o1'",
        ),
        ({"actions": [ACTION, ACTION]}, "actions", "duplicate id 'a1'"),
        (
            {
                "occupations": [
                    {"id": "o", "title": "O", "requirements": {"progamming": {"level": 1}}}
                ]
            },
            "occupations[0].requirements.progamming",
            "unknown dimension 'progamming' (did you mean 'programming'?)",
        ),
        (
            {"occupations": [{"id": "o", "title": "O", "requirements": {"cert": {"level": 2}}}]},
            "occupations[0].requirements.cert",
            "outside the scale",
        ),
        ({"actions": [{**ACTION, "gains": {"typing": 1}}]}, "actions[0].gains.typing", "unknown"),
        (
            {"actions": [{**ACTION, "requires_levels": {"programming": 9}}]},
            "actions[0].requires_levels.programming",
            "outside the scale",
        ),
        (
            {"actions": [{**ACTION, "requires_actions": ["a9"]}]},
            "actions[0].requires_actions[0]",
            "requires unknown action 'a9'",
        ),
        (
            {
                "actions": [
                    {**ACTION, "id": "a", "requires_actions": ["c"]},
                    {**ACTION, "id": "b", "requires_actions": ["a"]},
                    {**ACTION, "id": "c", "requires_actions": ["b"]},
                ]
            },
            "actions",
            "prerequisite cycle: a → c → b → a",
        ),
        ({"dimensions": []}, "dimensions", "at least 1"),
    ],
)
def test_catalog_cross_checks(overrides: dict[str, Any], field: str, fragment: str) -> None:
    rejects(Catalog, _catalog(**overrides), field, fragment)


def test_catalog_cross_check_error_in_python_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="unknown dimension"):
        Catalog.model_validate(_catalog(actions=[{**ACTION, "gains": {"typing": 1}}]))


def test_consistent_catalog_has_lookups() -> None:
    cat = validate(Catalog, _catalog())
    assert cat.dimension_index == {"programming": 0, "cert": 1}
    assert cat.action("a2").requires_actions == ["a1"]
    with pytest.raises(KeyError, match=r"did you mean 'a[12]'"):
        cat.action("a12")
    with pytest.raises(KeyError, match="unknown occupation"):
        cat.occupation("nope")


def _scenario_problems(profile: dict[str, Any], target: Any = "o1") -> dict[str, str]:
    cat = validate(Catalog, _catalog())
    scenario = validate(Scenario, {"profile": profile, "target": target})
    return {p.field: p.message for p in check_against_catalog(scenario, cat)}


@pytest.mark.parametrize(
    ("profile", "target", "field", "fragment"),
    [
        ({"levels": {"programing": 2}}, "o1", "profile.levels.programing", "did you mean"),
        ({"levels": {"programming": 8}}, "o1", "profile.levels.programming", "within 0–7"),
        ({"credentials": ["license"]}, "o1", "profile.credentials[0]", "unknown dimension"),
        ({"experience": {"exp": 2}}, "o1", "profile.experience.exp", "unknown dimension"),
        (
            {"preferences": {"excluded_occupations": ["o2"]}},
            "o1",
            "profile.preferences.excluded_occupations[0]",
            "unknown occupation",
        ),
        (
            {"preferences": {"excluded_actions": ["a3"]}},
            "o1",
            "profile.preferences.excluded_actions[0]",
            "unknown action 'a3'",
        ),
        (
            {"preferences": {"booked_actions": [{"action_id": "zz"}]}},
            "o1",
            "profile.preferences.booked_actions[0].action_id",
            "unknown action",
        ),
        (
            {"preferences": {"booked_actions": [{"action_id": "a1"}], "excluded_actions": ["a1"]}},
            "o1",
            "profile.preferences.booked_actions[0]",
            "both booked and excluded",
        ),
        ({}, "o9", "target.occupation", "unknown occupation 'o9'"),
        ({"preferences": {"excluded_occupations": ["o1"]}}, "o1", "target.occupation", "excluded"),
    ],
)
def test_scenario_against_catalog(
    profile: dict[str, Any], target: Any, field: str, fragment: str
) -> None:
    problems = _scenario_problems(profile, target)
    assert field in problems, problems
    assert fragment in problems[field]


def test_valid_scenario_has_no_problems() -> None:
    assert _scenario_problems({"levels": {"programming": 2}, "credentials": ["cert"]}) == {}


def test_unknown_levels_stay_unknown() -> None:
    profile = Profile(levels={"programming": None, "writing": 2.0})
    assert profile.known_levels() == {"writing": 2.0}
    assert "programming" not in profile.known_levels()


def test_profile_from_occupation_copies_ratings() -> None:
    occ = Occupation(
        id="o",
        title="Data Analyst",
        requirements={"programming": Requirement(level=4.5, importance=4)},
        interests=Riasec(
            realistic=1, investigative=6, artistic=2, social=2, enterprising=3, conventional=5
        ),
    )
    profile = Profile.from_occupation(occ)
    assert profile.known_levels() == {"programming": 4.5}
    assert profile.interests == occ.interests
    assert profile.interests is not None
    assert profile.interests.code() == "ICE"


def test_catalog_source_string_shorthand() -> None:
    assert CatalogSource.model_validate("default").bundled == "default"
    assert CatalogSource.model_validate("my/catalog.yaml").path == "my/catalog.yaml"
    assert CatalogSource.model_validate("catalog.json").path == "catalog.json"
