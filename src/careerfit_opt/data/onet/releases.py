"""Installed O*NET releases: where they live, finding one by name, installing from a folder.

Releases are installed under ``$CAREERFIT_DATA_DIR`` (or the user's data directory from
``platformdirs``) in ``onet/<release>/``; a scenario names one with ``catalog: {onet: "23.2"}``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import platformdirs

from careerfit_opt.data.onet.importer import RELEASE_MARKER, detect_release, locate_tables
from careerfit_opt.errors import InputError
from careerfit_opt.model.catalog import suggest

_RELEASE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$")


def data_dir() -> Path:
    """careerfit-opt's data directory (``CAREERFIT_DATA_DIR`` overrides)."""
    env = os.environ.get("CAREERFIT_DATA_DIR")
    return Path(env).expanduser() if env else Path(platformdirs.user_data_dir("careerfit-opt"))


def releases_root(root: Path | None = None) -> Path:
    """The directory holding installed releases (``<data dir>/onet``)."""
    return (root or data_dir()) / "onet"


def installed_releases(root: Path | None = None) -> list[str]:
    """Names of the installed releases, sorted.

    >>> installed_releases(Path("/nonexistent"))
    []
    """
    base = releases_root(root)
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def check_release_name(release: str) -> str:
    """``release`` if it is usable as a directory name (e.g. ``23.2``), else an InputError."""
    if not _RELEASE_NAME.match(release) or release in (".", ".."):
        raise InputError(
            f"release name {release!r} must be letters, digits, '.', '_' or '-' (e.g. 23.2)"
        )
    return release


def resolve_onet_dir(name_or_path: str, base_dir: Path, root: Path | None = None) -> Path:
    """The O*NET directory a scenario names.

    ``name_or_path`` is a directory (absolute, or relative to ``base_dir``) or the name of a
    release installed with ``careerfit data onet``. A directory wins over a release of the
    same name. Anything else is an :class:`InputError` naming what is installed.
    """
    text = name_or_path.strip()
    path = Path(text).expanduser()
    candidate = path if path.is_absolute() else base_dir / path
    if candidate.is_dir():
        return candidate
    if candidate.exists():
        raise InputError(f"{text!r} is a file; name a directory of O*NET tables or a release")
    installed = installed_releases(root)
    if text in installed:
        return releases_root(root) / text
    have = ", ".join(installed) if installed else "none"
    raise InputError(
        f"no O*NET directory or installed release named {text!r}{suggest(text, installed)} "
        f"(looked for directory {candidate}; installed releases: {have}); install one with "
        "`careerfit data onet --download --release 23.2` or `careerfit data onet --from DIR`"
    )


def install_from_directory(
    source: Path, release: str | None = None, root: Path | None = None
) -> Path:
    """Copy the O*NET tables of ``source`` into ``<data dir>/onet/<release>/``.

    ``release`` defaults to the release detected in ``source``; when none is found the caller
    must give one. The copy is made next to the target and swapped in, so a failed copy leaves
    an earlier install intact. Returns the installed directory.
    """
    tables = locate_tables(source)
    name = release or detect_release(source)
    if name == "unknown":
        raise InputError(
            "cannot tell which O*NET release this is; give it with --release (e.g. 23.2)",
            str(source),
        )
    check_release_name(name)
    base = releases_root(root)
    base.mkdir(parents=True, exist_ok=True)
    staging = base / f".staging-{name}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        for path in tables.values():
            shutil.copy2(path, staging / path.name)
        (staging / RELEASE_MARKER).write_text(name + "\n", encoding="utf-8")
        return swap_in(staging, base / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, target: Path) -> Path:
    """Replace ``target`` by ``staging`` (both in one parent directory); returns ``target``."""
    old = target.with_name(f".old-{target.name}-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    return target
