"""Catalogues shipped inside the package, so the main job runs with no download."""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from careerfit_opt.data.paths import cache_dir
from careerfit_opt.errors import InputError
from careerfit_opt.io.files import read_structured
from careerfit_opt.io.validation import validate
from careerfit_opt.model.catalog import Catalog, suggest

#: The folder of the bundled catalogue files: this package's own. Found from ``__file__``,
#: not ``importlib.resources``, whose import (tempfile, shutil, zipfile) costs ~7 ms of every
#: start; the files are read as ordinary files anyway.
_ROOT = Path(__file__).parent


def bundled_catalog_names() -> list[str]:
    """Names of the catalogues shipped with the package.

    >>> "default" in bundled_catalog_names()
    True
    """
    return sorted(
        entry.stem
        for entry in _ROOT.iterdir()
        if entry.name.endswith((".yaml", ".yml", ".json", ".toml"))
    )


def bundled_catalog_path(name: str) -> Path:
    """File of the bundled catalogue ``name``."""
    names = bundled_catalog_names()
    if name in names:  # never probe the file system with a name that is not one of them
        for suffix in (".yaml", ".yml", ".json", ".toml"):
            entry = _ROOT / (name + suffix)
            if entry.is_file():
                return entry
    raise InputError(
        f"no bundled catalogue named {name!r}{suggest(name, names)}; "
        f"bundled: {', '.join(names)}; or give a path to a catalogue file"
    )


def _parsed(path: Path) -> Any:
    """The data of a bundled catalogue file, through a JSON copy in the cache directory.

    Parsing the YAML costs about 90 ms of every command's start-up; the JSON copy, keyed by a
    hash of the file's bytes, about 3 ms. Data JSON cannot hold exactly (dates, non-string keys)
    is not cached, and a cache that cannot be read or written is skipped.
    """
    raw = path.read_bytes()
    cached = cache_dir() / "bundled" / f"{path.stem}-{hashlib.sha1(raw).hexdigest()[:20]}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = read_structured(path)
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):  # dates, say: JSON has no such type
        return data
    if json.loads(text) == data:  # int keys would come back as strings
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, cached)
        except OSError:
            pass
    return data


@lru_cache(maxsize=8)
def load_bundled_catalog(name: str = "default") -> Catalog:
    """The bundled catalogue ``name`` (validated once per process; catalogues are immutable).

    >>> load_bundled_catalog().illustrative
    True
    """
    path = bundled_catalog_path(name)
    return validate(Catalog, _parsed(path), source=f"bundled catalogue {name!r} ({path})")
