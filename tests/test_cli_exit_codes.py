"""Every exit code of docs/exit-codes.md, from the installed ``careerfit`` command.

0 success, 1 no plan fits the limits, 2 bad input or usage, 3 a plan that leaves the target
unmet, 130 interrupted (Ctrl-C).
(1 for a failed download is tested in test_onet_download.py; 2 for usage errors in
test_cli_usage.py.)
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from careerfit_opt.cli import main
from careerfit_opt.cli.app import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NO_PLAN,
    EXIT_OK,
    EXIT_TARGET_UNMET,
)
from conftest import REPO_ROOT, SCENARIOS
from planner_small import action, catalog
from test_cli_usage import careerfit_script, run_careerfit

GOOD = [
    str(SCENARIOS / "accountant_to_designer.yaml"),
    str(SCENARIOS / "nurse_to_data_analyst.toml"),
]


def _scenario(tmp_path: Path, limits: dict[str, float], hard: bool = False) -> Path:
    """A one-target scenario on a two-course catalogue; tight limits leave no plan."""
    cat = catalog([action("course", duration_weeks=10, cost=900.0, gains={"py": 2.0})])
    (tmp_path / "cat.yaml").write_text(
        yaml.safe_dump(cat.model_dump(mode="json", exclude_none=True)), encoding="utf-8"
    )
    sc = {
        "name": "exit codes",
        "profile": {"name": "Sam", "levels": {"py": 1.0}, "limits": limits},
        "catalog": {"path": "cat.yaml"},
        "target": {"occupation": "t", "hard": hard},
    }
    path = tmp_path / "sc.yaml"
    path.write_text(yaml.safe_dump(sc), encoding="utf-8")
    return path


def test_the_documented_codes_are_the_ones_used() -> None:
    table = (REPO_ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    used = {EXIT_OK, EXIT_NO_PLAN, EXIT_BAD_INPUT, EXIT_TARGET_UNMET, EXIT_INTERRUPTED}
    assert documented == used
    assert "(docs/exit-codes.md)" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_0_when_every_file_is_valid() -> None:
    proc = run_careerfit("validate", *GOOD)
    assert proc.returncode == EXIT_OK, proc.stderr
    assert proc.stdout.count(": ok — ") == 2
    assert proc.stderr == ""


def test_0_with_a_plan(tmp_path: Path) -> None:
    proc = run_careerfit("plan", str(_scenario(tmp_path, {"budget": 2000}, hard=True)), "--json")
    assert proc.returncode == EXIT_OK, proc.stderr
    assert '"status": "optimal"' in proc.stdout


def test_1_when_no_plan_fits_the_limits(tmp_path: Path) -> None:
    path = _scenario(tmp_path, {"budget": 100, "horizon_weeks": 6}, hard=True)
    proc = run_careerfit("plan", str(path))
    assert proc.returncode == EXIT_NO_PLAN, proc.stderr
    assert "no plan fits your limits" in proc.stdout
    assert "why" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_3_when_the_plan_leaves_the_target_unmet(tmp_path: Path) -> None:
    # The only course costs 900; with 100 to spend the best plan within the limits is partial.
    path = _scenario(tmp_path, {"budget": 100, "horizon_weeks": 52}, hard=False)
    proc = run_careerfit("plan", str(path), "--json")
    assert proc.returncode == EXIT_TARGET_UNMET, proc.stdout + proc.stderr
    assert '"status": "optimal"' in proc.stdout
    assert "Traceback" not in proc.stderr


def test_2_on_bad_input(tmp_path: Path) -> None:
    path = _scenario(tmp_path, {"budget": -5})
    proc = run_careerfit("plan", str(path))
    assert proc.returncode == EXIT_BAD_INPUT
    assert proc.stderr.startswith(f"error: {path}: profile.limits.budget")
    assert "Traceback" not in proc.stderr


def test_validate_reports_every_bad_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("profile: {name: [\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    proc = run_careerfit("validate", str(broken), GOOD[0], str(missing), GOOD[1])
    assert proc.returncode == EXIT_BAD_INPUT
    assert f"error: {broken}: line 2" in proc.stderr
    assert f"error: {missing}: file not found" in proc.stderr
    assert "2 of 4 files have problems" in proc.stderr
    assert proc.stdout.count(": ok — ") == 2  # the good files after a bad one are checked too
    assert "Traceback" not in proc.stderr


def test_validate_api_checks_every_file(tmp_path: Path) -> None:
    from careerfit_opt.io import check_scenario_files

    checks = check_scenario_files([tmp_path / "a.yaml", GOOD[0], tmp_path / "b.toml"])
    assert [c.ok for c in checks] == [False, True, False]
    assert checks[1].loaded is not None
    assert checks[1].loaded.scenario.target.occupation == "graphic_designer"
    assert checks[2].error is not None
    assert checks[2].error.render() == f"{tmp_path / 'b.toml'}: file not found"


def test_130_when_interrupted_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import careerfit_opt.io.scenario as scenario_io

    def interrupted(path: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(scenario_io, "load_scenario", interrupted)
    assert main(["validate", GOOD[0]]) == EXIT_INTERRUPTED
    assert "interrupted" in capsys.readouterr().err


def test_130_when_interrupted_by_ctrl_c(tmp_path: Path) -> None:
    # A plan over thousands of synthetic steps with a long limit is still working when Ctrl-C
    # (SIGINT) arrives. (A named pipe no longer works for this: the reader refuses anything but
    # a regular file, docs/reliability.md.)
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(
        "profile: {name: x}\ntarget: graphic_designer\n"
        "catalog: {bundled: default, synthetic_actions: {count: 5000, seed: 1}}\n"
        "solver: {time_limit_s: 600}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [str(careerfit_script()), "plan", str(scenario)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=REPO_ROOT,
    )
    try:
        time.sleep(8)  # imported, catalogue built: planning (CP-SAT solving, by now)
        assert proc.poll() is None, proc.communicate()
        # One Ctrl-C ends the run, also in the middle of a CP-SAT solve (planner/interrupt.py):
        # CP-SAT alone used to take it as "stop this solve" and let the run go on.
        proc.send_signal(signal.SIGINT)
        pressed = time.monotonic()
        _, err = proc.communicate(timeout=60)
        took = time.monotonic() - pressed
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert took < 30, f"{took:.1f} s from Ctrl-C to exit"
    assert "interrupted" in err
    assert "Traceback" not in err
