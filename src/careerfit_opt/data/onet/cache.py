"""The on-disk cache of compiled O*NET releases, keyed by the source files' contents.

Where: ``$CAREERFIT_CACHE_DIR`` or the user's cache directory (``platformdirs``), under
``onet/``. Key: a SHA-1 hash (hardware-accelerated on most CPUs; it is only a cache key, and
whoever can edit the tables can edit the cache too, so collision resistance buys nothing) of
the compiled format version and, for every table read, its name and its bytes — so editing,
adding or removing a table is a miss, while moving or touching the directory is still a hit.
A file that cannot be read (damaged, truncated, stale or foreign) is removed, treated as a miss
and rebuilt; writers write a temporary file in the same directory and rename it into place, so
concurrent writers never leave half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Mapping
from pathlib import Path

from careerfit_opt.data.onet.compiled import FORMAT_VERSION, CompiledOnet
from careerfit_opt.data.paths import cache_dir as cache_dir

_CHUNK = 1 << 20


def source_key(tables: Mapping[str, Path]) -> str:
    """A hash of the format version and every table's name and contents.

    ``tables`` maps a table name (e.g. ``Skills``) to its file.
    """
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"careerfit-onet-format-{FORMAT_VERSION}\n".encode())
    for name in sorted(tables):
        digest.update(f"\n{name}\n".encode())
        with tables[name].open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def cache_path(key: str, root: Path | None = None) -> Path:
    """File of the compiled release with this key."""
    return (root or cache_dir()) / "onet" / f"onet-{key}.npz"


def load_cached(key: str, root: Path | None = None) -> CompiledOnet | None:
    """The cached compiled release, or ``None`` on a miss or an unreadable file."""
    path = cache_path(key, root)
    if not path.is_file():
        return None
    try:
        return CompiledOnet.load(path)
    except MemoryError:
        raise
    except Exception:  # any failure to read means the file is not ours to trust
        # Damaged, truncated, stale or foreign (BadZipFile, EOFError, zlib.error, a missing
        # array, wrong shapes ...): remove it so the rebuild that follows replaces it.
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def save_cached(key: str, compiled: CompiledOnet, root: Path | None = None) -> Path | None:
    """Store ``compiled``; returns the file, or ``None`` when the cache is not writable."""
    path = cache_path(key, root)
    try:
        compiled.save(path)
    except OSError:
        return None  # a read-only cache slows later loads but must not break this one
    return path
