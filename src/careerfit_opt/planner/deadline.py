"""One wall-clock deadline for a whole planning run (kept free of OR-Tools, so the greedy
baseline can honour it without the solver installed)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_RUN_DEADLINE: ContextVar[float | None] = ContextVar("careerfit_run_deadline", default=None)
_WALL_SCALE: ContextVar[float] = ContextVar("careerfit_wall_scale", default=1.0)


def wall_scale() -> float:
    """How much the wall-clock limits are widened in this context (1 unless
    :func:`wall_clock_widened` says otherwise)."""
    return _WALL_SCALE.get()


@contextmanager
def wall_clock_widened(factor: float) -> Iterator[None]:
    """Widen every wall-clock limit of the runs inside ``factor``-fold — the run's deadline,
    each budget's guard and one MILP solve's cap — so that each run stops at its work budget
    alone, whatever the machine's load: for measuring what a work budget proves, and for tests
    of what it promises (a repeat gives the identical plan), which a slow machine's guard would
    otherwise cut.

    >>> with wall_clock_widened(30):
    ...     wall_scale()
    30
    """
    token = _WALL_SCALE.set(factor)
    try:
        yield
    finally:
        _WALL_SCALE.reset(token)


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
    deadline = time.perf_counter() + max(0.0, seconds) * wall_scale()
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
