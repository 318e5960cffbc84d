"""The command line starts without the heavy libraries (docs/performance.md, "Cold start").

Every ``cli/*.py`` module is imported when ``careerfit`` starts, so a module-level import of a
solver or kernel there costs every command, ``--help`` included. Each check runs in a fresh
Python, because this test process has long imported them all.
"""

from __future__ import annotations

import json
import os
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


def _run_with_plugins(setting: str | None, *lines: str) -> None:
    """Run ``lines`` (with ``assert`` statements) in a fresh Python where the variable
    ``PYDANTIC_DISABLE_PLUGINS`` is ``setting`` (``None``: unset); fail if one fails."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    code = "\n".join(["import os, sys", *lines])
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, timeout=120, check=True)


def test_pydantic_plugins_off_cost_no_metadata_scan() -> None:
    # With plugins switched off (as the command starts), reading a scenario does not import
    # importlib.metadata, which pydantic's plugin loader would (~20 ms of every start).
    _run_with_plugins(
        "__all__",
        "from careerfit_opt.io.scenario import check_scenario_files",
        f"assert check_scenario_files([{SCENARIO!r}])[0].ok",
        "assert 'importlib.metadata' not in sys.modules",
    )


def test_the_plugin_stand_in_answers_as_pydantic_does() -> None:
    _run_with_plugins(
        "__all__",
        "from careerfit_opt.model import plugins",
        "assert plugins.install()",
        "from pydantic.plugin import _loader",
        "assert tuple(_loader.get_plugins()) == ()",
        "del os.environ['PYDANTIC_DISABLE_PLUGINS']",  # switched on later: pydantic's loader
        "assert list(_loader.get_plugins()) == []",  # none installed, found by the real scan
        "assert sys.modules[plugins.LOADER] is not _loader",
        "assert 'importlib.metadata' in sys.modules",
    )


def test_the_stand_in_hands_any_other_name_to_pydantic() -> None:
    # pydantic's module is private: a name a later pydantic imports from it, or arguments to
    # get_plugins, must reach pydantic's own loader, not fail every command.
    _run_with_plugins(
        "__all__",
        "from careerfit_opt.model import plugins",
        "assert plugins.install()",
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP",
        "assert PYDANTIC_ENTRY_POINT_GROUP == 'pydantic'",
        "assert sys.modules[plugins.LOADER].__file__.endswith('_loader.py')",  # the real one
        "from pydantic import BaseModel",
        "class M(BaseModel):\n    x: int",
        "assert M(x=1).x == 1",
    )
    _run_with_plugins(
        "__all__",
        "from careerfit_opt.model import plugins",
        "assert plugins.install()",
        "try:\n    plugins._get_plugins('extra')\nexcept TypeError:\n    pass",  # pydantic's own
        "assert 'importlib.metadata' in sys.modules",  # answered by pydantic's loader
    )


def test_without_the_variable_pydantic_loads_its_plugins_as_usual() -> None:
    _run_with_plugins(
        None,
        "from careerfit_opt.model import plugins",
        "assert not plugins.install()",
        "assert plugins.LOADER not in sys.modules",
    )
