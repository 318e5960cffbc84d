"""Usage errors of the installed ``careerfit`` command: a short message on standard error, the
usage line, exit code 2 and never a traceback.

The tests run the console script installed next to this Python (``pip install -e .``), as a user
would, so a dependency missing from ``pyproject.toml`` fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerfit_opt.cli import COMMANDS as CAREERFIT
from careerfit_opt.cli.parsing import Group
from conftest import REPO_ROOT, SCENARIOS

SCENARIO = str(SCENARIOS / "accountant_to_designer.yaml")


def careerfit_script() -> Path:
    """The installed ``careerfit`` console script of the Python running the tests."""
    bindir = Path(sys.executable).parent
    for name in ("careerfit", "careerfit.exe"):
        if (bindir / name).exists():
            return bindir / name
    pytest.fail(f"no careerfit script in {bindir}: install the package (pip install -e '.[test]')")


def run_careerfit(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command with no terminal and no input, as in a script or CI."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [str(careerfit_script()), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )


def assert_usage_error(args: list[str], *expected: str) -> str:
    proc = run_careerfit(*args)
    shown = f"careerfit {' '.join(args)}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    assert proc.returncode == 2, shown
    assert "Traceback" not in proc.stderr + proc.stdout, shown
    assert proc.stdout == "", shown  # messages go to standard error only
    assert proc.stderr.startswith("error: "), shown
    assert "Usage: careerfit" in proc.stderr, shown
    assert "--help' for help." in proc.stderr, shown
    for text in expected:
        assert text in proc.stderr, shown
    assert len(proc.stderr.splitlines()) <= 6, shown  # short: not the whole help
    return proc.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["Missing command", "give a command:", "recommend", "plan", "validate"]),
        (["recommend"], ["Missing argument", "Usage: careerfit recommend"]),
        (["plan"], ["Missing argument", "Usage: careerfit plan"]),
        (["validate"], ["Missing argument", "Usage: careerfit validate"]),
        (["recomend", SCENARIO], ["No such command", "Did you mean 'recommend'?"]),
        (["nonsense"], ["No such command", "the commands are:"]),
        (["--verbose"], ["No such option", "--verbose"]),
        (["recommend", SCENARIO, "--topp", "3"], ["No such option", "--topp", "--top"]),
        (["recommend", SCENARIO, "--top", "0"], ["'--top'", "Usage: careerfit recommend"]),
        (["recommend", SCENARIO, "--top", "many"], ["'--top'", "--top / -n: How many"]),
        (["plan", SCENARIO, "--time-limit", "abc"], ["'--time-limit'", "--time-limit: Solver"]),
        (["plan", SCENARIO, "--seed", "x"], ["'--seed'", "Usage: careerfit plan"]),
        (["plan", SCENARIO, "--json", "extra.yaml"], ["unexpected extra argument"]),
        (["data"], ["Missing command", "give a command: onet"]),
        (["data", "onett"], ["No such command", "Did you mean 'onet'?"]),
        (["schema", "--output"], ["'--output'", "requires an argument"]),
        (["recommend", SCENARIO, "-n"], ["Option '-n' requires an argument"]),
        (["recommend", SCENARIO, "--top=0"], ["'--top' / '-n'", "x>=1", "--top / -n: How many"]),
        (["assess", "--levels", "41"], ["'--levels'", "0<=x<=40"]),
        (["report", SCENARIO], ["Missing option '--output' / '-o'", "--output / -o: Report"]),
        (["batch", "roster.jsonl"], ["Missing option '--out' / '-o'"]),
        (["search"], ["Missing argument 'QUERY'", "QUERY: Job title"]),
        (["evaluate", "x.csv", "--k", "0"], ["'--k' / '-k'", "Usage: careerfit evaluate"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) and all("/" not in a for a in v) else None,
)
def test_usage_error(args: list[str], expected: list[str]) -> None:
    message = assert_usage_error(args)
    lowered = message.lower()
    for text in expected:
        assert text.lower() in lowered, message


def _commands() -> list[tuple[list[str], bool]]:
    """Every command and command group of the application, as (path, is_group)."""
    found: list[tuple[list[str], bool]] = []

    def walk(command: object, path: list[str]) -> None:
        group = isinstance(command, Group)
        found.append((path, group))
        for sub in command.commands if isinstance(command, Group) else ():
            walk(sub, [*path, sub.name])

    walk(CAREERFIT, [])
    return found


COMMANDS = _commands()


def test_every_command_is_covered() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"", "plan", "recommend", "validate", "schema", "data", "data onet"} <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "careerfit")
def test_every_command_rejects_an_unknown_option(path: list[str]) -> None:
    # The option comes first, so commands that need a file fail on it, not on the file.
    assert_usage_error([*path, "--no-such-option"], "No such option", "--no-such-option")


@pytest.mark.parametrize(
    "path", [p for p, group in COMMANDS if group], ids=lambda p: " ".join(p) or "careerfit"
)
def test_every_group_needs_a_command(path: list[str]) -> None:
    assert_usage_error(path, "Missing command", "give a command:")
    assert_usage_error([*path, "no-such-command"], "No such command", "the commands are:")


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "careerfit")
def test_every_command_has_help(path: list[str]) -> None:
    proc = run_careerfit(*path, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.startswith(f"Usage: {' '.join(['careerfit', *path])} "), proc.stdout
    assert "--help" in proc.stdout


def test_root_help_lists_every_command() -> None:
    listed = run_careerfit("--help").stdout
    for name in CAREERFIT.names():
        assert f"\n  {name} " in listed, name


def test_help_and_version_exit_0() -> None:
    proc = run_careerfit("--help")
    assert proc.returncode == 0, proc.stderr
    assert "recommend" in proc.stdout
    assert "Traceback" not in proc.stderr
    proc = run_careerfit("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("careerfit-opt ")
