"""`careerfit evaluate`: reading related-occupation tables, the measures, their intervals."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import careerfit_opt
from careerfit_opt.cli import main
from careerfit_opt.errors import InputError
from careerfit_opt.io.related import load_related, parse_related
from careerfit_opt.model import Catalog, Dimension, Occupation, Requirement, Riasec
from careerfit_opt.scoring.evaluate import confidence_interval

RELATED_30 = (
    "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n"
    "a\tc\tPrimary-Long\t2\n"
    "a\tb\tPrimary-Short\t1\n"
    "b\ta\tSupplemental\t1\n"
)
CHANGERS_23 = (
    "O*NET-SOC Code\tTitle\tRelated O*NET-SOC Code\tRelated Title\tIndex\n"
    "a\tA\td\tD\t1\n"
    "b\tB\ta\tA\t1\n"
)


def test_the_three_layouts_are_recognised() -> None:
    t = parse_related(RELATED_30)
    assert t.format == "related-occupations"
    assert t.links == {"a": ("b", "c"), "b": ("a",)}  # ranked by Index
    assert t.tiers["a"]["b"] == "Primary-Short"
    assert parse_related(CHANGERS_23).format == "career-changers"
    t = parse_related("Source, Target\nx,y\nx,z\n")
    assert (t.format, t.links, t.size) == ("transitions", {"x": ("y", "z")}, 2)
    assert parse_related("source\ttarget\nx\ty\n").links == {"x": ("y",)}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("from,to\nx,y\n", "header"),
        ("source,target\nx,y,z\n", "line 2"),
        ("source,target\nx,\n", "line 2.target"),
        ("source,target\nx,x\n", "itself"),
        ("source,target\nx,y\nx,y\n", "repeats"),
        ("source,target\n", "no rows"),
        (RELATED_30.replace("Primary-Long", "Secondary"), "not one of"),
        (CHANGERS_23.replace("\t1\n", "\tfirst\n", 1), "not a number"),
    ],
)
def test_bad_tables_name_line_and_fix(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        parse_related(text, source="t.csv")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_related(tmp_path / "none.csv")


def _catalog() -> Catalog:
    """Four occupations on four skills: a and b alike, c and d alike, the two pairs apart."""
    dims = [Dimension(id=f"s{i}", name=f"S{i}", kind="skill") for i in range(4)]
    shapes = {"a": (6, 5, 1, 1), "b": (5, 6, 1, 1.5), "c": (1, 1, 6, 5), "d": (1.5, 1, 5, 6)}
    ints = Riasec(realistic=4, investigative=5, artistic=2, social=3, enterprising=3,
                  conventional=2)  # fmt: skip
    occs = [
        Occupation(id=o, title=o.upper(), interests=ints, requirements={
            f"s{i}": Requirement(level=v, importance=4) for i, v in enumerate(lv)})
        for o, lv in shapes.items()
    ]  # fmt: skip
    return Catalog(name="tiny", dimensions=dims, occupations=occs)


def test_measures_on_a_known_answer() -> None:
    table = parse_related("source,target\na,b\na,d\nc,d\nc,a\nx,a\n")
    ev = careerfit_opt.evaluate(_catalog(), table, k=1, ci="normal", per_source=True)
    # a's best is b (a hit), c's best is d (a hit): precision 1, recall ½, MRR 1.
    assert [r.top for r in ev.per_source] == [["b"], ["d"]]
    assert (ev.precision.value, ev.recall.value, ev.mrr.value) == (1.0, 0.5, 1.0)
    assert ev.missing_sources == ["x"]
    assert (ev.sources, ev.links) == (2, 4)
    ev3 = careerfit_opt.evaluate(_catalog(), table, k=3, per_source=True)
    assert ev3.per_source[0].top[0] == "b"
    assert ev3.per_source[0].hits == 2
    assert ev3.recall.value == 1.0
    assert ev3.precision.value == pytest.approx(2 / 3)


def test_intervals_are_seeded_and_documented() -> None:
    values = np.random.default_rng(1).random(200)
    a = confidence_interval(values, "bootstrap", resamples=500, seed=3)
    assert a == confidence_interval(values, "bootstrap", resamples=500, seed=3)
    assert a.low < a.value < a.high
    n = confidence_interval(values, "normal")
    half = 1.959964 * values.std(ddof=1) / np.sqrt(values.size)
    assert n.low == pytest.approx(values.mean() - half, abs=1e-6)
    # Both approximate the same spread of the mean.
    assert abs((a.high - a.low) - (n.high - n.low)) < 0.3 * (n.high - n.low)


def test_no_source_in_the_catalogue_is_an_input_error() -> None:
    with pytest.raises(InputError, match="none of its 1 source"):
        careerfit_opt.evaluate(_catalog(), parse_related("source,target\nx,y\n"))


def test_cli_prints_measures_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cat = tmp_path / "cat.json"
    cat.write_text(_catalog().model_dump_json())
    rel = tmp_path / "moves.csv"
    rel.write_text("source,target\na,b\nc,d\n")
    assert main(["evaluate", str(rel), "--catalog", str(cat), "-k", "1"]) == 0
    text = capsys.readouterr().out
    for word in ("precision@1", "recall@1", "MRR@1", "bootstrap"):
        assert word in text
    assert main(["evaluate", str(rel), "--catalog", str(cat), "--json", "--ci", "normal"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recall"]["value"] == 1.0
    assert data["ci_method"] == "normal"


def test_cli_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rel = tmp_path / "moves.csv"
    rel.write_text("from,to\na,b\n")
    assert main(["evaluate", str(rel), "--catalog", "default"]) == 2
    err = capsys.readouterr().err
    assert "moves.csv" in err
    assert "header" in err
    assert "Traceback" not in err
    assert main(["evaluate", str(rel)]) == 2  # no catalogue
    rel.write_text("source,target\na,b\n")
    assert main(["evaluate", str(rel), "--catalog", "default", "--ci", "exact"]) == 2


@pytest.mark.onet
def test_career_changers_dev_half_on_23x(onet23_dir: Path) -> None:
    """The development half of O*NET's Career Changers Matrix 23.2 on the 23.x tables: the
    measured level (docs/performance.md) with the default settings."""
    table = onet23_dir.parent / "onet-eval" / "career_changers_23_2_dev.txt"
    if not table.exists():
        pytest.skip("onet-eval tables not found")
    ev = careerfit_opt.evaluate(careerfit_opt.load_onet(onet23_dir), table, resamples=200)
    assert ev.sources == 431
    assert ev.recall.value >= 0.30
    assert ev.recall.low < ev.recall.value < ev.recall.high


def test_stray_carriage_returns_are_read_as_line_ends() -> None:
    # Once a traceback (csv.Error: new-line character seen in unquoted field).
    with pytest.raises(InputError, match="line 2: has 1 columns"):
        parse_related("source,target\n\r0\nA,B\n")
    assert parse_related("source,target\r\nA,B\rB,A\n").links == {"A": ("B",), "B": ("A",)}
