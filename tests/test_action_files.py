"""The user's action catalogues (CSV, YAML): parsed columns, every bad row reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit_opt.data.action_files import load_action_file
from careerfit_opt.errors import InputError
from careerfit_opt.model import ActionKind, Catalog, Dimension

DIMS = ["programming", "writing"]


@pytest.fixture
def files(fixtures_dir: Path) -> Path:
    return fixtures_dir / "action_files"


def test_csv_columns(files: Path) -> None:
    acts = {a.id: a for a in load_action_file(files / "good.csv", DIMS)}
    assert list(acts) == ["py101", "py201", "py201b", "intern", "meetups"]
    py101 = acts["py101"]
    assert py101.gains == {"programming": 1.5, "writing": 0.25}
    assert py101.start_weeks == [0, 12, 24]
    assert py101.interests == ["I", "C"]
    assert py101.provider == "City College"
    py201 = acts["py201"]
    assert py201.requires_levels == {"programming": 1.5}
    assert py201.requires_actions == ["py101"]
    assert acts["py201b"].exclusive_group == "py201"
    intern = acts["intern"]
    assert intern.kind is ActionKind.TRIAL_ROLE
    assert intern.cost == -2400
    assert intern.trial_type is not None
    assert intern.trial_type.value == "internship"
    assert intern.interests == ["R", "I"]
    dims = [Dimension(id=d, name=d, kind="skill") for d in DIMS]
    Catalog(name="c", dimensions=dims, actions=list(acts.values()))  # cross-checks pass


def test_yaml_matches_csv(files: Path) -> None:
    from_yaml = load_action_file(files / "good.yaml", DIMS)
    from_csv = {a.id: a for a in load_action_file(files / "good.csv", DIMS)}
    for act in from_yaml:
        assert act.gains == from_csv[act.id].gains
        assert act.duration_weeks == from_csv[act.id].duration_weeks
        assert act.requires_actions == from_csv[act.id].requires_actions
    assert from_yaml[0].start_weeks == [0, 12, 24]


def test_every_bad_csv_row_is_reported(files: Path) -> None:
    with pytest.raises(InputError) as info:
        load_action_file(files / "bad.csv", DIMS)
    msgs = [p.render(info.value.source) for p in info.value.problems]
    src = str(files / "bad.csv")
    want = [
        f"{src}: line 3: kind: must be one of",
        f"{src}: line 4: gains: unknown dimension 'progamming' (did you mean 'programming'?)",
        f"{src}: line 5: row: cost must be ≥ 0 for a course",
        f"{src}: line 6: duration_weeks: must be a whole number",
        f"{src}: line 7: start_weeks: expected whole numbers of weeks (got 'x')",
        f"{src}: line 8: interests: expected RIASEC letters",
        f"{src}: line 9: id: duplicate id 'ok1' (first on line 2)",
        f"{src}: line 10: gains: 'writing' is not dimension=number",
    ]
    assert len(msgs) == len(want)
    for got, expect in zip(msgs, want, strict=True):
        assert got.startswith(expect), got


def test_unknown_column(files: Path) -> None:
    with pytest.raises(
        InputError, match=r"line 1: gain: unknown column \(did you mean 'gains'\?\)"
    ):
        load_action_file(files / "unknown_column.csv", DIMS)


def test_every_bad_yaml_item_is_reported(files: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_action_file(files / "bad.yaml", DIMS)
    fields = [p.field for p in info.value.problems]
    assert fields == ["line 7: gains", "line 12"]
    assert "did you mean 'writing'" in info.value.problems[0].message
    # The first row is fine; once gains is fixed, the missing hours are reported too.
    text = (files / "bad.yaml").read_text().replace("writting", "writing")
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(text.replace("- just a string\n", ""))
    with pytest.raises(InputError, match="line 7: hours_per_week: required field is missing"):
        load_action_file(fixed, DIMS)


def test_file_type_and_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"use .csv, .yaml or .yml"):
        load_action_file(tmp_path / "x.json", DIMS)
    header_only = tmp_path / "empty.csv"
    header_only.write_text("id,kind,title,duration_weeks,hours_per_week\n")
    with pytest.raises(InputError, match="holds no actions"):
        load_action_file(header_only, DIMS)


@pytest.mark.parametrize(
    "text", ['id,kind,title\n"\rx,course,T\n', "id,kind\r\nx,course\ry,course\n"]
)
def test_stray_quotes_and_carriage_returns_are_rows_not_a_csv_traceback(
    tmp_path: Path, text: str
) -> None:
    # Once a csv.Error traceback ("new-line character seen in unquoted field"), found by fuzzing.
    path = tmp_path / "odd.csv"
    path.write_bytes(text.encode())
    with pytest.raises(InputError, match=r"odd\.csv: line 2"):
        load_action_file(path, ["programming"])
