"""The time budget of one planning run, in CP-SAT work units, so a stopped run repeats exactly.

A solve cut off by the wall clock stops wherever the machine's load left it, so the same input
could give another plan on a busier day. CP-SAT's *deterministic time* counts work instead of
seconds: with one worker and a fixed seed, a solve stopped at a work limit stops at the same
point every time. A run's time limit (seconds) is therefore turned into work units at the rate
measured on the reference machine, and every solve of the run draws on that one budget. The wall
clock stays as a guard at twice the limit (plus a second); a run it stops is marked as not
repeatable. A whole planning run (``planner.plan``) also sets a :func:`run_deadline` at its
time limit, so everything it does — model building, the greedy hint, solves, explanations —
ends within the limit on the wall clock too, on any machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from careerfit_opt.planner.deadline import _RUN_DEADLINE, wall_scale
from careerfit_opt.planner.interrupt import interruptible

#: CP-SAT work units per second of a long single-worker search on the reference machine (the
#: 2-core development machine of docs/performance.md: 0.74–0.91 measured; short solves do less,
#: since presolve counts little work).
WORK_UNITS_PER_SECOND = 0.8
#: The wall-clock guard: a run stops at ``WALL_FACTOR × time limit + WALL_SLACK_S`` seconds.
WALL_FACTOR = 2.0
WALL_SLACK_S = 1.0
#: The most a solve is told to stop before the wall-clock deadline (CP-SAT's own overshoot).
WALL_MARGIN_S = 1.0
_FINAL = (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID)
#: The greedy hint's allowance: operations (candidates tried, gainers ranked) per second on the
#: reference machine (20–45 thousand measured on the loaded 2-core machine; the low end is
#: used), the share of the limit it may take, and a floor so short limits still get a hint on
#: the bundled catalogue (it needs 20–50 thousand).
GREEDY_OPS_PER_SECOND = 20_000
GREEDY_SHARE = 0.3
GREEDY_MIN_OPS = 40_000


def greedy_allowance(time_limit: float) -> int:
    """Operations the greedy hint may spend in a run limited to ``time_limit`` seconds.

    >>> greedy_allowance(10.0), greedy_allowance(60.0)
    (60000, 360000)
    """
    return max(GREEDY_MIN_OPS, int(GREEDY_OPS_PER_SECOND * GREEDY_SHARE * time_limit))


@dataclass
class Budget:
    """Work units left for a run's solves, and its wall-clock guard.

    >>> budget = Budget.of_seconds(10.0)
    >>> round(budget.work, 1), budget.repeatable
    (8.0, True)
    """

    #: Total work units of the run.
    work: float
    #: ``time.perf_counter()`` value at which the wall-clock guard stops the run.
    wall_deadline: float
    used: float = 0.0
    #: False once a solve was stopped by the wall clock rather than by its work limit.
    repeatable: bool = True

    @classmethod
    def of_seconds(cls, time_limit: float) -> Budget:
        """The budget of a run limited to ``time_limit`` seconds on the reference machine."""
        limit = max(0.0, time_limit)
        wall = time.perf_counter() + WALL_FACTOR * wall_scale() * limit + WALL_SLACK_S
        run = _RUN_DEADLINE.get()
        return cls(
            work=limit * WORK_UNITS_PER_SECOND,
            wall_deadline=wall if run is None else min(wall, run),
        )

    def remaining(self) -> float:
        """Work units left (0 once the wall-clock guard has passed)."""
        if time.perf_counter() >= self.wall_deadline:
            return 0.0
        return max(0.0, self.work - self.used)

    def exhausted(self) -> bool:
        """Whether nothing is left for another solve."""
        return self.remaining() <= 1e-6

    def split(self, parts: int) -> Budget:
        """A budget with ``1/parts`` of the work left and the same wall-clock guard; charge it
        back with :meth:`absorb` (e.g. one explanation per open gap).

        >>> whole = Budget.of_seconds(10.0)
        >>> round(whole.split(4).work, 1)
        2.0
        """
        return Budget(work=self.remaining() / max(1, parts), wall_deadline=self.wall_deadline)

    def absorb(self, part: Budget) -> None:
        """Count the work a :meth:`split` part did, and whether it stayed repeatable."""
        self.used += part.used
        self.repeatable = self.repeatable and part.repeatable

    def solver(self, seed: int, workers: int, cap: float | None = None) -> cp_model.CpSolver:
        """A CP-SAT solver limited to the work left (at most ``cap`` units) and the guard."""
        solver = cp_model.CpSolver()
        solver.parameters.random_seed = seed
        solver.parameters.num_workers = workers
        work = self.remaining() if cap is None else min(cap, self.remaining())
        solver.parameters.max_deterministic_time = max(1e-3, work)
        left = self.wall_deadline - time.perf_counter()
        # CP-SAT checks the clock between steps of its presolve and search, and on a model of
        # thousands of actions on a loaded machine it was measured ending 0.4–1.3 s past its
        # time limit: it is told to stop a tenth of the time left (at most a second) early.
        solver.parameters.max_time_in_seconds = max(0.01, left - min(WALL_MARGIN_S, 0.1 * left))
        return solver

    def solve(self, solver: cp_model.CpSolver, model: cp_model.CpModel) -> cp_model.CpSolverStatus:
        """Solve ``model`` with a solver from :meth:`solver` and charge the work it did."""
        # One Ctrl-C stops the solve and raises KeyboardInterrupt (CP-SAT alone would only
        # end this solve and let the run go on).
        status = interruptible(solver, lambda: solver.solve(model))
        spent = solver.response_proto.deterministic_time
        self.used += spent
        limit = solver.parameters.max_deterministic_time
        if status not in _FINAL and spent < limit * 0.999:
            # Stopped before its work limit: the wall-clock guard (or an interrupt) stopped it.
            self.repeatable = False
        return status
