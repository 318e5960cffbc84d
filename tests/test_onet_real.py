"""The importer on the real O*NET 23.x tables (CAREERFIT_ONET23_DIR, default ../shared/data/onet).

Release 30.1 is tested in test_onet_30.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit_opt import load_onet
from careerfit_opt.cli import main
from careerfit_opt.data.onet.tables import INTERESTS, find_table, read_table
from careerfit_opt.data.synthetic import generate_profiles
from careerfit_opt.io.scenario import load_scenario
from careerfit_opt.model import Catalog, DimensionKind

pytestmark = pytest.mark.onet


@pytest.fixture(scope="module")
def catalog(onet23_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_onet(onet23_dir, cache_root=tmp_path_factory.mktemp("cache"))


def test_counts(catalog: Catalog) -> None:
    assert len(catalog.occupations) == 967
    skills = [d for d in catalog.dimensions if d.kind is DimensionKind.SKILL]
    assert len(skills) == 35
    assert all(len(o.requirements) == 35 for o in catalog.occupations)
    meta = catalog.metadata
    assert meta["occupations_in_occupation_data"] == "1110"
    assert meta["occupations_without_skills"] == "143"
    assert meta["not_relevant_rows"] == "3857"
    assert meta["suppressed_rows"] == "421"
    assert meta["requirements"] == "33845"
    assert meta["interests_occupations_in_table"] == "974"


def test_riasec_for_974_occupations_in_the_table(onet23_dir: Path) -> None:
    path = find_table(onet23_dir, INTERESTS)
    assert path is not None
    codes = {
        row.cells[0]
        for row in read_table(path, ("O*NET-SOC Code", "Scale ID"))
        if row.cells[1] == "OI"
    }
    assert len(codes) == 974


def test_chief_executives(catalog: Catalog) -> None:
    ceo = catalog.occupation("11-1011.00")
    assert ceo.title == "Chief Executives"
    req = ceo.requirements["reading_comprehension"]
    assert (req.level, req.importance) == (4.75, 4.12)
    assert catalog.dimension_by_id["reading_comprehension"].external_id == "2.A.1.a"
    assert ceo.interests is not None
    assert ceo.interests.enterprising == 7.0
    assert ceo.work_values is not None
    assert ceo.work_values.known() == 6


def test_attribution(catalog: Catalog) -> None:
    text = catalog.attribution or ""
    assert "USDOL/ETA" in text
    assert "CC BY 4.0" in text
    assert "23.x" in text


def test_synthetic_profiles_around_real_occupations(catalog: Catalog) -> None:
    profiles = generate_profiles(catalog, 20, seed=0)
    assert all(p.name.startswith("synthetic") for p in profiles)
    assert all(set(p.known_levels()) <= set(catalog.dimension_ids) for p in profiles)


def test_scenario_naming_the_directory_validates(
    onet23_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERFIT_CACHE_DIR", str(tmp_path / "cache"))
    scenario = tmp_path / "onet.yaml"
    scenario.write_text(
        "name: real occupations\n"
        "profile:\n"
        "  name: Sam\n"
        "  levels: {reading_comprehension: 3.5, writing: 3.0, programming: null}\n"
        "catalog:\n"
        f"  onet: {str(onet23_dir.resolve())!r}\n"
        "  synthetic_actions: {count: 150, seed: 1}\n"
        "target: 15-1132.00\n",
        encoding="utf-8",
    )
    loaded = load_scenario(scenario)
    assert len(loaded.catalog.occupations) == 967
    assert len(loaded.catalog.actions) == 150
    assert loaded.catalog.attribution
    assert "USDOL/ETA" in loaded.catalog.attribution
    assert main(["validate", str(scenario)]) == 0
