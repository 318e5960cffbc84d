"""Scenario files: three formats, a JSON round trip, and clear errors for bad input."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from careerfit_opt.cli import main
from careerfit_opt.errors import InputError
from careerfit_opt.io import load_scenario, read_structured
from careerfit_opt.model import Scenario


@pytest.fixture
def workdir(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A folder holding the tiny catalogue, where scenario variants are written."""
    shutil.copy(fixtures_dir / "foundation" / "tiny_catalog.yaml", tmp_path)
    return tmp_path


@pytest.fixture
def base(fixtures_dir: Path) -> dict[str, Any]:
    """The valid tiny scenario as plain data."""
    data = read_structured(fixtures_dir / "foundation" / "scenario.yaml")
    assert isinstance(data, dict)
    return data


def write(path: Path, data: Any) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(data), encoding="utf-8")
    elif path.suffix == ".toml":
        path.write_text(_to_toml(data), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _to_toml(data: dict[str, Any], prefix: str = "") -> str:
    """A small TOML writer for the nested dicts of these tests (no arrays of tables)."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((f"{prefix}{key}", value))
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    out = "\n".join(lines) + "\n"
    for name, table in tables:
        out += f"\n[{name}]\n" + _to_toml(table, prefix=f"{name}.")
    return out


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".toml"])
def test_all_formats_load_the_same(workdir: Path, base: dict[str, Any], suffix: str) -> None:
    path = write(workdir / f"scenario{suffix}", base)
    if suffix == ".toml":
        assert tomllib.loads(path.read_text())["profile"]["name"] == "Sam"
    loaded = load_scenario(path)
    assert loaded.scenario.profile.name == "Sam"
    assert loaded.scenario.target.occupation == "data_analyst"
    assert loaded.catalog.name == "tiny"
    assert loaded.scenario == load_scenario(write(workdir / "ref.yaml", base)).scenario


def test_json_round_trip(workdir: Path, base: dict[str, Any]) -> None:
    loaded = load_scenario(write(workdir / "s.yaml", base))
    text = loaded.scenario.model_dump_json()
    again = Scenario.model_validate_json(text)
    assert again == loaded.scenario
    path = workdir / "again.json"
    path.write_text(text, encoding="utf-8")
    assert load_scenario(path).scenario == loaded.scenario


def test_catalog_round_trip(workdir: Path) -> None:
    from careerfit_opt.io import load_catalog_file
    from careerfit_opt.model import Catalog

    cat = load_catalog_file(workdir / "tiny_catalog.yaml")
    assert Catalog.model_validate_json(cat.model_dump_json()) == cat


def _set(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    node = data
    *parents, last = dotted.split(".")
    for part in parents:
        node = node[part]
    node[last] = value
    return data


# (name, how to break the valid scenario, expected "file: field: message" fragments)
BAD_VALUES: list[tuple[str, str, Any, str]] = [
    (
        "negative budget",
        "profile.limits.budget",
        -500,
        "profile.limits.budget: must be ≥ 0 (got -500)",
    ),
    (
        "negative hours",
        "profile.limits.hours_per_week",
        -5,
        "profile.limits.hours_per_week: must be ≥ 0.01",
    ),
    (
        "wrong type",
        "profile.limits.horizon_weeks",
        "a year",
        "profile.limits.horizon_weeks: must be a whole number",
    ),
    (
        "nan",
        "profile.limits.budget",
        float("nan"),
        "profile.limits.budget: must be a finite number",
    ),
    (
        "inf",
        "profile.levels.programming",
        float("inf"),
        "profile.levels.programming: must be a finite number",
    ),
    ("unknown key", "profile.limits.budjet", 10, "profile.limits.budjet: unknown key"),
    (
        "unknown dimension",
        "profile.levels.progamming",
        2,
        "profile.levels.progamming: unknown dimension 'progamming' (did you mean 'programming'?)",
    ),
    (
        "level above scale",
        "profile.levels.programming",
        9,
        "profile.levels.programming: must be within 0–7 (got 9)",
    ),
    (
        "unknown target",
        "target",
        "data_analist",
        "target.occupation: unknown occupation 'data_analist' (did you mean 'data_analyst'?)",
    ),
    ("unknown objective", "objective", "quickest", "objective: must be one of"),
    (
        "interest out of range",
        "profile.interests.artistic",
        9,
        "profile.interests.artistic: must be ≤ 7",
    ),
    ("missing catalogue file", "catalog", "nowhere.yaml", "nowhere.yaml: file not found"),
    (
        "unknown bundled catalogue",
        "catalog",
        "nonesuch",
        "catalog.bundled: no bundled catalogue named 'nonesuch'",
    ),
    ("profile not a mapping", "profile", [1, 2], "profile: must be a mapping"),
    (
        "unknown excluded action",
        "profile.preferences",
        {"excluded_actions": ["py999"]},
        "profile.preferences.excluded_actions[0]: unknown action 'py999'",
    ),
]


@pytest.mark.parametrize(
    ("name", "field", "value", "expected"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES]
)
def test_bad_values_give_one_clear_line(
    workdir: Path,
    base: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    name: str,
    field: str,
    value: Any,
    expected: str,
) -> None:
    path = workdir / "bad.yaml"
    if isinstance(value, float) and value != value:  # NaN: YAML's own spelling
        text = yaml.safe_dump(base, sort_keys=False).replace("budget: 2000", "budget: .nan")
        path.write_text(text, encoding="utf-8")
    else:
        write(path, _set(base, field, value))
    before = path.read_bytes()
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert expected in err, err
    assert str(path) in err or expected.startswith("nowhere")
    assert path.read_bytes() == before  # nothing lost


def _cli_error(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(path) in err
    return err


@pytest.mark.parametrize(
    ("name", "content", "suffix", "expected"),
    [
        ("empty file", b"", ".yaml", "file is empty"),
        ("only comments", b"# nothing here\n", ".yaml", "holds no data"),
        ("not utf-8", "profile:\n  name: Jos\xe9\n".encode("latin-1"), ".yaml", "not UTF-8"),
        ("nul bytes", b"profile: {}\x00\n", ".yaml", "NUL"),
        ("yaml syntax", b"profile: {name: [\n", ".yaml", "invalid YAML"),
        ("duplicate yaml key", b"profile: {}\nprofile: {}\n", ".yaml", "appears twice"),
        ("json syntax", b'{"profile": {,}}', ".json", "line 1, column 14: invalid JSON"),
        (
            "json nan",
            b'{"profile": {"limits": {"budget": NaN}}}',
            ".json",
            "must be a finite number",
        ),
        ("toml syntax", b"[profile\n", ".toml", "invalid TOML"),
        ("unknown suffix", b"profile: {}", ".txt", "unknown file type '.txt'"),
        ("top level is a list", b"- 1\n- 2\n", ".yaml", "must be a mapping"),
    ],
)
def test_bad_files(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    suffix: str,
    expected: str,
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    assert expected in _cli_error(path, capsys)


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "file not found" in _cli_error(tmp_path / "absent.yaml", capsys)


def test_directory_instead_of_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    assert "is a directory" in _cli_error(folder, capsys)


def test_huge_file_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.write(b"# padding\n" * (5 * 1024 * 1024))  # 50 MiB
    assert "file is too large (over 21 MB" in _cli_error(path, capsys)


def test_catalogue_errors_name_the_catalogue_file(
    workdir: Path, base: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    cat_path = workdir / "tiny_catalog.yaml"
    cat = read_structured(cat_path)
    cat["actions"][1]["requires_actions"] = ["py101", "py301"]
    cat["actions"][0]["requires_actions"] = ["py201"]
    write(cat_path, cat)
    assert main(["validate", str(write(workdir / "s.yaml", base))]) == 2
    err = capsys.readouterr().err
    unknown = "action 'py201' requires unknown action 'py301'"
    assert f"{cat_path}: actions[1].requires_actions[1]: {unknown}" in err
    assert f"{cat_path}: actions: prerequisite cycle: py101 → py201 → py101" in err


def test_every_problem_is_reported(workdir: Path, base: dict[str, Any]) -> None:
    _set(base, "profile.limits.budget", -1)
    _set(base, "profile.limits.hours_per_week", 0)
    with pytest.raises(InputError) as info:
        load_scenario(write(workdir / "two.yaml", base))
    fields = [p.field for p in info.value.problems]
    assert fields == ["profile.limits.budget", "profile.limits.hours_per_week"]


def test_validate_ok_output(
    workdir: Path, base: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(workdir / "ok.yaml", base)
    assert main(["validate", str(path)]) == 0
    assert "ok — profile 'Sam'" in capsys.readouterr().out


def test_schema_command_prints_json_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Scenario"
    assert "profile" in schema["required"]
    assert schema["$defs"]["Limits"]["properties"]["budget"]["minimum"] == 0
    out = tmp_path / "schema.json"
    assert main(["schema", "--output", str(out)]) == 0
    assert json.loads(out.read_text())["title"] == "Scenario"


def test_the_documented_example_is_a_valid_scenario(tmp_path: Path) -> None:
    import re

    doc = Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md"
    match = re.search(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    assert match is not None
    path = tmp_path / "example.yaml"
    path.write_text(match.group(1), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario.target.occupation == "graphic_designer"
    assert loaded.scenario.profile.levels["programming"] is None
