"""Recommendations: ranking, exclusions, Pareto flags, gaps, lower-bound estimates, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerfit_opt import recommend
from careerfit_opt.cli import main
from careerfit_opt.data.onet import load_onet
from careerfit_opt.errors import InputError
from careerfit_opt.io.catalogs import load_catalog_file
from careerfit_opt.model import Profile, Riasec
from careerfit_opt.scoring.recommend import pareto_front

WRITER = Profile(
    name="Robin",
    levels={"writing": 5, "programming": 2},
    interests=Riasec(
        realistic=1, investigative=4, artistic=6, social=3, enterprising=2, conventional=3
    ),
)


@pytest.fixture
def tiny(fixtures_dir: Path):  # type: ignore[no-untyped-def]
    return load_catalog_file(fixtures_dir / "scoring" / "tiny_catalog.yaml")


def test_ranking_flags_and_gaps(tiny) -> None:  # type: ignore[no-untyped-def]
    recs = recommend(WRITER, tiny)
    assert [r.occupation_id for r in recs.items] == ["tech_writer", "designer", "developer"]
    first, designer, dev = recs.items
    assert first.qualification == 1.0
    assert first.pareto
    assert not first.gaps
    assert designer.low_coverage
    assert designer.gaps[0].have is None
    assert "rate your Graphic Design" in designer.explanation
    gap = dev.gaps[0]
    assert (gap.dimension, gap.have, gap.need) == ("programming", 2.0, 6.0)
    # Gain 4 needs both Python courses: 400 + 900; 100 hours at 10 h/week; shortest is 8 weeks.
    assert dev.estimate.cost_lower_bound == 1300.0
    assert dev.estimate.weeks_lower_bound == 10
    assert "Programming from 2 to 6" in dev.explanation


def test_excluded_results_are_replaced(tiny) -> None:  # type: ignore[no-untyped-def]
    recs = recommend(WRITER, tiny, top=2, exclude=["tech_writer"])
    assert [r.occupation_id for r in recs.items] == ["designer", "developer"]
    me = WRITER.model_copy(update={"preferences": WRITER.preferences.model_copy(
        update={"excluded_occupations": ["designer"]})})  # fmt: skip
    assert [r.occupation_id for r in recommend(me, tiny, top=1).items] == ["tech_writer"]
    with pytest.raises(InputError, match="did you mean 'designer'"):
        recommend(WRITER, tiny, exclude=["desginer"])


def test_excluded_actions_raise_the_bounds(tiny) -> None:  # type: ignore[no-untyped-def]
    me = WRITER.model_copy(update={"preferences": WRITER.preferences.model_copy(
        update={"excluded_actions": ["py2"]})})  # fmt: skip
    dev = next(r for r in recommend(me, tiny).items if r.occupation_id == "developer")
    assert dev.estimate.unreachable == ["programming"]
    assert "no action in the catalogue raises Programming" in dev.explanation


def test_no_interests_means_passion_unknown(tiny) -> None:  # type: ignore[no-untyped-def]
    recs = recommend(WRITER.model_copy(update={"interests": None}), tiny)
    assert recs.passion_unknown
    assert all(r.passion is None for r in recs.items)
    assert all(r.combined == r.qualification for r in recs.items)


def test_pareto_front() -> None:
    assert pareto_front([0.5, 0.5, 0.4], [0.7, 0.7, 0.9]).tolist() == [True, True, True]
    assert pareto_front([0.5, 0.6], [float("nan"), 0.1]).tolist() == [False, True]


@pytest.mark.onet
def test_own_occupation_ranks_first_on_onet(onet_dir: Path) -> None:
    catalog = load_onet(onet_dir)
    weighted = [
        o for o in catalog.occupations if any(r.importance >= 3 for r in o.requirements.values())
    ]
    assert len(weighted) > 850  # 893 of 894 in release 30.1
    for occ in weighted[::97]:
        recs = recommend(Profile.from_occupation(occ), catalog, top=3, include_current=True)
        assert recs.items[0].qualification == 1.0
        assert recs.items[0].combined == pytest.approx(1.0, abs=1e-6)
        ties = [r.occupation_id for r in recs.items if r.combined >= 1 - 1e-6]
        assert occ.id in ties


def test_cli_table_and_json(fixtures_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = str(fixtures_dir / "scoring" / "writer.yaml")
    assert main(["recommend", scenario]) == 0
    text = capsys.readouterr().out
    assert "Technical" in text
    assert "To qualify as Software Developer" in text
    assert main(["recommend", scenario, "--json", "--top", "1", "--exclude", "tech_writer"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["occupation_id"] for i in data["items"]] == ["designer"]
    assert set(data["items"][0]) >= {
        "qualification",
        "passion",
        "combined",
        "coverage",
        "low_coverage",
        "pareto",
        "gaps",
        "estimate",
    }
    assert main(["recommend", scenario, "--exclude", "nope"]) == 2
