"""Thresholds on the same dimension: who can lift whom first.

Several candidates may need the same dimension above the starting level (copywriting needs
writing 2.5, business writing 2.0, freelance copywriting 3.0) while teaching some of it. In a
plan, the first of them to start is lifted by others only, so the relaxations that count
thresholds without time (the choice MILP, ``choice.py``, and the LP of the CP-SAT model,
``cpsat.py``) leave out of a threshold's row every gainer that needs as much of the dimension
(:func:`needs_as_much`). Without this they let two such courses lift each other, a circle no
schedule allows.
"""

from __future__ import annotations

from collections.abc import Mapping

from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.scaling import scaled_gap

#: Whether the relaxations use the rule (off only in tests and measurements, to compare).
ENABLED = True


def threshold_needers(problem: PlanningProblem) -> dict[str, dict[str, int]]:
    """For each dimension, the candidates with a threshold above the starting level on it and
    how much they need (model units)."""
    out: dict[str, dict[str, int]] = {}
    for b in problem.actions:
        for dim, theta in b.requires_levels.items():
            if (need := scaled_gap(theta, problem.base[dim], problem.level_scale)) > 0:
                out.setdefault(dim, {})[b.id] = need
    return out


def needs_as_much(needers: Mapping[str, int], need: int) -> set[str]:
    """The actions whose threshold on a dimension is at least ``need``: none of them can count
    towards a threshold of ``need`` on it in the choice relaxation.

    Valid for every plan: let ``b`` be a chosen action needing ``need`` and ``c`` the first
    chosen action (by start week) needing at least ``need`` (``c`` starts no later than ``b``).
    What lifted ``c`` ended before ``c`` started, so it is either no needer of the dimension or
    one needing less than ``need``; its capped gains reach ``c``'s need ≥ ``need``, and so,
    capped at ``need``, they reach ``need`` too. Without this rule the relaxation let two
    courses that both need writing and teach some lift each other (a circle no schedule
    allows): bundled profile 18's choices did, and each was refuted by CP-SAT in turn.

    >>> sorted(needs_as_much({"a": 200, "b": 300, "c": 100}, 200))
    ['a', 'b']
    """
    return {a for a, n in needers.items() if n >= need}


def peers(needers: Mapping[str, Mapping[str, int]], dim: str, need: int) -> set[str]:
    """The gainers a threshold of ``need`` on ``dim`` leaves out of its row
    (:func:`needs_as_much` over :func:`threshold_needers`' ``needers``); none while the rule
    is switched off (:data:`ENABLED`)."""
    return needs_as_much(needers.get(dim, {}), need) if ENABLED else set()
