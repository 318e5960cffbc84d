"""Leaving out steps that earn nothing.

An optimal plan may carry an action that changes no level of the objective: a free workshop or
volunteering role whose gain another step already covers. CP-SAT has no reason to drop it, and
a client would be sent to do it for nothing. :func:`drop_idle_steps` removes such steps one at
a time while every rule still holds and no objective level gets worse, so an optimal plan stays
optimal with the same objective values.

The rules are checked as the CP-SAT model counts them (``cpsat.py``: hundredths, gains capped
at what a threshold needs), so the plan left is one the model accepts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.scaling import scale_down, scale_up, scaled_gap

if TYPE_CHECKING:
    from careerfit_opt.planner.solve import Level


def keeps_rules(problem: PlanningProblem, starts: Mapping[str, int]) -> bool:
    """Whether the rules a step's removal can break still hold for ``starts``: booked actions,
    action prerequisites, thresholds judged at each start, and the budget (income lost).

    Weekly hours, the horizon, start windows and exclusive groups cannot be broken by leaving a
    step out, and the targets are the objective's business.
    """
    acts = problem.action_by_id
    if any(a not in starts for a in problem.booked):
        return False
    ends = {a: s + acts[a].duration_weeks for a, s in starts.items()}
    for b_id, start in starts.items():
        b = acts[b_id]
        if any(r not in starts for r in b.requires_actions):
            return False
        for dim, theta in b.requires_levels.items():
            need = scaled_gap(theta, problem.base[dim], problem.level_scale)
            if need <= 0:
                continue
            got = sum(
                min(scale_down(acts[a].gains.get(dim, 0.0), problem.level_scale), need)
                for a in starts
                if a != b_id and ends[a] <= start
            )
            if got < need:
                return False
    cents = [scale_up(acts[a].cost, problem.money_scale) for a in starts]
    money = sum(cents) if problem.income_offsets_cost else sum(max(c, 0) for c in cents)
    return money <= scale_down(problem.budget, problem.money_scale)


def _effort(problem: PlanningProblem, a_id: str) -> float:
    act = problem.action_by_id[a_id]
    return act.hours_per_week * act.duration_weeks


def drop_idle_steps(
    problem: PlanningProblem, starts: Mapping[str, int], levels: Sequence[Level]
) -> dict[str, int]:
    """``starts`` without the steps that earn nothing: each left out (the most hours of work
    first, then by id) when the rules still hold and no level of ``levels`` gets worse.

    >>> from careerfit_opt.planner.problem import build_problem  # doctest: +SKIP
    >>> drop_idle_steps(problem, {"course": 0, "idle_workshop": 0}, levels)  # doctest: +SKIP
    {'course': 0}
    """
    current = dict(starts)
    values = [level.evaluate(current) for level in levels]
    closing = (
        _Closing(problem, current) if levels and levels[0].name == "weighted_shortfall" else None
    )
    for a_id in sorted(current, key=lambda a: (-_effort(problem, a), a)):
        if closing is not None and closing.needed(a_id):
            continue  # leaving it out would reopen a target gap: the shortfall gets worse
        trial = {a: s for a, s in current.items() if a != a_id}
        if not keeps_rules(problem, trial):
            continue
        new = [level.evaluate(trial) for level in levels]
        if all(
            n >= v if level.maximize else n <= v
            for level, n, v in zip(levels, new, values, strict=True)
        ):
            current, values = trial, new
            if closing is not None:
                closing.drop(a_id)
    return current


class _Closing:
    """What a plan adds to each open target gap, counted as the weighted shortfall counts it
    (hundredths, each gain capped at the gap): a step whose capped gain exceeds its gap's
    surplus cannot be left out without a larger shortfall, so it is not tried (on a plan of
    40 steps and 41 targets, each try evaluates every level: most of the time was spent there).
    """

    def __init__(self, problem: PlanningProblem, starts: Mapping[str, int]) -> None:
        self.gains: dict[str, dict[str, int]] = {}
        self.surplus: dict[str, int] = {}
        scale = problem.level_scale
        for t in problem.targets:
            gap = scaled_gap(t.required, problem.base[t.dim_id], scale)
            if gap <= 0 or t.weight <= 0:
                continue
            self.surplus[t.dim_id] = -gap
            for a in starts:
                g = min(scale_down(problem.action_by_id[a].gains.get(t.dim_id, 0.0), scale), gap)
                if g > 0:
                    self.gains.setdefault(a, {})[t.dim_id] = g
                    self.surplus[t.dim_id] += g

    def needed(self, a_id: str) -> bool:
        """Whether leaving ``a_id`` out would leave some target gap less closed."""
        return any(g > self.surplus[k] for k, g in self.gains.get(a_id, {}).items())

    def drop(self, a_id: str) -> None:
        """Count ``a_id`` as left out."""
        for k, g in self.gains.pop(a_id, {}).items():
            self.surplus[k] -= g
