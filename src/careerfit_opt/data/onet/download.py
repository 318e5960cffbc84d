"""Downloading an official O*NET text release: resumable, size- and zip-checked, installed by name.

Only the standard library's ``urllib`` is used. The transfer goes to a ``.part`` file in the
releases directory; when it is interrupted, the next call asks the server for the rest (an HTTP
``Range`` request) and appends. The finished file must have the announced size and be a sound
zip; it is then unpacked (members with absolute or ``..`` paths are refused) and installed as
``<data dir>/onet/<release>/``.
"""

from __future__ import annotations

import http.client
import os
import shutil
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from careerfit_opt.data.onet.importer import RELEASE_MARKER, locate_tables
from careerfit_opt.data.onet.releases import check_release_name, releases_root, swap_in
from careerfit_opt.errors import CareerfitError, InputError

DEFAULT_BASE_URL = "https://www.onetcenter.org/dl_files/database"
#: Called with (bytes received so far, total bytes or ``None`` when unknown).
ProgressCallback = Callable[[int, int | None], None]
_CHUNK = 64 * 1024
_TIMEOUT_S = 60.0


class DownloadError(CareerfitError):
    """A download that failed for a reason outside the user's input (network, server, file)."""


def release_url(release: str, base_url: str | None = None) -> str:
    """The URL of the official text zip of ``release``.

    ``base_url`` (or the environment variable ``CAREERFIT_ONET_BASE_URL``) replaces the O*NET
    Resource Center, e.g. for a mirror.

    >>> release_url("23.2")
    'https://www.onetcenter.org/dl_files/database/db_23_2_text.zip'
    """
    parts = release.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise InputError(f"release must look like 23.2 (major.minor), got {release!r}")
    base = base_url or os.environ.get("CAREERFIT_ONET_BASE_URL") or DEFAULT_BASE_URL
    return f"{base.rstrip('/')}/db_{parts[0]}_{parts[1]}_text.zip"


def _total_from(response: urllib.response.addinfourl, offset: int) -> int | None:
    content_range = response.headers.get("Content-Range")
    if content_range and "/" in content_range:
        total = content_range.rsplit("/", 1)[1].strip()
        if total.isdigit():
            return int(total)
    length = response.headers.get("Content-Length")
    if length and length.isdigit():
        return int(length) + (offset if response.status == 206 else 0)
    return None


def fetch(url: str, part: Path, progress: ProgressCallback | None = None) -> int | None:
    """Download ``url`` into ``part``, resuming from its current size; returns the total size.

    A server that ignores the ``Range`` header (status 200) makes the transfer start over; a
    finished ``.part`` file (status 416) is kept as it is.
    """
    offset = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "careerfit-opt"})
    if offset:
        request.add_header("Range", f"bytes={offset}-")
    try:
        response = urllib.request.urlopen(request, timeout=_TIMEOUT_S)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and offset:
            return offset  # nothing left to fetch: the size check decides
        if exc.code == 404:
            raise DownloadError(f"{url}: not found (404); check the release number") from None
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(f"{url}: cannot connect ({exc}); try again later") from None
    with response:
        if response.status != 206:
            offset = 0  # the server sent the whole file
        total = _total_from(response, offset)
        received = offset
        if progress:
            progress(received, total)
        with part.open("ab" if offset else "wb") as handle:
            try:
                while chunk := response.read(_CHUNK):
                    handle.write(chunk)
                    received += len(chunk)
                    if progress:
                        progress(received, total)
            except (http.client.HTTPException, OSError) as exc:
                # What arrived is kept in the .part file: the next call resumes from there.
                raise DownloadError(
                    f"{url}: transfer interrupted after {received:,} bytes ({exc}); "
                    "run the command again to resume"
                ) from None
    return total


def _check_zip(path: Path, total: int | None) -> None:
    size = path.stat().st_size
    if total is not None and size != total:
        raise DownloadError(
            f"{path.name}: got {size:,} of {total:,} bytes; run the command again to resume"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except zipfile.BadZipFile:
        path.unlink(missing_ok=True)
        raise DownloadError(
            f"{path.name}: not a valid zip file (deleted; download again)"
        ) from None
    except (zlib.error, EOFError, OSError) as exc:
        path.unlink(missing_ok=True)
        raise DownloadError(f"{path.name}: corrupt zip ({exc}; deleted; download again)") from None
    if bad is not None:
        path.unlink(missing_ok=True)
        raise DownloadError(f"{path.name}: member {bad!r} is corrupt (deleted; download again)")


def _safe_extract(archive: zipfile.ZipFile, target: Path) -> None:
    for member in archive.infolist():
        name = PurePosixPath(member.filename)
        if name.is_absolute() or ".." in name.parts or ":" in member.filename:
            raise DownloadError(f"zip member {member.filename!r} has an unsafe path; refused")
    archive.extractall(target)


def _tables_dir(unpacked: Path) -> Path:
    """The folder of the unpacked zip holding the tables (official zips have one top folder)."""
    for candidate in [unpacked, *sorted(p for p in unpacked.rglob("*") if p.is_dir())]:
        try:
            locate_tables(candidate)
        except InputError:
            continue
        return candidate
    raise DownloadError("the zip holds no O*NET tables (Occupation Data.txt and Skills.txt)")


def download_release(
    release: str,
    root: Path | None = None,
    base_url: str | None = None,
    progress: ProgressCallback | None = None,
) -> Path:
    """Download, check and install O*NET ``release``; returns the installed directory.

    Calling it again after an interruption resumes the transfer. The zip is deleted once
    installed.
    """
    check_release_name(release)
    url = release_url(release, base_url)
    base = releases_root(root)
    downloads = base / ".downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    part = downloads / (url.rsplit("/", 1)[1] + ".part")
    total = fetch(url, part, progress)
    _check_zip(part, total)
    staging = base / f".unpack-{release}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with zipfile.ZipFile(part) as archive:
            _safe_extract(archive, staging)
        tables = _tables_dir(staging)
        (tables / RELEASE_MARKER).write_text(release + "\n", encoding="utf-8")
        installed = swap_in(tables, base / release)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    part.unlink(missing_ok=True)
    return installed
