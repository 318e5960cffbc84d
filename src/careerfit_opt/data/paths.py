"""Where careerfit-opt keeps its caches (one place, for every cache)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    """The directory holding careerfit-opt's caches (``CAREERFIT_CACHE_DIR`` overrides)."""
    env = os.environ.get("CAREERFIT_CACHE_DIR")
    return Path(env).expanduser() if env else Path(platformdirs.user_cache_dir("careerfit-opt"))
