"""The candidates a plan within the person's limits can hold.

:func:`~careerfit_opt.planner.problem.build_problem` keeps every action that could help reach
the target whatever the limits are, since the explanations relax the limits to say which one
blocks a plan and by how much. The solve needs far fewer: an action that costs more than the
budget can ever cover, needs more hours a week than the person has, or cannot end within the
horizon (its earliest start, ``cpsat.earliest_starts``, leaves no room) is in no plan — the
CP-SAT model fixes it absent anyway. With 5,000 actions most candidates are such (4,813
candidates, 1,360 of them able to end within a two-year horizon), and each still costs model
variables, threshold literals and greedy work.

:func:`within_limits` drops them, then drops what only they needed (the candidate closure is
recomputed over what is left: an action that closes no target gap and is no prerequisite of one
that can be planned changes no objective level). :func:`within_means` is its quick part (cost,
hours and duration alone, no earliest starts), on which the greedy plan is made first. Every
plan of the full problem is a plan of the reduced one and the other way round, so every
objective level keeps its optimum (``tests/test_planner_reachable.py`` compares both).
Booked actions always stay: a booked action out of reach makes the problem infeasible, which
the explanations (run on the full problem) report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from careerfit_opt.planner.deadline import check_wall
from careerfit_opt.planner.problem import PlanningProblem, blocked_actions, candidate_closure

#: Relative slack of money and hours comparisons (as the greedy baseline's).
_EPS = 1e-9


def _affordable(problem: PlanningProblem) -> set[str]:
    """Actions whose own cost and weekly hours fit the person's limits (income from every paid
    role counted when it offsets cost)."""
    p = problem
    slack = p.budget * _EPS + _EPS
    budget = p.budget + slack
    if p.income_offsets_cost:
        budget += sum(-a.cost for a in p.actions if a.cost < 0)
    hours = p.hours_per_week * (1 + _EPS) + _EPS
    return {a.id for a in p.actions if a.cost <= budget and a.hours_per_week <= hours}


def within_means(problem: PlanningProblem, pinned: Iterable[str] = ()) -> PlanningProblem:
    """``problem`` without the candidates that cost more than the budget can ever cover, need
    more weekly hours than the person has or last longer than the horizon, and what only they
    needed — no earliest starts needed, so it is quick (the greedy plan is made on it);
    ``pinned`` actions (and booked ones) always stay."""
    check_wall()
    keep = {a.id for a in problem.actions if a.duration_weeks <= problem.horizon}
    return _reduced(problem, keep & _affordable(problem), set(pinned))


def within_limits(problem: PlanningProblem, pinned: Iterable[str] = ()) -> PlanningProblem:
    """``problem`` without the candidates no plan within its limits can hold (and those only
    they needed); the same problem when nothing is dropped.

    >>> from careerfit_opt.model import Action, Catalog, Dimension, Occupation, Profile
    >>> from careerfit_opt.model import Requirement
    >>> from careerfit_opt.planner.problem import build_problem
    >>> cat = Catalog(name="c", dimensions=[Dimension(id="py", name="Python", kind="skill")],
    ...     occupations=[Occupation(id="dev", title="Dev",
    ...                             requirements={"py": Requirement(level=3, importance=5)})],
    ...     actions=[Action(id="cheap", kind="course", title="C", duration_weeks=4,
    ...                     hours_per_week=5, cost=100, gains={"py": 2}),
    ...              Action(id="dear", kind="course", title="D", duration_weeks=4,
    ...                     hours_per_week=5, cost=900, gains={"py": 3})])
    >>> prof = Profile(levels={"py": 1}, limits={"budget": 500})
    >>> [a.id for a in within_limits(build_problem(prof, "dev", cat)).actions]
    ['cheap']
    """
    check_wall()
    est = problem.earliest
    keep = {a.id for a in problem.actions if est[a.id] + a.duration_weeks <= problem.horizon}
    return _reduced(problem, keep & _affordable(problem), set(pinned))


def _reduced(problem: PlanningProblem, keep: set[str], pinned: set[str]) -> PlanningProblem:
    """``problem`` with only the candidates in ``keep`` that a target gap, a paid role or a
    booked action needs (the candidate closure over them); ``pinned`` and booked ones stay."""
    booked = set(problem.booked)
    pinned = (pinned | booked) & set(problem.action_by_id)
    keep = keep | pinned
    if len(keep) == len(problem.actions):
        return problem
    # What only the dropped actions needed goes too: the candidate closure over what is left.
    actions = {a.id: a for a in problem.actions if a.id in keep}
    gainers: dict[str, list[str]] = {}
    for a in actions.values():
        for k in a.gains:
            gainers.setdefault(k, []).append(a.id)
    seeds = [g for k in problem.gap_dims() for g in gainers.get(k, [])]
    if problem.income_offsets_cost:
        seeds += [a.id for a in actions.values() if a.cost < 0]
    kept = candidate_closure(seeds, actions, problem.base, gainers, problem.excluded)
    kept |= candidate_closure(pinned, actions, problem.base, gainers, frozenset())
    kept |= pinned
    kept -= blocked_actions(kept, actions) - pinned
    # The reduced problem's own earliest starts (computed when its model is built) can only be
    # later, so the model may fix a few more of its candidates absent: the same plans.
    return _restricted(problem, kept)


def _restricted(problem: PlanningProblem, keep: set[str]) -> PlanningProblem:
    """``problem`` with only the candidates ``keep``."""
    actions = tuple(a for a in problem.actions if a.id in keep)
    groups = {
        g: kept
        for g, ids in problem.exclusive_groups.items()
        if len(kept := tuple(i for i in ids if i in keep)) > 1
    }
    dropped = {a.id for a in problem.actions} - keep
    return dataclasses.replace(
        problem,
        actions=actions,
        exclusive_groups=groups,
        enjoyment={a: e for a, e in problem.enjoyment.items() if a in keep},
        unrelated=problem.unrelated & keep,
        pruned=tuple(sorted({*problem.pruned, *dropped})),
    )
