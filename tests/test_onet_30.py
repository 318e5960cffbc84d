"""The importer on the real O*NET 30.1 release (CAREERFIT_ONET_DIR, default
../shared/data/onet-30.1): counts from its README, and the facts a counsellor reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit_opt import load_onet
from careerfit_opt.model import Catalog, DimensionKind

pytestmark = pytest.mark.onet


@pytest.fixture(scope="module")
def catalog(onet_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_onet(onet_dir, cache_root=tmp_path_factory.mktemp("cache"))


def test_counts_match_the_release(catalog: Catalog) -> None:
    assert catalog.metadata["release"] == "30.1"
    assert len(catalog.occupations) == 894
    kinds = [d.kind for d in catalog.dimensions]
    assert (kinds.count(DimensionKind.SKILL), kinds.count(DimensionKind.KNOWLEDGE)) == (35, 33)
    assert kinds.count(DimensionKind.ABILITY) == 52
    meta = catalog.metadata
    assert meta["occupations_in_occupation_data"] == "1016"
    assert meta["requirements"] == str(894 * 120)
    assert meta["occupations_with_job_zone"] == "894"
    assert meta["occupations_with_education"] == "878"  # 16 of the 894 have no ETE rows
    assert meta["occupations_with_experience"] == "878"
    assert meta["dimensions_with_anchors"] == "120"


def test_dimension_ids_stay_stable(catalog: Catalog) -> None:
    ids = catalog.dimension_ids
    assert ids[:3] == ("reading_comprehension", "active_listening", "writing")
    assert "knowledge_administration_and_management" in ids
    assert "ability_oral_comprehension" in ids
    assert catalog.dimension_by_id["programming"].external_id == "2.B.3.e"


def test_dimension_names_say_which_mathematics(catalog: Catalog) -> None:
    # The skill and the knowledge area share O*NET's name; a plan step must say which it raises.
    names = [d.name for d in catalog.dimensions]
    assert len(names) == len(set(names))
    by_id = catalog.dimension_by_id
    assert by_id["mathematics"].name == "Mathematics"
    assert by_id["knowledge_mathematics"].name == "Mathematics (knowledge)"


def test_education_and_experience(catalog: Catalog) -> None:
    with_education = [o for o in catalog.occupations if o.education is not None]
    assert len(with_education) == 878
    for occ in with_education:
        assert occ.education is not None
        assert len(occ.education.distribution) == 12
        assert abs(sum(occ.education.distribution) - 1.0) < 0.01
        shares = occ.education.distribution
        assert shares[occ.education.typical - 1] == max(shares)
    dentists = catalog.occupation("29-1021.00")
    assert dentists.education is not None
    assert dentists.education.typical >= 10
    cashiers = catalog.occupation("41-2011.00")
    assert cashiers.education is not None
    assert cashiers.education.typical <= 2
    assert cashiers.job_zone == 2


def test_technologies_and_alternate_titles(catalog: Catalog) -> None:
    dev = catalog.occupation("15-1252.00")
    assert dev.title == "Software Developers"
    assert "Python" in dev.hot_technologies
    assert set(dev.hot_technologies) <= set(dev.technologies)
    assert int(catalog.metadata["hot_technology_links"]) > 10_000
    cashiers = catalog.occupation("41-2011.00")
    assert "Cashier" in cashiers.alternate_titles
    assert int(catalog.metadata["alternate_titles"]) > 50_000


def test_level_anchors(catalog: Catalog) -> None:
    anchors = catalog.dimension_by_id["reading_comprehension"].anchors
    assert set(anchors) == {2.0, 4.0, 6.0}
    assert "scientific journal" in anchors[6.0]


def test_cached_load_equals_the_first(onet_dir: Path, tmp_path: Path) -> None:
    first = load_onet(onet_dir, cache_root=tmp_path)
    assert load_onet(onet_dir, cache_root=tmp_path) == first
