"""The ready week's last weeks: packing cuts lifted over action *shapes*.

When the choice MILP's Benders loop (``choice.py``) stops with its bound on the ready week
below the plan in hand, the gap is a packing proof: on O*NET a plan takes a dozen or more
8-week, 5-hour level-1 courses, a few 12-week, 6-hour roles and so on, in a 15-hour week, and
which of the interchangeable courses it takes does not change whether they fit. A cut that
excludes one *set* of actions (a CP-SAT core) leaves every other set of the same shapes to be
excluded one by one; this module excludes them all at once.

A candidate is **plain** when nothing ties it to other actions: not booked, in no exclusive
group, no action prerequisite, no threshold it needs, required by no action, and gaining on no
dimension any candidate needs. Two plain actions have the same **shape** when they have the
same duration, weekly hours, start weeks and earliest start. In any plan, a plain action can be
replaced by another plain action of its shape at the same start week without breaking any
scheduling rule (weekly hours, windows, precedences and thresholds of the others); only the
money and the gains change. So when CP-SAT proves, under the scheduling rules alone (a copy of
the problem without budget and targets), that no schedule ready by week ``W`` takes a set ``K``
of actions while leaving out a set ``A`` of non-plain others (plain others are left out anyway:
a schedule with them stays one without them), then no plan ready by ``W`` takes, for each shape
``σ``, at least ``m_σ`` plain actions of shape ``σ`` (``m_σ`` = how many ``K`` has), every
non-plain member of ``K`` and none of ``A``. The choice MILP gets that as a cut (a binary per
shape, ``b_σ = 1`` once ``m_σ`` of the shape are chosen), lifted by the ready week (it binds
only plans ready by ``W``), and is solved again: its bound can only rise.

:func:`tighten_ready` runs that loop from the plan in hand ``P`` (ready in week ``W + 1``):

1. the choice MILP's optimum with the earlier levels kept (weighted shortfall, and the cost
   for ``cheapest``) is a lower bound; at ``W + 1`` the plan in hand is proven optimal;
2. CP-SAT checks whether exactly its choice fits by week ``W`` under the scheduling rules
   (:func:`scheduling_core`); if it does, the choice scheduled in the full model is a better
   plan and the loop goes on from it;
3. otherwise the core becomes a lifted cut (:func:`add_shape_cut`).

The loop runs only where shapes repeat (:data:`MIN_LIFTABLE`).

Every cut holds for every plan ready by ``W`` that the verifier accepts, so the bound stays
valid; everything is charged to the run's work budget (HiGHS solves by their matrix and nodes,
CP-SAT checks by their deterministic time), so the result repeats exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from careerfit_opt.planner.budget import Budget
from careerfit_opt.planner.deadline import check_wall
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.scaling import scale_down, scale_up, scaled_gap

if TYPE_CHECKING:
    from careerfit_opt.planner.choice import ChoiceModel
    from careerfit_opt.planner.solve import Level

#: Share of the work left that the loop may take (the cost and relevance levels come after).
LOOP_SHARE = 0.7
#: Most rounds (a MILP solve, a schedule check and a core each).
MAX_ROUNDS = 40
#: Work units for one core check (scheduling without money or targets, a choice assumed).
CORE_WORK = 4.5
#: Most of the work left that one check may take.
SHARE_OF_REMAINING = 0.85
#: Least share of the candidates that must be plain actions in shapes of at least
#: :data:`LIFT_SHAPE` members for the loop to run: where shapes do not repeat a cut lifts over
#: nothing, and the choice MILP's own loop (``choice.py``) does the same work for less
#: (measured: 27–63% on the O*NET personas the loop proves or tries, at most 6% on the bundled
#: catalogue, where it only took work from the search).
MIN_LIFTABLE = 0.2
LIFT_SHAPE = 3
#: Rounds in a row that may leave the bound where it was before the loop gives up.
STALL_ROUNDS = 6

Shape = tuple[int, int, tuple[int, ...] | None, int]


def plain_shapes(problem: PlanningProblem) -> dict[str, Shape]:
    """The plain candidates (see the module's docstring) and their shape: duration, weekly
    hours (model units), start weeks and earliest start."""
    p = problem
    required: set[str] = set()
    needed_dims: set[str] = set()
    needs_any: set[str] = set()
    for b in p.actions:
        required.update(b.requires_actions)
        for dim, theta in b.requires_levels.items():
            if scaled_gap(theta, p.base[dim], p.level_scale) > 0:
                needed_dims.add(dim)
                needs_any.add(b.id)
    grouped = {a for ids in p.exclusive_groups.values() for a in ids}
    est = p.earliest
    out: dict[str, Shape] = {}
    for a in p.actions:
        if (
            a.id in p.booked
            or a.id in grouped  # a swap could put two of a group in one plan
            or a.id in required
            or a.id in needs_any
            or a.requires_actions
            or any(
                dim in needed_dims and scale_down(g, p.level_scale) > 0
                for dim, g in a.gains.items()
            )
        ):
            continue
        out[a.id] = (
            a.duration_weeks,
            scale_up(a.hours_per_week, p.hours_scale),
            tuple(sorted(set(a.start_weeks))) if a.start_weeks is not None else None,
            est[a.id],
        )
    return out


def liftable(shapes: Mapping[str, Shape]) -> int:
    """How many plain actions share their shape with at least :data:`LIFT_SHAPE` - 1 others."""
    sizes: dict[Shape, int] = {}
    for shape in shapes.values():
        sizes[shape] = sizes.get(shape, 0) + 1
    return sum(n for n in sizes.values() if n >= LIFT_SHAPE)


def lifts(problem: PlanningProblem, shapes: Mapping[str, Shape] | None = None) -> bool:
    """Whether :func:`tighten_ready` runs its loop on ``problem``: shapes repeat (at least
    :data:`MIN_LIFTABLE` of the candidates are plain actions in shapes of
    :data:`LIFT_SHAPE` or more). ``shapes``: its :func:`plain_shapes`, when already made."""
    shapes = plain_shapes(problem) if shapes is None else shapes
    return liftable(shapes) >= MIN_LIFTABLE * len(problem.actions)


def add_shape_cut(
    cm: ChoiceModel,
    core: frozenset[str],
    absent: frozenset[str],
    shapes: Mapping[str, Shape],
    week: int,
) -> None:
    """Exclude from the choice MILP every choice ready by ``week`` that takes, for each shape,
    at least as many plain actions of it as ``core`` has, every other member of ``core`` and
    none of ``absent`` (valid when no schedule ready by ``week`` does, money and targets
    aside, and ``absent`` holds no plain action)."""
    idx = {a: k for k, a in enumerate(cm.ids)}
    open_ids = [a for a in cm.ids if cm.upper[idx[a]] > 0]
    by_shape: dict[Shape, list[str]] = {}
    for a in open_ids:
        if a in shapes:
            by_shape.setdefault(shapes[a], []).append(a)
    count: dict[Shape, int] = {}
    terms: dict[int, float] = {}
    for a in sorted(core):
        if a in shapes:
            count[shapes[a]] = count.get(shapes[a], 0) + 1
        else:
            terms[idx[a]] = 1.0
    for shape, m in sorted(count.items(), key=lambda kv: repr(kv[0])):
        members = by_shape[shape]
        if m >= len(members):
            for a in members:
                terms[idx[a]] = 1.0
            continue
        # b ≥ (Σ x − m + 1) / (|members| − m + 1): b = 1 once m of them are chosen.
        b = cm.new_binary()
        coefs = {idx[a]: 1.0 for a in members}
        coefs[b] = -float(len(members) - m + 1)
        cm.add_row(coefs, -np.inf, m - 1)
        terms[b] = 1.0
    for o in sorted(absent):  # (1 − x_o) terms
        terms[idx[o]] = -1.0
    # Lifted by the ready week: g = 1 only when R ≥ week + 1, and then the cut is void.
    g = cm.new_binary()
    cm.add_row({cm.ready: 1.0, g: -float(week + 1)}, 0, np.inf)
    size = len(terms)
    terms[g] = -float(size)
    cm.add_row(terms, -np.inf, size - 1 - len(absent))


def _caps(fixed: Sequence[tuple[Level, int]]) -> tuple[int | None, int | None] | None:
    """The weighted shortfall and cost kept by the levels solved before the ready week;
    ``None`` when a level the choice MILP cannot keep was solved before it."""
    shortfall = cost = None
    for level, value in fixed:
        if level.name == "weighted_shortfall":
            shortfall = value
        elif level.name == "cost":
            cost = value
        else:
            return None
    return shortfall, cost


def _ready(problem: PlanningProblem, starts: Mapping[str, int]) -> int:
    acts = problem.action_by_id
    return max((s + acts[a].duration_weeks for a, s in starts.items()), default=0)


def scheduling_only(problem: PlanningProblem) -> PlanningProblem:
    """``problem`` without its budget and targets: only the scheduling rules stay."""
    paid = sum(max(a.cost, 0.0) for a in problem.actions)
    return replace(problem, budget=float(int(paid) + 1), hard=False, targets=())


def scheduling_core(
    loose: PlanningProblem,
    chosen: frozenset[str],
    shapes: Mapping[str, Shape],
    week: int,
    *,
    seed: int,
    budget: Budget,
) -> tuple[bool | None, frozenset[str], frozenset[str]]:
    """Whether exactly the ``chosen`` actions can be scheduled by ``week`` under the scheduling
    rules alone (``loose``, see :func:`scheduling_only`): ``True``, or ``False`` with a core —
    members of ``chosen`` and non-plain others that must be absent — that no schedule ready by
    ``week`` keeps (plain others are left out: they only take hours, so a schedule with them
    stays one without them); ``None`` when the work ran out."""
    from ortools.sat.python import cp_model

    from careerfit_opt.planner.choice import solve_core
    from careerfit_opt.planner.cpsat import build_model

    pm = build_model(loose, time_bound=week, energy_cuts=False)
    assumed: list[Any] = []
    for a_id, lit in sorted(pm.x.items()):
        if a_id in chosen:
            assumed.append(lit)
        elif a_id in shapes:
            pm.model.add(lit == 0)
        else:
            assumed.append(~lit)
    pm.model.add_assumptions(assumed)
    status, solver = solve_core(pm.model, CORE_WORK, SHARE_OF_REMAINING, seed=seed, budget=budget)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True, frozenset(), frozenset()
    if status != cp_model.INFEASIBLE:
        return None, frozenset(), frozenset()
    by_index = {lit.index: a for a, lit in pm.x.items()}
    core: set[str] = set()
    absent: set[str] = set()
    for i in solver.sufficient_assumptions_for_infeasibility():
        if i >= 0:
            core.add(by_index[i])
        else:
            absent.add(by_index[-i - 1])
    return False, frozenset(core), frozenset(absent)


def tighten_ready(
    problem: PlanningProblem,
    fixed: Sequence[tuple[Level, int]],
    lower: int | None,
    best: dict[str, int],
    *,
    seed: int,
    budget: Budget,
    share: float = LOOP_SHARE,
) -> tuple[int | None, dict[str, int]]:
    """A better lower bound on the ready week, and possibly a better plan, than the choice
    loop's (``lower``, ``best``), by the shape-lifted loop of the module's docstring. Returns
    them unchanged when the earlier levels include one the choice MILP does not keep."""
    from careerfit_opt.planner.bounds import Fixed
    from careerfit_opt.planner.choice import MAX_CANDIDATES, ChoiceModel, _schedule

    caps = _caps(fixed)
    if caps is None or len(problem.actions) > MAX_CANDIDATES or not best:
        return lower, best
    shortfall, cost = caps
    inc = _ready(problem, best)
    if lower is not None and lower >= inc:
        return lower, best
    shapes = plain_shapes(problem)
    if not lifts(problem, shapes):
        return lower, best
    kept: Fixed = [(lv.make, lv.maximize, v) for lv, v in fixed]
    loose = scheduling_only(problem)
    cm = ChoiceModel(problem, time_bound=inc)
    stop_at = budget.used + share * budget.remaining()
    stalled = 0
    evaluate: Callable[[Mapping[str, int]], int] = lambda st: _ready(problem, st)  # noqa: E731
    for _ in range(MAX_ROUNDS):
        check_wall()
        if budget.exhausted():
            break
        # The MILP after the last cut is solved even past the loop's share (a small solve
        # that may turn the cut into the proof).
        choice = cm.minimise("ready_week", budget, shortfall=shortfall, cost=cost)
        if choice.bound is not None:
            if lower is not None and choice.bound <= lower:
                stalled += 1
            else:
                stalled = 0
            lower = choice.bound if lower is None else max(lower, choice.bound)
        if lower is not None and lower >= inc:
            return inc, best
        if choice.chosen is None or stalled >= STALL_ROUNDS or budget.used >= stop_at:
            break
        fits, core, absent = scheduling_core(
            loose, choice.chosen, shapes, inc - 1, seed=seed, budget=budget
        )
        if fits is None:
            break  # out of work
        if not fits:
            if not core and not absent:
                return inc, best  # nothing at all is ready by then
            add_shape_cut(cm, core, absent, shapes, inc - 1)
            continue
        # The choice fits the weeks: scheduled in the full model, it is a better plan.
        starts, _ = _schedule(
            problem,
            choice.chosen,
            kept,
            ready=True,
            time_bound=inc - 1,
            seed=seed,
            budget=budget,
        )
        if starts is None or evaluate(starts) >= inc:
            break
        best, inc = starts, evaluate(starts)
    return lower, best
