"""Batch runs: rosters, the results file, resuming after SIGKILL, bad clients, executors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import careerfit_opt
from careerfit_opt.batch import (
    BatchOptions,
    ResultStore,
    catalog_source,
    comparable,
    read_results,
    read_roster,
    start_batch,
    summarise,
)
from careerfit_opt.batch.executors import InlineExecutor
from careerfit_opt.batch.worker import LOADS, run_job
from careerfit_opt.cli import main
from careerfit_opt.errors import InputError
from conftest import FIXTURES, QUICK

TINY = FIXTURES / "foundation" / "tiny_catalog.yaml"


def tiny_client(i: int) -> dict[str, Any]:
    """A client over the tiny catalogue; levels, budget and hours vary with ``i``."""
    return {
        "id": f"c{i:03d}",
        "name": f"client {i}",
        "levels": {"programming": round(0.5 + (i % 5) * 0.5, 2), "writing": 2.0 + (i % 3)},
        "interests": {
            "realistic": 2,
            "investigative": 3 + i % 4,
            "artistic": 2 + i % 5,
            "social": 3,
            "enterprising": 3,
            "conventional": 4,
        },
        "limits": {"budget": 500 + 300 * (i % 7), "hours_per_week": 8 + i % 10},
    }


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def tiny_options(**kw: Any) -> BatchOptions:
    return BatchOptions(catalog=catalog_source(str(TINY)), time_limit=2.0, **kw)


def by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: comparable(r) for r in records}


def test_roster_formats_give_the_same_clients(tmp_path: Path) -> None:
    lifted = {"id": "p", "levels": {"writing": 2}, "objective": "fastest", "catalog": "x.yaml"}
    jsonl = write_jsonl(tmp_path / "r.jsonl", [tiny_client(1), {"id": "s", "profile": {}}, lifted])
    roster = read_roster(jsonl)
    assert [c.id for c in roster] == ["c001", "s", "p"]
    assert roster.clients[2].mapping()[0] == {
        "objective": "fastest",
        "catalog": "x.yaml",
        "profile": {"levels": {"writing": 2}},
    }
    assert roster.clients[0].mapping()[0]["profile"]["limits"]["budget"] == 800
    assert roster.clients[1].mapping() == ({"profile": {}}, None)
    csv = tmp_path / "r.csv"
    csv.write_text(
        "id,current_job,level:programming,realistic,investigative,artistic,social,enterprising,"
        "conventional,budget,hours_per_week,target\n"
        "x1,Copywriter,2.5,2,5,4,3,2,4,2000,15,data_analyst\n"
        "x2,,,,,,,,,,,\n"
    )
    rows = read_roster(csv).clients
    assert [c.id for c in rows] == ["x1", "x2"]
    assert rows[0].current_job == "Copywriter"
    assert rows[0].line == 2
    profile = rows[0].scenario["profile"]
    assert profile["levels"] == {"programming": 2.5}
    assert profile["interests"]["investigative"] == 5
    assert rows[0].scenario["target"] == "data_analyst"
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "one.yaml").write_text(
        (FIXTURES / "foundation" / "scenario.yaml")
        .read_text()
        .replace("tiny_catalog.yaml", str(TINY))
    )
    assert [c.id for c in read_roster(folder)] == ["one"]


def test_csv_unknown_column_and_duplicates_are_rejected_up_front(tmp_path: Path) -> None:
    csv = tmp_path / "r.csv"
    csv.write_text("id,budjet\nx,1\n")
    with pytest.raises(InputError, match=r"budjet.*did you mean 'budget'"):
        read_roster(csv)
    dup = write_jsonl(
        tmp_path / "d.jsonl", [tiny_client(1), tiny_client(2), tiny_client(1), tiny_client(1)]
    )
    with pytest.raises(InputError, match=r"id 'c001': given 3 times \(lines 1, 3, 4\)"):
        read_roster(dup)
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(dup), "--out", str(out), "--workers", "1"]) == 2
    assert not out.exists() or out.read_text() == ""


def test_bad_infeasible_and_good_clients_each_get_a_record(tmp_path: Path) -> None:
    rows = [
        tiny_client(1),
        {"id": "bad-level", "levels": {"writing": 9}},
        {"id": "bad-dim", "levels": {"cooking": 3}},
        {"id": "bad-job", "current_job": "astronaut"},
        # A hard target with no money and one hour a week: no plan exists.
        {
            "id": "infeasible",
            "profile": {
                "levels": {"programming": 0.5},
                "limits": {"budget": 0, "hours_per_week": 1, "horizon_weeks": 4},
            },
            "target": {"occupation": "data_analyst", "hard": True},
        },
        tiny_client(2),
    ]
    roster = write_jsonl(tmp_path / "r.jsonl", rows)
    (tmp_path / "r.jsonl").open("a").write('{"id": "torn"\n')
    out = tmp_path / "out.jsonl"
    run = start_batch(roster, out, options=tiny_options(), executor=InlineExecutor())
    records = {r["id"]: r for r in run}
    assert set(records) == {"c001", "c002", "bad-level", "bad-dim", "bad-job", "infeasible",
                            "line-7"}  # fmt: skip
    assert records["c001"]["status"] == "ok"
    assert records["c001"]["best"] is not None
    assert records["infeasible"]["status"] == "no_plan"
    assert records["infeasible"]["plans"][0]["reasons"], "infeasible clients say why"
    for ident, needle in [
        ("bad-level", "profile.levels.writing: must be within 0–7"),
        ("bad-dim", "unknown dimension 'cooking'"),
        ("bad-job", "current_job: unknown occupation 'astronaut'"),
        ("line-7", "not valid JSON"),
    ]:
        assert records[ident]["status"] == "error"
        assert needle in records[ident]["errors"][0]["text"], records[ident]["errors"]
    summary = summarise(read_results(out))
    assert summary["statuses"] == {"ok": 2, "no_plan": 1, "time_limit": 0, "error": 4}
    csv_rows = (tmp_path / "out.csv").read_text().splitlines()
    assert csv_rows[0].startswith("client,status,best_target")
    assert [r.split(",")[0] for r in csv_rows[1:]] == [
        "c001", "bad-level", "bad-dim", "bad-job", "infeasible", "c002", "line-7"
    ]  # fmt: skip


def test_csv_must_meet_column_makes_a_requirement_a_must(tmp_path: Path) -> None:
    # 100 pays for no certificate exam (200): the soft client gets the internship, the client
    # who must have the certificate gets no plan, with the budget named.
    csv = tmp_path / "r.csv"
    csv.write_text(
        "id,level:programming,level:writing,budget,hours_per_week,target,must_meet\n"
        "soft,3,3,100,20,Data Analyst,\n"
        "must,3,3,100,20,Data Analyst,cert_data\n"
        "alone,3,3,100,20,,cert_data\n"
    )
    records = {
        r["id"]: r
        for r in start_batch(csv, None, options=tiny_options(), executor=InlineExecutor())
    }
    assert records["alone"]["status"] == "error"
    assert "must_meet: names requirements of a target" in records["alone"]["errors"][0]["text"]
    assert records["soft"]["status"] == "ok"
    assert records["must"]["status"] == "no_plan"
    must = records["must"]["plans"][0]
    assert must["target"] == "data_analyst"  # the title, resolved inside the mapping
    assert any(r["limit"] == "budget" for r in must["reasons"]), must["reasons"]


def test_current_job_seeds_the_profile_and_is_not_recommended(tmp_path: Path) -> None:
    roster = write_jsonl(tmp_path / "r.jsonl", [{"id": "j", "current_job": "Copywriter"}])
    (record,) = start_batch(roster, None, options=tiny_options(top=1), executor=InlineExecutor())
    assert record["status"] == "ok", record["errors"]
    assert [r["occupation_id"] for r in record["recommendations"]] == ["data_analyst"]


def test_resume_skips_finished_ids_and_drops_a_torn_line(tmp_path: Path) -> None:
    roster = write_jsonl(tmp_path / "r.jsonl", [tiny_client(i) for i in range(6)])
    out = tmp_path / "out.jsonl"
    whole = list(start_batch(roster, None, options=tiny_options(), executor=InlineExecutor()))
    first = list(start_batch(roster, out, options=tiny_options(), executor=InlineExecutor()))
    assert len(first) == 6
    # Keep three records, then a torn fourth (a run killed mid-write).
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:3]) + lines[3][: len(lines[3]) // 2])
    run = start_batch(roster, out, options=tiny_options(), executor=InlineExecutor())
    assert run.store is not None
    assert run.store.truncated > 0
    assert run.skipped == 3
    rerun = list(run)
    assert len(rerun) == 3
    final = read_results(out)
    assert sorted(r["id"] for r in final) == [f"c{i:03d}" for i in range(6)]
    assert by_id(final) == by_id(whole)
    # Everything done: a third run has nothing to do.
    assert list(start_batch(roster, out, options=tiny_options(), executor=InlineExecutor())) == []


def test_resume_with_other_options_is_refused(tmp_path: Path) -> None:
    roster = write_jsonl(tmp_path / "r.jsonl", [tiny_client(1)])
    out = tmp_path / "out.jsonl"
    list(start_batch(roster, out, options=tiny_options(), executor=InlineExecutor()))
    with pytest.raises(InputError, match="made with other options"):
        start_batch(roster, out, options=tiny_options(top=2), executor=InlineExecutor())


def test_a_second_run_on_the_same_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with ResultStore.open(out), pytest.raises(InputError, match="another batch is writing"):
        ResultStore.open(out)


def test_catalogue_loaded_once_per_worker(tmp_path: Path) -> None:
    roster = read_roster(write_jsonl(tmp_path / "r.jsonl", [tiny_client(i) for i in range(4)]))
    options = tiny_options(top=1)
    before = dict(LOADS)
    run_job(roster.clients, options.as_dict())
    run_job(roster.clients, options.as_dict())
    new = {k: v - before.get(k, 0) for k, v in LOADS.items() if v != before.get(k, 0)}
    assert list(new.values()) in ([1], []), new  # [] when an earlier test loaded it already
    assert sum(LOADS.values()) == len(LOADS), "every catalogue loaded exactly once"


def test_recommend_only_matches_full_recommendations(tmp_path: Path) -> None:
    rows = [tiny_client(i) for i in range(8)]
    rows[3]["preferences"] = {"excluded_occupations": ["data_analyst"]}
    roster = write_jsonl(tmp_path / "r.jsonl", rows)
    full = {
        r["id"]: [x["occupation_id"] for x in r["recommendations"]]
        for r in start_batch(roster, None, options=tiny_options(top=2, explain=False),
                             executor=InlineExecutor())
    }  # fmt: skip
    fast = {
        r["id"]: [x["occupation_id"] for x in r["recommendations"]]
        for r in start_batch(roster, None, options=tiny_options(top=2, recommend_only=True,
                             chunk=3), executor=InlineExecutor())
    }  # fmt: skip
    assert fast == full
    assert full["c003"] == ["copywriter"]


def test_python_api_yields_records(tmp_path: Path) -> None:
    roster = write_jsonl(tmp_path / "r.jsonl", [tiny_client(i) for i in range(3)])
    records = list(careerfit_opt.batch(roster, catalog=str(TINY), top=1, inline=True))
    assert sorted(r["id"] for r in records) == ["c000", "c001", "c002"]


def _cli(roster: Path, out: Path, *extra: str) -> list[str]:
    # A 10-s limit, though the plans take milliseconds: a fresh worker on a loaded machine can
    # spend seconds importing the solvers inside the first plan's wall-clock guard (2 × limit +
    # 1 s), and a guard that fires changes that plan for the clock's sake, not the resume's.
    code = "import sys; from careerfit_opt.cli import main; sys.exit(main(sys.argv[1:]))"
    return [
        sys.executable, "-c", code, "batch", str(roster), "--out", str(out),
        "--catalog", str(TINY), "--time-limit", "10", "--top", "2", *extra,
    ]  # fmt: skip


def test_sigkill_mid_run_then_resume_loses_and_repeats_nothing(tmp_path: Path) -> None:
    n = 60 if QUICK else 150
    roster = write_jsonl(tmp_path / "r.jsonl", [tiny_client(i) for i in range(n)])
    reference = tmp_path / "reference.jsonl"
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "COLUMNS": "120"}
    proc = subprocess.Popen(
        _cli(roster, out, "--workers", "2"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= 10:
            break
        assert proc.poll() is None, "the batch ended before it could be killed"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = out.read_bytes().count(b"\n")
    assert 10 <= partial < n, f"killed after {partial} of {n}"
    done = subprocess.run(_cli(roster, out, "--workers", "2"), env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    subprocess.run(_cli(roster, reference, "--workers", "1"), env=env, check=True,
                   capture_output=True)  # fmt: skip
    records = read_results(out)
    ids = [r["id"] for r in records]
    assert sorted(ids) == sorted(f"c{i:03d}" for i in range(n)), "every id exactly once"
    assert by_id(records) == by_id(read_results(reference))
    assert out.read_bytes().endswith(b"\n")


def test_pool_and_dask_give_identical_results(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    rows = [tiny_client(i) for i in range(8 if QUICK else 16)]
    rows.append({"id": "bad", "levels": {"writing": -1}})
    roster = write_jsonl(tmp_path / "r.jsonl", rows)
    # A long limit: the plans take milliseconds, but a fresh worker on a loaded machine can spend
    # seconds importing the solvers inside the first plan's wall-clock guard (2 × limit + 1 s),
    # and a guard that fires makes that plan differ for the clock's sake, not the executor's.
    options = BatchOptions(catalog=catalog_source(str(TINY)), time_limit=10.0, top=2)
    inline = by_id(list(start_batch(roster, None, options=options, executor=InlineExecutor())))
    pool = by_id(list(start_batch(roster, None, options=options, workers=2)))
    dask = by_id(list(start_batch(roster, None, options=options, dask_local=2)))
    assert pool == inline
    assert dask == inline


def test_bench_reports_every_number_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--set", "synthetic", "--quick", "--time-limit", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (row,) = report["sets"]
    assert row["set"] == "synthetic"
    assert row["profiles"] == 8
    assert sum(row["statuses"].values()) == 8
    assert 0.0 <= row["proven_share"] <= 1.0
    assert row["solve_s_median"] <= row["solve_s_p95"] <= row["solve_s_max"]
    assert row["vs_greedy_equal_shortfall"] + row["vs_greedy_less_shortfall"] <= 8
    assert row["recommend_per_s"] > 0
    assert row["topk_kernel_per_s_1_thread"] > 0
    assert report["machine"]["cores"] >= 1


def test_bench_unknown_set_is_bad_input() -> None:
    assert main(["bench", "--set", "nope"]) == 2


def test_bench_onet_folder_missing_is_bad_input_naming_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-onet"
    assert main(["bench", "--set", "onet", "--onet", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "--onet" in err
    assert "no-such-onet" in err
    assert "careerfit data onet" in err


def test_bench_onet_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careerfit_opt.batch.bench import _onet_folder

    monkeypatch.setenv("CAREERFIT_ONET_DIR", str(tmp_path))
    assert _onet_folder(None) == tmp_path
    other = tmp_path / "given"
    other.mkdir()
    assert _onet_folder(str(other)) == other


def test_records_of_failed_jobs_are_retried_on_resume(tmp_path: Path) -> None:
    from careerfit_opt.batch.runner import _failed_job

    roster_path = write_jsonl(tmp_path / "r.jsonl", [tiny_client(i) for i in range(3)])
    roster = read_roster(roster_path)
    out = tmp_path / "out.jsonl"
    options = tiny_options()
    with ResultStore.open(out, run=options.fingerprint) as store:
        store.append(run_job(roster.clients[:1], options.as_dict()))
        store.append(_failed_job(roster.clients[1:2], options, RuntimeError("worker died")))
    run = start_batch(roster, out, options=options, executor=InlineExecutor())
    assert run.store is not None
    assert run.store.retried == 1
    assert [c.id for c in run.pending] == ["c001", "c002"]
    list(run)
    records = read_results(out)
    assert sorted(r["id"] for r in records) == ["c000", "c001", "c002"]
    assert all(r["status"] == "ok" for r in records)


def test_resuming_over_a_damaged_record_names_it_and_keeps_the_file(tmp_path: Path) -> None:
    # Once a traceback (AttributeError in the summary) when a results line had been edited.
    roster = write_jsonl(tmp_path / "r.jsonl", [tiny_client(i) for i in range(2)])
    out = tmp_path / "out.jsonl"
    records = list(start_batch(read_roster(roster), out, options=tiny_options(),
                               executor=InlineExecutor()))  # fmt: skip
    assert len(records) == 2
    lines = out.read_text().splitlines()
    damaged = [json.dumps({**json.loads(lines[0]), "errors": [5]}), *lines[1:]]
    out.write_text("\n".join(damaged) + "\n")
    before = out.read_bytes()
    with pytest.raises(InputError, match=r"line 1\.errors\.0: should be a mapping of fields"):
        start_batch(read_roster(roster), out, options=tiny_options(), executor=InlineExecutor())
    assert out.read_bytes() == before  # nothing lost


def test_catalog_names_an_installed_release_although_its_name_has_a_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--catalog 30.1`` was refused as "no catalogue file or O*NET folder" because the dot
    made it look like a path, although docs/batch.md lists installed releases."""
    monkeypatch.setenv("CAREERFIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "onet" / "30.1").mkdir(parents=True)
    assert catalog_source("30.1") == {"onet": "30.1"}
    assert catalog_source("30.1", actions=["bundled"]) == {"onet": "30.1", "actions": ["bundled"]}
    with pytest.raises(InputError, match=r"O\*NET release at '29\.9' \(installed releases: 30\.1;"):
        catalog_source("29.9")
    with pytest.raises(InputError, match=r"unknown catalogue 'nope'; use one of .*30\.1"):
        catalog_source("nope")
