"""Fuzzing every way in: scenario files, action files, command-line options and Python API
arguments. Each input is either accepted (and planned within its limit) or rejected with a
message — exit 2 on the command line, an :class:`InputError` from Python — never a traceback,
never a hang.

CI runs the quick profile (``CAREERFIT_QUICK=1``, about a minute); the long one is
``CAREERFIT_FUZZ=long python -m pytest tests/test_fuzz.py`` (docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit_opt.cli import main
from careerfit_opt.data.action_files import load_action_file
from careerfit_opt.errors import InputError
from careerfit_opt.io import load_scenario
from careerfit_opt.model.plans import PlanResult
from conftest import QUICK, SCENARIOS

settings.register_profile(
    "quick",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(
    "long" if os.environ.get("CAREERFIT_FUZZ") == "long" else "quick" if QUICK else "default"
)

BASE = SCENARIOS / "accountant_to_designer.yaml"
BASE_DATA: dict[str, Any] = yaml.safe_load(BASE.read_text())
#: A plan run may take its limit plus this much wall-clock time (the promise of docs).
SLACK_S = 1.0

EXTREME_NUMBERS = [
    1e308,
    -1e308,
    -0.0,
    0.0,
    2**63,
    -(2**63),
    2**31,
    10**30,
    1e-9,
    float("nan"),
    float("inf"),
    float("-inf"),
    True,
    False,
]
ODD_TEXT = ["", " ", "ü", "日本語", "a" * 500, "x\u200by", "../../etc/passwd", "null", "~", "1e5"]

leaf = st.one_of(
    st.sampled_from(EXTREME_NUMBERS),
    st.sampled_from(ODD_TEXT),
    st.none(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.booleans(),
)
junk = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``data``."""
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replace(copy[path[0]], path[1:], value)
    return copy


ALL_PATHS = [p for p in _paths(BASE_DATA) if p]


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> Any:
    """The base scenario with one to three values replaced by junk, or junk outright."""
    if draw(st.integers(0, 9)) == 0:
        return draw(junk)
    data: Any = BASE_DATA
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        try:
            data = _replace(data, path, draw(junk))
        except (KeyError, IndexError, TypeError):
            continue
    return data


def _dump(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, allow_nan=True)
    return yaml.safe_dump(data, allow_unicode=True)


def _run_cli(argv: list[str]) -> tuple[int, str]:
    """``careerfit ARGV`` in-process: exit code and standard error. Any exception other than
    the documented exits fails the test (it would be a traceback)."""
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        rc = main(argv)
    return rc, err.getvalue()


def _rejected(exc: InputError) -> None:
    """A rejection names what is wrong (one line per problem, at most 20 and a count)."""
    text = exc.render()
    assert text
    assert len(text.splitlines()) <= 21


def _assert_clean(rc: int, err: str, allowed: tuple[int, ...] = (0, 2)) -> None:
    assert rc in allowed, (rc, err[-2000:])
    assert "Traceback" not in err
    if rc == 2:
        assert err.strip(), "a rejected input must say why"


@given(data=mutated_scenarios(), fmt=st.sampled_from(["yaml", "json"]))
def test_scenario_files_are_validated_or_rejected(
    tmp_path_factory: pytest.TempPathFactory, data: Any, fmt: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"s.{fmt}"
    path.write_text(_dump(data, fmt), encoding="utf-8")
    rc, err = _run_cli(["validate", str(path)])
    _assert_clean(rc, err)


@given(
    cut=st.floats(0.0, 1.0),
    fmt=st.sampled_from(["yaml", "json", "toml"]),
    extra=st.sampled_from(["", "\x00", "\udcff", "&a [*a]", "{", "key: [", "target: x\n"]),
)
def test_truncated_and_garbled_files(
    tmp_path_factory: pytest.TempPathFactory, cut: float, fmt: str, extra: str
) -> None:
    text = _dump(BASE_DATA, "json" if fmt == "json" else "yaml")
    if fmt == "toml":
        text = (SCENARIOS / "nurse_to_data_analyst.toml").read_text()
    text = text[: int(len(text) * cut)] + extra
    path = tmp_path_factory.mktemp("fuzz") / f"s.{fmt}"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    rc, err = _run_cli(["validate", str(path)])
    _assert_clean(rc, err)


ACTION_COLUMNS = [
    "id",
    "kind",
    "title",
    "duration_weeks",
    "hours_per_week",
    "cost",
    "gains",
    "requires_actions",
    "requires_levels",
    "start_weeks",
    "interests",
    "bogus",
]
cell = st.one_of(
    st.sampled_from(
        [
            "py101",
            "course",
            "trial_role",
            "8",
            "1e308",
            "-0.0",
            "nan",
            "inf",
            str(2**63),
            "true",
            "programming=1.5",
            "programming=1e308",
            "nope=1",
            "py101",
            "0; 9999999999999999999",
            "A; Z",
            "",
        ]
    ),
    st.text(max_size=12),
)


@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=len(ACTION_COLUMNS)), max_size=6),
    header=st.lists(st.sampled_from(ACTION_COLUMNS), min_size=1, max_size=8, unique=True),
    as_yaml=st.booleans(),
)
def test_action_files_load_or_name_every_bad_row(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[list[str]],
    header: list[str],
    as_yaml: bool,
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    if as_yaml:
        path = folder / "a.yaml"
        items = [dict(zip(header, row, strict=False)) for row in rows]
        path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    else:
        path = folder / "a.csv"
        lines = [",".join(header), *(",".join(f'"{c}"' for c in row) for row in rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        actions = load_action_file(path, ["programming", "writing"])
    except InputError as exc:
        _rejected(exc)
    else:
        for a in actions:
            assert math.isfinite(a.cost)
            assert abs(a.cost) <= 1e9


bad_time = st.sampled_from(["0", "-1", "nan", "inf", "-inf", "1e9", "1e308", "abc", "", "3601"])
bad_int = st.sampled_from(["-1", "2147483648", "1e3", "abc", "", "99999999999999999999", "0"])


@given(
    command=st.sampled_from(["plan", "recommend", "validate", "search", "schema", "bogus"]),
    options=st.lists(
        st.one_of(
            st.tuples(st.just("--time-limit"), st.one_of(bad_time, st.just("0.3"))),
            st.tuples(st.just("--seed"), st.one_of(bad_int, st.just("7"))),
            st.tuples(st.just("--objective"), st.sampled_from(["fastest", "quickest", ""])),
            st.tuples(st.just("--top"), bad_int),
            st.tuples(st.just("--limit"), bad_int),
            st.tuples(st.just("--output"), st.sampled_from(["out.txt", "/nonexistent/x.json"])),
            st.tuples(st.just("--chart"), st.sampled_from(["c.gif", "/nonexistent/c.png"])),
            st.tuples(st.just("--exclude"), st.sampled_from(["nope", ""])),
            st.tuples(st.sampled_from(["--json", "--pareto", "--nope"])),
        ),
        max_size=3,
    ),
    target=st.sampled_from([str(BASE), "missing.yaml", "/dev/null", "."]),
)
def test_command_line_options(command: str, options: list[tuple[str, ...]], target: str) -> None:
    # A plan run gets a short limit unless the options give one (the last one counts).
    short = ["--time-limit", "0.3"] if command == "plan" else []
    argv = [command, target, *short, *(x for opt in options for x in opt)]
    started = time.perf_counter()
    rc, err = _run_cli(argv)
    _assert_clean(rc, err, allowed=(0, 1, 2, 3))
    # No option value may make a run last beyond its limit (0.3 s; --pareto and explanations
    # included), whatever the other options say.
    assert time.perf_counter() - started < 0.3 + SLACK_S + 2.0


VALID: dict[str, Any] = {}


def _valid() -> dict[str, Any]:
    if not VALID:
        loaded = load_scenario(BASE)
        VALID.update(
            profile=loaded.scenario.profile,
            target=loaded.scenario.target.occupation,
            catalog=loaded.catalog,
        )
    return VALID


api_value = st.one_of(
    st.sampled_from(EXTREME_NUMBERS),
    st.sampled_from([None, "", "x", [], {}, (), object(), b"bytes", 1j, -1, 0, 10**6]),
)


@given(
    replace=st.dictionaries(
        st.sampled_from(
            [
                "profile",
                "target",
                "catalog",
                "objective",
                "hard",
                "must_meet",
                "settings",
                "time_limit",
                "seed",
                "workers",
                "explain_reasons",
                "scenario_name",
            ]
        ),
        api_value,
        min_size=1,
        max_size=3,
    )
)
def test_api_plan_arguments(replace: dict[str, Any]) -> None:
    from careerfit_opt import plan

    args: dict[str, Any] = {**_valid(), "time_limit": 0.5, **replace}
    started = time.perf_counter()
    try:
        result = plan(args.pop("profile"), args.pop("target"), args.pop("catalog"), **args)
    except InputError as exc:
        _rejected(exc)
        return
    assert isinstance(result, PlanResult)
    limit = args["time_limit"]
    assert time.perf_counter() - started <= limit + SLACK_S + 0.5


@given(
    top=api_value,
    exclude=st.one_of(api_value, st.lists(st.sampled_from(["nope", "graphic_designer"]))),
)
def test_api_recommend_arguments(top: Any, exclude: Any) -> None:
    from careerfit_opt import recommend

    v = _valid()
    try:
        recommend(v["profile"], v["catalog"], top=top, exclude=exclude)
    except InputError as exc:
        _rejected(exc)


@pytest.mark.parametrize(
    "kind", ["fifo", "dev_zero", "directory", "empty", "nul", "latin1", "huge_line"]
)
def test_special_files_are_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "s.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev_zero":
        path.symlink_to("/dev/zero")
    elif kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "nul":
        path.write_bytes(b"profile: {}\x00\n")
    elif kind == "latin1":
        path.write_bytes("profile: {name: Jos\xe9}\n".encode("latin-1"))
    else:
        path.write_bytes(b"name: " + b"x" * (21 * 1024 * 1024) + b"\n")
    started = time.perf_counter()
    rc, err = _run_cli(["validate", str(path)])
    assert rc == 2
    assert "Traceback" not in err
    assert str(path) in err
    assert time.perf_counter() - started < 10
