"""The O*NET cache heals itself: a damaged, truncated, stale or foreign file is removed and
rebuilt on the next load, and writers never leave a half-written file behind."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from careerfit_opt.data.onet import importer, load_onet
from careerfit_opt.data.onet.cache import cache_path, load_cached, save_cached, source_key
from careerfit_opt.data.onet.compiled import CompiledOnet
from onet_tables import write_onet


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERFIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CAREERFIT_DATA_DIR", str(tmp_path / "data"))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _foreign_npz(path: Path) -> None:
    buffer = io.BytesIO()
    np.savez(buffer, something_else=np.arange(3))
    path.write_bytes(buffer.getvalue())


def _stale_format(path: Path) -> None:
    with np.load(path) as data:
        arrays = dict(data)
    arrays["texts"] = np.frombuffer(b'{"format": -1}', np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())


def _wrong_shapes(path: Path) -> None:
    with np.load(path) as data:
        arrays = dict(data)
    arrays["level"] = arrays["level"][:, :1]
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())


def _zip_of_garbage(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("texts.npy", b"\x93NUMPY garbage")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "random bytes": lambda p: p.write_bytes(b"not an npz at all"),
    "empty": lambda p: p.write_bytes(b""),
    "truncated": _truncate,
    "foreign npz": _foreign_npz,
    "stale format": _stale_format,
    "wrong shapes": _wrong_shapes,
    "zip of garbage": _zip_of_garbage,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_cache_is_removed_and_rebuilt(tmp_path: Path, damage: str) -> None:
    d = write_onet(tmp_path / "d")
    first = load_onet(d)
    key = source_key(importer.locate_tables(d))
    path = cache_path(key)
    good = path.read_bytes()
    DAMAGE[damage](path)
    assert load_cached(key) is None
    assert not path.exists()  # removed, not trusted again
    assert load_onet(d) == first  # every later run works ...
    assert path.read_bytes() == good  # ... and the rebuilt file is the good one
    assert load_onet(d) == first


def test_writer_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = write_onet(tmp_path / "d")
    load_onet(d)
    key = source_key(importer.locate_tables(d))
    compiled = load_cached(key)
    assert compiled is not None

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    target = tmp_path / "other"
    monkeypatch.setattr(np, "savez", boom)
    assert save_cached(key, compiled, target) is None  # a failed write does not break the run
    assert [p.name for p in (target / "onet").iterdir()] == []  # and leaves nothing behind


def test_concurrent_writers_leave_a_whole_file(tmp_path: Path) -> None:
    d = write_onet(tmp_path / "d")
    load_onet(d)
    key = source_key(importer.locate_tables(d))
    compiled = load_cached(key)
    assert compiled is not None
    root = tmp_path / "shared"
    for _ in range(5):
        save_cached(key, compiled, root)
    files = list((root / "onet").iterdir())
    assert [f.name for f in files] == [cache_path(key, root).name]
    assert isinstance(CompiledOnet.load(files[0]), CompiledOnet)
