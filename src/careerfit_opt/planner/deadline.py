"""One wall-clock deadline for a whole planning run (kept free of OR-Tools, so the greedy
baseline can honour it without the solver installed)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_RUN_DEADLINE: ContextVar[float | None] = ContextVar("careerfit_run_deadline", default=None)


@contextmanager
def run_deadline(seconds: float) -> Iterator[float]:
    """Every budget made inside stops by ``seconds`` from now on the wall clock (or by an
    enclosing run's deadline, if sooner): one limit for a whole run — model building, hint,
    solves and explanations — and for the plans of a top-N run together.

    >>> from careerfit_opt.planner.budget import Budget
    >>> with run_deadline(5.0) as deadline:
    ...     Budget.of_seconds(60.0).wall_deadline <= deadline
    True
    """
    deadline = time.perf_counter() + max(0.0, seconds)
    outer = _RUN_DEADLINE.get()
    if outer is not None:
        deadline = min(deadline, outer)
    token = _RUN_DEADLINE.set(deadline)
    try:
        yield deadline
    finally:
        _RUN_DEADLINE.reset(token)


class OutOfTimeError(Exception):
    """The run's wall-clock deadline passed while it was still preparing (building a model):
    the planner answers with what it has rather than overrun its limit."""


def check_wall() -> None:
    """Raise :class:`OutOfTimeError` once the current run's deadline has passed."""
    deadline = _RUN_DEADLINE.get()
    if deadline is not None and time.perf_counter() >= deadline:
        raise OutOfTimeError


def wall_left() -> float | None:
    """Seconds left before the current run's deadline (``None`` outside a run)."""
    deadline = _RUN_DEADLINE.get()
    return None if deadline is None else max(0.0, deadline - time.perf_counter())
