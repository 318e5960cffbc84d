"""Fuzzing the ways in that came after the first fuzz suite (``test_fuzz.py``): batch rosters
(JSON lines and CSV), batch results handed to ``careerfit report``, answers files of
``careerfit assess``, related-occupation tables of ``careerfit evaluate`` and composed catalogue
sources (``catalog: {onet: …, actions: […], overlay: …}``).

The promise is the same: each input is accepted or rejected with a message — exit 2 on the
command line, an :class:`InputError` from Python — never a traceback, never a hang; a batch
gives every client of an accepted roster a record (a bad client gets an ``error`` record).
Profiles: ``test_fuzz.py``'s (quick in CI, ``CAREERFIT_FUZZ=long`` for the long run).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

import careerfit_opt
from careerfit_opt.batch.worker import STATUSES
from careerfit_opt.errors import InputError
from careerfit_opt.io import load_scenario
from onet_tables import write_onet
from test_assess_answers import full_answers
from test_batch import TINY, tiny_client
from test_fuzz import (
    ALL_PATHS,  # noqa: F401  (imports the suite's hypothesis profiles too)
    EXTREME_NUMBERS,
    ODD_TEXT,
    _assert_clean,
    _dump,
    _paths,
    _rejected,
    _replace,
    _run_cli,
    junk,
)

cell = st.one_of(
    st.sampled_from([str(x) for x in EXTREME_NUMBERS]),
    st.sampled_from(ODD_TEXT),
    st.sampled_from(["2.5", "-1", "8", "1e400", "0x10", "3,5", '"', "\n", "data_analyst"]),
    st.text(max_size=12),
)


def _mutated(base: Any, draw: st.DrawFn, times: tuple[int, int] = (1, 3)) -> Any:
    """``base`` with some of its values replaced by junk (or junk outright, now and then)."""
    if draw(st.integers(0, 9)) == 0:
        return draw(junk)
    paths = [p for p in _paths(base) if p]
    data = base
    for _ in range(draw(st.integers(*times))):
        try:
            data = _replace(data, draw(st.sampled_from(paths)), draw(junk))
        except (KeyError, IndexError, TypeError):
            continue
    return data


@st.composite
def jsonl_rosters(draw: st.DrawFn) -> str:
    """Roster lines: clients of the tiny catalogue, some mutated, some not JSON at all."""
    lines = []
    for i in range(draw(st.integers(1, 3))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            lines.append(draw(st.sampled_from(["{", "[]", "null", "1e999", '{"id": 1}', ""])))
        elif kind == 1:
            lines.append(json.dumps(tiny_client(i)))
        else:
            lines.append(json.dumps(_mutated(tiny_client(i), draw), allow_nan=True))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


CSV_COLUMNS = ["id", "name", "current_job", "level:programming", "level:writing", "realistic",
               "investigative", "budget", "hours_per_week", "horizon_weeks", "target"]  # fmt: skip
BAD_COLUMNS = ["budjet", "level:", "", "id"]


@st.composite
def csv_rosters(draw: st.DrawFn) -> str:
    """CSV rosters: random known (and a few unknown) columns with odd cells."""
    columns = draw(st.lists(st.sampled_from(CSV_COLUMNS), min_size=1, max_size=6, unique=True))
    if draw(st.integers(0, 3)) > 0:
        columns = ["id", *[c for c in columns if c != "id"]]
    if draw(st.integers(0, 3)) == 0:
        columns.append(draw(st.sampled_from(BAD_COLUMNS)))
    rows = [",".join(columns)]
    for i in range(draw(st.integers(0, 3))):
        cells = [
            f"c{i}" if c == "id" else draw(st.one_of(st.sampled_from(["", "3", "12"]), cell))
            for c in columns
        ]
        cells = [x.replace(",", ";").replace("\n", " ").replace("\r", " ") for x in cells]
        rows.append(",".join(cells))
    return "\n".join(rows) + "\n"


def _check_batch(roster: Path, tmp_path: Path) -> None:
    """A roster is rejected up front, or every client gets one record with a known status."""
    out = tmp_path / "out.jsonl"
    try:
        records = list(
            careerfit_opt.batch(
                str(roster), str(out), catalog=str(TINY), top=1, time_limit=1.0, inline=True
            )
        )
    except InputError as exc:
        event("roster rejected")
        _rejected(exc)
        return
    event(f"roster accepted: {sorted({r['status'] for r in records})}")
    assert records, "an accepted roster gives every client a record"
    for r in records:
        assert r["status"] in STATUSES, r
        if r["status"] == "error":
            assert r["errors"], r
    # The results file then reads back for a report (a page per client without an error).
    rc, err = _run_cli(
        [
            "report",
            str(out),
            "-o",
            str(tmp_path / "pages"),
            "--roster",
            str(roster),
            "--no-charts",
        ]
    )
    _assert_clean(rc, err)


@given(text=jsonl_rosters())
def test_jsonl_rosters(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("roster")
    roster = folder / "roster.jsonl"
    roster.write_text(text, encoding="utf-8")
    _check_batch(roster, folder)


@given(text=csv_rosters())
def test_csv_rosters(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("roster")
    roster = folder / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    _check_batch(roster, folder)


@pytest.fixture(scope="module")
def batch_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """A roster of the tiny catalogue and its results records."""
    folder = tmp_path_factory.mktemp("results")
    roster = folder / "roster.jsonl"
    roster.write_text("".join(json.dumps(tiny_client(i)) + "\n" for i in range(2)))
    records = list(
        careerfit_opt.batch(str(roster), None, catalog=str(TINY), top=1, time_limit=1.0,
                            inline=True)
    )  # fmt: skip
    return roster, records


@given(data=st.data())
def test_batch_results_files_for_reports(
    tmp_path_factory: pytest.TempPathFactory,
    batch_results: tuple[Path, list[dict[str, Any]]],
    data: st.DataObject,
) -> None:
    roster, records = batch_results
    lines = [json.dumps(_mutated(r, data.draw), allow_nan=True) for r in records]
    if data.draw(st.booleans()):
        lines.append(data.draw(st.sampled_from(["{", "[1, 2]", '{"id": null}', "\x00"])))
    folder = tmp_path_factory.mktemp("report")
    results = folder / "results.jsonl"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rc, err = _run_cli(
        [
            "report",
            str(results),
            "-o",
            str(folder / "pages"),
            "--roster",
            str(roster),
            "--no-charts",
        ]
    )
    _assert_clean(rc, err)
    event(f"report exit {rc}")


@given(data=st.data(), fmt=st.sampled_from(["yaml", "json"]))
def test_assess_answer_files(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, fmt: str
) -> None:
    folder = tmp_path_factory.mktemp("assess")
    answers = folder / f"answers.{fmt}"
    answers.write_text(_dump(_mutated(full_answers(), data.draw), fmt), encoding="utf-8")
    out = folder / "me.yaml"
    rc, err = _run_cli(
        ["assess", "--answers", str(answers), "--out", str(out), "--catalog", "default"]
    )
    _assert_clean(rc, err)
    event(f"assess exit {rc}")
    if rc == 2:
        assert not out.exists(), "a rejected answers file writes nothing"
    else:
        load_scenario(out)  # what it writes validates


related_cell = st.one_of(
    st.sampled_from(["data_analyst", "graphic_designer", "registered_nurse", "nope", ""]),
    st.sampled_from(ODD_TEXT),
    st.text(max_size=10),
)


@st.composite
def related_tables(draw: st.DrawFn) -> str:
    """Transition tables: the CSV layout with odd rows, or a header of another layout."""
    header = draw(
        st.sampled_from(
            [
                "source,target",
                "target,source",
                "O*NET-SOC Code\tRelated O*NET-SOC Code",
                "source",
                "",
                "source,target,extra",
            ]
        )
    )
    rows = [
        ",".join(draw(st.lists(related_cell, min_size=1, max_size=3)).copy()).replace("\n", " ")
        for _ in range(draw(st.integers(0, 4)))
    ]
    return "\n".join([header, *rows]) + "\n"


@given(text=related_tables())
def test_evaluate_related_tables(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    table = tmp_path_factory.mktemp("evaluate") / "related.csv"
    table.write_text(text, encoding="utf-8")
    rc, err = _run_cli(
        ["evaluate", str(table), "--catalog", "default", "--k", "3", "--resamples", "20"]
    )
    _assert_clean(rc, err)
    event(f"evaluate exit {rc}")


@pytest.fixture(scope="module")
def composed_base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A folder with a tiny O*NET release, an action file and an overlay, and a scenario that
    composes them."""
    folder = tmp_path_factory.mktemp("composed")
    write_onet(folder / "onet")
    (folder / "courses.csv").write_text(
        "id,kind,title,duration_weeks,hours_per_week,cost,gains\n"
        "c1,course,Listening skills,4,5,100,active_listening=1\n",
        encoding="utf-8",
    )
    (folder / "overlay.yaml").write_text(
        yaml.safe_dump(
            {
                "name": "fuzz overlay",
                "families": {"11": "business_finance"},
                "occupations": {
                    "29-1141.00": {"license_registered_nurse": {"level": 1, "importance": 5}}
                },
            }
        )  # fmt: skip, encoding="utf-8"
    )
    data = {
        "profile": {"name": "Fuzz", "levels": {"active_listening": 2},
                    "limits": {"budget": 1000, "hours_per_week": 10, "horizon_weeks": 52}},
        "catalog": {"onet": "onet", "actions": ["courses.csv"],
                    "overlay": "overlay.yaml"},
        "target": {"recommend_top": 1},
        "solver": {"time_limit_s": 1},
    }  # fmt: skip
    return folder, data


CATALOG_VALUES = [
    "onet", "courses.csv", "overlay.yaml", "bundled", "none", "default", "30.1", "23.2",
    ["bundled"], ["courses.csv", "courses.csv"], [], {"bundled": "default"}, "/dev/zero",
    "../../etc/passwd", "missing.csv",
]  # fmt: skip


@given(data=st.data())
def test_composed_catalogue_sources(
    composed_base: tuple[Path, dict[str, Any]], data: st.DataObject
) -> None:
    folder, base = composed_base
    source: dict[str, Any] = dict(base["catalog"])
    for _ in range(data.draw(st.integers(1, 3))):
        key = data.draw(st.sampled_from(["onet", "actions", "overlay", "bundled", "path", "x"]))
        value = data.draw(st.one_of(st.sampled_from(CATALOG_VALUES), junk))
        if data.draw(st.integers(0, 4)) == 0:
            source.pop(key, None)
        else:
            source[key] = value
    digest = hashlib.sha1(json.dumps(source, default=str).encode()).hexdigest()[:12]
    name = f"s{digest}.yaml"
    scenario = folder / name
    scenario.write_text(_dump({**base, "catalog": source}, "yaml"), encoding="utf-8")
    rc, err = _run_cli(["validate", str(scenario)])
    _assert_clean(rc, err)
    event(f"validate exit {rc}")
    if rc == 0:
        rc, err = _run_cli(["recommend", str(scenario), "--top", "2"])
        _assert_clean(rc, err)


def test_the_composed_base_itself_is_accepted(composed_base: tuple[Path, dict[str, Any]]) -> None:
    """The unmutated sources compose (so the fuzz above starts from a valid scenario)."""
    folder, base = composed_base
    scenario = folder / "base.yaml"
    scenario.write_text(_dump(base, "yaml"), encoding="utf-8")
    assert _run_cli(["validate", str(scenario)]) == (0, "")
