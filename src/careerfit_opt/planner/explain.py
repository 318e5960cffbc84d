"""Why no plan exists, or why a plan leaves a gap: the blocking limits and by how much.

Three steps (docs/planning.md, "Explanations"):

1. *Catalogue limits*, found without a solver: a target the catalogue's actions cannot reach
   even with unlimited money and time ("no action in the catalogue raises Programming above 3;
   the target needs 4.5").
2. *Which limits block*: every user-level rule (budget, weekly hours, horizon, each hard target,
   each booked action, each start window) is guarded by an assumption literal; CP-SAT returns a
   set of guards that cannot hold together, which is shrunk to a minimal one by deletion.
   Disjoint cores are collected until the remaining guards admit a plan.
3. *By how much*: for each blocking limit, a relaxation solve drops that guard (and those of the
   other cores) and optimises the limit's own quantity: the cheapest plan's cost, the fastest
   plan's ready week, the least weekly hours, the highest reachable level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from careerfit_opt.model.plans import Reason
from careerfit_opt.planner.budget import Budget
from careerfit_opt.planner.cpsat import LinearExpr, PlanModel, build_model
from careerfit_opt.planner.problem import PlanningProblem

#: Most disjoint cores collected before giving up on finding a plan-admitting set.
MAX_CORES = 6


@dataclass
class _Ctx:
    pm: PlanModel
    seed: int
    workers: int
    budget: Budget
    #: The status of the last core search's first solve (every guard of it on).
    last_status: Any = None


def _money(x: float, currency: str) -> str:
    text = f"{x:,.0f}" if abs(x - round(x)) < 0.005 else f"{x:,.2f}"
    return f"{text} {currency}" if currency else text


def catalogue_reach(problem: PlanningProblem, dim_id: str) -> float:
    """The highest level of ``dim_id`` that all candidate actions together could give.

    Exclusive alternatives count once (the largest gain of each group); no limit applies.
    """
    best_in_group: dict[str, float] = {}
    total = 0.0
    for a in problem.actions:
        g = a.gains.get(dim_id, 0.0)
        if g <= 0:
            continue
        if a.exclusive_group is not None and a.exclusive_group in problem.exclusive_groups:
            best_in_group[a.exclusive_group] = max(best_in_group.get(a.exclusive_group, 0.0), g)
        else:
            total += g
    total += sum(best_in_group.values())
    return problem.capped(dim_id, problem.base[dim_id] + total)


def catalogue_reasons(problem: PlanningProblem, dims: list[str]) -> list[Reason]:
    """Targets on ``dims`` that no combination of catalogue actions can reach."""
    out = []
    for k in dims:
        t = problem.target_by_id[k]
        reach = catalogue_reach(problem, k)
        if reach < t.required - 1e-9:
            name = problem.dim_names[k]
            excluded = [
                e
                for e in sorted(problem.excluded)
                if e in problem.pruned or e not in problem.action_by_id
            ]
            extra = " (not counting the actions you excluded)" if excluded else ""
            out.append(
                Reason(
                    limit=f"target:{k}",
                    message=(
                        f"no action in the catalogue raises {name} above {reach:g}{extra}; "
                        f"the target needs {t.required:g}"
                    ),
                    have=reach,
                    need=t.required,
                )
            )
    return out


#: CP-SAT deterministic time (work units, roughly seconds) for each explanation solve.
EXPLAIN_DETERMINISTIC_TIME = 2.0


def _found(status: Any, solver: cp_model.CpSolver, scale: float, kind: str, currency: str) -> str:
    """`` (a cheaper one may exist: at least B)`` when the relaxation was not proven optimal."""
    if status == cp_model.OPTIMAL:
        return ""
    bound = solver.best_objective_bound / scale
    better = {"cost": "cheaper", "week": "faster", "hours": "lighter"}[kind]
    shown = (
        f"week {bound:g}"
        if kind == "week"
        else (f"{bound:g} hours a week" if kind == "hours" else _money(bound, currency))
    )
    return f" (the best found in the time allowed; a {better} one may exist, but not below {shown})"


def _solve(
    ctx: _Ctx, assumptions: list[str], objective: LinearExpr | None = None
) -> tuple[Any, cp_model.CpSolver]:
    pm = ctx.pm
    pm.model.clear_assumptions()
    pm.model.add_assumptions([pm.guards[g] for g in assumptions])
    if objective is None:
        pm.model.clear_objective()  # type: ignore[no-untyped-call]
    else:
        pm.model.minimize(objective)
    # Work limits (CP-SAT's deterministic time), so a repeat run gives the same numbers.
    solver = ctx.budget.solver(ctx.seed, ctx.workers, cap=EXPLAIN_DETERMINISTIC_TIME)
    # Presolve can return core literals that are not assumptions (or-tools issue #5141).
    solver.parameters.cp_model_presolve = objective is not None
    status = ctx.budget.solve(solver, pm.model)
    return status, solver


def _minimal_core(ctx: _Ctx, active: list[str], fixed: list[str]) -> list[str] | None:
    """A minimal set of guards among ``active`` that, with ``fixed`` always on, admits no plan
    (``None``: a plan exists)."""
    status, solver = _solve(ctx, fixed + active)
    ctx.last_status = status
    if status != cp_model.INFEASIBLE:
        return None
    index = {ctx.pm.guards[g].index: g for g in active}
    core = [index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in index]
    if _solve(ctx, fixed + core)[0] != cp_model.INFEASIBLE:
        core = list(active)
    for g in list(core):  # deletion: drop every guard the rest stays infeasible without
        trial = [c for c in core if c != g]
        if _solve(ctx, fixed + trial)[0] == cp_model.INFEASIBLE:
            core = trial
    return sorted(core)


def _trade_off(problem: PlanningProblem, dim_id: str) -> Reason:
    """The reason for a gap that some plan within every limit closes: closing it would leave
    more of the other requirements open (a larger weighted shortfall), so the plan does not."""
    name = problem.dim_names[dim_id]
    return Reason(
        limit=f"trade-off:{dim_id}",
        message=(
            f"a plan within your limits can meet the {name} requirement, but only by leaving "
            "more of the other requirements open (a larger weighted shortfall), so the plan "
            f"closes those instead; to insist on it, add {dim_id} to target.must_meet"
        ),
    )


def _describe(guard: str) -> str:
    """A guard's name for a reader."""
    kind, _, what = guard.partition(":")
    return {
        "budget": "the budget",
        "hours_per_week": "the weekly hours",
        "horizon": "the horizon",
        "booked": f"the booking of {what}",
        "window": f"the start weeks of {what}",
        "target": f"the {what} target",
    }.get(kind, guard)


def _amount(
    ctx: _Ctx, limit: str, keep: list[str], for_dim: str | None, others: list[str]
) -> Reason:
    """The message for one blocking ``limit``: a relaxation solve with ``keep`` enforced."""
    pm, p = ctx.pm, ctx.pm.problem
    within = "within your other limits"
    if others:
        within += f" (with {', '.join(_describe(o) for o in others)} also relaxed)"
    goal = ""
    if for_dim is not None:
        t = p.target_by_id[for_dim]
        goal = f" to reach {p.dim_names[for_dim]} {t.required:g}"
    kind, _, what = limit.partition(":")
    # The limits measured by one relaxation solve: the objective to minimise with this limit
    # relaxed, its scale, how to say what the best plan needs, and what the person has.
    relaxations: dict[str, tuple[LinearExpr, float, str, Callable[[float], str], float, str]] = {
        "budget": (
            pm.net_cost if p.income_offsets_cost else pm.total_cost,
            p.money_scale,
            "cost",
            lambda need: f"the cheapest plan{goal} {within} costs {_money(need, p.currency)}",
            p.budget,
            f"you have {_money(p.budget, p.currency)}",
        ),
        "horizon": (
            pm.ready,
            1.0,
            "week",
            lambda need: f"the fastest plan{goal} {within} is ready in week {need:g}",
            float(p.horizon),
            f"your horizon is {p.horizon} weeks",
        ),
        "hours_per_week": (
            pm.capacity,
            p.hours_scale,
            "hours",
            lambda need: f"the plan{goal} {within} needs {need:g} hours a week",
            p.hours_per_week,
            f"you have {p.hours_per_week:g} hours a week",
        ),
    }
    if kind in relaxations:
        expr, scale, unit, claim, have, have_text = relaxations[kind]
        status, solver = _solve(ctx, keep, expr)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            need = solver.objective_value / scale
            return Reason(
                limit=limit,
                message=(
                    f"{kind}: {claim(need)}"
                    f"{_found(status, solver, scale, unit, p.currency)}; {have_text}"
                ),
                have=have,
                need=need,
            )
    elif kind == "target":
        t = p.target_by_id[what]
        status, solver = _solve(ctx, keep, pm.short[what])
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            reach = max(0.0, t.required - solver.objective_value / p.level_scale)
            return Reason(
                limit=limit,
                message=f"{p.dim_names[what]}: the best plan {within} reaches {reach:g}; the "
                f"target needs {t.required:g}",
                have=reach,
                need=t.required,
            )
    elif kind == "booked":
        act = p.action_by_id[what]
        week = p.booked[what]
        when = f" at week {week}" if week is not None else ""
        status, solver = _solve(ctx, keep)
        detail = "; a plan exists without it" if status == cp_model.OPTIMAL else ""
        if week is not None and act.start_weeks is not None and week not in act.start_weeks:
            detail = f"; it starts only in weeks {', '.join(map(str, sorted(act.start_weeks)))}"
        blocked_by = sorted(set(act.requires_actions) & p.excluded)
        if blocked_by:
            detail = f"; it needs {', '.join(blocked_by)}, which you excluded"
        return Reason(
            limit=limit,
            message=f"booked: {act.title} ({what}){when} does not fit {within}{detail}",
        )
    elif kind == "window":
        act = p.action_by_id[what]
        status, solver = _solve(ctx, keep, pm.ready)
        weeks = ", ".join(map(str, sorted(act.start_weeks or [])))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            s = int(solver.value(pm.start[what]))
            return Reason(
                limit=limit,
                message=f"window: {act.title} ({what}) starts only in weeks {weeks}; a plan"
                f"{goal} {within} needs it to start in week {s}",
                need=float(s),
            )
        return Reason(
            limit=limit, message=f"window: {act.title} ({what}) starts only in weeks {weeks}"
        )
    return Reason(
        limit=limit, message=f"{limit}: blocks every plan{goal} together with other limits"
    )


def _unreachable(problem: PlanningProblem, dim_ids: list[str]) -> Reason:
    names = " and ".join(
        f"{problem.dim_names[k]} {problem.target_by_id[k].required:g}" for k in dim_ids
    )
    both = "together " if len(dim_ids) > 1 else ""
    return Reason(
        limit="target:" + ",".join(dim_ids),
        message=f"no plan reaches {names} {both}whatever your limits: the actions that would "
        "raise it cannot all be taken (their prerequisites, start windows or alternatives rule "
        "it out)",
        need=problem.target_by_id[dim_ids[0]].required if len(dim_ids) == 1 else None,
    )


def explain(
    problem: PlanningProblem,
    *,
    hard_dims: list[str] | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    budget: Budget | None = None,
) -> list[Reason]:
    """Reasons why no plan meets every limit with the targets on ``hard_dims`` fully met.

    ``hard_dims`` defaults to the targets that must be met (every target when the problem is
    hard, else those of ``must_meet``), and to every target when none must. With one soft target
    dimension it explains why a plan leaves that gap open. The solves draw on ``budget``
    (default: ``time_limit`` seconds' worth; see ``budget.py``).
    """
    budget = budget or Budget.of_seconds(time_limit)
    every = [t.dim_id for t in problem.targets]
    dims = hard_dims if hard_dims is not None else (problem.hard_targets or every)
    reasons = catalogue_reasons(problem, dims)
    if budget.work <= 0:
        # Explanations switched off: only the catalogue limits, which need no solver (the
        # guarded model would be built for nothing: 0.1–0.2 s a gap on the bundled catalogue).
        return reasons
    impossible = {r.limit.partition(":")[2] for r in reasons}
    wanted = [k for k in dims if k not in impossible]
    pm = build_model(problem, guarded=True, guard_targets=wanted)
    ctx = _Ctx(pm=pm, seed=seed, workers=workers, budget=budget)
    # Phase A: targets no plan reaches whatever the user's limits (prerequisites, windows and
    # alternatives of the catalogue rule them out).
    targets = [f"target:{k}" for k in wanted if f"target:{k}" in pm.guards]
    while targets and not budget.exhausted():
        core = _minimal_core(ctx, targets, [])
        if core is None:
            break
        reasons.append(_unreachable(problem, [c.partition(":")[2] for c in core]))
        targets = [t for t in targets if t not in core]
    # Phase B: with the reachable targets required, which user-level limits block, and how far.
    active = sorted(g for g in pm.guards if not g.startswith("target:"))
    cores: list[list[str]] = []
    remaining = list(active)
    # Phase A's solves left out the limits: only a Phase B solve with all of them on can show
    # that a plan within them closes the gap (a trade-off, below).
    ctx.last_status = None
    while len(cores) < MAX_CORES and not budget.exhausted():
        core = _minimal_core(ctx, remaining, targets)
        if not core:
            break
        cores.append(core)
        remaining = [g for g in remaining if g not in core]
    union = {g for c in cores for g in c}
    for_dim = wanted[0] if hard_dims is not None and len(wanted) == 1 else None
    if (
        for_dim is not None
        and not cores
        and not problem.is_hard(for_dim)
        and ctx.last_status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    ):
        # Every limit holds with this gap closed: the objective, not a limit, left it open.
        reasons.append(_trade_off(problem, for_dim))
        return reasons
    for core in cores:
        others = sorted(union - set(core))
        for g in core:
            keep = targets + [a for a in active if a not in union] + [c for c in core if c != g]
            reasons.append(_amount(ctx, g, keep, for_dim, others))
    if not reasons and budget.exhausted():
        reasons.append(
            Reason(
                limit="unexplained",
                message="no blocking limit was found in the time allowed for explanations; "
                "raise the time limit to search longer",
            )
        )
    elif not reasons:
        reasons.append(
            Reason(
                limit="prerequisite",
                message="the prerequisites of the actions that would close the gap cannot all "
                "be met within the catalogue",
            )
        )
    return reasons


def explain_shortfall(
    problem: PlanningProblem,
    shortfall: dict[str, float],
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 1,
    budget: Budget | None = None,
) -> list[Reason]:
    """For each gap a plan leaves open, the limits that stop it from closing and by how much
    (the work left shared equally among the gaps still to explain)."""
    gaps = [k for k, v in sorted(shortfall.items()) if v > 0.01]
    out: list[Reason] = []
    unexplained: list[str] = []
    budget = budget or Budget.of_seconds(time_limit)
    for i, k in enumerate(gaps):
        part = budget.split(len(gaps) - i)
        reasons = explain(problem, hard_dims=[k], seed=seed, workers=workers, budget=part)
        if not reasons or any(r.limit == "unexplained" for r in reasons):
            unexplained.append(k)  # the time ran out before or during this gap's search
        for reason in reasons:
            if reason.limit != "unexplained" and reason not in out:
                out.append(reason)  # the same limit blocking several gaps: said once
        budget.absorb(part)
    if unexplained:
        # One line for every gap the time ran out on, not one identical line each.
        names = ", ".join(problem.dim_names[k] for k in unexplained)
        what = "this gap" if len(unexplained) == 1 else f"{len(unexplained)} gaps"
        out.append(
            Reason(
                limit="unexplained",
                message=f"no blocking limit was found for {what} ({names}) in the time "
                "allowed for explanations; raise the time limit to search longer",
            )
        )
    return out
