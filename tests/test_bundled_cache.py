"""The JSON copy of a bundled catalogue in the cache directory: same data, faster start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careerfit_opt.data.bundled import _parsed, bundled_catalog_path
from careerfit_opt.io.files import read_structured


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CAREERFIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "bundled"


def test_the_copy_holds_the_same_data(cache: Path) -> None:
    path = bundled_catalog_path("default")
    expected = read_structured(path)
    assert _parsed(path) == expected  # parsed from YAML, copy written
    (copy,) = cache.glob("default-*.json")
    assert _parsed(path) == expected  # read from the copy
    assert not list(cache.glob("*.tmp"))
    copy.write_text("{not json", encoding="utf-8")  # a damaged copy is a miss, and replaced
    assert _parsed(path) == expected
    assert copy.read_text(encoding="utf-8").startswith("{")


def test_an_edited_file_is_a_miss(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("name: a\nitems: [1, 2]\n", encoding="utf-8")
    assert _parsed(path) == {"name": "a", "items": [1, 2]}
    path.write_text("name: b\nitems: [3]\n", encoding="utf-8")
    assert _parsed(path) == {"name": "b", "items": [3]}
    assert len(list(cache.glob("mine-*.json"))) == 2


@pytest.mark.parametrize(
    "text", ["when: 2024-01-31\n", "levels: {1: one}\n"], ids=["date", "int key"]
)
def test_data_json_cannot_hold_is_not_cached(cache: Path, tmp_path: Path, text: str) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text(text, encoding="utf-8")
    data = _parsed(path)
    assert data == read_structured(path)
    assert not cache.exists() or not list(cache.glob("dated-*"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_is_skipped(cache: Path) -> None:
    cache.parent.mkdir(parents=True)
    cache.parent.chmod(0o500)
    try:
        path = bundled_catalog_path("default")
        assert _parsed(path) == read_structured(path)
    finally:
        cache.parent.chmod(0o700)


def test_a_cache_path_that_is_a_file_is_skipped(cache: Path) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_text("in the way", encoding="utf-8")  # mkdir of the cache folder fails
    path = bundled_catalog_path("default")
    assert _parsed(path) == read_structured(path)
