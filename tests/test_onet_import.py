"""O*NET importer on tiny tables: both editions, the flag rules, errors, cache, release names."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerfit_opt.data.onet import importer, load_onet, resolve_onet_dir
from careerfit_opt.data.onet.cache import cache_path, source_key
from careerfit_opt.data.onet.importer import build_catalog, compile_tables, detect_release
from careerfit_opt.data.onet.releases import install_from_directory, installed_releases
from careerfit_opt.errors import InputError
from onet_tables import CEO, NO_SKILLS, NURSE, write_onet


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERFIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CAREERFIT_DATA_DIR", str(tmp_path / "data"))


def test_text_edition(tmp_path: Path) -> None:
    cat = load_onet(write_onet(tmp_path / "db_23_2_text"))
    assert cat.dimension_ids == (
        "reading_comprehension",
        "active_listening",
        "repairing",
        "knowledge_administration_and_management",
    )
    dim = cat.dimension_by_id["knowledge_administration_and_management"]
    assert (dim.kind.value, dim.external_id, dim.name) == (
        "knowledge",
        "2.C.1.a",
        "Administration and Management",
    )
    ceo = cat.occupation(CEO)
    assert ceo.title == "Chief Executives"
    assert ceo.requirements["reading_comprehension"].level == 4.75
    assert ceo.requirements["reading_comprehension"].importance == 4.12
    assert ceo.job_zone == 5
    assert ceo.interests is not None
    assert ceo.interests.code() == "CES"
    assert ceo.work_values is not None
    assert ceo.work_values.independence == 4.5
    nurse = cat.occupation(NURSE)
    assert nurse.job_zone is None
    assert nurse.work_values is not None
    assert nurse.work_values.independence is None
    assert cat.metadata["release"] == "23.2"
    assert "O*NET 23.2 Database" in (cat.attribution or "")
    assert "CC BY 4.0" in (cat.attribution or "")
    assert not cat.synthetic
    assert not cat.illustrative


def test_excel_edition_reads_the_same(tmp_path: Path) -> None:
    text = load_onet(write_onet(tmp_path / "text"), cache=False)
    excel = load_onet(write_onet(tmp_path / "excel", excel=True), cache=False)
    assert excel.dimensions == text.dimensions
    assert excel.occupations == text.occupations


def test_education_technologies_titles_and_anchors(tmp_path: Path) -> None:
    cat = load_onet(write_onet(tmp_path / "d"))
    ceo, nurse = cat.occupation(CEO), cat.occupation(NURSE)
    assert ceo.education is not None
    assert ceo.experience is not None
    assert ceo.education.typical == 6  # Bachelor's: 60 %
    assert ceo.education.distribution[5] == 0.6
    assert sum(ceo.education.distribution) == pytest.approx(1.0)
    assert ceo.education.typical_name == "Bachelor's Degree"
    assert ceo.experience.typical == 9
    assert ceo.experience.typical_months == (72, 96)
    assert nurse.education is not None
    assert nurse.education.typical == 5  # a 45/45 tie goes to the lower category
    assert nurse.experience is None  # no RW rows: unknown
    assert ceo.hot_technologies == ["Microsoft Excel"]
    assert ceo.technologies == ["Microsoft Excel", "SAP software"]
    assert nurse.hot_technologies == ["Epic Systems"]
    assert ceo.alternate_titles == ["Chief Executive Officer", "CEO", "Managing Director"]
    anchors = cat.dimension_by_id["reading_comprehension"].anchors
    assert anchors == {
        2.0: "Read step-by-step instructions",
        6.0: "Read a scientific journal article",
    }
    assert cat.dimension_by_id["active_listening"].anchors == {}
    meta = cat.metadata
    assert meta["occupations_with_education"] == "2"
    assert meta["occupations_with_experience"] == "1"
    assert meta["hot_technology_links"] == "2"
    assert meta["alternate_titles"] == "4"  # the occupation without skills is left out
    assert meta["category_name_differences"] == "none"


def test_without_the_extra_tables_the_facts_are_unknown(tmp_path: Path) -> None:
    cat = load_onet(write_onet(tmp_path / "d", extras=False))
    ceo = cat.occupation(CEO)
    assert (ceo.education, ceo.experience) == (None, None)
    assert (ceo.hot_technologies, ceo.alternate_titles) == ([], [])


def test_layout_of_release_30_3(tmp_path: Path) -> None:
    old = load_onet(write_onet(tmp_path / "old"), cache=False)
    new = load_onet(write_onet(tmp_path / "new", layout_30_3=True), cache=False)
    assert new.dimension_ids == old.dimension_ids
    for a, b in zip(old.occupations, new.occupations, strict=True):
        assert a.requirements == b.requirements
        assert a.interests == b.interests
        assert a.education == b.education
        assert b.work_values is None  # 30.3 dropped Work Values
    assert "Essential Skills.txt" in new.metadata["tables"]


def test_layout_of_release_30_3_with_one_skill_table(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "new", layout_30_3=True)
    (d / "Transferable Skills.txt").unlink()
    cat = load_onet(d, cache=False)
    assert "repairing" not in cat.dimension_ids
    assert cat.occupation(CEO).requirements["reading_comprehension"].level == 4.75


def test_an_unknown_layout_names_the_missing_table_and_the_supported_ones(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    (d / "Skills.txt").rename(d / "Worker Skills.txt")
    with pytest.raises(InputError) as info:
        load_onet(d)
    text = str(info.value)
    assert "missing O*NET table(s) Skills" in text
    assert "'Essential Skills.txt'" in text
    assert "Worker Skills.txt" in text  # what the folder has
    assert "30.3" in text
    assert "23.x" in text


def test_not_relevant_gives_level_zero_with_importance(tmp_path: Path) -> None:
    cat = load_onet(write_onet(tmp_path / "d"))
    req = cat.occupation(CEO).requirements["repairing"]
    assert (req.level, req.importance) == (0.0, 1.12)  # data value 0.12 is replaced by 0
    assert cat.metadata["not_relevant_rows"] == "1"


def test_recommend_suppress_is_kept_and_counted(tmp_path: Path) -> None:
    cat = load_onet(write_onet(tmp_path / "d"))
    req = cat.occupation(NURSE).requirements["active_listening"]
    assert (req.level, req.importance) == (4.12, 4.0)
    assert cat.metadata["suppressed_rows"] == "1"
    assert cat.metadata["suppressed_weighted"] == "1"  # importance 4.0 ≥ threshold 3
    assert cat.metadata["suppressed_occupations"] == "1"


def test_occupations_without_skills_are_left_out_and_counted(tmp_path: Path) -> None:
    cat = load_onet(write_onet(tmp_path / "d"))
    assert NO_SKILLS not in cat.occupation_by_id
    assert cat.metadata["occupations_without_skills"] == "1"
    assert cat.metadata["interests_occupations_in_table"] == "3"
    assert cat.metadata["occupations_with_interests"] == "2"


def test_optional_tables_may_be_absent(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d", knowledge=False)
    for name in ("Interests.txt", "Work Values.txt", "Job Zones.txt"):
        (d / name).unlink()
    cat = load_onet(d)
    assert len(cat.dimensions) == 3
    assert cat.occupation(CEO).interests is None
    assert cat.occupation(CEO).job_zone is None


def test_missing_required_table(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    (d / "Skills.txt").unlink()
    with pytest.raises(InputError, match=r"missing O\*NET table\(s\) Skills"):
        load_onet(d)


def test_missing_column_is_named(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    path = d / "Skills.txt"
    path.write_text(path.read_text().replace("Data Value", "Value"), encoding="utf-8")
    with pytest.raises(InputError, match=r"Skills.txt: header: missing column 'Data Value'"):
        load_onet(d)


def test_bad_value_names_the_line(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    path = d / "Skills.txt"
    lines = path.read_text().splitlines()
    lines[4] = lines[4].replace("4.88", "nine")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Skills.txt: line 5: Data Value: expected a number"):
        load_onet(d)
    lines[4] = lines[4].replace("nine", "9.5")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 5: Data Value: 9.5 is outside the LV scale"):
        load_onet(d)


def test_two_files_for_one_table(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    (d / "skills.txt").write_text((d / "Skills.txt").read_text(), encoding="utf-8")
    with pytest.raises(InputError, match="two files for the Skills table"):
        load_onet(d)


@pytest.mark.parametrize(
    ("name", "marker", "readme", "want"),
    [
        ("db_23_2_text", None, None, "23.2"),
        ("somewhere", "24.1", None, "24.1"),
        ("somewhere", None, "from the O*NET 23.x Database by", "23.x"),
        ("somewhere", None, "nothing here", "unknown"),
    ],
)
def test_detect_release(
    tmp_path: Path, name: str, marker: str | None, readme: str | None, want: str
) -> None:
    d = write_onet(tmp_path / name)
    if marker:
        (d / importer.RELEASE_MARKER).write_text(marker)
    if readme:
        (d / "README.md").write_text(readme)
    assert detect_release(d) == want


# --- cache -----------------------------------------------------------------------------------


def test_cache_hit_skips_reading_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = write_onet(tmp_path / "d")
    first = load_onet(d)
    key = source_key(importer.locate_tables(d))
    assert cache_path(key).is_file()

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("tables read on a cache hit")

    monkeypatch.setattr(importer, "compile_tables", boom)
    second = load_onet(d)
    assert second == first
    # Lookups (cached properties) work on the catalogue built without validation.
    assert second.dimension_index["active_listening"] == 1
    assert second.occupation(NURSE).title == "Registered Nurses"
    assert second.with_actions([]).occupations == first.occupations


def test_cache_miss_after_a_source_file_changes(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    key1 = source_key(importer.locate_tables(d))
    load_onet(d)
    path = d / "Skills.txt"
    path.write_text(path.read_text().replace("4.75", "5.25"), encoding="utf-8")
    key2 = source_key(importer.locate_tables(d))
    assert key1 != key2
    cat = load_onet(d)
    assert cat.occupation(CEO).requirements["reading_comprehension"].level == 5.25
    assert cache_path(key2).is_file()


def test_cache_miss_when_a_table_is_added(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d", knowledge=False)
    assert len(load_onet(d).dimensions) == 3
    write_onet(d)  # now with Knowledge.txt
    assert len(load_onet(d).dimensions) == 4


def test_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    first = load_onet(d)
    path = cache_path(source_key(importer.locate_tables(d)))
    path.write_bytes(b"not an npz")
    assert load_onet(d) == first
    assert path.stat().st_size > 100  # rewritten


def test_cache_off_writes_nothing(tmp_path: Path) -> None:
    load_onet(write_onet(tmp_path / "d"), cache=False)
    assert not (tmp_path / "cache").exists()


def test_trusted_build_equals_validated_build(tmp_path: Path) -> None:
    compiled = compile_tables(write_onet(tmp_path / "d"))
    assert build_catalog(compiled, trusted=True) == build_catalog(compiled, trusted=False)


def test_cached_release_follows_the_directory(tmp_path: Path) -> None:
    a = write_onet(tmp_path / "db_23_1_text")
    b = write_onet(tmp_path / "db_23_2_text")  # same bytes: same cache entry
    assert load_onet(a).metadata["release"] == "23.1"
    cat = load_onet(b)
    assert cat.metadata["release"] == "23.2"
    assert cat.metadata["source_dir"] == str(b.resolve())


# --- resolving a scenario's `onet:` ----------------------------------------------------------


def test_resolve_relative_absolute_and_installed(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "tables")
    assert resolve_onet_dir("tables", tmp_path) == tmp_path / "tables"
    assert resolve_onet_dir(str(d), Path("/nonexistent")) == d
    with pytest.raises(InputError, match="give it with --release"):
        install_from_directory(d)
    installed = install_from_directory(d, release="23.2")
    assert installed_releases() == ["23.2"]
    assert resolve_onet_dir("23.2", tmp_path / "elsewhere") == installed
    assert load_onet(installed).metadata["release"] == "23.2"
    with pytest.raises(InputError, match=r"installed releases: 23\.2"):
        resolve_onet_dir("24.0", tmp_path)


def test_reinstall_replaces(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "db_23_2_text")
    first = install_from_directory(d)
    (d / "Knowledge.txt").unlink()
    again = install_from_directory(d)
    assert first == again
    assert not (again / "Knowledge.txt").exists()
    assert installed_releases() == ["23.2"]


def test_bad_release_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="release name"):
        install_from_directory(write_onet(tmp_path / "d"), release="../x")
