"""Writing reports and charts: whole or not at all, with ordinary file permissions."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from careerfit_opt.errors import InputError, Problem


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder,
    renamed over it: an existing file is replaced whole or not at all. The file gets the
    permissions a new file gets (``0o666`` less the umask), or keeps those of the file it
    replaces. A missing folder is an :class:`InputError`."""
    path = Path(path).expanduser()
    folder = path.parent
    if not folder.is_dir():
        raise InputError([Problem(str(path), f"folder {str(folder)!r} does not exist")])
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
