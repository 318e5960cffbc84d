"""Planner benchmarks (pytest-benchmark; docs/performance.md, "## Planner").

Two profile sets, every constraint family of the model on (weekly-hours cumulative, budget,
income offsetting cost for every other profile, horizon, cohort windows, action and threshold
prerequisites, exclusive alternatives, a booked action for every third profile, an excluded one
for every fourth):

* ``bundled``: synthetic people over the bundled default catalogue, each aiming at the
  occupation they were drawn near;
* ``synthetic``: a synthetic catalogue of 150 actions over 40 dimensions (≥ 35), 104-week
  horizon; 90 people (three seeds of 30), since a 95th percentile read from 30 values is just
  the second slowest;
* ``onet``: the 30 O*NET persona scenarios (``tests/onet_personas.py``): real O*NET 30.1
  occupations with the bundled, illustrative actions and overlay (374 actions, 179 dimensions).

Reported per set: median and p95 wall time of ``plan(..., objective="fastest")`` (a solve that
stops at the time limit counts with its full time), the median CPU time, the share proven
optimal within the limit, the gap to the proven bound of every plan that is not (its level and
relative gap), and plan quality against the greedy baseline run on the same problems, two ways:

* *same shortfall*: over the profiles where both plans end at the same weighted shortfall, the
  mean of ``1 − ready(CP-SAT) / ready(greedy)`` (and the same on the mean ready weeks);
* *at greedy's shortfall*: over every profile where greedy finds a plan, CP-SAT's fastest plan
  that closes at least as much as greedy's (the weighted shortfall held at most at greedy's),
  so the profiles where CP-SAT closes more gaps are compared at equal shortfall too.

Each comes with its *ceiling*: the same mean with CP-SAT's proven lower bound on the ready week
in place of its plan, which no planner can beat on these profiles. The time targets of
DESIGN.md are asserted here (never in unit tests) on the synthetic set: proven optimal in ≤ 2 s
median and ≤ 10 s p95, in CPU seconds of the planning process (one worker: on a quiet machine
CPU and wall agree; on a shared one the wall clock also counts the waits for a core, and a
quick run at load 3 read 2.10 s wall for 1.35 s CPU). Wall times are printed beside them.
The 30% target (ready week 30% earlier than greedy on average at equal shortfall) is reported
against its ceiling: the plans are asserted to reach that ceiling (to within a point), since
they are optimal; whether 30% is reachable at all is a property of the profiles and of the
greedy baseline, not of the planner. ``CAREERFIT_QUICK=1`` runs fewer
profiles.

Issue 11's solver-strength targets (≥ 95% proven optimal within 10 s, median ≤ 2 s) are
reported for the ``bundled`` and ``onet`` sets. On a shared, loaded machine the wall clock
stops runs early, so whether a plan is proven within its 10-s *work budget* (docs/planning.md,
"Time limit = a work budget") is measured with ``CAREERFIT_BENCH_WORK_ONLY=1``: the wall-clock
guard and the run's deadline are widened 30-fold (every run then stops at its work budget, as
on a quiet machine) and the times to read are the CPU times.

    pytest benchmarks/bench_planner.py --benchmark-only -s
"""

from __future__ import annotations

import math
import os
import re
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from careerfit_opt.data.bundled import load_bundled_catalog
from careerfit_opt.data.synthetic import generate_catalog, generate_profiles
from careerfit_opt.io.scenario import scenario_from_data
from careerfit_opt.model import Catalog, PlanResult, PlanStatus, Profile, Scenario
from careerfit_opt.model.scenario import Objective
from careerfit_opt.planner import build_problem, plan
from careerfit_opt.planner.greedy import greedy_plan, greedy_starts
from careerfit_opt.planner.problem import PlanningProblem
from careerfit_opt.planner.solve import objective_levels, solve_levels
from careerfit_opt.planner.verify import verify_plan
from machine_speed import scaled_limit

QUICK = os.environ.get("CAREERFIT_QUICK", "") not in ("", "0")
#: Measure the work budget only: the wall-clock guard widened 30-fold (see the docstring).
WORK_ONLY = os.environ.get("CAREERFIT_BENCH_WORK_ONLY", "") not in ("", "0")
#: The levels of ``fastest`` as ``PlanResult.objective_value`` lists them.
FASTEST_LEVELS = ("weighted_shortfall", "ready_week", "cost", "unrelated_steps")
#: Issue 11's solver-strength targets (reported for the bundled and O*NET sets).
PROVEN_TARGET = 0.95
TIME_LIMIT_S = 10.0
#: Targets (DESIGN.md, "Performance targets").
MEDIAN_TARGET_S = 2.0
P95_TARGET_S = 10.0
READY_IMPROVEMENT_TARGET = 0.30
SIZES = {"bundled": 6 if QUICK else 20, "synthetic": 8 if QUICK else 30, "onet": 6 if QUICK else 30}
#: Profile seeds of the synthetic set (SIZES["synthetic"] profiles each).
SYNTHETIC_SEEDS = (1,) if QUICK else (1, 2, 3)


def _target_of(profile: Profile) -> str:
    match = re.search(r"\(near (\S+)\)", profile.name)
    assert match is not None, profile.name
    return match.group(1)


def _switch_everything_on(profiles: list[Profile], catalog: Catalog) -> list[Profile]:
    """Income offsetting, booked and excluded actions on some profiles (deterministically)."""
    free = sorted(
        a.id
        for a in catalog.actions
        if not a.requires_actions and not a.requires_levels and a.cost >= 0
    )
    out = []
    for i, p in enumerate(profiles):
        data = p.model_dump(mode="json")
        data["limits"]["income_offsets_cost"] = i % 2 == 1
        prefs = data["preferences"]
        if i % 3 == 2 and free:
            prefs["booked_actions"] = [{"action_id": free[(7 * i) % len(free)]}]
        if i % 4 == 3 and free:
            prefs["excluded_actions"] = [free[(11 * i + 3) % len(free)]]
        if set(prefs.get("excluded_actions", [])) & {
            b["action_id"] for b in prefs.get("booked_actions", [])
        }:
            prefs["excluded_actions"] = []
        out.append(Profile.model_validate(data))
    return out


@dataclass
class Row:
    """One profile's outcome."""

    time_s: float
    optimal: bool
    ready: int | None
    #: CP-SAT's proven lower bound on the ready week (= ``ready`` when optimal).
    ready_bound: float | None
    shortfall: float
    greedy_ready: int | None
    greedy_shortfall: float | None
    #: CP-SAT's fastest plan with the weighted shortfall at most greedy's: ready week and bound.
    ready_at_greedy: float | None = None
    bound_at_greedy: float | None = None
    #: CPU seconds of the planning run.
    cpu_s: float = 0.0
    #: For a plan not proven optimal: the level it stopped on and its relative gap.
    stopped: str | None = None
    gap: float | None = None


def _run_set(catalog: Catalog, profiles: list[Profile], work_only: bool = WORK_ONLY) -> list[Row]:
    rows = []
    for profile in profiles:
        target = _target_of(profile)
        cpu0 = time.process_time()
        with _work_only(work_only):
            result = plan(
                profile,
                target,
                catalog,
                objective="fastest",
                time_limit=TIME_LIMIT_S,
                seed=0,
                workers=1,
                explain_reasons=False,
            )
        cpu = time.process_time() - cpu0
        scenario = Scenario(profile=profile, target=target, catalog="benchmark.yaml")
        report = verify_plan(result, scenario, catalog)
        assert report.ok, report.violations
        problem = build_problem(profile, target, catalog)
        greedy = greedy_plan(problem, catalog, profile, objective="fastest")
        assert verify_plan(greedy, scenario, catalog).ok
        row = Row(
            time_s=result.wall_time_s,
            optimal=result.status in (PlanStatus.OPTIMAL, PlanStatus.INFEASIBLE),
            ready=result.ready_week if result.has_plan else None,
            ready_bound=_ready_bound(result) if result.has_plan else None,
            shortfall=result.weighted_shortfall,
            greedy_ready=greedy.ready_week if greedy.has_plan else None,
            greedy_shortfall=greedy.weighted_shortfall if greedy.has_plan else None,
            cpu_s=cpu,
        )
        if not row.optimal and result.has_plan:
            row.stopped = FASTEST_LEVELS[max(0, len(result.objective_bound) - 1)]
            row.gap = result.gap
        if row.greedy_shortfall is not None and row.ready is not None:
            if abs(row.shortfall - row.greedy_shortfall) <= 1e-6:
                row.ready_at_greedy, row.bound_at_greedy = row.ready, row.ready_bound
            else:
                row.ready_at_greedy, row.bound_at_greedy = _fastest_at_greedy_shortfall(problem)
        rows.append(row)
    return rows


@contextmanager
def _work_only(enabled: bool) -> Iterator[None]:
    """When ``enabled``, widen the wall-clock guard, the run's deadline and one MILP solve's
    wall-clock cap 30-fold, so every run stops at its work budget whatever the machine's
    load (the MILP cap too: bundled profile 1's bound read 45 weeks in a run at load 8-9, 46
    in three others)."""
    from careerfit_opt.planner.deadline import wall_clock_widened

    with wall_clock_widened(30 if enabled else 1):
        yield


def _ready_bound(result: PlanResult) -> float:
    """The solver's proven lower bound on the ready week (its value when proven optimal): the
    second level of ``fastest``. 0 when the solve stopped before that level."""
    assert result.objective == Objective.FASTEST.value
    return float(result.objective_bound[1]) if len(result.objective_bound) > 1 else 0.0


def _fastest_at_greedy_shortfall(problem: PlanningProblem) -> tuple[float, float]:
    """Ready week (and its proven bound) of CP-SAT's fastest plan closing at least as much as
    greedy's: the weighted shortfall held at most at greedy's, greedy's plan as the hint."""
    starts = greedy_starts(problem, Objective.FASTEST)
    assert starts is not None
    ws, ready, cost = objective_levels(problem, Objective.FASTEST)[:3]
    raw, _ = solve_levels(
        problem,
        [ready, cost],
        time_limit=TIME_LIMIT_S,
        seed=0,
        workers=1,
        hint=starts,
        given=[(ws, ws.evaluate(starts))],
    )
    assert raw.starts, "greedy's plan itself meets the bound"
    assert ready.evaluate(raw.starts) <= ready.evaluate(starts)
    bound = raw.objective_bound[0] if raw.objective_bound else 0.0
    return float(ready.evaluate(raw.starts)), float(bound)


def _p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summarise(rows: list[Row]) -> dict[str, Any]:
    """Median / p95 time, share optimal and the ready-week comparison with greedy."""
    times = [r.time_s for r in rows]
    equal = [
        r
        for r in rows
        if r.ready is not None
        and r.greedy_ready is not None
        and r.greedy_shortfall is not None
        and abs(r.shortfall - r.greedy_shortfall) <= 1e-6
    ]
    better_shortfall = sum(
        r.greedy_shortfall is None or r.shortfall < r.greedy_shortfall - 1e-6 for r in rows
    )
    improvements = [1.0 - (r.ready or 0) / r.greedy_ready for r in equal if r.greedy_ready]
    ceiling = [1.0 - (r.ready_bound or 0) / r.greedy_ready for r in equal if r.greedy_ready]
    mean_cp = statistics.fmean(r.ready or 0 for r in equal) if equal else float("nan")
    mean_greedy = statistics.fmean(r.greedy_ready or 0 for r in equal) if equal else float("nan")
    held = [r for r in rows if r.ready_at_greedy is not None and r.greedy_ready]
    held_imp = [1.0 - (r.ready_at_greedy or 0) / (r.greedy_ready or 1) for r in held]
    held_ceiling = [1.0 - (r.bound_at_greedy or 0) / (r.greedy_ready or 1) for r in held]
    return {
        "profiles": len(rows),
        "median_cpu_s": statistics.median(r.cpu_s for r in rows),
        "p95_cpu_s": _p95([r.cpu_s for r in rows]),
        "unproven": sorted(
            (r.stopped or "?", round(r.gap or 0.0, 4)) for r in rows if not r.optimal
        ),
        "median_s": statistics.median(times),
        "p95_s": _p95(times),
        "max_s": max(times),
        "share_optimal": sum(r.optimal for r in rows) / len(rows),
        "equal_shortfall": len(equal),
        "cp_better_shortfall": better_shortfall,
        "mean_ready_cp": mean_cp,
        "mean_ready_greedy": mean_greedy,
        "ratio_of_means": 1.0 - mean_cp / mean_greedy if equal else float("nan"),
        "mean_improvement": statistics.fmean(improvements) if improvements else float("nan"),
        "ceiling_improvement": statistics.fmean(ceiling) if ceiling else float("nan"),
        "held_profiles": len(held),
        "held_improvement": statistics.fmean(held_imp) if held_imp else float("nan"),
        "held_ceiling": statistics.fmean(held_ceiling) if held_ceiling else float("nan"),
    }


def _report(name: str, s: dict[str, Any], work_only: bool = WORK_ONLY) -> str:
    gaps = ", ".join(f"{level} {gap:.1%}" for level, gap in s["unproven"]) or "none"
    return (
        f"\n[{name}] {s['profiles']} profiles{' (work budget only)' if work_only else ''}: "
        f"median {s['median_s']:.2f} s (CPU {s['median_cpu_s']:.2f} s), p95 "
        f"{s['p95_s']:.2f} s (CPU {s['p95_cpu_s']:.2f} s; max {s['max_s']:.2f}), "
        f"proven optimal {s['share_optimal']:.0%} "
        f"(issue 11 target {PROVEN_TARGET:.0%}); gaps of the rest: {gaps}; "
        f"equal shortfall on {s['equal_shortfall']} (CP-SAT lower on "
        f"{s['cp_better_shortfall']}): mean ready week {s['mean_ready_cp']:.1f} vs greedy "
        f"{s['mean_ready_greedy']:.1f} → {s['mean_improvement']:.1%} earlier on average "
        f"({s['ratio_of_means']:.1%} on the means; ceiling {s['ceiling_improvement']:.1%}); "
        f"at greedy's shortfall on {s['held_profiles']}: {s['held_improvement']:.1%} earlier "
        f"(ceiling {s['held_ceiling']:.1%})"
    )


#: O*NET 30.1 tables for the ``onet`` set (real occupations, the bundled actions and overlay).
ONET30 = Path(os.environ.get("CAREERFIT_ONET_DIR", Path(__file__).resolve().parents[2]
                             / "shared" / "data" / "onet-30.1"))  # fmt: skip


def _onet_profiles() -> tuple[Catalog, list[Profile]]:
    """The 30 O*NET persona scenarios (``tests/onet_personas.py``), each profile named after
    its target, on O*NET 30.1 with the bundled actions and overlay."""
    if not any(ONET30.glob("[Ss]kills*")):
        pytest.skip(f"O*NET 30.1 tables not found at {ONET30} (set CAREERFIT_ONET_DIR)")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from onet_personas import MOVES, personas

    data = {"profile": {"name": "x"}, "catalog": {"onet": str(ONET30), "actions": ["bundled"]}}
    catalog = scenario_from_data(data, Path.cwd()).catalog
    moves = MOVES[: SIZES["onet"]]
    profiles = [
        sc.profile.model_copy(update={"name": f"{sc.profile.name} (near {target})"})
        for sc, (_, target) in zip(personas(catalog), moves, strict=False)
    ]
    return catalog, profiles


def _profiles(name: str) -> tuple[Catalog, list[Profile]]:
    if name == "onet":
        return _onet_profiles()
    if name == "bundled":
        catalog = load_bundled_catalog()
        profiles = generate_profiles(catalog, SIZES[name], seed=11)
    else:
        catalog = generate_catalog(n_dimensions=40, n_occupations=60, n_actions=150, seed=0)
        profiles = []
        for seed in SYNTHETIC_SEEDS:
            drawn = generate_profiles(catalog, SIZES[name], seed=seed)
            profiles += _switch_everything_on(drawn, catalog)
        return catalog, profiles
    return catalog, _switch_everything_on(profiles, catalog)


def _never_worse_than_greedy(rows: list[Row]) -> None:
    """A proven-optimal plan is at least as good as greedy's on every lexicographic level."""
    for r in rows:
        if not r.optimal or r.ready is None or r.greedy_shortfall is None:
            continue
        assert r.shortfall <= r.greedy_shortfall + 1e-6
        if abs(r.shortfall - r.greedy_shortfall) <= 1e-6 and r.greedy_ready is not None:
            assert r.ready <= r.greedy_ready


@pytest.mark.parametrize("name", ["bundled", "synthetic", "onet"])
def test_planner_targets(benchmark: Any, name: str) -> None:
    """The time targets of DESIGN.md are stated for 150-action catalogues with 35+ dimensions:
    asserted on the synthetic set. The bundled set (246 actions, 73 dimensions, people drawn at
    random around its occupations) is reported, and checked for plan quality only."""
    catalog, profiles = _profiles(name)
    # The synthetic set's asserted targets (CPU seconds, the share proven within the budget)
    # are about the work budget, so it always runs in work-budget mode: at load 8 the wall
    # clock once stopped a profile after 3.5 CPU-s and failed the proven share for the load's
    # sake. The other sets follow CAREERFIT_BENCH_WORK_ONLY.
    work_only = WORK_ONLY or name == "synthetic"
    rows = benchmark.pedantic(_run_set, args=(catalog, profiles, work_only), rounds=1, iterations=1)
    s = summarise(rows)
    benchmark.extra_info.update(s)
    print(_report(name, s, work_only))
    _never_worse_than_greedy(rows)
    if name != "synthetic":
        return
    median, p95 = s["median_cpu_s"], s["p95_cpu_s"]
    # The targets are CPU seconds on the reference machine: asserted scaled by how much slower
    # this one runs (benchmarks/machine_speed.py), and printed met or NOT MET unscaled.
    median_limit, why = scaled_limit(MEDIAN_TARGET_S)
    p95_limit, _ = scaled_limit(P95_TARGET_S)
    print(
        f"[synthetic] median {median:.2f} CPU-s: target ≤ {MEDIAN_TARGET_S:g} s "
        f"{'met' if median <= MEDIAN_TARGET_S else 'NOT MET'}; p95 {p95:.2f} CPU-s: target ≤ "
        f"{P95_TARGET_S:g} s {'met' if p95 <= P95_TARGET_S else 'NOT MET'}; {why}, limits "
        f"asserted {median_limit:.2f} s and {p95_limit:.2f} s"
    )
    assert median <= median_limit, f"median {median:.2f} CPU-s > {median_limit:.2f} s ({why})"
    assert p95 <= p95_limit, f"p95 {p95:.2f} CPU-s > {p95_limit:.2f} s ({why})"
    assert s["share_optimal"] >= 0.9, f"only {s['share_optimal']:.0%} proven optimal"
    # The plans reach what the proven bounds allow: no planner could be earlier on average.
    for got, ceiling in (
        ("mean_improvement", "ceiling_improvement"),
        ("held_improvement", "held_ceiling"),
    ):
        assert s[got] >= s[ceiling] - 0.01, f"{got} {s[got]:.1%} < ceiling {s[ceiling]:.1%}"
    verdict = "met" if s["held_improvement"] >= READY_IMPROVEMENT_TARGET else "not met"
    reach = "reachable" if s["held_ceiling"] >= READY_IMPROVEMENT_TARGET else "out of reach"
    print(
        f"[synthetic] ready week ≥ {READY_IMPROVEMENT_TARGET:.0%} earlier than greedy: {verdict} "
        f"({s['held_improvement']:.1%}); {reach} for any planner on these profiles (ceiling "
        f"{s['held_ceiling']:.1%})"
    )
