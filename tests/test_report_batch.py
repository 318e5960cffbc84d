"""Batch reports: ``careerfit report RESULTS.jsonl -o DIR`` writes a page per client and an index
linking them; plans come from the results file, errors show in the index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest
import yaml

import careerfit_opt
from careerfit_opt.cli import main
from careerfit_opt.report.batch import client_file
from planner_small import action, catalog


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict]]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("batch")
    cat = catalog(
        [action("slow", title="Slow course", duration_weeks=10, cost=50.0, gains={"py": 2.0})]
    )
    (folder / "cat.yaml").write_text(
        yaml.safe_dump(cat.model_dump(mode="json", exclude_none=True)), encoding="utf-8"
    )

    def line(cid: str, name: str, **limits: float) -> str:
        return json.dumps(
            {
                "id": cid,
                "name": cid,
                "profile": {"name": name, "levels": {"py": 1.0}, "limits": limits},
                "catalog": {"path": "cat.yaml"},
                "target": {"occupation": "t", "hard": True},
                "objective": "fastest",
                "solver": {"time_limit_s": 2},
            }
        )

    roster = folder / "roster.jsonl"
    roster.write_text(
        "\n".join(
            [
                line("c-1", "Ann <b>", budget=500, horizon_weeks=52),
                line("c/2", "Bo", budget=10, horizon_weeks=52),  # cannot pay: no plan
                json.dumps({"id": "c-3", "profile": {"name": "Cy", "levels": {"py": 99}}}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    results = folder / "results.jsonl"
    records = list(careerfit_opt.batch(str(roster), str(results), workers=1, inline=True))
    return roster, results, records


def test_an_index_links_a_page_per_client(
    batch_run: tuple[Path, Path, list[dict]],  # type: ignore[type-arg]
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    roster, results, records = batch_run
    assert {r["id"]: r["status"] for r in records} == {
        "c-1": "ok",
        "c/2": "no_plan",
        "c-3": "error",
    }
    out = tmp_path / "reports"
    assert main(["report", str(results), "-o", str(out), "--roster", str(roster)]) == 0
    assert "2 client pages" in capsys.readouterr().err
    index = (out / "index.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(index)
    links = re.findall(r'href="([^"]+)"', index)
    assert links == [client_file("c-1"), client_file("c/2")]  # roster order; no page for c-3
    for link in links:
        page = (out / link).read_text(encoding="utf-8")
        html5lib.HTMLParser(strict=True).parse(page)
        assert '<a href="index.html">← all clients</a>' in page
    assert "profile.levels.py" in index  # c-3's error, in the index
    assert "Ann &lt;b&gt;" in index
    ann = (out / client_file("c-1")).read_text(encoding="utf-8")
    plan = next(r for r in records if r["id"] == "c-1")["plans"][0]
    assert f"week {plan['ready_week']}" in ann
    assert "Slow course" in ann
    bo = (out / client_file("c/2")).read_text(encoding="utf-8")
    assert "Why no plan fits" in bo
    assert "/" not in client_file("c/2")


def test_the_roster_comes_from_the_records_or_must_be_given(
    batch_run: tuple[Path, Path, list[dict]],  # type: ignore[type-arg]
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, results, _ = batch_run
    # The records name the roster by the path the batch was given (absolute here).
    assert main(["report", str(results), "-o", str(tmp_path / "a"), "--no-charts"]) == 0
    moved = tmp_path / "moved.jsonl"
    lines = results.read_text(encoding="utf-8").splitlines()
    moved.write_text(
        "\n".join(json.dumps({**json.loads(x), "source": "gone.jsonl"}) for x in lines) + "\n",
        encoding="utf-8",
    )
    assert main(["report", str(moved), "-o", str(tmp_path / "b")]) == 2
    assert "--roster" in capsys.readouterr().err
    assert main(["report", str(results), "-o", str(tmp_path / "c.html")]) == 2


def test_a_client_page_carries_the_objective_the_batch_planned_with(
    batch_run: tuple[Path, Path, list[dict]],  # type: ignore[type-arg]
) -> None:
    from careerfit_opt.batch import BatchOptions, read_roster
    from careerfit_opt.report.batch import _client_report

    roster, _, records = batch_run
    client = next(c for c in read_roster(roster) if c.id == "c-1")
    record = next(r for r in records if r["id"] == "c-1")
    options = BatchOptions(catalog={"bundled": "default"})
    # The client asks for "fastest"; a batch run with --objective cheapest recorded this:
    cheapest = {**record, "plans": [{**p, "objective": "cheapest"} for p in record["plans"]]}
    report, problems = _client_report(cheapest, client, options)
    assert report is not None
    assert not problems
    assert report.objective == "cheapest"
    report, _ = _client_report(record, client, options)
    assert report is not None
    assert report.objective == "fastest"


def test_a_damaged_results_record_is_named_not_a_traceback(
    batch_run: tuple[Path, Path, list[dict]],  # type: ignore[type-arg]
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    roster, _, records = batch_run
    damaged = [dict(r) for r in records]
    damaged[0]["best"] = {**(damaged[0].get("best") or {}), "cost": []}
    damaged[1]["plans"] = [{"status": 3}]
    results = tmp_path / "damaged.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in damaged), encoding="utf-8")
    out = tmp_path / "pages"
    assert main(["report", str(results), "-o", str(out), "--roster", str(roster)]) == 2
    err = capsys.readouterr().err
    assert "record 1.best.cost" in err
    assert "record 2.plans.0" in err
    assert "Traceback" not in err
