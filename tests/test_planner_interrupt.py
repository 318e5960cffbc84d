"""One Ctrl-C ends a planning run in the middle of a CP-SAT solve (``planner/interrupt.py``).

CP-SAT alone takes a SIGINT during a solve as "stop this solve" and returns as if its limit were
reached: the run went on, and the user had to press Ctrl-C again. Each case runs a long solve in
a child process, presses Ctrl-C once while the solve runs, and expects the child to raise
``KeyboardInterrupt`` at once (it exits 130 then)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

#: A multi-dimensional knapsack CP-SAT cannot prove within a minute; the solve goes through
#: ``Budget.solve`` with a minute's work, the way every solve of a planning run does.
_CHILD = textwrap.dedent(
    """
    import random, sys, time
    from ortools.sat.python import cp_model
    from careerfit_opt.planner.budget import Budget

    r = random.Random(1)
    m = cp_model.CpModel()
    xs = [m.new_bool_var(f"x{i}") for i in range(400)]
    for _ in range(30):
        m.add(sum(r.randint(1, 1000) * x for x in xs) <= 50000)
    m.maximize(sum(r.randint(1, 1000) * x for x in xs))
    budget = Budget.of_seconds(75.0)
    solver = budget.solver(seed=0, workers=int(sys.argv[1]))
    print("solving", flush=True)
    started = time.monotonic()
    try:
        budget.solve(solver, m)
        for _ in range(3):  # a run goes on to its next solve: the Ctrl-C must not be lost
            budget.solve(budget.solver(seed=0, workers=1), m)
    except KeyboardInterrupt:
        print(f"interrupted after {time.monotonic() - started:.2f}", flush=True)
        sys.exit(130)
    print("not interrupted", flush=True)
    """
)


@pytest.mark.parametrize("workers", [1, 2])
def test_one_ctrl_c_stops_the_solve_and_the_run(workers: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "solving", proc.communicate()
        time.sleep(1.5)  # in the solve
        assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        pressed = time.monotonic()
        out, err = proc.communicate(timeout=60)
        took = time.monotonic() - pressed
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, (out, err)
    assert "interrupted" in out
    assert took < 20, f"{took:.1f} s from Ctrl-C to exit (the solve had a minute of work)"
