"""Shared fixtures: where the real O*NET tables are, and the quick mode CI uses for slow tests."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIOS = REPO_ROOT / "scenarios"
#: CI sets CAREERFIT_QUICK=1: slow tests run, but on smaller sizes.
QUICK = os.environ.get("CAREERFIT_QUICK", "") not in ("", "0")


#: The real O*NET tables: release 30.1 (CAREERFIT_ONET_DIR) and release 23.x
#: (CAREERFIT_ONET23_DIR), by default next to the repository in ../shared/data.
ONET_DEFAULT = REPO_ROOT.parent / "shared" / "data" / "onet-30.1"
ONET23_DEFAULT = REPO_ROOT.parent / "shared" / "data" / "onet"


def pytest_configure(config: pytest.Config) -> None:
    """Let the Ctrl-C tests' children hear Ctrl-C. A suite started in the background of a
    non-interactive shell inherits SIGINT *ignored*, and so would every child it starts (an
    ignored signal stays ignored across exec, and Python then installs no handler): the tests
    that press Ctrl-C would wait for a child that never hears it."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def work_budget_only() -> Iterator[None]:
    """Planning runs stop at their work budget alone, whatever the machine's speed: the
    wall-clock guard, the run's deadline and one MILP solve's wall-clock cap are widened
    300-fold (``planner.deadline.wall_clock_widened``; the planner benchmark's
    ``CAREERFIT_BENCH_WORK_ONLY`` widens them 30-fold). For tests of what a work budget
    promises, such as a repeat giving the identical plan, which a slow CI machine's guard would
    otherwise cut. 30-fold was too little for a 0.05-s limit: at load 3.5 building the model
    and the greedy hint took more than 1.5 s of wall clock, and the guard stopped the run."""
    from careerfit_opt.planner.deadline import wall_clock_widened

    with wall_clock_widened(300):
        yield


def _tables_or_none(variable: str, default: Path) -> Path | None:
    path = Path(os.environ.get(variable, default))
    return path if (path / "skills.txt").exists() or any(path.glob("[Ss]kills*")) else None


def onet_dir_or_none() -> Path | None:
    """The O*NET 30.1 tables directory (CAREERFIT_ONET_DIR, default ../shared/data/onet-30.1)."""
    return _tables_or_none("CAREERFIT_ONET_DIR", ONET_DEFAULT)


def onet23_dir_or_none() -> Path | None:
    """The O*NET 23.x tables directory (CAREERFIT_ONET23_DIR, default ../shared/data/onet)."""
    return _tables_or_none("CAREERFIT_ONET23_DIR", ONET23_DEFAULT)


def _required(path: Path | None, variable: str, default: Path) -> Path:
    if path is None:
        msg = f"O*NET tables not found: set {variable} (default {default})"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def onet_dir() -> Path:
    """The real O*NET 30.1 tables; missing tables fail in CI (CI=true) and skip elsewhere."""
    return _required(onet_dir_or_none(), "CAREERFIT_ONET_DIR", ONET_DEFAULT)


@pytest.fixture(scope="session")
def onet23_dir() -> Path:
    """The real O*NET 23.x tables; missing tables fail in CI (CI=true) and skip elsewhere."""
    return _required(onet23_dir_or_none(), "CAREERFIT_ONET23_DIR", ONET23_DEFAULT)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Tiny instance files used by the tests."""
    return FIXTURES
