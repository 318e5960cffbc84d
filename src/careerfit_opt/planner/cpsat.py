"""The CP-SAT model of a :class:`~careerfit_opt.planner.problem.PlanningProblem`.

One presence literal ``x[a]`` and one optional fixed-size interval ``[s[a], s[a] + d[a])`` per
candidate action; weekly hours are a cumulative over the intervals; threshold prerequisites use
literals ``y[a, b]`` ("a finished before b started and counts towards b's threshold"). Every
constraint family is documented in ``docs/planning.md``.

In *guarded* mode (used by the explanations) each user-level limit is enforced only when its
guard literal is true, so the solver can be asked which guards cannot hold together and how far
one limit must move for a plan to exist. Time domains then extend past the horizon.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from ortools.sat.python import cp_model

from careerfit_opt.model.actions import Action
from careerfit_opt.planner.deadline import check_wall
from careerfit_opt.planner.needers import peers, threshold_needers
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.scaling import scale_down, scale_up, scaled_gap, weight_scale

#: Enjoyment scores are multiplied by this before entering the model (exact for interest
#: scores given to two decimals and up to six RIASEC letters per action).
ENJOY_SCALE = 36_000
#: Extra precision of the plan's mean enjoyment as reported (``⌊100·Σ E / count⌋``).
ENJOY_MEAN_SCALE = 100

#: OR-Tools' expression types are not precise enough for mypy's strict mode.
LinearExpr = Any


@dataclass
class PlanModel:
    """A built CP-SAT model with handles on its variables and objective expressions."""

    problem: PlanningProblem
    model: cp_model.CpModel
    #: Last week any action may end in this model (the horizon, or further when guarded).
    time_bound: int
    x: dict[str, cp_model.IntVar]
    start: dict[str, cp_model.IntVar]
    interval: dict[str, cp_model.IntervalVar]
    y: dict[tuple[str, str], cp_model.IntVar]
    short: dict[str, cp_model.IntVar]
    ready: cp_model.IntVar
    capacity: cp_model.IntVar
    #: Money in hundredths: what is paid (positive costs) and paid minus earned.
    total_cost: LinearExpr
    net_cost: LinearExpr
    #: Weighted shortfall in units of 1 / (level_scale · weight_factor).
    weighted_shortfall: LinearExpr
    weight_factor: int
    #: Guard literal per user-level limit (guarded mode only), e.g. ``budget``, ``window:x``.
    guards: dict[str, cp_model.IntVar] = field(default_factory=dict)

    @property
    def cost(self) -> LinearExpr:
        """The money objective: what the person pays.

        Income from paid trial roles only loosens the budget (when it offsets cost); counting
        it in the objective would reward adding paid roles the target does not need.
        """
        return self.total_cost

    def enjoyment_scores(self) -> dict[str, int]:
        """Each candidate's enjoyment × ENJOY_SCALE as an integer (the mean's numerator terms)."""
        enjoyment = self.problem.enjoyment
        return {a.id: round(enjoyment[a.id] * ENJOY_SCALE) for a in self.problem.actions}


def _time_bound(problem: PlanningProblem, guarded: bool) -> int:
    """Last week an action may end: the horizon, or (guarded) far enough for any plan."""
    if not guarded:
        return problem.horizon
    latest_window = max(
        [max(a.start_weeks) for a in problem.actions if a.start_weeks]
        + [0]
        + [w for w in problem.booked.values() if w is not None]
    )
    return max(problem.horizon, latest_window + sum(a.duration_weeks for a in problem.actions))


def build_model(
    problem: PlanningProblem,
    *,
    guarded: bool = False,
    guard_targets: list[str] | None = None,
    time_bound: int | None = None,
    relaxed: bool = False,
    energy_cuts: bool = True,
    symmetry: bool = True,
) -> PlanModel:
    """Build the CP-SAT model of ``problem``.

    With ``guarded``, each user-level limit (``budget``, ``hours_per_week``, ``horizon``, each
    hard ``target:<dim>``, each ``booked:<action>`` and each ``window:<action>``) holds only when
    its literal in :attr:`PlanModel.guards` is true; otherwise every limit is a plain constraint.
    ``guard_targets`` (guarded mode) names the targets that get a ``target:<dim>`` guard
    (default: every target when the problem is hard, none otherwise). ``time_bound`` (never
    above the horizon) lets a solve that already knows the ready week cannot exceed it work on
    smaller time domains. ``relaxed`` leaves out the weekly-hours cumulative (the energy cuts
    stay): every plan of the full model is a solution of the relaxation, so its optimum is a
    lower bound, and it is solved in a fraction of the time (``bounds.py``). Without
    ``energy_cuts`` only the plain energy cut is made (enough when the ready week does not
    matter, e.g. for the weighted shortfall). ``symmetry`` (unguarded models) orders the starts
    of interchangeable actions (:func:`interchangeable`); it changes no objective level.
    """
    p = problem
    m = cp_model.CpModel()
    bound = _time_bound(p, guarded)
    if time_bound is not None and not guarded:
        bound = max(0, min(bound, time_bound))
    guards: dict[str, cp_model.IntVar] = {}

    def guard(name: str) -> list[cp_model.IntVar]:
        """Enforcement literals for a user-level limit (none when not guarded)."""
        if not guarded:
            return []
        if name not in guards:
            guards[name] = m.new_bool_var(f"guard[{name}]")
        return [guards[name]]

    # Guarded models relax the horizon and never read the bounds (explanations).
    est = dict.fromkeys((a.id for a in p.actions), 0) if guarded else p.earliest
    x: dict[str, cp_model.IntVar] = {}
    start: dict[str, cp_model.IntVar] = {}
    interval: dict[str, cp_model.IntervalVar] = {}
    domains: dict[str, cp_model.Domain] = {}
    for a in p.actions:
        check_wall()  # a model too big for the time limit stops it, never overruns it
        d = a.duration_weeks
        lit = m.new_bool_var(f"x[{a.id}]")
        x[a.id] = lit
        windows = sorted(w for w in (a.start_weeks or []) if w + d <= bound)
        if a.start_weeks is not None and not guarded:
            windows = [w for w in windows if w >= est[a.id]]
            domain = cp_model.Domain.from_values(windows) if windows else None
        else:
            first = 0 if guarded else est[a.id]
            domain = cp_model.Domain(first, bound - d) if bound - d >= first else None
        if domain is None:
            # It cannot start and end within the time available: never chosen.
            m.add(lit == 0)
            domain = cp_model.Domain(0, 0)
        domains[a.id] = domain
        s = m.new_int_var_from_domain(domain, f"start[{a.id}]")
        start[a.id] = s
        interval[a.id] = m.new_optional_fixed_size_interval_var(s, d, lit, f"iv[{a.id}]")
        # An absent action sits at its earliest start: removes symmetric solutions.
        m.add(s == domain.min()).only_enforce_if(~lit)
        if guarded and a.start_weeks is not None:
            m.add_linear_expression_in_domain(
                s, cp_model.Domain.from_values(windows or [0])
            ).only_enforce_if([*guard(f"window:{a.id}"), lit])
            if not windows:
                m.add_bool_or([~lit]).only_enforce_if(guard(f"window:{a.id}"))

    def end(a_id: str) -> LinearExpr:
        return start[a_id] + p.action_by_id[a_id].duration_weeks

    # Weekly hours: a cumulative whose capacity is a variable, so explanations can relax it.
    demands = [scale_up(a.hours_per_week, p.hours_scale) for a in p.actions]
    limit_hours = scale_down(p.hours_per_week, p.hours_scale)
    cap_top = max(limit_hours, sum(demands), 1)
    capacity = m.new_int_var(0, cap_top if guarded else limit_hours, "capacity")
    if guarded:
        m.add(capacity <= limit_hours).only_enforce_if(guard("hours_per_week"))
    if p.actions and not relaxed:
        # A constant capacity unless an explanation relaxes it (CP-SAT reasons better then).
        m.add_cumulative(
            [interval[a.id] for a in p.actions], demands, capacity if guarded else limit_hours
        )
    elif not guarded:
        for a, dem in zip(p.actions, demands, strict=True):
            if dem > limit_hours:
                m.add(x[a.id] == 0)  # what the cumulative would forbid on its own

    # Money in hundredths; a cost is rounded up, so income (negative cost) is rounded down.
    cents = {a.id: scale_up(a.cost, p.money_scale) for a in p.actions}
    total_cost = sum(max(c, 0) * x[a] for a, c in cents.items())
    net_cost = sum(c * x[a] for a, c in cents.items())
    budget_expr = net_cost if p.income_offsets_cost else total_cost
    m.add(budget_expr <= scale_down(p.budget, p.money_scale)).only_enforce_if(guard("budget"))

    # Horizon and ready week.
    ready = m.new_int_var(0, bound, "ready_week")
    for a in p.actions:
        check_wall()  # a model too big for the time limit stops it, never overruns it
        m.add(ready >= end(a.id)).only_enforce_if(x[a.id])
    if guarded:
        m.add(ready <= p.horizon).only_enforce_if(guard("horizon"))
    else:
        _energy_cuts(
            m, p, est, dict(zip(x, demands, strict=True)), limit_hours, x, ready, full=energy_cuts
        )

    # Action prerequisites: b needs a chosen and finished before b starts.
    for b in p.actions:
        check_wall()  # a model too big for the time limit stops it, never overruns it
        for a_id in b.requires_actions:
            if a_id not in x:
                m.add(x[b.id] == 0)
                continue
            m.add_implication(x[b.id], x[a_id])
            m.add(end(a_id) <= start[b.id]).only_enforce_if(x[b.id])

    # Threshold prerequisites judged at b's start, from the actions finished before it.
    later = _Successors(p)
    y: dict[tuple[str, str], cp_model.IntVar] = {}
    gainers_of: dict[str, list[tuple[Action, int]]] = {}
    for a in p.actions:
        check_wall()  # a model too big for the time limit stops it, never overruns it
        for dim, gain in a.gains.items():
            if (scaled := scale_down(gain, p.level_scale)) > 0:
                gainers_of.setdefault(dim, []).append((a, scaled))
    needers = threshold_needers(p)
    for b in p.actions:
        check_wall()  # a model too big for the time limit stops it, never overruns it
        # Unguarded, the earliest starts bound every start: a b that cannot end in time is
        # never chosen (fixed above), and a gainer that cannot end before b's last start can
        # never count for it — leaving both out keeps 5,000-action models small.
        latest_b = bound - b.duration_weeks
        if not guarded and est[b.id] > latest_b:
            continue
        for dim, theta in sorted(b.requires_levels.items()):
            need = scaled_gap(theta, p.base[dim], p.level_scale)
            if need <= 0:
                continue
            terms = []
            counted: list[tuple[str, int]] = []
            after_b = later.of(b.id)
            for a, g in gainers_of.get(dim, []):
                if a.id == b.id or a.id in after_b:
                    continue  # an action b must precede can never finish before b starts
                if not guarded and est[a.id] + a.duration_weeks > latest_b:
                    continue
                key = (a.id, b.id)
                if key not in y:
                    lit = m.new_bool_var(f"y[{a.id},{b.id}]")
                    m.add_implication(lit, x[a.id])
                    m.add(end(a.id) <= start[b.id]).only_enforce_if(lit)
                    y[key] = lit
                terms.append(min(g, need) * y[key])
                counted.append((a.id, min(g, need)))
            if not terms:
                m.add(x[b.id] == 0)
            else:
                m.add(sum(terms) >= need).only_enforce_if(x[b.id])
            left_out = peers(needers, dim, need)
            if not guarded and any(a_id in left_out for a_id, _ in counted):
                # Redundant (``needers.needs_as_much``): gainers that need as much of the
                # dimension never lift it first, so the LP cannot let them lift each other.
                lifters = [(a_id, c) for a_id, c in counted if a_id not in left_out]
                m.add(sum(c * x[a_id] for a_id, c in lifters) >= need * x[b.id])

    # Targets: base + gains + shortfall ≥ requirement (the scale cap cannot bind, since the
    # catalogue keeps every requirement within the scale; see docs/planning.md).
    short: dict[str, cp_model.IntVar] = {}
    if guard_targets is None:
        guard_targets = p.hard_targets
    hard_guarded = set(guard_targets)
    factor = weight_scale([t.weight for t in p.targets])
    ws_terms = []
    for t in p.targets:
        gap = max(0, scaled_gap(t.required, p.base[t.dim_id], p.level_scale))
        sv = m.new_int_var(0, gap, f"short[{t.dim_id}]")
        short[t.dim_id] = sv
        if gap > 0:
            gains = [
                (min(g, gap), x[a.id])
                for a in p.actions
                if (g := scale_down(a.gains.get(t.dim_id, 0.0), p.level_scale)) > 0
            ]
            m.add(sum(c * v for c, v in gains) + sv >= gap)
            if not guarded:
                # Redundant: closing this gap fully takes at least until the earliest week by
                # which enough of its gainers can have finished (a bound the LP cannot see).
                closed = m.new_bool_var(f"closed[{t.dim_id}]")
                m.add(sv == 0).only_enforce_if(closed)
                m.add(sv >= 1).only_enforce_if(~closed)
                m.add(ready >= _earliest_cover(p, est, t.dim_id, gap)).only_enforce_if(closed)
            if guarded and t.dim_id in hard_guarded:
                m.add(sv == 0).only_enforce_if(guard(f"target:{t.dim_id}"))
            elif not guarded and p.is_hard(t.dim_id):
                m.add(sv == 0)
        ws_terms.append(round(t.weight * factor) * sv)

    if symmetry and not guarded:
        _break_symmetry(m, p, x, start)

    # Exclusive alternatives: at most one per group.
    for ids in p.exclusive_groups.values():
        m.add_at_most_one(x[a] for a in ids)

    # Booked actions: always chosen, at their start week when given.
    for a_id, week in sorted(p.booked.items()):
        lits = guard(f"booked:{a_id}")
        m.add(x[a_id] == 1).only_enforce_if(lits)
        if week is not None:
            if guarded or domains[a_id].contains(week):
                m.add(start[a_id] == week).only_enforce_if(lits)
            else:
                m.add(x[a_id] == 0)  # booked start outside its windows: infeasible

    return PlanModel(
        problem=p,
        model=m,
        time_bound=bound,
        x=x,
        start=start,
        interval=interval,
        y=y,
        short=short,
        ready=ready,
        capacity=capacity,
        total_cost=total_cost,
        net_cost=net_cost,
        weighted_shortfall=sum(ws_terms),
        weight_factor=factor,
        guards=guards,
    )


def interchangeable(problem: PlanningProblem) -> tuple[list[list[str]], dict[str, list[str]]]:
    """Classes of actions whose start weeks can be swapped in any plan that takes them, and for
    each such action the candidates whose threshold its gains could help (its *needers*).

    Two actions are in one class when they have the same duration, weekly hours, start weeks,
    action prerequisites and threshold needs, are booked by no one and required by no action,
    and gain on no dimension they need themselves. Swapping the starts of two of them keeps
    every rule of a plan, except a threshold of a chosen action that one of them helps reach:
    so they are interchangeable in a plan where no needer of either is chosen. Sorting those
    (the *free* members of a class) by id changes no objective level (the ready week, cost,
    shortfall, enjoyment and relevance depend on the choice and the set of start weeks only).
    """
    p = problem
    required: set[str] = set()
    needs: dict[str, tuple[tuple[str, int], ...]] = {}
    needers_of_dim: dict[str, set[str]] = {}
    for b in p.actions:
        required.update(b.requires_actions)
        needs[b.id] = tuple(
            sorted(
                (dim, need)
                for dim, theta in b.requires_levels.items()
                if (need := scaled_gap(theta, p.base[dim], p.level_scale)) > 0
            )
        )
        for dim, _ in needs[b.id]:
            needers_of_dim.setdefault(dim, set()).add(b.id)
    groups: dict[tuple[object, ...], list[str]] = {}
    needers: dict[str, list[str]] = {}
    for a in p.actions:
        if a.id in required or a.id in p.booked:
            continue
        gained = {dim for dim, g in a.gains.items() if scale_down(g, p.level_scale) > 0}
        if gained & {dim for dim, _ in needs[a.id]}:
            continue
        needers[a.id] = sorted(set().union(*(needers_of_dim.get(d, set()) for d in gained)))
        key = (
            a.duration_weeks,
            scale_up(a.hours_per_week, p.hours_scale),
            tuple(a.start_weeks) if a.start_weeks is not None else None,
            tuple(sorted(a.requires_actions)),
            needs[a.id],
        )
        groups.setdefault(key, []).append(a.id)
    classes = [sorted(ids) for ids in groups.values() if len(ids) > 1]
    return classes, {a: needers[a] for ids in classes for a in ids}


def canonical_starts(problem: PlanningProblem, starts: dict[str, int]) -> dict[str, int]:
    """``starts`` with the free members of each class of :func:`interchangeable` actions
    starting in id order (their start weeks sorted among them): the same plan up to a swap of
    identical actions, and one the symmetry-breaking constraints accept (used for hints)."""
    classes, needers = problem.interchangeable
    out = dict(starts)
    for ids in classes:
        free = [a for a in ids if a in starts and not any(c in starts for c in needers[a])]
        for a, week in zip(free, sorted(starts[a] for a in free), strict=True):
            out[a] = week
    return out


#: How far apart (in id order) two members of a class of interchangeable actions may be for
#: their pair to get an ordering constraint.
SYMMETRY_REACH = 16


def _break_symmetry(
    m: cp_model.CpModel,
    p: PlanningProblem,
    x: dict[str, cp_model.IntVar],
    start: dict[str, cp_model.IntVar],
) -> None:
    """Interchangeable actions (:func:`interchangeable`) start in id order when they are free:
    for each pair ``a < b`` of a class, ``x_a ∧ x_b ∧ ¬x_c (every needer c of a or b) ⇒ s_a ≤
    s_b``. Any plan becomes one that keeps these by sorting the free members' starts, so no
    objective level changes; the search no longer tries every order of a dozen identical
    courses (it proved a ready week infeasible in 0.3 work units instead of none in 8)."""
    classes, needers = p.interchangeable
    for ids in classes:
        for i, a in enumerate(ids):
            check_wall()
            # Pairs up to SYMMETRY_REACH apart (any subset of these constraints is valid):
            # a class of hundreds of synthetic twins stays a few thousand constraints.
            for b in ids[i + 1 : i + 1 + SYMMETRY_REACH]:
                free = sorted(set(needers[a]) | set(needers[b]))
                cond = [x[a], x[b], *(~x[c] for c in free if c in x and c not in (a, b))]
                m.add(start[a] <= start[b]).only_enforce_if(cond)


def dual_feasible_functions(capacity: int, demands: list[int]) -> list[tuple[int, dict[int, int]]]:
    """Dual feasible functions for the weekly-hours packing: pairs ``(k, f)`` with ``f`` a map
    from each demand to a new demand, such that whatever set of actions can run in one week
    (demands summing to at most ``capacity``), their ``f`` values sum to at most ``k·capacity``.

    So ``Σ f(h_a)·(weeks a runs) ≤ k·capacity·(weeks)`` holds like the plain energy bound, but
    counts the hours a demand wastes: with 10 h a week and no action under 3 h, an 8-h course
    leaves 2 idle hours and counts as 10. The families are the classic ones (Fekete and
    Schepers): ``f_λ`` (demands above ``C − λ`` count ``C``, below ``λ`` count 0, for each
    demand ``λ ≤ C/2``) and ``u_k`` for k = 1…4 (``u_k(h) = k·h`` when ``(k+1)·h`` is a
    multiple of ``C``, else ``⌊(k+1)·h / C⌋·C``). Identity first; duplicates dropped.

    >>> [(k, f[800]) for k, f in dual_feasible_functions(1000, [300, 800])][:2]
    [(1, 800), (1, 1000)]
    """
    values = sorted(set(demands))
    out: list[tuple[int, dict[int, int]]] = [(1, {h: h for h in values})]
    if capacity <= 0:
        return out

    def lam_f(h: int, lam: int) -> int:
        if h > capacity:  # never fits: the cumulative forbids it anyway
            return h
        if h > capacity - lam:
            return capacity
        return 0 if h < lam else h

    def fs_u(h: int, k: int) -> int:
        if h > capacity or ((k + 1) * h) % capacity == 0:
            return k * h
        return ((k + 1) * h // capacity) * capacity

    candidates = [(1, {h: lam_f(h, lam) for h in values}) for lam in values if 2 * lam <= capacity]
    candidates += [(k, {h: fs_u(h, k) for h in values}) for k in (1, 2, 3, 4)]
    seen = {tuple(f[h] / k for h in values) for k, f in out}
    for k, f in candidates:
        key = tuple(f[h] / k for h in values)
        # Keep a function only if it is not dominated by one already kept.
        if key in seen or any(all(a <= b for a, b in zip(key, s, strict=True)) for s in seen):
            continue
        seen.add(key)
        out.append((k, f))
    return out


def _energy_cuts(
    m: cp_model.CpModel,
    p: PlanningProblem,
    est: dict[str, int],
    demand: dict[str, int],
    capacity: int,
    x: dict[str, cp_model.IntVar],
    ready: cp_model.IntVar,
    *,
    full: bool = True,
) -> None:
    """Redundant energy cuts: the chosen work after week t fits in [t, ready) at the capacity.

    For every week t where some action may start (the distinct ``est``) and every dual feasible
    function ``(k, f)``: ``k·C·(ready − t·late_t) ≥ Σ f(h_a)·(weeks of a after t)·x_a``, where
    an action whose earliest end is after t runs at least ``min(d_a, est_a + d_a − t)`` weeks
    after t, and ``late_t`` (ready ≥ t) is implied by choosing any such action — so the cut
    also holds for plans that end before t. They let the LP relaxation (and the relaxed model of
    ``bounds.py``) tie the choice of actions to the ready week; CP-SAT's cumulative alone sees
    that only once the actions are chosen. Without ``full``, only the plain cut (t = 0, f = id).
    """
    families = dual_feasible_functions(capacity, list(demand.values()))
    weeks = sorted({0, *est.values()})
    if not full:
        families, weeks = families[:1], [0]
    # Actions that cannot end within the horizon are never chosen (fixed to 0): no cut needs them.
    possible = [a for a in p.actions if est[a.id] + a.duration_weeks <= p.horizon]
    for t in weeks:
        check_wall()  # many weeks × thousands of actions: the run's deadline holds here too
        after = {
            a.id: min(a.duration_weeks, est[a.id] + a.duration_weeks - t)
            for a in possible
            if est[a.id] + a.duration_weeks > t and demand[a.id] <= capacity
        }
        if not after:
            continue
        late: LinearExpr = 0
        if t > 0:
            lit = m.new_bool_var(f"ready_after[{t}]")
            m.add(ready >= t).only_enforce_if(lit)
            m.add(ready <= t - 1).only_enforce_if(~lit)
            for a_id in after:
                m.add_implication(x[a_id], lit)
            late = t * lit
        for k, f in families:
            work = sum(f[demand[a_id]] * w * x[a_id] for a_id, w in sorted(after.items()))
            m.add(k * capacity * (ready - late) >= work)


def _earliest_cover(problem: PlanningProblem, est: dict[str, int], dim: str, need: int) -> int:
    """Earliest week by which actions gaining ``dim`` can have added ``need`` (hundredths)."""
    got = 0
    for finish, g in sorted(
        (est[a.id] + a.duration_weeks, scale_down(a.gains.get(dim, 0.0), problem.level_scale))
        for a in problem.actions
        if a.gains.get(dim, 0.0) > 0
    ):
        got += g
        if got >= need:
            return finish
    return 0


def earliest_starts(problem: PlanningProblem) -> dict[str, int]:
    """A lower bound on each action's start week, ignoring hours and money.

    An action starts after its action prerequisites end, and after enough actions able to lift
    each threshold could have finished: the earliest week t by which the actions whose own
    earliest end is ≤ t gain at least what the threshold needs (the action itself and those
    that require it, which start after it ends, left out). Start windows round up to the next
    cohort. An action whose bound leaves it no room to end within the horizon can be in no plan:
    its bound jumps to :data:`never <_never>`, so chains of such actions settle at once.

    Computed to the least fixpoint: every rule only raises bounds, and each pass reads the
    gainers' ends as they were when the pass began (an end read early is never later than the
    true one, so the bound stays valid), until a pass changes nothing. Each pass sorts the
    gainers of a dimension once and finds a threshold's week by bisecting their running sums —
    O(passes × actions × log actions), where re-sorting per action made 5,000 actions take
    minutes.
    """
    p = problem
    never = _never(p)
    est = {a.id: 0 for a in p.actions}
    gainers: dict[str, list[tuple[str, int, int]]] = {}
    for a in p.actions:
        for dim, g in a.gains.items():
            if (scaled := scale_down(g, p.level_scale)) > 0:
                gainers.setdefault(dim, []).append((a.id, a.duration_weeks, scaled))
    needs = {
        b.id: [
            (dim, need)
            for dim, theta in b.requires_levels.items()
            if (need := scaled_gap(theta, p.base[dim], p.level_scale)) > 0
        ]
        for b in p.actions
    }
    later = _Successors(p)
    changed = True
    while changed:
        changed = False
        covers: dict[str, _Cover] = {}
        for b in p.actions:
            check_wall()
            t = est[b.id]
            for a_id in b.requires_actions:
                if a_id in est:
                    t = max(t, est[a_id] + p.action_by_id[a_id].duration_weeks)
            for dim, need in needs[b.id]:
                cover = covers.get(dim)
                if cover is None:
                    cover = covers[dim] = _Cover(gainers.get(dim, []), est)
                t = max(t, cover.week(need, b.id, later, never))
            if b.start_weeks is not None:
                windows = [w for w in b.start_weeks if w >= t]
                t = min(windows) if windows else never
            t = min(t, never)
            if t + b.duration_weeks > p.horizon:
                t = never  # it cannot end within the horizon: in no plan
            if t > est[b.id]:
                est[b.id] = t
                changed = True
    return est


def _never(problem: PlanningProblem) -> int:
    """A start week past any plan: the bound of an action that can be in none."""
    return 10 * (problem.horizon + sum(a.duration_weeks for a in problem.actions))


class _Cover:
    """The gainers of one dimension sorted by earliest end, with running sums of their gains."""

    def __init__(self, gainers: list[tuple[str, int, int]], est: dict[str, int]) -> None:
        rows = sorted((est[i] + d, g, i) for i, d, g in gainers)
        self.finish = [r[0] for r in rows]
        self.gain = [r[1] for r in rows]
        self.position = {r[2]: k for k, r in enumerate(rows)}
        self.running = list(accumulate(self.gain))

    def week(self, need: int, for_id: str, later: _Successors, never: int) -> int:
        """Earliest end by which gainers other than ``for_id`` and its successors can have
        added ``need`` (``never`` when they cannot)."""
        if not self.running or self.running[-1] < need:
            return never
        left_out = [self.position[i] for i in (for_id, *later.of(for_id)) if i in self.position]
        excluded = 0
        while True:
            k = bisect_left(self.running, need + excluded)
            if k >= len(self.running):
                return never
            now = sum(self.gain[j] for j in left_out if j <= k)
            if now == excluded:
                return self.finish[k]
            excluded = now


class _Successors:
    """Actions that (transitively) require an action — they always start after it ends —
    found on demand, without recursion (a chain of thousands of prerequisites is fine)."""

    def __init__(self, problem: PlanningProblem) -> None:
        self.direct: dict[str, list[str]] = {a.id: [] for a in problem.actions}
        for b in problem.actions:
            for a_id in b.requires_actions:
                if a_id in self.direct:
                    self.direct[a_id].append(b.id)
        self.cache: dict[str, frozenset[str]] = {}

    def of(self, action_id: str) -> frozenset[str]:
        """Every action that requires ``action_id``, directly or through others."""
        found = self.cache.get(action_id)
        if found is None:
            seen: set[str] = set()
            todo = list(self.direct.get(action_id, ()))
            while todo:
                b = todo.pop()
                if b not in seen:
                    seen.add(b)
                    todo.extend(self.direct[b])
            found = self.cache[action_id] = frozenset(seen)
        return found
