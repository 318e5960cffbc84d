"""Which catalogue a self-assessment uses: an installed O*NET release by default, the bundled
(illustrative) catalogue as the fallback, or what ``--catalog`` names. O*NET occupations come
with the bundled illustrative actions and overlay (``actions: [bundled]``), as in
docs/catalog.md, so the scenario can be planned."""

from __future__ import annotations

import re
from pathlib import Path

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.scenario import CatalogSource


def _release_key(name: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[._-]", name))


def default_catalog_source(root: Path | None = None) -> CatalogSource:
    """The newest installed O*NET release (``careerfit data onet``), else the bundled
    ``default`` catalogue, which is illustrative.

    >>> default_catalog_source(Path("/nonexistent")).bundled
    'default'
    """
    from careerfit_opt.data.onet.releases import installed_releases

    releases = installed_releases(root)
    if releases:
        return onet_source(max(releases, key=_release_key))
    return CatalogSource(bundled="default")


def onet_source(name_or_dir: str) -> CatalogSource:
    """An O*NET release or directory with the bundled (illustrative) actions and overlay, so
    that ``careerfit plan`` has steps to plan with and credentials exist to be checked."""
    return CatalogSource(onet=name_or_dir, actions=["bundled"])


def catalog_source_for(text: str | None, root: Path | None = None) -> CatalogSource:
    """The catalogue ``--catalog`` names: a bundled catalogue name, a directory of O*NET
    tables, a catalogue file, or an installed O*NET release; ``None`` picks the default.

    Directories and files are written to the scenario as absolute paths, so the scenario file
    works wherever it is moved.
    """
    if text is None or not text.strip():
        return default_catalog_source(root)
    from careerfit_opt.data.bundled import bundled_catalog_names
    from careerfit_opt.data.onet.releases import installed_releases

    name = text.strip()
    path = Path(name).expanduser()
    from careerfit_opt.io.files import path_kind

    kind = path_kind(path)
    if kind == "dir":
        return onet_source(str(path.resolve()))
    if kind == "file":
        return CatalogSource(path=str(path.resolve()))
    if name in bundled_catalog_names():
        return CatalogSource(bundled=name)
    releases = installed_releases(root)
    if name in releases:
        return onet_source(name)
    raise InputError(
        [
            Problem(
                "--catalog",
                f"{name!r} is no directory, catalogue file, bundled catalogue "
                f"({', '.join(bundled_catalog_names())}) or installed O*NET release "
                f"({', '.join(releases) or 'none installed'})",
            )
        ]
    )


def describe_source(source: CatalogSource) -> str:
    """A short name for messages: ``O*NET 30.1``, ``bundled 'default'``, a path."""
    if source.bundled:
        return f"bundled {source.bundled!r}"
    if source.onet:
        return f"O*NET {source.onet}"
    return str(source.path)
