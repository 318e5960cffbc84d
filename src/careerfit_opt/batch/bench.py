"""``careerfit bench``: plans across named, seeded profile sets, with the numbers to compare runs.

Three sets (docs/performance.md, "Benchmark protocol"):

* ``synthetic``: synthetic people on a synthetic catalogue (``generate_catalog(seed=0)``: 150
  actions, 40 dimensions), each aiming at the occupation they were drawn near
  (``generate_profiles(catalog, 30, seed=1)``);
* ``bundled``: synthetic people on the bundled, illustrative ``default`` catalogue
  (``generate_profiles(catalog, 20, seed=11)``), each aiming at the occupation they were drawn
  near;
* ``onet``: O*NET-derived personas on the O*NET 30.1 occupations with the bundled,
  illustrative actions and occupation overlay (``catalog: {onet: DIR, actions: [bundled]}``) —
  a person working in a seeded random occupation today (its skill and knowledge levels,
  interests and values, no credential), with seeded limits, aiming at their best
  recommendation.

Every plan is ``objective="fastest"``, seed 0, one CP-SAT worker, run one after another in this
process (one core per job). Reported per set: solve time median and p95, the share proven
(optimal or infeasible), the mean gap to the proven bound of the unproven plans, plan quality
against the greedy baseline (how much earlier CP-SAT's plans are ready at equal shortfall) and
recommendations per second (``recommend()`` one client at a time, and the streaming top-k
kernel on one thread).
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerfit_opt.batch.summary import percentile
from careerfit_opt.errors import InputError, Problem

if TYPE_CHECKING:
    from careerfit_opt.model.catalog import Catalog
    from careerfit_opt.model.profiles import Profile

SETS = ("synthetic", "bundled", "onet")
#: Profiles per set (full, quick).
SIZES = {"synthetic": (30, 8), "bundled": (20, 6), "onet": (20, 5)}
SEEDS = {"synthetic": 1, "bundled": 11, "onet": 30}
#: Where the ``onet`` set looks when no folder is given: ``CAREERFIT_ONET_DIR``, the installed
#: release 30.1 (``careerfit data onet``), then a developer checkout's shared data.
DEFAULT_ONET = "../shared/data/onet-30.1"
#: Profiles scored by the top-k kernel to measure its rate (full, quick).
KERNEL_PROFILES = (20_000, 4_000)


@dataclass
class BenchSet:
    """A named profile set: a catalogue, and (profile, target occupation) cases."""

    name: str
    description: str
    catalog: Catalog
    cases: list[tuple[Profile, str]]


def _near(profile: Profile) -> str:
    match = re.search(r"\(near (\S+)\)", profile.name)
    assert match is not None, profile.name
    return match.group(1)


def _onet_personas(catalog: Catalog, count: int, seed: int) -> list[tuple[Profile, str]]:
    """Someone working today in each of ``count`` seeded random O*NET occupations: its skill
    and knowledge levels (abilities unknown), interests and work values, no credential, seeded
    limits; aiming at their best recommendation (their own occupation excluded)."""
    import numpy as np

    from careerfit_opt.model.profiles import Limits, Preferences, Profile
    from careerfit_opt.scoring.recommend import recommend

    rng = np.random.default_rng(seed)
    kinds = {d.id: d.kind.value for d in catalog.dimensions}
    usable = [o for o in catalog.occupations if o.requirements and "-" in o.id]
    picks = rng.choice(len(usable), size=min(count, len(usable)), replace=False)
    cases = []
    for n, i in enumerate(sorted(int(x) for x in picks)):
        occ = usable[i]
        person = Profile(
            name=f"onet-persona-{seed}-{n + 1:03d} ({occ.id})",
            description=f"working as {occ.title} ({occ.id}) today",
            levels={
                k: r.level
                for k, r in occ.requirements.items()
                if kinds.get(k) in ("skill", "knowledge")
            },
            credentials_complete=True,
            interests=occ.interests,
            work_values=occ.work_values,
            limits=Limits(
                budget=round(float(rng.uniform(1000, 8000)), -1),
                hours_per_week=float(rng.choice([8.0, 10.0, 12.0, 15.0, 20.0])),
                horizon_weeks=104,
            ),
            preferences=Preferences(excluded_occupations=[occ.id]),
        )
        target = recommend(person, catalog, top=1).items[0].occupation_id
        cases.append((person, target))
    return cases


def load_set(name: str, quick: bool = False, onet_dir: str | Path | None = None) -> BenchSet:
    """The named set (``synthetic``, ``bundled`` or ``onet``), built from its fixed seeds."""
    from careerfit_opt.data.synthetic import generate_catalog, generate_profiles

    count = SIZES[name][1 if quick else 0] if name in SIZES else 0
    seed = SEEDS.get(name, 0)
    if name == "synthetic":
        catalog = generate_catalog(seed=0)
        profiles = generate_profiles(catalog, count, seed=seed)
        desc = (
            f"synthetic catalogue (generate_catalog(seed=0)), {count} synthetic people "
            f"(seed {seed})"
        )
        return BenchSet(name, desc, catalog, [(p, _near(p)) for p in profiles])
    if name == "bundled":
        from careerfit_opt.data.bundled import load_bundled_catalog

        catalog = load_bundled_catalog("default")
        profiles = generate_profiles(catalog, count, seed=seed)
        desc = f"bundled default catalogue (illustrative), {count} synthetic people (seed {seed})"
        return BenchSet(name, desc, catalog, [(p, _near(p)) for p in profiles])
    if name == "onet":
        from careerfit_opt.io.catalogs import resolve_catalog
        from careerfit_opt.model.scenario import CatalogSource

        path = _onet_folder(onet_dir)
        source = CatalogSource(onet=str(path.resolve()), actions=["bundled"])
        catalog = resolve_catalog(source, Path.cwd())
        desc = (
            f"O*NET {catalog.metadata.get('release', '')} ({len(catalog.occupations)} "
            f"occupations) with the bundled, illustrative actions and overlay "
            f"({len(catalog.actions)} actions), {count} O*NET-derived personas (seed {seed})"
        ).replace("O*NET  (", "O*NET (")
        return BenchSet(name, desc, catalog, _onet_personas(catalog, count, seed))
    raise InputError([Problem("--set", f"unknown set {name!r}; use one of {', '.join(SETS)}")])


def _onet_folder(onet_dir: str | Path | None) -> Path:
    """The O*NET tables of the ``onet`` set: ``onet_dir`` (a folder or an installed release),
    else ``CAREERFIT_ONET_DIR``, else installed release 30.1, else ``DEFAULT_ONET``."""
    from careerfit_opt.data.onet import installed_releases, resolve_onet_dir

    given = onet_dir if onet_dir is not None else os.environ.get("CAREERFIT_ONET_DIR")
    if given is None:
        given = "30.1" if "30.1" in installed_releases() else DEFAULT_ONET
    try:
        return resolve_onet_dir(str(given), Path.cwd())
    except InputError:
        raise InputError(
            [
                Problem(
                    "--onet",
                    f"no O*NET tables at {str(given)!r}: give --onet DIR (or a release installed "
                    "with `careerfit data onet --download`)",
                )
            ]
        ) from None


def _recommend_rates(bench: BenchSet, quick: bool) -> dict[str, float]:
    """Recommendations per second: ``recommend()`` per client, and the top-k kernel (1 thread)."""
    import numpy as np

    from careerfit_opt.model.scenario import ScoringSettings
    from careerfit_opt.scoring.arrays import ProfileArrays, compile_catalog, compile_profiles
    from careerfit_opt.scoring.kernel import numba_top_k
    from careerfit_opt.scoring.recommend import recommend

    profiles = [p for p, _ in bench.cases]
    recommend(profiles[0], bench.catalog, top=10)  # warm: compile and cache
    calls, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < (0.3 if quick else 1.0):
        for p in profiles:
            recommend(p, bench.catalog, top=10)
        calls += len(profiles)
    single = calls / (time.perf_counter() - t0)
    occ = compile_catalog(bench.catalog)
    base = compile_profiles(profiles, occ.dimension_ids)
    n = KERNEL_PROFILES[1 if quick else 0]
    reps = -(-n // base.size)
    many = ProfileArrays(
        names=(base.names * reps)[:n],
        dimension_ids=base.dimension_ids,
        level=np.tile(base.level, (reps, 1))[:n],
        interests=np.tile(base.interests, (reps, 1))[:n],
        values=np.tile(base.values, (reps, 1))[:n],
        passion_weight=np.tile(base.passion_weight, reps)[:n],
        zone=np.tile(base.zone, reps)[:n],
    )
    numba_top_k(many, occ, ScoringSettings(), k=10, threads=1)
    t0 = time.perf_counter()
    numba_top_k(many, occ, ScoringSettings(), k=10, threads=1)
    kernel = n / (time.perf_counter() - t0)
    return {"recommend_per_s": single, "topk_kernel_per_s_1_thread": kernel}


def run_set(
    bench: BenchSet,
    *,
    time_limit: float = 10.0,
    quick: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Plan every case of ``bench`` (fastest, seed 0, one worker), with the greedy baseline."""
    from careerfit_opt.planner import build_problem, plan
    from careerfit_opt.planner.greedy import greedy_plan

    times, proven, gaps, earlier, closer = [], 0, [], [], 0
    statuses: dict[str, int] = {}
    for i, (profile, target) in enumerate(bench.cases):
        result = plan(
            profile,
            target,
            bench.catalog,
            objective="fastest",
            time_limit=time_limit,
            seed=0,
            workers=1,
            explain_reasons=False,
        )
        times.append(result.wall_time_s)
        statuses[result.status.value] = statuses.get(result.status.value, 0) + 1
        proven += result.status.value in ("optimal", "infeasible")
        if result.status.value == "feasible" and result.gap is not None:
            gaps.append(result.gap)
        problem = build_problem(profile, target, bench.catalog)
        greedy = greedy_plan(problem, bench.catalog, profile, objective="fastest")
        if result.has_plan and greedy.has_plan:
            if abs(result.weighted_shortfall - greedy.weighted_shortfall) <= 1e-6:
                g = greedy.ready_week or 0
                if g > 0:
                    earlier.append(1 - (result.ready_week or 0) / g)
            elif result.weighted_shortfall < greedy.weighted_shortfall:
                closer += 1
        if progress is not None:
            progress(i + 1, len(bench.cases))
    n = len(bench.cases)
    return {
        "set": bench.name,
        "description": bench.description,
        "catalog": bench.catalog.name,
        "profiles": n,
        "time_limit_s": time_limit,
        "statuses": statuses,
        "solve_s_median": statistics.median(times) if times else None,
        "solve_s_p95": percentile(times, 0.95),
        "solve_s_max": max(times) if times else None,
        "proven_share": proven / n if n else None,
        "unproven": len(gaps),
        "gap_to_bound_mean": statistics.fmean(gaps) if gaps else 0.0,
        "gap_to_bound_max": max(gaps) if gaps else 0.0,
        "vs_greedy_equal_shortfall": len(earlier),
        "vs_greedy_earlier_mean": statistics.fmean(earlier) if earlier else None,
        "vs_greedy_less_shortfall": closer,
        **_recommend_rates(bench, quick),
    }


def machine() -> dict[str, Any]:
    """What the numbers were measured on (load included: the machine may be shared)."""
    from importlib.metadata import version

    from careerfit_opt.batch.executors import available_cores

    try:
        load = list(os.getloadavg())
    except OSError:  # pragma: no cover
        load = []
    return {
        "python": platform.python_version(),
        "ortools": version("ortools"),
        "cores": available_cores(),
        "load_average": [round(x, 2) for x in load],
        "platform": platform.platform(),
    }


def run_bench(
    names: list[str] | None = None,
    *,
    time_limit: float = 10.0,
    quick: bool = False,
    onet_dir: str | Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """Run the named sets (default: all) and return the report as plain data."""
    from careerfit_opt import __version__

    names = names or list(SETS)
    for name in names:
        if name not in SETS:
            raise InputError(
                [Problem("--set", f"unknown set {name!r}; use one of {', '.join(SETS)}")]
            )
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    results = []
    loaded = [load_set(name, quick=quick, onet_dir=onet_dir) for name in names]
    for name, bench in zip(names, loaded, strict=True):
        cb = None if progress is None else (lambda i, n, s=name: progress(s, i, n))
        results.append(run_set(bench, time_limit=time_limit, quick=quick, progress=cb))
    return {
        "careerfit_opt": __version__,
        "started": started,
        "quick": quick,
        "protocol": "fastest, seed 0, one CP-SAT worker, profiles one after another",
        "machine": machine(),
        "sets": results,
    }
