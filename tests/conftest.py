"""Shared fixtures: where the real O*NET tables are, and the quick mode CI uses for slow tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIOS = REPO_ROOT / "scenarios"
#: CI sets CAREERFIT_QUICK=1: slow tests run, but on smaller sizes.
QUICK = os.environ.get("CAREERFIT_QUICK", "") not in ("", "0")


def onet_dir_or_none() -> Path | None:
    """The O*NET tables directory (CAREERFIT_ONET_DIR, default ../shared/data/onet)."""
    path = Path(os.environ.get("CAREERFIT_ONET_DIR", REPO_ROOT.parent / "shared" / "data" / "onet"))
    return path if (path / "skills.txt").exists() or any(path.glob("[Ss]kills*")) else None


@pytest.fixture(scope="session")
def onet_dir() -> Path:
    """The real O*NET tables; missing tables fail in CI (CI=true) and skip elsewhere."""
    path = onet_dir_or_none()
    if path is None:
        msg = "O*NET tables not found: set CAREERFIT_ONET_DIR (default ../shared/data/onet)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Tiny instance files used by the tests."""
    return FIXTURES
