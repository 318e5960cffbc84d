"""Catalogues shipped inside the package, so the main job runs with no download."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from careerfit_opt.errors import InputError
from careerfit_opt.io.files import read_structured
from careerfit_opt.io.validation import validate
from careerfit_opt.model.catalog import Catalog, suggest

_PACKAGE = "careerfit_opt.data.bundled"


def bundled_catalog_names() -> list[str]:
    """Names of the catalogues shipped with the package.

    >>> "default" in bundled_catalog_names()
    True
    """
    root = resources.files(_PACKAGE)
    return sorted(
        Path(entry.name).stem
        for entry in root.iterdir()
        if entry.name.endswith((".yaml", ".yml", ".json", ".toml"))
    )


def bundled_catalog_path(name: str) -> Path:
    """File of the bundled catalogue ``name``."""
    root = resources.files(_PACKAGE)
    for suffix in (".yaml", ".yml", ".json", ".toml"):
        entry = root.joinpath(name + suffix)
        if entry.is_file():
            return Path(str(entry))
    names = bundled_catalog_names()
    raise InputError(
        f"no bundled catalogue named {name!r}{suggest(name, names)}; "
        f"bundled: {', '.join(names)}; or give a path to a catalogue file"
    )


@lru_cache(maxsize=8)
def load_bundled_catalog(name: str = "default") -> Catalog:
    """The bundled catalogue ``name`` (validated once per process; catalogues are immutable).

    >>> load_bundled_catalog().illustrative
    True
    """
    path = bundled_catalog_path(name)
    return validate(Catalog, read_structured(path), source=f"bundled catalogue {name!r} ({path})")
