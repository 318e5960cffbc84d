"""The command line starts without the heavy libraries (docs/performance.md, "Cold start").

Every ``cli/*.py`` module is imported when ``careerfit`` starts, so a module-level import of a
solver or kernel there costs every command, ``--help`` included. Each check runs in a fresh
Python, because this test process has long imported them all.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO_ROOT, SCENARIOS

#: Import-time cost measured with ``python -X importtime``: OR-Tools (which pulls in pandas),
#: numba (and llvmlite), SciPy, matplotlib, dask, and NumPy itself (~0.1 s).
MAIN = "from careerfit_opt.cli import main\n"
SCENARIO = str(SCENARIOS / "accountant_to_designer.yaml")
HEAVY = ("ortools", "pandas", "numba", "llvmlite", "scipy", "matplotlib", "dask", "numpy")


def _imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=True,
    )
    last = proc.stdout.strip().splitlines()[-1]
    return {name.split(".")[0] for name in json.loads(last)}


@pytest.mark.parametrize(
    "code",
    [
        "import careerfit_opt",
        "import careerfit_opt.cli",
        f"{MAIN}main(['--help'])",
        f"{MAIN}main(['validate', {SCENARIO!r}])",
        f"{MAIN}main(['plan'])",
    ],
    ids=["import careerfit_opt", "import cli", "--help", "validate FILE", "usage error"],
)
def test_start_up_leaves_heavy_libraries_alone(code: str) -> None:
    loaded = _imported_after(code) & set(HEAVY)
    assert not loaded, f"start-up imported {sorted(loaded)}: import them where they are used"


def test_the_probe_sees_a_heavy_import() -> None:
    assert "numpy" in _imported_after("import careerfit_opt.scoring.arrays")


def test_lazy_names_still_import() -> None:
    code = "from careerfit_opt import plan, recommend, Catalog, InputError, load_scenario"
    assert "ortools" in _imported_after(code)  # plan needs the solver: loaded on use
