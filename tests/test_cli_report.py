"""``careerfit report``, ``plan --output/--chart``, ``recommend --output`` and the terminal view a
person reads: units, rounding, legends, the one-table Pareto view."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import html5lib
import pytest
import yaml

from careerfit_opt.cli import main
from planner_small import action, catalog


def _scenario(tmp_path: Path, name: str = "Sam", **limits: float) -> Path:
    cat = catalog(
        [
            action("fast", title="Fast bootcamp", duration_weeks=2, cost=900.0, gains={"py": 2.0}),
            action("slow", title="Slow course", duration_weeks=10, cost=0.0, gains={"py": 2.0}),
        ]
    )
    data = cat.model_dump(mode="json", exclude_none=True)
    data["metadata"] = {"currency": "EUR"}
    (tmp_path / "cat.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    sc = {
        "name": "cli report test",
        "profile": {
            "name": name,
            "levels": {"py": 1.0},
            "limits": {"budget": 2000, "horizon_weeks": 52, **limits},
            "interests": {
                "realistic": 2,
                "investigative": 5,
                "artistic": 3,
                "social": 3,
                "enterprising": 2,
                "conventional": 4,
            },
        },
        "catalog": {"path": "cat.yaml"},
        "target": "t",
        "objective": "cheapest",
    }
    path = tmp_path / "sc.yaml"
    path.write_text(yaml.safe_dump(sc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "{sc}", "--output", "{tmp}/out.txt"],
        ["plan", "{sc}", "--chart", "{tmp}/out.gif"],
        ["recommend", "{sc}", "--output", "{tmp}/out"],
        ["report", "{sc}", "-o", "{tmp}/out.docx"],
    ],
)
def test_an_unknown_suffix_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    sc = _scenario(tmp_path)
    args = [a.format(sc=sc, tmp=tmp_path) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "suffix" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("out*"))  # nothing written


def test_plan_output_formats_and_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sc = _scenario(tmp_path)
    assert main(["plan", str(sc), "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert (
        main(["plan", str(sc), "-o", str(tmp_path / "p.json"), "--chart", str(tmp_path / "p.png")])
        == 0
    )
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8")) == {
        **as_json,
        "wall_time_s": json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["wall_time_s"],
    }
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "p.png").stat().st_mode & 0o777 == 0o666 & ~umask  # not 0600
    assert not list(tmp_path.glob(".p.*"))  # no temporary file left behind
    assert main(["plan", str(sc), "-o", str(tmp_path / "p.md")]) == 0
    md = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert "Ready in **week 10**" in md
    assert "| 0–10 | Slow course |" in md
    assert (
        main(["plan", str(sc), "-o", str(tmp_path / "p.html"), "--chart", str(tmp_path / "p.svg")])
        == 0
    )
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Slow course" in page
    assert "0 EUR" in page
    assert (tmp_path / "p.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_recommend_output_html_has_the_fit_map_and_legend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = _scenario(tmp_path)
    assert main(["recommend", str(sc), "-o", str(tmp_path / "r.html")]) == 0
    text = capsys.readouterr().out
    assert "★ = on the Pareto front" in text  # the terminal legend
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Occupations that fit" in page
    assert "data:image/svg+xml" in page
    assert main(["recommend", str(sc), "-o", str(tmp_path / "r.json")]) == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["items"]


def test_names_from_files_are_escaped_in_the_report(tmp_path: Path) -> None:
    sc = _scenario(tmp_path, name="<script>alert(1)</script>")
    out = tmp_path / "r.html"
    assert main(["report", str(sc), "-o", str(out), "--no-charts"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_terminal_view_has_units_and_no_raw_floats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = _scenario(tmp_path)
    assert main(["plan", str(sc)]) == 0
    text = capsys.readouterr().out
    assert "5 h/week" in text
    assert "0 EUR" in text
    assert "Ready in week 10" in text
    assert "Programming +2 levels" in text
    assert not re.search(r"\d\.\d{3,}", text)  # nothing like 3.4311


def test_pareto_is_one_table_then_the_chosen_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = _scenario(tmp_path)
    assert main(["plan", str(sc), "--pareto"]) == 0
    text = capsys.readouterr().out
    assert text.count("Time against cost") == 1
    assert text.count("Levels before") == 1  # one plan's details, not one per point
    assert re.search(r"week 2\s.*900 EUR", text)
    chosen = next(line for line in text.splitlines() if "◀ chosen" in line)
    assert "week 10" in chosen  # the scenario's objective is cheapest
    assert "Slow course" in text
