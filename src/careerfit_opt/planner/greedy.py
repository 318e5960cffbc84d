"""The greedy baseline: a fast, deterministic plan used as the solver's hint and as the yardstick
the optimal planner is measured against.

It repeatedly adds the *bundle* — an action together with whatever it needs first (its action
prerequisites and, for a threshold it cannot meet yet, actions that raise that dimension) — that
removes the most weighted shortfall per week of work (per unit of money for ``cheapest``), each
action placed at its earliest start that keeps every limit: weekly hours in every week, start
windows, the horizon, the budget and prerequisites finished first. It stops when no gap is left
or no bundle helps. Adding an action never breaks one already placed (gains only raise levels),
so every intermediate plan satisfies the semantics of ``docs/planning.md``.
"""

from __future__ import annotations

import contextlib
import heapq
import time
from dataclasses import dataclass, field

from careerfit_opt.model.actions import Action
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.plans import PlanResult, PlanStatus
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import Objective, ScoringSettings
from careerfit_opt.planner.deadline import OutOfTimeError, check_wall
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.result import build_result

#: Numerical slack of level and money comparisons (inputs carry at most a few decimals).
_EPS = 1e-9
#: How much more a must-meet target's shortfall counts in the greedy's choices (levels span at
#: most a few hundred units and weights at most 1, so this outweighs every other target).
MUST_MEET_FACTOR = 1e6
#: Deepest chain of prerequisites the greedy follows for one bundle.
_MAX_DEPTH = 8
#: Gainers tried, best first, when a threshold prerequisite needs a dimension raised.
_TRIES = 3
#: Placements tried for one bundle before giving up on it (bounds the run time).
_WORK = 400
#: Up to this many candidates, every candidate's bundle is tried each round (a full rescan);
#: above it, candidates are scored lazily from a priority queue (``_Planner._lazy``).
RESCAN_MAX = 400


@dataclass
class _State:
    """A partial plan: chosen starts, hours used per week, money counted against the budget."""

    starts: dict[str, int] = field(default_factory=dict)
    load: list[float] = field(default_factory=list)
    spent: float = 0.0
    groups: set[str] = field(default_factory=set)
    #: Level of each dimension some chosen action raises once everything chosen is done
    #: (before the scale cap): the base plus the gains, added in the order they were placed —
    #: the same sum, to the last bit, as adding them up again, without a pass over the plan.
    totals: dict[str, float] = field(default_factory=dict)

    def copy(self) -> _State:
        return _State(
            dict(self.starts), list(self.load), self.spent, set(self.groups), dict(self.totals)
        )

    def take(self, other: _State) -> None:
        """Become ``other`` (a trial copy that succeeded)."""
        self.starts, self.load, self.spent = other.starts, other.load, other.spent
        self.groups, self.totals = other.groups, other.totals


@dataclass(frozen=True)
class GreedySchedule:
    """The greedy plan: chosen actions with their start week.

    ``complete`` is false when a booked action could not be placed or a hard target is left
    unmet: the starts then do not form a valid plan.
    """

    starts: dict[str, int]
    complete: bool


def _week_value(problem: PlanningProblem) -> float:
    """Money a week is worth in ``balanced``: the rule of ``solve.week_value`` (kept free of the
    solver import, so the baseline runs without OR-Tools)."""
    return max(50.0, problem.budget / max(1, problem.horizon))


class _OutOfWorkError(Exception):
    """The run's operation allowance is spent: the greedy stops with the plan built so far."""


class _Planner:
    def __init__(
        self, problem: PlanningProblem, objective: Objective, max_ops: int | None = None
    ) -> None:
        self.p = problem
        self.objective = objective
        self.work = _WORK
        #: Operations done and allowed (candidates tried, gainers ranked): a deterministic
        #: allowance, so the hint — and the plan — repeat exactly whatever the machine's load.
        self.ops = 0
        self.max_ops = max_ops
        #: The plan so far (every bundle added keeps every rule) and whether every booked
        #: action is in it.
        self.state = _State(load=[0.0] * max(1, problem.horizon))
        self.booked_ok = False
        self.target_of = {t.dim_id: t for t in problem.targets}
        self.gainers: dict[str, list[Action]] = {}
        for a in problem.actions:
            for k in a.gains:
                self.gainers.setdefault(k, []).append(a)

    # --- levels ------------------------------------------------------------------------------
    def level(self, state: _State, dim: str, by_week: int | None = None) -> float:
        """Level of ``dim`` from what finished by ``by_week`` (everything chosen when None)."""
        p = self.p
        if by_week is None:
            total = state.totals.get(dim)
            if total is None:
                total = p.base.get(dim, 0.0)
        else:
            total = p.base.get(dim, 0.0)
            for a_id, s in state.starts.items():
                act = p.action_by_id[a_id]
                if s + act.duration_weeks <= by_week:
                    total += act.gains.get(dim, 0.0)
        return min(p.hi.get(dim, total), total)

    def weighted_shortfall(self, state: _State) -> float:
        # A must-meet target (``target.must_meet``) counts as if it weighed more than all the
        # others together, so the greedy closes it first: a plan without it is no plan.
        return sum(
            t.weight
            * (MUST_MEET_FACTOR if t.dim_id in self.p.must_meet else 1.0)
            * max(0.0, t.required - self.level(state, t.dim_id))
            for t in self.p.targets
        )

    def money(self, act: Action) -> float:
        """What ``act`` adds to the amount counted against the budget."""
        if self.p.income_offsets_cost:
            return act.cost
        return max(act.cost, 0.0)

    # --- placement ---------------------------------------------------------------------------
    def threshold_week(self, state: _State, dim: str, theta: float) -> int | None:
        """First week at which what has finished reaches ``theta`` on ``dim`` (None: never).

        The level only changes when a gainer of ``dim`` ends, so only those weeks are tried;
        each week's level adds the gains in the order they were placed (the same sums as
        :meth:`level` with ``by_week``, without a pass over the whole plan per week)."""
        p = self.p
        base = p.base.get(dim, 0.0)
        if min(p.hi.get(dim, base), base) >= theta - _EPS:
            return 0
        rows: list[tuple[int, float]] = []  # (end, gain) of the chosen gainers, as placed
        for a_id, s in state.starts.items():
            act = p.action_by_id[a_id]
            g = act.gains.get(dim)
            if g is not None:
                rows.append((s + act.duration_weeks, g))
        for week in sorted({e for e, _ in rows}):
            total = base
            for e, g in rows:
                if e <= week:
                    total += g
            if min(p.hi.get(dim, total), total) >= theta - _EPS:
                return week
        return None

    def earliest_start(self, state: _State, act: Action, fixed: int | None = None) -> int | None:
        """Earliest start of ``act`` given ``state`` (prerequisites already placed), or None."""
        p = self.p
        d = act.duration_weeks
        est = 0
        for r in act.requires_actions:
            if r not in state.starts:
                return None
            est = max(est, state.starts[r] + p.action_by_id[r].duration_weeks)
        for dim, theta in act.requires_levels.items():
            week = self.threshold_week(state, dim, theta)
            if week is None:
                return None
            est = max(est, week)
        cap = p.hours_per_week * (1 + 1e-9) + _EPS
        h = act.hours_per_week
        load = state.load
        if fixed is None and act.start_weeks is None:
            # The first run of d weeks from est in which the action fits every week.
            run = 0
            for t in range(est, p.horizon):
                if load[t] + h <= cap:
                    run += 1
                    if run >= d:
                        return t - d + 1
                else:
                    run = 0
            return None
        if fixed is not None:
            candidates: list[int] = [fixed] if fixed >= est else []
        else:
            candidates = sorted(w for w in act.start_weeks or () if w >= est)
        for s in candidates:
            if s + d > p.horizon:
                break
            # Adding h is monotone, so the fullest week decides (as checking every week would).
            if max(load[s : s + d]) + h <= cap:
                return s
        return None

    def end_of(self, state: _State) -> int:
        """Week the plan in ``state`` is done."""
        return max(
            (s + self.p.action_by_id[a].duration_weeks for a, s in state.starts.items()), default=0
        )

    def place(self, state: _State, act: Action, s: int) -> None:
        state.starts[act.id] = s
        for t in range(s, s + act.duration_weeks):
            state.load[t] += act.hours_per_week
        state.spent += self.money(act)
        if act.exclusive_group is not None:
            state.groups.add(act.exclusive_group)
        base = self.p.base
        for dim, g in act.gains.items():
            state.totals[dim] = state.totals.get(dim, base.get(dim, 0.0)) + g

    def allowed(self, state: _State, act: Action) -> bool:
        if act.id in state.starts or act.id in self.p.excluded:
            return False
        return act.exclusive_group is None or act.exclusive_group not in state.groups

    def add_with_prereqs(
        self, state: _State, act: Action, depth: int = 0, fixed: int | None = None
    ) -> bool:
        """Place ``act`` and what it needs first into ``state`` (in place); False if impossible.

        On failure ``state`` may hold part of the bundle: callers work on a copy.
        """
        if act.id in state.starts:
            return True
        self.work -= 1
        self.spend(1)
        if self.work < 0 or depth > _MAX_DEPTH or not self.allowed(state, act):
            return False
        p = self.p
        for r in sorted(act.requires_actions):
            req = p.action_by_id.get(r)
            if req is None or not self.add_with_prereqs(state, req, depth + 1):
                return False
        for dim, theta in sorted(act.requires_levels.items()):
            if not self.raise_level(state, dim, theta, act.id, depth):
                return False
        # What it needs may have taken its exclusive group (or itself, via a threshold).
        if not self.allowed(state, act):
            return False
        budget = p.budget * (1 + 1e-9) + _EPS
        if state.spent + self.money(act) > budget:
            return False
        s = self.earliest_start(state, act, fixed)
        if s is None:
            return False
        self.place(state, act, s)
        return True

    def unmet(self, state: _State, act: Action) -> int:
        """How many of ``act``'s prerequisites the plan in ``state`` does not yet provide."""
        missing = sum(r not in state.starts for r in act.requires_actions)
        return missing + sum(
            self.level(state, k) < theta - _EPS for k, theta in act.requires_levels.items()
        )

    def raise_level(self, state: _State, dim: str, theta: float, for_id: str, depth: int) -> bool:
        """Add gainers of ``dim`` until the plan can reach ``theta`` on it (at some week).

        Gainers are tried in a fixed order — those needing nothing more first, then by useful
        gain per week — and the first that fits is kept. Trying a few, not all, keeps the
        recursion through prerequisite chains from growing exponentially.
        """
        while (have := self.level(state, dim)) < theta - _EPS:
            gainers = self.gainers.get(dim, [])
            self.spend(len(gainers))
            options = heapq.nsmallest(
                _TRIES,
                (
                    (
                        self.unmet(state, g),
                        -min(g.gains[dim], theta - have) / g.duration_weeks,
                        g.id,
                        g,
                    )
                    for g in gainers
                    if g.id != for_id and self.allowed(state, g)
                ),
                key=lambda row: row[:3],
            )
            for *_, g in options:
                trial = state.copy()
                if self.add_with_prereqs(trial, g, depth + 1):
                    state.take(trial)
                    break
            else:
                return False
        return True

    def spend(self, ops: int) -> None:
        """Count ``ops`` operations; :class:`_OutOfWorkError` once the allowance is spent."""
        self.ops += ops
        if self.max_ops is not None and self.ops > self.max_ops:
            raise _OutOfWorkError

    # --- the main loop -----------------------------------------------------------------------
    def score(self, before: _State, after: _State, gain: float) -> tuple[float, ...]:
        """Smaller is better: gap closed per week of work (or per money), then earlier end."""
        new = [a for a in after.starts if a not in before.starts]
        acts = [self.p.action_by_id[a] for a in new]
        weeks = sum(a.duration_weeks for a in acts)
        cost = sum(max(a.cost, 0.0) for a in acts)
        end = max(after.starts[a] + self.p.action_by_id[a].duration_weeks for a in new)
        if self.objective is Objective.CHEAPEST:
            rate = gain / (cost + 1.0)
        elif self.objective is Objective.BALANCED:
            rate = gain / (cost + _week_value(self.p) * weeks + 1.0)
        else:
            rate = gain / max(1, weeks)
        return (-rate, float(end), cost)

    def run(self) -> GreedySchedule:
        """The greedy plan. When the operation allowance (or the run's wall-clock deadline)
        runs out, the plan built so far: every bundle added keeps every rule, so it is a valid
        plan, only one that closes less (incomplete only while booked actions are missing or a
        hard target is unmet)."""
        with contextlib.suppress(_OutOfWorkError, OutOfTimeError):
            self._run()
        state = self.state
        complete = self.booked_ok
        if any(
            self.level(state, t.dim_id) < t.required - _EPS
            for t in self.p.targets
            if self.p.is_hard(t.dim_id)
        ):
            complete = False
        return GreedySchedule(starts=dict(sorted(state.starts.items())), complete=complete)

    def _run(self) -> None:
        p = self.p
        complete = True
        # Booked actions first, those with a fixed week before the free ones.
        booked = sorted(p.booked.items(), key=lambda kv: (kv[1] is None, kv[1] or 0, kv[0]))
        for a_id, week in booked:
            act = p.action_by_id.get(a_id)
            trial = self.state.copy()
            self.work = _WORK
            if act is not None and self.add_with_prereqs(trial, act, fixed=week):
                self.state = trial
            else:
                complete = False
        self.booked_ok = complete
        if len(p.actions) <= RESCAN_MAX:
            self._rescan()
        else:
            self._lazy()

    def _rescan(self) -> None:
        """Each round, try the bundle of every candidate and add the best."""
        p = self.p
        while True:
            state = self.state
            current = self.weighted_shortfall(state)
            if current <= _EPS:
                break
            best: tuple[tuple[float, ...], str, _State] | None = None
            for act in p.actions:
                check_wall()
                tried = self.bundle(state, act, current)
                if tried is None:
                    continue
                key, trial = tried
                if best is None or (key, act.id) < (best[0], best[1]):
                    best = (key, act.id, trial)
            if best is None:
                break
            self.state = best[2]

    def bundle(
        self, state: _State, act: Action, current: float
    ) -> tuple[tuple[float, ...], _State] | None:
        """``act`` with its missing prerequisites added to a copy of ``state``, and its score;
        ``None`` when it is not allowed, cannot be added or closes nothing of ``current``."""
        if not self.allowed(state, act):
            return None
        trial = state.copy()
        self.work = _WORK
        if not self.add_with_prereqs(trial, act):
            return None
        gain = current - self.weighted_shortfall(trial)
        if gain <= _EPS:
            return None
        return self.score(state, trial, gain), trial

    def own_key(self, state: _State, act: Action) -> tuple[float, ...]:
        """The score of ``act`` alone, as if it needed nothing first and could end at once:
        the first, optimistic key of the lazy loop."""
        p = self.p
        gain = 0.0
        for dim, g in act.gains.items():
            t = self.target_of.get(dim)
            if t is None:
                continue
            have = self.level(state, dim)
            after = min(p.hi.get(dim, have + g), have + g)
            gain += t.weight * (max(0.0, t.required - have) - max(0.0, t.required - after))
        cost = max(act.cost, 0.0)
        if self.objective is Objective.CHEAPEST:
            rate = gain / (cost + 1.0)
        elif self.objective is Objective.BALANCED:
            rate = gain / (cost + _week_value(p) * act.duration_weeks + 1.0)
        else:
            rate = gain / max(1, act.duration_weeks)
        return (-rate, 0.0, cost)

    def _lazy(self) -> None:
        """Lazy evaluation for thousands of candidates: candidates wait in a priority queue
        under the last score they were given (at first their own gain alone); the best is
        scored afresh as a bundle, and added when it still beats every waiting score, else
        queued again under its fresh score. A candidate whose bundle cannot be placed or
        closes nothing leaves the queue. Far fewer bundles are tried than by trying every
        candidate each round; the plan may differ from a full rescan's when a bundle's score
        improves as the plan grows (its prerequisites placed by another bundle)."""
        p = self.p
        current = self.weighted_shortfall(self.state)
        queue: list[tuple[tuple[float, ...], str]] = []
        for act in p.actions:
            check_wall()
            if not self.allowed(self.state, act):
                continue
            key = self.own_key(self.state, act)
            if key[0] < 0.0:  # it closes some gap itself
                queue.append((key, act.id))
        self.spend(len(p.actions))
        heapq.heapify(queue)
        while current > _EPS and queue:
            state = self.state
            fresh: dict[str, _State] = {}  # bundles scored against this round's plan
            while queue:
                check_wall()
                key, a_id = heapq.heappop(queue)
                if a_id in fresh:  # its fresh score beats every waiting one: add it
                    self.state = fresh[a_id]
                    break
                act = p.action_by_id[a_id]
                tried = self.bundle(state, act, current)
                if tried is None:
                    continue
                score, trial = tried
                if not queue or (score, a_id) <= queue[0]:
                    self.state = trial
                    break
                fresh[a_id] = trial
                heapq.heappush(queue, (score, a_id))
            else:
                break
            current = self.weighted_shortfall(self.state)


def greedy_schedule(
    problem: PlanningProblem,
    objective: Objective | str = Objective.FASTEST,
    max_ops: int | None = None,
) -> GreedySchedule:
    """The greedy plan of ``problem``: deterministic, valid whenever ``complete`` is true.

    ``objective`` only changes what "best" means: gap closed per week of work (``fastest``,
    ``lexicographic``), per unit of money (``cheapest``) or per money plus weeks valued as in
    ``balanced``. ``max_ops`` caps the work (candidates tried plus gainers ranked); past it
    the schedule comes back incomplete and empty — deterministic, unlike a clock.
    """
    return _Planner(problem, Objective(objective), max_ops).run()


def greedy_starts(
    problem: PlanningProblem,
    objective: Objective | str = Objective.FASTEST,
    max_ops: int | None = None,
) -> dict[str, int] | None:
    """Start week per chosen action of the greedy plan, or None when it is not a valid plan
    (the solver's hint) or ``max_ops`` ran out."""
    sched = greedy_schedule(problem, objective, max_ops)
    return sched.starts if sched.complete else None


def _objective_value(
    result: PlanResult, problem: PlanningProblem, objective: Objective
) -> list[float]:
    """The plan's value on each level of ``objective``, in natural units (as the solver reports)."""
    ws = result.weighted_shortfall
    ready = float(result.ready_week or 0)
    cost = (
        result.total_cost - result.total_income
        if problem.income_offsets_cost
        else result.total_cost
    )
    if objective is Objective.FASTEST:
        return [ws, ready, cost]
    if objective is Objective.CHEAPEST:
        return [ws, cost, ready]
    if objective is Objective.BALANCED:
        return [ws, cost + _week_value(problem) * ready]
    return [ws, ready, cost, result.enjoyment if result.enjoyment is not None else 0.0]


def greedy_plan(
    problem: PlanningProblem,
    catalog: Catalog,
    profile: Profile,
    *,
    objective: Objective | str = Objective.FASTEST,
    settings: ScoringSettings | None = None,
    scenario_name: str = "",
) -> PlanResult:
    """The greedy baseline's plan as a :class:`PlanResult` (status ``feasible``: never proven).

    Status ``unknown`` (no steps) when the greedy cannot place a booked action or meet a hard
    target: a heuristic failing proves nothing about whether a plan exists.

    >>> from careerfit_opt.model import Dimension, Occupation, Requirement, Action
    >>> from careerfit_opt.planner.problem import build_problem
    >>> cat = Catalog(name="c", dimensions=[Dimension(id="py", name="Python", kind="skill")],
    ...     occupations=[Occupation(id="dev", title="Dev",
    ...                             requirements={"py": Requirement(level=3, importance=5)})],
    ...     actions=[Action(id="c1", kind="course", title="C1", duration_weeks=4,
    ...                     hours_per_week=5, cost=100, gains={"py": 2})])
    >>> prof = Profile(levels={"py": 1}, limits={"budget": 500})
    >>> res = greedy_plan(build_problem(prof, "dev", cat), cat, prof)
    >>> [(s.action_id, s.start_week, s.end_week) for s in res.steps], res.weighted_shortfall
    ([('c1', 0, 4)], 0.0)
    """
    t0 = time.perf_counter()
    objective = Objective(objective)
    sched = greedy_schedule(problem, objective)
    settings = settings or ScoringSettings()
    if not sched.complete:
        return build_result(
            problem,
            catalog,
            profile,
            status=PlanStatus.UNKNOWN,
            starts={},
            objective=objective.value,
            settings=settings,
            wall_time_s=time.perf_counter() - t0,
            notes=[
                "the greedy baseline found no plan that keeps every booked action and hard target"
            ],
            scenario_name=scenario_name,
        )
    result = build_result(
        problem,
        catalog,
        profile,
        status=PlanStatus.FEASIBLE,
        starts=sched.starts,
        objective=objective.value,
        settings=settings,
        wall_time_s=time.perf_counter() - t0,
        notes=["greedy baseline: a heuristic plan, not proven optimal"],
        scenario_name=scenario_name,
    )
    value = _objective_value(result, problem, objective)
    return result.model_copy(update={"objective_value": value})
