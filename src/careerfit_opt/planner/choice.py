"""The choice relaxation: which actions a plan takes, leaving out when (a MILP solved by HiGHS).

The weighted shortfall depends only on *which* actions a plan takes. Its bound from CP-SAT stays
far below the best plan on real catalogues (cashier → graphic designer on O*NET: 2.04 against
6.80), although the linear relaxation of the choice alone is already at 6.15: CP-SAT's own
relaxation sees the threshold prerequisites only through half-reified constraints, and its
search cannot close the knapsack over budget and capped gains. A MILP solver's cuts close it
in a node or two. :class:`ChoiceModel` is that MILP, a *relaxation* of the CP-SAT model, over
one binary ``x_a`` per candidate and one shortfall ``short_k`` per target:

* targets ``Σ_a min(g_ak, gap_k)·x_a + short_k ≥ gap_k``; objective ``Σ_k W_k·short_k``;
* the budget, exclusive groups, booked actions, action prerequisites (``x_b ≤ x_a``);
* threshold prerequisites counted without time: ``Σ_a min(g_aj, need)·x_a ≥ need·x_b`` over the
  gainers that can end before ``b``'s last start and are neither ``b`` nor an action that
  requires ``b``;
* weekly hours as energy: for each week ``t`` where an action may start and each dual feasible
  function ``(k, f)`` of the demands (``cpsat.dual_feasible_functions``), the chosen actions
  whose earliest end is after ``t`` need ``Σ f(h_a)·min(d_a, est_a + d_a − t)·x_a ≤
  k·C·(T − t)``; an action that needs more than ``C`` hours a week or cannot end by ``T`` is
  never chosen;
* the weeks of a heavy action (over half the weekly hours) leave the others only the rest of
  the week, where an action that does not fill it wastes hours (:func:`_heavy_rows`; added by
  :meth:`ChoiceModel.add_heavy_rows` when the shortfall's loop would otherwise give up).

Every plan of the CP-SAT model satisfies all of these, so the MILP's optimum is a lower bound on
its weighted shortfall; when the actions it chooses can be scheduled (``solve.py`` checks with
CP-SAT) the bound is met and the level is proven. When they cannot, :meth:`ChoiceModel.add_cut`
excludes a set of actions that no plan can take together (found by CP-SAT) and the MILP is
solved again: a combinatorial Benders loop on the choice of actions.

HiGHS is deterministic; each solve is limited by a number of branch-and-bound nodes, not by
seconds, so a bound repeats exactly whatever the load (the run's wall-clock deadline stays as
the guard, and a solve it stops is marked as not repeatable). Each solve is charged to the run's
work budget by the size of its matrix and its nodes (:data:`WORK_PER_NONZERO`).
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from careerfit_opt.planner.bounds import Fixed, _fix
from careerfit_opt.planner.budget import Budget
from careerfit_opt.planner.cpsat import (
    LinearExpr,
    PlanModel,
    _Successors,
    build_model,
    dual_feasible_functions,
)
from careerfit_opt.planner.deadline import check_wall, wall_scale
from careerfit_opt.planner.needers import peers, threshold_needers
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.scaling import scale_down, scale_up, scaled_gap, weight_scale

#: Branch-and-bound nodes one MILP solve may explore (deterministic; the O*NET personas and the
#: bundled profiles need 1–40).
NODE_LIMIT = 2_000
#: Work units charged per MILP solve: per non-zero of its matrix, times ``1 + nodes / 40``
#: (HiGHS's presolve and root cuts dominate: 4–16 µs of CPU per non-zero measured on the
#: reference machine, and a node costs about a fortieth of that), at least :data:`MIN_WORK`,
#: so the choice relaxation draws on the run's work budget like every CP-SAT solve,
#: deterministically.
WORK_PER_NONZERO = 1.5e-5
NODES_PER_SOLVE = 40
MIN_WORK = 0.02
#: Most non-zeros the energy cuts may add (weeks × dual feasible functions × actions); past
#: it, only evenly spaced weeks get a cut (any subset of valid cuts is valid).
MAX_ENERGY_NONZEROS = 300_000
#: Longest wall time one MILP solve may take (a guard: a solve it stops is not repeatable).
MILP_WALL_CAP_S = 5.0
#: Most candidates for which the choice MILP is used (above, the relaxed CP-SAT model of
#: ``bounds.py`` bounds the levels, as for catalogues of thousands of actions).
MAX_CANDIDATES = 1_000
#: Whether the choice MILP gets the heavy-action rows (:func:`_heavy_rows`; off only in tests
#: and measurements, to compare).
HEAVY_CUTS = True
#: Most demand levels the heavy-action rows are made for (the highest heavy demands).
MAX_HEAVY_LEVELS = 3
#: Slack when rounding HiGHS's floating-point bound up to the integral objective.
_ROUNDING = 1e-3


@dataclass(frozen=True)
class Choice:
    """One solve of the choice relaxation: a proven lower bound on the weighted shortfall
    (model units; ``None`` when the solve found none in time), the optimum's actions (a lean
    set: fewest hours of work among the optimal choices), and whether no choice exists."""

    bound: int | None
    chosen: frozenset[str] | None
    infeasible: bool = False


class ChoiceModel:
    """The choice relaxation of one problem, over plans that end by ``time_bound``."""

    def __init__(
        self, problem: PlanningProblem, *, time_bound: int, with_ready: bool = True
    ) -> None:
        """``with_ready`` adds the energy cuts against the ready week ``R`` (with the
        ``late_t`` binaries); without it only those against the time bound are made (enough for
        the weighted shortfall, where the ready week does not matter: half the matrix)."""
        p = problem
        self.problem = p
        acts = list(p.actions)
        self.ids = [a.id for a in acts]
        n = len(acts)
        idx = {a.id: k for k, a in enumerate(acts)}
        est = p.earliest
        lscale = p.level_scale
        factor = weight_scale([t.weight for t in p.targets])
        targets = [
            (round(t.weight * factor), gap, t.dim_id)
            for t in p.targets
            if (gap := scaled_gap(t.required, p.base[t.dim_id], lscale)) > 0
        ]
        self.n = n
        nv = n + len(targets)
        self.cost = np.zeros(nv)
        lower = np.zeros(nv)
        upper = np.ones(nv)
        for j, (w, gap, dim_id) in enumerate(targets):
            self.cost[n + j] = w
            # A must-meet target allows no shortfall (valid for every plan of the model).
            upper[n + j] = 0 if dim_id in p.must_meet else gap
        demand = {a.id: scale_up(a.hours_per_week, p.hours_scale) for a in acts}
        capacity = scale_down(p.hours_per_week, p.hours_scale)
        last_start: dict[str, int] = {}
        for a in acts:
            latest = time_bound - a.duration_weeks
            if a.start_weeks is not None:
                fits = [w for w in a.start_weeks if est[a.id] <= w <= latest]
                latest = max(fits) if fits else -1
            last_start[a.id] = latest
            if latest < est[a.id] or demand[a.id] > capacity:
                upper[idx[a.id]] = 0  # it cannot start, end in time or fit the week
        rows: list[dict[int, float]] = []
        row_lo: list[float] = []
        row_hi: list[float] = []

        def add(coefs: dict[int, float], lo: float, hi: float) -> None:
            rows.append(coefs)
            row_lo.append(lo)
            row_hi.append(hi)

        cents = {a.id: scale_up(a.cost, p.money_scale) for a in acts}
        #: What the person pays for each action (the cost level), in money × money scale.
        self.paid = np.array([max(cents[a.id], 0) for a in acts], dtype=float)
        #: Steps from outside the target's field (the last level, ``relevance.py``).
        self.unrelated = np.array([a.id in p.unrelated for a in acts], dtype=float)
        add(
            {idx[a]: (c if p.income_offsets_cost else max(c, 0)) for a, c in cents.items() if c},
            -np.inf,
            scale_down(p.budget, p.money_scale),
        )
        for j, (_, gap, dim) in enumerate(targets):
            coefs: dict[int, float] = {n + j: 1}
            for a in acts:
                if (g := scale_down(a.gains.get(dim, 0.0), lscale)) > 0:
                    coefs[idx[a.id]] = min(g, gap)
            add(coefs, gap, np.inf)
        later = _Successors(p)
        gainers: dict[str, list[tuple[str, int]]] = {}
        for a in acts:
            for dim, gain in a.gains.items():
                if (scaled := scale_down(gain, lscale)) > 0:
                    gainers.setdefault(dim, []).append((a.id, scaled))
        needers = threshold_needers(p)
        for b in acts:
            check_wall()
            for a_id in b.requires_actions:
                if a_id in idx:
                    add({idx[b.id]: 1, idx[a_id]: -1}, -np.inf, 0)
                else:
                    upper[idx[b.id]] = 0
            for dim, theta in sorted(b.requires_levels.items()):
                need = scaled_gap(theta, p.base[dim], lscale)
                if need <= 0:
                    continue
                after_b = later.of(b.id)
                # No gainer that needs as much of this dimension counts (see needs_as_much).
                left_out = peers(needers, dim, need)
                coefs = {
                    idx[a_id]: min(g, need)
                    for a_id, g in gainers.get(dim, [])
                    if a_id not in left_out
                    and a_id != b.id
                    and a_id not in after_b
                    and est[a_id] + p.action_by_id[a_id].duration_weeks <= last_start[b.id]
                }
                coefs[idx[b.id]] = -need
                add(coefs, 0, np.inf)
        for ids in p.exclusive_groups.values():
            add({idx[a]: 1 for a in ids if a in idx}, -np.inf, 1)
        for a_id in p.booked:
            if a_id in idx:
                lower[idx[a_id]] = 1
        # Weekly hours as energy after each week where an action may start: against the time
        # bound T, and against the ready week R (a variable after the shortfalls), with
        # late_t ⇔ R ≥ t implied by any action still running after t (as in ``cpsat.py``).
        fitting = [a for a in acts if upper[idx[a.id]] > 0]
        families = dual_feasible_functions(capacity, [demand[a.id] for a in fitting])
        weeks = [t for t in sorted({0, *(est[a.id] for a in fitting)}) if t < time_bound]
        most = max(1, MAX_ENERGY_NONZEROS // max(1, len(families) * len(fitting)))
        if len(weeks) > most:
            step = len(weeks) / most
            weeks = sorted({weeks[int(i * step)] for i in range(most)})
        self.ready = nv
        extra_lo = [0.0]
        extra_hi = [float(time_bound)]
        for a in fitting:  # R ≥ earliest end of every chosen action
            add({self.ready: 1, idx[a.id]: -(est[a.id] + a.duration_weeks)}, 0, np.inf)
        for t in weeks:
            check_wall()
            after = [
                (a, min(a.duration_weeks, est[a.id] + a.duration_weeks - t))
                for a in fitting
                if est[a.id] + a.duration_weeks > t
            ]
            if not after:
                continue
            late = None
            if t > 0 and with_ready:
                late = nv + len(extra_lo)
                extra_lo.append(0.0)
                extra_hi.append(1.0)
                add({self.ready: 1, late: -t}, 0, np.inf)
                for a, _ in after:
                    add({late: 1, idx[a.id]: -1}, 0, np.inf)
            for k, f in families:
                coefs = {idx[a.id]: f[demand[a.id]] * w for a, w in after if f[demand[a.id]]}
                if not coefs:
                    continue
                add(coefs, -np.inf, k * capacity * (time_bound - t))
                if not with_ready:
                    continue
                against_ready = {c: -v for c, v in coefs.items()}
                against_ready[self.ready] = k * capacity
                if late is not None:
                    against_ready[late] = -k * capacity * t
                add(against_ready, 0, np.inf)
        # Made on demand (add_heavy_rows): they triple the rows, and most loops never need them.
        self._heavy_args = (fitting, idx, demand, capacity, families, time_bound)
        self.heavy_added = False
        lower = np.concatenate([lower, extra_lo])
        upper = np.concatenate([upper, extra_hi])
        self.cost = np.concatenate([self.cost, np.zeros(len(extra_lo))])
        nv = len(self.cost)
        if (lower > upper).any():
            upper = np.maximum(upper, lower)  # a booked action that cannot run: infeasible
            add({int(i): 1 for i in np.flatnonzero(lower > 0)}, -np.inf, -1)
        self.lower, self.upper = lower, upper
        self.rows, self.row_lo, self.row_hi = rows, row_lo, row_hi
        self.work = np.zeros(nv)
        self.work[:n] = [a.hours_per_week * a.duration_weeks for a in acts]
        self.integrality = np.zeros(nv)
        self.integrality[:n] = 1
        self.integrality[self.ready :] = 1
        self.n_targets = len(targets)

    def add_cut(self, together: frozenset[str], level: str | None, within: int = 0) -> None:
        """Exclude every choice that takes all of ``together``: no plan can (``level`` None),
        or no plan whose ``level`` (the weighted shortfall, the ready week or the cost) is at
        most ``within`` can. A new binary ``g`` then lifts the cut, with
        ``level ≥ (within + 1)·g``."""
        idx = {a: k for k, a in enumerate(self.ids)}
        coefs: dict[int, float] = {idx[a]: 1 for a in together}
        if level is not None:
            g = self.new_binary()
            lift = self._expr(level)
            lift[g] = -(within + 1)
            self.add_row(lift, 0, np.inf)
            coefs[g] = -len(together)
        self.add_row(coefs, -np.inf, len(together) - 1)

    def add_extension_cut(self, chosen: frozenset[str]) -> None:
        """Exclude ``chosen`` and every choice that adds to it only actions that cannot help it
        get scheduled: the caller proved that no plan takes exactly ``chosen``.

        Valid for every plan (the weighted shortfall's loop, no cap): let a plan take all of
        ``chosen`` (a choice of this MILP: closed under action prerequisites, within the
        budget, exclusive groups and booked actions) and none of :meth:`lifters`. Leave out
        its other actions: the weekly hours only fall, the budget holds (none of them was
        income), no action left requires one left out, and every threshold of a chosen
        action was lifted by actions of ``chosen`` (the others gain nothing on the
        dimensions it needs). That is a plan taking exactly ``chosen``, which the caller
        proved impossible (hard targets aside: hence their gainers among the lifters). So
        every plan taking ``chosen`` takes a lifter too:
        ``Σ_{a ∈ chosen} (1 − x_a) + Σ_{g ∈ lifters} x_g ≥ 1``.
        """
        idx = {a: k for k, a in enumerate(self.ids)}
        coefs: dict[int, float] = {idx[a]: 1.0 for a in chosen}
        for g in self.lifters(chosen):
            coefs[idx[g]] = -1.0
        self.add_row(coefs, -np.inf, len(chosen) - 1)

    def lifters(self, chosen: frozenset[str]) -> set[str]:
        """The candidates outside ``chosen`` that could make it schedulable when added: the
        gainers of every dimension a chosen action needs above its starting level (and of the
        targets met in full: hard or must-meet), and (when income offsets cost) the paid
        roles."""
        p = self.problem
        out = {a.id for a in p.actions if a.cost < 0} if p.income_offsets_cost else set()
        needed = {
            dim
            for a in chosen
            for dim, theta in p.action_by_id[a].requires_levels.items()
            if scaled_gap(theta, p.base[dim], p.level_scale) > 0
        }
        # The MILP does not keep the targets of a hard problem: a choice may lack their gainers.
        needed |= set(p.hard_targets)
        out |= {
            a.id
            for a in p.actions
            if any(scale_down(a.gains.get(dim, 0.0), p.level_scale) > 0 for dim in needed)
        }
        return out - chosen

    def add_heavy_rows(self) -> bool:
        """Add the heavy-action rows (:func:`_heavy_rows`, valid for every plan) once; whether
        any was added."""
        if self.heavy_added:
            return False
        self.heavy_added = True
        fitting, idx, demand, capacity, families, time_bound = self._heavy_args
        rows_before = len(self.rows)
        lo: list[float] = []
        hi: list[float] = []
        _heavy_rows(
            self.problem,
            fitting,
            idx,
            demand,
            capacity,
            families,
            time_bound,
            self.add_row,
            lo,
            hi,
            len(self.cost),
        )
        self._add_columns(lo, hi, integral=False)
        return len(self.rows) > rows_before

    def new_binary(self) -> int:
        """A new binary column (no cost, no work); its index."""
        col = len(self.cost)
        self._add_columns([0.0], [1.0], integral=True)
        return col

    def _add_columns(self, lo: list[float], hi: list[float], *, integral: bool) -> None:
        """New columns with bounds ``lo``–``hi``, no cost and no work, after the others."""
        self.cost = np.concatenate([self.cost, np.zeros(len(lo))])
        self.work = np.concatenate([self.work, np.zeros(len(lo))])
        self.lower = np.concatenate([self.lower, lo])
        self.upper = np.concatenate([self.upper, hi])
        self.integrality = np.concatenate([self.integrality, np.full(len(lo), float(integral))])

    def add_row(self, coefs: dict[int, float], lo: float, hi: float) -> None:
        """A new constraint row ``lo ≤ Σ coefs · x ≤ hi``."""
        self.rows.append(coefs)
        self.row_lo.append(lo)
        self.row_hi.append(hi)

    def _expr(self, level: str) -> dict[int, float]:
        """The coefficients of a level's expression over the MILP's variables."""
        if level == "weighted_shortfall":
            ws = {self.n + j: float(self.cost[self.n + j]) for j in range(self.n_targets)}
            return {c: v for c, v in ws.items() if v}
        if level == "ready_week":
            return {self.ready: 1.0}
        vector = self.paid if level == "cost" else self.unrelated
        return {k: float(c) for k, c in enumerate(vector) if c}

    def _constraints(self, extra: list[tuple[dict[int, float], float]]) -> LinearConstraint:
        """The MILP's rows, plus ``extra`` rows ``coefs ≤ hi``."""
        rows = self.rows + [r for r, _ in extra]
        lo = self.row_lo + [-np.inf] * len(extra)
        hi = self.row_hi + [h for _, h in extra]
        data: list[float] = []
        cols: list[int] = []
        ptr = [0]
        for r in rows:
            for c, v in sorted(r.items()):
                cols.append(c)
                data.append(v)
            ptr.append(len(cols))
        matrix = csr_array((data, cols, ptr), shape=(len(rows), len(self.cost)))
        return LinearConstraint(matrix, np.array(lo), np.array(hi))

    def _milp(
        self,
        objective: np.ndarray,
        budget: Budget,
        extra: list[tuple[dict[int, float], float]],
        *,
        sub_mips: bool = True,
    ) -> tuple[int, np.ndarray | None, float | None]:
        """One HiGHS solve: status (0 optimal, 1 limit, 2 infeasible), solution, dual bound.
        Its nodes are limited so that its charge stays within the work left. Without
        ``sub_mips``, HiGHS's RINS and RENS heuristics are off."""
        wall = budget.wall_deadline - time.perf_counter()
        nonzeros = sum(len(r) for r in self.rows) + sum(len(r) for r, _ in extra)
        per_solve = max(MIN_WORK, WORK_PER_NONZERO * nonzeros)
        nodes_left = NODES_PER_SOLVE * (SHARE_OF_REMAINING * budget.remaining() - per_solve)
        nodes_left /= per_solve
        if wall <= 0 or nodes_left < 1:
            return 1, None, None
        options: dict[str, Any] = {
            "node_limit": int(min(NODE_LIMIT, nodes_left)),
            # The wall clock only guards (Ctrl-C waits for HiGHS to return).
            "time_limit": min(wall, MILP_WALL_CAP_S * wall_scale()),
            "mip_rel_gap": 0.0,
            # HiGHS's MIP presolve (SciPy 1.17) was found to cut off the optimum of these
            # models: a ready week of 76 "proven" where a plan takes 58 (O*NET persona 14;
            # tests/test_planner_bounds.py). Without it the bounds are right.
            "presolve": False,
        }
        if not sub_mips:
            # SciPy passes options it does not know to HiGHS verbatim (with a warning).
            options |= {"mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False}
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
            res = milp(
                objective,
                integrality=self.integrality,
                bounds=Bounds(self.lower, self.upper),
                constraints=self._constraints(extra),
                options=options,
            )
        nodes = int(getattr(res, "mip_node_count", 0) or 0)
        budget.used += per_solve * (1 + nodes / NODES_PER_SOLVE)
        if res.status == 1 and "time" in str(res.message).lower():
            budget.repeatable = False
        x = None if res.x is None else np.asarray(res.x)
        dual = getattr(res, "mip_dual_bound", None)
        if res.status == 0 and dual is None:
            dual = float(res.fun)
        return int(res.status), x, None if dual is None else float(dual)

    def solve(self, budget: Budget, met: int | None = None, known: int | None = None) -> Choice:
        """Minimise the weighted shortfall; then, among the optimal choices, the hours of work
        (a lean set is easier to schedule and leaves out actions that add nothing). The second
        MILP is skipped when a plan in hand is at ``met`` (model units) and the first one's
        bound is at least that: the level is then proven, and the choice is never scheduled.
        ``known`` is a lower bound proven before (the loop's last round: cuts only remove
        choices): when a choice at it is left, the least-work MILP alone finds it."""
        if known is not None and (met is None or met > known):
            # The same answer as below whenever the optimum is still ``known``, for a sixth of
            # the work (bundled profile 3: 0.09 units against 0.3-0.6 for the shortfall MILP).
            status2, x2, _ = self._milp(
                self.work, budget, self._caps(known, None, None), sub_mips=False
            )
            if status2 == 0 and x2 is not None:
                return Choice(known, self._chosen(x2))
        status, x, dual = self._milp(self.cost, budget, [])
        early = _unsolved(status, x, dual)
        if early is not None or x is None:
            return early or Choice(None, None)
        bound = _bound(dual)
        value = round(float(self.cost @ x))
        assert bound is not None
        if met is not None and met <= min(bound, value):
            return Choice(min(bound, value), self._chosen(x))
        # The least-work MILP without HiGHS's sub-MIP heuristics: they were most of its time
        # (bundled profile 9: 0.71 -> 0.47 CPU-s, 3: 0.44 -> 0.27; the same optimum on all 20
        # bundled profiles and 11 O*NET personas). Kept for the shortfall MILP itself, where
        # without them HiGHS needed 560-1,080 nodes instead of 5 (bundled profile 18).
        status2, x2, _ = self._milp(
            self.work, budget, self._caps(value, None, None), sub_mips=False
        )
        if status2 == 0 and x2 is not None:
            x = x2
        return Choice(min(bound, value), self._chosen(x))

    def _chosen(self, x: np.ndarray) -> frozenset[str]:
        """The actions a MILP solution takes."""
        return frozenset(a for a, v in zip(self.ids, x[: self.n], strict=True) if v > 0.5)

    def _caps(
        self, shortfall: int | None, ready: int | None, cost: int | None
    ) -> list[tuple[dict[int, float], float]]:
        """Rows keeping the weighted shortfall, the ready week and the cost at most the
        values given (the levels solved before)."""
        out: list[tuple[dict[int, float], float]] = []
        for level, cap in (
            ("weighted_shortfall", shortfall),
            ("ready_week", ready),
            ("cost", cost),
        ):
            if cap is not None:
                out.append((self._expr(level), cap + _ROUNDING))
        return out

    def minimise(
        self,
        level: str,
        budget: Budget,
        *,
        shortfall: int | None = None,
        ready: int | None = None,
        cost: int | None = None,
    ) -> Choice:
        """Minimise the ready week (``level="ready_week"``), the cost paid (``"cost"``) or the
        steps from outside the target's field (``"unrelated_steps"``) among the choices that
        keep the earlier levels at most the values given; the bound is in the level's model
        units (weeks, money × money scale, steps)."""
        objective = np.zeros(len(self.cost))
        if level == "ready_week":
            objective[self.ready] = 1
        elif level == "cost":
            objective[: self.n] = self.paid[: self.n]
        else:
            objective[: self.n] = self.unrelated[: self.n]
        status, x, dual = self._milp(objective, budget, self._caps(shortfall, ready, cost))
        early = _unsolved(status, x, dual)
        if early is not None or x is None:
            return early or Choice(None, None)
        return Choice(_bound(dual), self._chosen(x))


def _heavy_rows(
    p: PlanningProblem,
    fitting: list[Any],
    idx: Mapping[str, int],
    demand: Mapping[str, int],
    capacity: int,
    families: list[tuple[int, dict[int, int]]],
    time_bound: int,
    add: Callable[[dict[int, float], float, float], None],
    extra_lo: list[float],
    extra_hi: list[float],
    first: int,
) -> None:
    """Rows for the weeks a heavy action runs (more than half the weekly hours: two never
    overlap), where the others share only what it leaves; the new columns' indices (continuous).

    The plain energy rows count every hour-week alike. With a 35-h apprenticeship in 45 h a
    week, the others get 10 h during its weeks, and a 6-h course there wastes 4 h a week: on
    O*NET warehouse → electrician the choice MILP took two apprenticeship years (104 weeks), a
    40-week 6-h licence programme and 5,828 of the 5,850 hour-weeks; CP-SAT could neither
    schedule nor refute it, and the loop stopped at 0.32 against a plan at 2.94.

    For each level ``τ`` among the heavy demands, the chosen actions of demand ≥ ``τ`` (all
    heavy) run in ``L = Σ d_b·x_b`` weeks, and the others get at most ``r = C − τ`` hours in
    them. A column ``w_a`` (weeks of ``a`` inside those weeks) per other action that fits in
    ``r``, with, for every plan of the CP-SAT model:

    * ``w_a ≤ d_a·x_a``, and ``w_a ≥ d_a·x_a − (T − est_a) + Σ_b (d_b − (est_a − est_b)⁺)⁺·x_b``:
      outside them ``a`` runs only in the weeks from its earliest start that no heavy action
      fills (each ``b`` runs at most ``(est_a − est_b)⁺`` of its weeks before ``est_a``);
    * for each dual feasible function ``(k, f)`` of ``r``: ``Σ f(h_a)·w_a ≤ k·r·L`` (each of
      those weeks, the others pack into ``r``);
    * for each ``(k, f)`` of ``C``: ``Σ_others f(h_a)·(d_a·x_a − w_a) ≤ k·C·(T − L)``, the
      other weeks (an action that does not fit in ``r`` has ``w_a = 0``).

    The new columns (weeks, continuous) are numbered from ``first``, their bounds appended to
    ``extra_lo`` and ``extra_hi``.
    """
    heavy_levels = sorted({demand[a.id] for a in fitting if 2 * demand[a.id] > capacity})
    est = p.earliest
    for tau in heavy_levels[-MAX_HEAVY_LEVELS:]:
        check_wall()
        heavy = [b for b in fitting if demand[b.id] >= tau]
        rest = capacity - tau
        others = [a for a in fitting if demand[a.id] < tau]
        if not others:
            continue
        weeks_heavy = {idx[b.id]: float(b.duration_weeks) for b in heavy}
        w: dict[str, int] = {}
        for a in others:
            if demand[a.id] > rest:
                continue
            col = first + len(extra_lo)
            w[a.id] = col
            extra_lo.append(0.0)
            extra_hi.append(float(a.duration_weeks))
            add({col: 1, idx[a.id]: -a.duration_weeks}, -np.inf, 0)
            row: dict[int, float] = {col: 1, idx[a.id]: -a.duration_weeks}
            for b in heavy:
                inside = b.duration_weeks - max(0, est[a.id] - est[b.id])
                if inside > 0:
                    row[idx[b.id]] = -inside
            add(row, -(time_bound - est[a.id]), np.inf)
        if w:
            for k, f in dual_feasible_functions(rest, [demand[a] for a in w]):
                coefs: dict[int, float] = {
                    col: f[demand[a]] for a, col in w.items() if f[demand[a]]
                }
                if coefs:
                    for c, v in weeks_heavy.items():
                        coefs[c] = -k * rest * v
                    add(coefs, -np.inf, 0)
        for k, f in families:
            spread: dict[int, float] = {}
            for a in others:
                if f[demand[a.id]]:
                    spread[idx[a.id]] = f[demand[a.id]] * a.duration_weeks
                    if a.id in w:
                        spread[w[a.id]] = -f[demand[a.id]]
            for c, v in weeks_heavy.items():
                spread[c] = k * capacity * v
            add(spread, -np.inf, k * capacity * time_bound)


def _bound(dual: float | None) -> int | None:
    """The proven bound a MILP's dual value gives, in whole model units."""
    if dual is not None and math.isfinite(dual):
        return max(0, math.ceil(dual - _ROUNDING))
    return None


def _unsolved(status: int, x: np.ndarray | None, dual: float | None) -> Choice | None:
    """The choice to return when a MILP ended without a solution (infeasible, or stopped with
    only a bound); ``None`` when it has one."""
    if status == 2:
        return Choice(None, None, infeasible=True)
    if status != 0 or x is None:
        return Choice(_bound(dual), None)
    return None


#: The model expression of each level the loop can solve.
_LEVEL_EXPR: dict[str, Callable[[PlanModel], LinearExpr]] = {
    "weighted_shortfall": lambda pm: pm.weighted_shortfall,
    "ready_week": lambda pm: pm.ready,
    "cost": lambda pm: pm.cost,
    "unrelated_steps": lambda pm: sum(pm.x[a] for a in sorted(pm.problem.unrelated) if a in pm.x),
}

#: Rounds of the Benders loop (a choice, a schedule check, a cut) before the level is left to
#: the full CP-SAT search, and the share of the work left that the loop may take.
MAX_ROUNDS = 60
LOOP_SHARE = 0.6
#: Work charged per constraint of the model for each schedule or core check, beyond CP-SAT's
#: own count: these short solves (presolve off for cores) take 0.15–0.25 s of CPU on the
#: reference machine for 2,000 constraints while CP-SAT counts 0.04 units.
CHECK_WORK_PER_CONSTRAINT = 7e-5
#: Rounds in a row that may leave the bound where it was before the loop gives up (its cuts
#: are then not closing the gap: the full search gets the work instead).
STALL_ROUNDS = 2
#: Disjoint cores (cuts) looked for per round; the ones after the first get less work (the
#: first is the one the bound needs, the others only help the next round).
CORES_PER_ROUND = 6
EXTRA_CORE_WORK = 0.3
#: Work units for scheduling one choice, and for finding which of its actions no plan takes
#: together (within the bound).
SCHEDULE_WORK = 0.5
CORE_WORK = 2.0
#: Without presolve, CP-SAT counts about half the work per CPU second it counts otherwise
#: (measured 3–4 s of CPU per unit against 1.2–2.4): a core check is charged twice its count.
CORE_RATE = 2.0
#: Most of the work left that one check may take.
SHARE_OF_REMAINING = 0.4
#: Whether a choice proven to have no schedule is cut with its extensions by actions that
#: cannot help it (``ChoiceModel.add_extension_cut``) instead of searched for a core (off
#: only in tests and measurements, to compare).
EXTENSION_CUTS = True


@dataclass(frozen=True)
class ShortfallResult:
    """What the Benders loop on the weighted shortfall gave: a proven lower bound (model
    units, ``None`` when none was found), a plan meeting it when one was found, and whether no
    choice of actions exists at all (then no plan does)."""

    bound: int | None
    plan: dict[str, int] | None
    infeasible: bool = False


def _schedule(
    problem: PlanningProblem,
    chosen: frozenset[str],
    fixed: Fixed,
    *,
    ready: bool,
    time_bound: int,
    seed: int,
    budget: Budget,
    lower: int = 0,
) -> tuple[dict[str, int] | None, bool]:
    """The best schedule of exactly the ``chosen`` actions (the earliest ready week when
    ``ready``, at least ``lower``, a proven bound: the search stops on a schedule that meets
    it; any schedule otherwise, since the choice fixes the other levels): its start weeks
    (``None`` when none was found) and whether no other schedule of them is better."""
    pm = build_model(problem, time_bound=time_bound, energy_cuts=False)
    _fix(pm, fixed)
    for a_id, lit in pm.x.items():
        pm.model.add(lit == (a_id in chosen))
    if ready:
        pm.model.add(pm.ready >= lower)
        pm.model.minimize(pm.ready)
    cap = min(SCHEDULE_WORK, SHARE_OF_REMAINING * budget.remaining())
    solver = budget.solver(seed, 1, cap=cap)
    status = budget.solve(solver, pm.model)
    budget.used += CHECK_WORK_PER_CONSTRAINT * len(pm.model.proto.constraints)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, status == cp_model.INFEASIBLE
    starts = {a: int(solver.value(pm.start[a])) for a in sorted(chosen)}
    return starts, status == cp_model.OPTIMAL


def solve_core(
    model: cp_model.CpModel, work: float, share: float, *, seed: int, budget: Budget
) -> tuple[Any, cp_model.CpSolver]:
    """Solve ``model`` under its assumptions for a core: presolve off, at most ``work`` units
    or ``share`` of the work left, charged at :data:`CORE_RATE` plus the per-constraint
    check cost. The status and the solver (for the core or the plan)."""
    solver = budget.solver(seed, 1, cap=min(work, share * budget.remaining()) / CORE_RATE)
    solver.parameters.cp_model_presolve = False  # or-tools #5141: cores need it off
    status = budget.solve(solver, model)
    budget.used += (CORE_RATE - 1) * solver.response_proto.deterministic_time
    budget.used += CHECK_WORK_PER_CONSTRAINT * len(model.proto.constraints)
    return status, solver


def _core(
    problem: PlanningProblem,
    chosen: frozenset[str],
    limits: Fixed,
    *,
    time_bound: int,
    seed: int,
    budget: Budget,
    work: float = 0.0,
) -> tuple[dict[str, int] | None, frozenset[str] | None]:
    """Whether a plan takes at least the ``chosen`` actions (others free) and keeps the
    ``limits`` (e.g. the ready week at most the bound): such a plan, or else a subset of
    ``chosen`` that no such plan takes together (``None`` for both when the work ran out).
    The interchangeable actions' starts are ordered (``cpsat.py``), so these proofs are quick
    where they used to be out of reach."""
    pm = build_model(problem, time_bound=time_bound, energy_cuts=False)
    _fix(pm, limits)
    pm.model.add_assumptions([pm.x[a] for a in sorted(chosen)])
    status, solver = solve_core(
        pm.model, work or CORE_WORK, SHARE_OF_REMAINING, seed=seed, budget=budget
    )
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        starts = {
            a: int(solver.value(pm.start[a]))
            for a, lit in pm.x.items()
            if solver.boolean_value(lit)
        }
        return starts, None
    if status == cp_model.INFEASIBLE:
        index = {pm.x[a].index: a for a in chosen}
        core = frozenset(index[i] for i in solver.sufficient_assumptions_for_infeasibility())
        return None, core or None
    return None, None


def level_by_choice(
    problem: PlanningProblem,
    fixed: Fixed,
    *,
    level: str,
    evaluate: Callable[[Mapping[str, int]], int],
    best: Mapping[str, int] | None,
    time_bound: int,
    seed: int,
    budget: Budget,
    max_shortfall: int | None = None,
    max_ready: int | None = None,
    max_cost: int | None = None,
) -> ShortfallResult:
    """The weighted shortfall (``level="weighted_shortfall"``) or the ready week
    (``"ready_week"``, with the weighted shortfall at most ``max_shortfall``) by a Benders
    loop: the choice relaxation's optimum is a lower bound; its actions, scheduled, are a plan
    that meets it. When they cannot be scheduled (by the bound's week, for the ready week),
    CP-SAT names a subset no plan takes together (by then), the choice MILP excludes it and is
    solved again (its optimum can only rise). Stops at :data:`MAX_ROUNDS`, or when the plan in
    hand (``best``) meets the bound. The plan returned is the best one scheduled on the way
    (it may be above the bound when the loop stopped)."""
    cm = ChoiceModel(problem, time_bound=time_bound, with_ready=level != "weighted_shortfall")
    bound: int | None = None
    ready = level == "ready_week"
    found: dict[str, int] | None = None
    stalled = 0
    stop_at = budget.used + LOOP_SHARE * budget.remaining()
    given_up: frozenset[str] | None = None

    def better(plan: Mapping[str, int] | None) -> None:
        nonlocal found
        if plan is not None and (found is None or evaluate(plan) < evaluate(found)):
            found = dict(plan)

    for _ in range(MAX_ROUNDS):
        check_wall()
        if budget.used >= stop_at:
            break
        if level == "weighted_shortfall":
            known = [evaluate(plan) for plan in (found, best) if plan is not None]
            choice = cm.solve(budget, min(known) if known else None, bound)
        else:
            choice = cm.minimise(
                level, budget, shortfall=max_shortfall, ready=max_ready, cost=max_cost
            )
        if choice.infeasible:
            # A cut can make the MILP infeasible only if every choice was excluded.
            return ShortfallResult(bound, found, infeasible=bound is None)
        if choice.bound is not None and any(
            plan is not None and evaluate(plan) < choice.bound for plan in (found, best)
        ):
            # A bound above a plan that keeps every rule is a solver error (HiGHS's presolve
            # once did this): no bound of this loop is trusted, the full search decides.
            return ShortfallResult(None, found)
        if choice.bound is not None:
            stalled = stalled + 1 if bound is not None and choice.bound <= bound else 0
            bound = choice.bound if bound is None else max(bound, choice.bound)
            if stalled >= STALL_ROUNDS:
                break
        if choice.chosen is None or bound is None or choice.chosen == given_up:
            break
        for plan in (found, best):
            if plan is not None and evaluate(plan) <= bound:
                return ShortfallResult(bound, found)
        starts, no_schedule = _schedule(
            problem,
            choice.chosen,
            fixed,
            ready=ready,
            time_bound=time_bound,
            seed=seed,
            budget=budget,
            lower=bound,
        )
        better(starts)
        if found is not None and evaluate(found) <= bound:
            return ShortfallResult(bound, found)
        if (
            EXTENSION_CUTS
            and level == "weighted_shortfall"
            and not fixed
            and starts is None
            and no_schedule
        ):
            # CP-SAT proved that exactly this choice has no schedule (its presolve often does
            # in no time), where a core would have to rule out every superset (bundled profile
            # 3: none found in 20 units). Cut it and its extensions by actions that cannot
            # help it, and solve the MILP again (ChoiceModel.add_extension_cut).
            cm.add_extension_cut(choice.chosen)
            stalled = 0
            continue
        # The weighted shortfall only falls as actions are added: a plan that takes at least
        # the chosen actions is at the bound, so the check needs no cap and a core holds for
        # every plan. The other levels can rise with more actions: capped at the bound.
        # The others are capped one below the best plan known (at least at the bound): a plan
        # found is then better, and a core holds up to there, a cut worth many weeks.
        monotone = level == "weighted_shortfall"
        known = [evaluate(plan) for plan in (found, best) if plan is not None]
        within = max(bound, min(known) - 1) if known else bound
        limits = list(fixed) if monotone else [*fixed, (_LEVEL_EXPR[level], False, within)]
        # Disjoint cores of the choice, a few per round (each is a cut; the MILP is the
        # costlier solve).
        assumed = choice.chosen
        cores = 0
        while assumed and cores < CORES_PER_ROUND:
            starts, core = _core(
                problem,
                assumed,
                limits,
                time_bound=time_bound,
                seed=seed,
                budget=budget,
                work=EXTRA_CORE_WORK if cores else CORE_WORK,
            )
            better(starts)
            if found is not None and evaluate(found) <= bound:
                return ShortfallResult(bound, found)
            if starts is not None:
                break  # a better plan (not at the bound): the next round caps below it
            if core is None:
                break
            cm.add_cut(core, None if monotone else level, within)
            cores += 1
            assumed = assumed - core
        if not cores:
            if level == "weighted_shortfall" and HEAVY_CUTS and cm.add_heavy_rows():
                # Neither a schedule nor a core of this choice: the heavy-action rows may cut
                # it (O*NET warehouse → electrician: 0.3237 → 0.4487). Made only here, since
                # they triple the MILP's rows (bundled profile 3 lost its proof to the cost).
                given_up = choice.chosen
                continue
            break  # out of work: the full search takes over from the bound
    return ShortfallResult(bound, found)
