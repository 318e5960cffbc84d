"""What a worker does with a job: recommend for each client, then plan, and return records.

A job is a list of :class:`~careerfit_opt.batch.roster.Client` (plain data) and the options as
a mapping; the result is one record (a JSON-ready ``dict``) per client. Every worker process
keeps the catalogues it has loaded (and their compiled arrays, cached on the catalogue object),
so a catalogue is read and compiled once per worker, never per client.

This module imports nothing heavy at module level: a pool worker first caps its threads
(:func:`configure_worker`), then numba, NumPy and OR-Tools load on its first client.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerfit_opt.batch.options import DEFAULT_TOP, BatchOptions
from careerfit_opt.batch.roster import Client
from careerfit_opt.errors import InputError, Problem

if TYPE_CHECKING:
    from careerfit_opt.model.catalog import Catalog
    from careerfit_opt.model.occupations import Occupation
    from careerfit_opt.model.plans import PlanResult
    from careerfit_opt.model.scenario import Scenario

#: Client statuses (docs/batch.md).
OK, NO_PLAN, TIME_LIMIT, ERROR = "ok", "no_plan", "time_limit", "error"
STATUSES = (OK, NO_PLAN, TIME_LIMIT, ERROR)
#: Variables that size the thread pools of numba, OpenMP and the BLAS libraries.
THREAD_VARIABLES = (
    "NUMBA_NUM_THREADS",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
)

_CATALOGS: dict[str, Catalog] = {}
#: Catalogue sources as given (and the folder they are relative to) → cache key and source.
_RESOLVED: dict[str, tuple[str, dict[str, Any]]] = {}
_LOCK = threading.Lock()
#: How many catalogues this process has loaded (tests check that it is once per catalogue).
LOADS: dict[str, int] = {}


def configure_worker() -> None:
    """Cap this process at one thread for numba, OpenMP and BLAS, so N workers use N cores.

    Takes effect for libraries not yet imported; the kernel and CP-SAT are also called with
    one thread explicitly.
    """
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"


def _resolved_source(source: dict[str, Any], base_dir: str) -> dict[str, Any]:
    """The catalogue source with relative paths made absolute (so it keys the cache). Names
    stay names: an installed O*NET release, ``bundled`` actions, a ``none`` overlay."""
    base = Path(base_dir)
    out = dict(source)

    def absolute(text: Any, always: bool = False) -> Any:
        if not isinstance(text, str):
            return text  # left for validation to report
        path = Path(text).expanduser()
        if path.is_absolute():
            return text
        return str((base / path).resolve()) if always or (base / path).exists() else text

    if out.get("path"):
        out["path"] = absolute(out["path"], always=True)
    for key in ("onet", "overlay"):
        if out.get(key):
            out[key] = absolute(out[key])
    if isinstance(out.get("actions"), list):
        out["actions"] = [a if a == "bundled" else absolute(a) for a in out["actions"]]
    return out


def worker_catalog(source: dict[str, Any], base_dir: str) -> tuple[Catalog, dict[str, Any]]:
    """The catalogue ``source`` names (loaded once per process and kept) and the source with
    its paths made absolute."""
    from careerfit_opt.io.catalogs import resolve_catalog
    from careerfit_opt.model.scenario import CatalogSource

    given = json.dumps(source, sort_keys=True) + "\0" + base_dir
    with _LOCK:
        known = _RESOLVED.get(given)
    if known is None:
        resolved = _resolved_source(source, base_dir)
        known = (json.dumps(resolved, sort_keys=True), resolved)
    key, resolved = known
    with _LOCK:
        hit = _CATALOGS.get(key)
        if hit is None:
            spec = CatalogSource.model_validate(resolved)
            hit = _CATALOGS[key] = resolve_catalog(spec, Path(base_dir))
            LOADS[key] = LOADS.get(key, 0) + 1
        _RESOLVED[given] = known
    return hit, dict(resolved)


def _find_occupation(catalog: Catalog, text: str) -> Occupation | None:
    """An occupation by id, or by title (case and spacing ignored)."""
    hit = catalog.occupation_by_id.get(text)
    if hit is not None:
        return hit
    wanted = " ".join(text.lower().split())
    for occ in catalog.occupations:
        if " ".join(occ.title.lower().split()) == wanted:
            return occ
    return None


def _unknown_occupation(catalog: Catalog, text: str) -> str:
    from careerfit_opt.model.catalog import suggest

    hint = suggest(text, catalog.occupation_by_id) or suggest(
        text, [o.title for o in catalog.occupations]
    )
    return f"unknown occupation {text!r} (give its id or exact title){hint}"


def _with_current_job(profile: dict[str, Any], occ: Occupation) -> dict[str, Any]:
    """The profile with the current job's levels, interests and values under the given ones;
    the current job itself is left out of the recommendations."""
    held = set(profile.get("credentials") or []) | set(profile.get("experience") or {})
    given = profile.get("levels") or {}
    base = {k: r.level for k, r in occ.requirements.items() if k not in held}
    out = dict(profile)
    out["levels"] = {**base, **given}
    if out.get("interests") is None and occ.interests is not None:
        out["interests"] = occ.interests.model_dump()
    if out.get("work_values") is None and occ.work_values is not None:
        out["work_values"] = occ.work_values.model_dump()
    out.setdefault("description", f"currently {occ.title} ({occ.id})")
    prefs = dict(out.get("preferences") or {})
    excluded = list(prefs.get("excluded_occupations") or [])
    if occ.id not in excluded:
        prefs["excluded_occupations"] = [*excluded, occ.id]
    out["preferences"] = prefs
    return out


def _model_or_data(model: type[Any], data: dict[str, Any]) -> Any:
    """``data`` validated into ``model``, or ``data`` itself when it does not validate (the
    scenario's validation then reports it for each client, as without the cache)."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError:
        return data


class JobCache:
    """What the clients of one job share, worked out once per job instead of once per client:
    the run's catalogue (per folder that relative paths are read from) and the scenario parts
    the options fix (catalogue source, target, solver settings), validated once — a scenario
    given a validated part keeps it as it is, so every client's scenario is the same as when
    each validated its own copy (~25 µs per client less in a recommend-only run)."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self._catalogs: dict[str, tuple[Catalog, Any]] = {}
        self._parts: dict[str, Any] = {}

    def run_catalog(self, base_dir: str) -> tuple[Catalog, Any]:
        """The options' catalogue for clients that name none, and its validated source.

        Raises :class:`InputError` when it cannot be loaded (not cached: each client reports
        it, as without the cache)."""
        hit = self._catalogs.get(base_dir)
        if hit is None:
            from careerfit_opt.model.scenario import CatalogSource

            catalog, resolved = worker_catalog(self.options.catalog, base_dir)
            hit = self._catalogs[base_dir] = (catalog, _model_or_data(CatalogSource, resolved))
        return hit

    def part(self, name: str, data: dict[str, Any]) -> Any:
        """The options' ``target`` or ``solver`` mapping for clients that give none, validated
        once (``data`` is the same for every such client of the job)."""
        hit = self._parts.get(name)
        if hit is None:
            from careerfit_opt.model.scenario import SolverSettings, Target

            model = Target if name == "target" else SolverSettings
            hit = self._parts[name] = _model_or_data(model, data)
        return hit


def load_client(
    client: Client, options: BatchOptions, cache: JobCache | None = None
) -> tuple[Scenario, Catalog]:
    """The client's validated scenario (options applied) and its catalogue; ``cache`` shares
    the work common to the clients of a job.

    Raises :class:`InputError` naming the roster line and field for bad data.
    """
    from careerfit_opt.io.validation import validate
    from careerfit_opt.model.scenario import Scenario, check_against_catalog

    if client.problems:
        raise InputError([Problem(f, m) for f, m in client.problems], source=client.where)
    cache = cache or JobCache(options)
    given, current_job = client.mapping()
    data = dict(given)
    try:
        if "catalog" not in data:
            catalog, data["catalog"] = cache.run_catalog(client.base_dir)
        else:
            source = data["catalog"]
            if isinstance(source, str):
                from careerfit_opt.model.scenario import CatalogSource

                source = CatalogSource.model_validate(source).model_dump(exclude_defaults=True)
            if not isinstance(source, dict):
                raise InputError([Problem("catalog", "expected a catalogue name or mapping")])
            catalog, data["catalog"] = worker_catalog(source, client.base_dir)
    except InputError as exc:
        raise exc.with_prefix("catalog").with_source(client.where) from None
    profile = data.get("profile")
    if current_job is not None and isinstance(profile, dict):
        occ = _find_occupation(catalog, current_job)
        if occ is None:
            msg = _unknown_occupation(catalog, current_job)
            raise InputError([Problem("current_job", msg)], source=client.where)
        data["profile"] = _with_current_job(profile, occ)
    target = data.get("target")
    named = target.get("occupation") if isinstance(target, dict) else target
    if isinstance(named, str) and named not in catalog.occupation_by_id:
        # An exact title, in the plain form or the mapping's (a CSV row with must_meet).
        field = "target" if isinstance(target, str) else "target.occupation"
        occ = _find_occupation(catalog, named)
        if occ is None:
            msg = _unknown_occupation(catalog, named)
            raise InputError([Problem(field, msg)], source=client.where)
        if isinstance(target, dict):
            data["target"] = {**target, "occupation": occ.id}
        else:
            data["target"] = occ.id
    if options.objective is not None:
        data["objective"] = options.objective
    # Options applied to the data, so that it is validated once (no model copies).
    if target is None:
        data["target"] = cache.part("target", {"recommend_top": options.top or DEFAULT_TOP})
    elif options.top is not None and isinstance(target, dict) and "occupation" not in target:
        data["target"] = {**target, "recommend_top": options.top}
    solver = data.get("solver", {})
    if isinstance(solver, dict):
        solver = {**solver, "workers": 1}
        if options.time_limit is not None:
            solver["time_limit_s"] = options.time_limit
        data["solver"] = solver if "solver" in data else cache.part("solver", solver)
    scenario = validate(Scenario, data, source=client.where)
    problems = check_against_catalog(scenario, catalog)
    if problems:
        raise InputError(problems, source=client.where)
    return scenario, catalog


def base_record(client: Client, options: BatchOptions) -> dict[str, Any]:
    """The fields every result record carries, before the job fills them in."""
    return {
        "id": client.id,
        "line": client.line,
        "source": client.source,
        "run": options.fingerprint,
        "status": ERROR,
        "best": None,
        "recommendations": [],
        "plans": [],
        "errors": [],
        "timings": {},
    }


def _error(record: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, InputError):
        record["errors"] = [
            {"field": p.field, "message": p.message, "text": p.render(exc.source)}
            for p in exc.problems
        ]
    else:
        last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        at = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
        record["errors"] = [
            {
                "field": "",
                "message": f"internal error: {type(exc).__name__}: {exc}{at}",
                "text": f"internal error: {type(exc).__name__}: {exc}",
            }
        ]
    record["status"] = ERROR
    return record


def best_plan(plans: list[PlanResult]) -> int | None:
    """Index of the best plan: least weighted shortfall, then earliest ready week, then
    cheapest, then the better recommendation (earlier in the list); ``None`` without a plan."""
    ranked = [
        (p.weighted_shortfall, p.ready_week or 0, p.total_cost, i)
        for i, p in enumerate(plans)
        if p.has_plan
    ]
    return min(ranked)[3] if ranked else None


def _client_status(plans: list[PlanResult]) -> str:
    from careerfit_opt.model.plans import PlanStatus

    if any(p.has_plan for p in plans):
        return OK
    if any(p.status is PlanStatus.UNKNOWN for p in plans):
        return TIME_LIMIT
    return NO_PLAN


def run_client(
    client: Client, options: BatchOptions, cache: JobCache | None = None
) -> dict[str, Any]:
    """Recommend for one client, then plan its target (or each of its top recommendations)."""
    record = base_record(client, options)
    t0 = time.perf_counter()
    timings = record["timings"]
    try:
        scenario, catalog = load_client(client, options, cache)
        t1 = time.perf_counter()
        timings["load_s"] = round(t1 - t0, 4)
        from careerfit_opt.planner import plan
        from careerfit_opt.scoring.recommend import recommend

        top = scenario.target.recommend_top or options.top or DEFAULT_TOP
        recs = recommend(scenario.profile, catalog, top=top, settings=scenario.scoring)
        t2 = time.perf_counter()
        timings["recommend_s"] = round(t2 - t1, 4)
        record["recommendations"] = [
            {
                "rank": r.rank,
                "occupation_id": r.occupation_id,
                "title": r.title,
                "qualification": r.qualification,
                "passion": r.passion,
                "combined": r.combined,
                "coverage": r.coverage,
            }
            for r in recs.items
        ]
        if scenario.target.occupation is not None:
            targets = [scenario.target.occupation]
        else:
            targets = [r.occupation_id for r in recs.items]
        plans = [
            plan(
                scenario.profile,
                target,
                catalog,
                objective=scenario.objective,
                hard=scenario.target.hard,
                must_meet=scenario.target.must_meet,
                settings=scenario.scoring,
                time_limit=scenario.solver.time_limit_s,
                seed=scenario.solver.seed,
                workers=1,
                explain_reasons=options.explain,
                scenario_name=scenario.name,
            )
            for target in targets
        ]
        timings["plan_s"] = round(time.perf_counter() - t2, 4)
        record["plans"] = [p.model_dump(mode="json") for p in plans]
        best = best_plan(plans)
        if best is not None:
            p = plans[best]
            record["best"] = {
                "target": p.target,
                "title": p.target_title,
                "plan_status": p.status.value,
                "ready_week": p.ready_week,
                "cost": p.total_cost,
                "weighted_shortfall": p.weighted_shortfall,
            }
        record["status"] = _client_status(plans)
    except Exception as exc:  # one client's failure must not stop the batch
        _error(record, exc)
    timings["total_s"] = round(time.perf_counter() - t0, 4)
    return record


def _recommend_chunk(clients: list[Client], options: BatchOptions) -> list[dict[str, Any]]:
    """Recommend-only: every valid client of the chunk scored at once with the streaming
    top-k kernel (one thread), grouped by catalogue and scoring settings."""
    from careerfit_opt.scoring.arrays import compile_catalog, compile_profiles
    from careerfit_opt.scoring.kernel import numba_top_k

    t0 = time.perf_counter()
    records = [base_record(c, options) for c in clients]
    groups: dict[tuple[int, str], list[tuple[int, Scenario, Catalog]]] = {}
    cache = JobCache(options)
    for i, client in enumerate(clients):
        try:
            scenario, catalog = load_client(client, options, cache)
        except Exception as exc:
            _error(records[i], exc)
            continue
        key = (id(catalog), scenario.scoring.model_dump_json())
        groups.setdefault(key, []).append((i, scenario, catalog))
    for members in groups.values():
        settings, catalog = members[0][1].scoring, members[0][2]
        occ = compile_catalog(catalog, settings.importance_threshold)
        tops = [s.target.recommend_top or options.top or DEFAULT_TOP for _, s, _ in members]
        extra = max(len(s.profile.preferences.excluded_occupations) for _, s, _ in members)
        k = min(occ.size, max(tops) + extra)
        prof = compile_profiles([s.profile for _, s, _ in members], occ.dimension_ids)
        idx, fit = numba_top_k(prof, occ, settings, k=k, threads=1)
        # Python ints and floats for the whole group at once (the float32 fits converted
        # exactly, as float() of each would), not a NumPy scalar per item.
        idx_rows, fit_rows = idx.tolist(), fit.tolist()
        ids, titles = occ.ids, occ.titles
        for row, (i, scenario, _) in enumerate(members):
            excluded = set(scenario.profile.preferences.excluded_occupations)
            items: list[dict[str, Any]] = []
            for r, value in zip(idx_rows[row], fit_rows[row], strict=True):
                if r < 0 or ids[r] in excluded:
                    continue
                items.append(
                    {
                        "rank": len(items) + 1,
                        "occupation_id": ids[r],
                        "title": titles[r],
                        "combined": None if math.isnan(value) else round(value, 6),
                    }
                )
                if len(items) == tops[row]:
                    break
            records[i]["recommendations"] = items
            records[i]["status"] = OK
    each = round((time.perf_counter() - t0) / max(1, len(clients)), 6)
    for record in records:
        record["timings"] = {"recommend_s": each, "total_s": each}
    return records


def run_job(clients: list[Client], options: dict[str, Any]) -> list[dict[str, Any]]:
    """Run one job (a list of clients) and return one record per client, in order.

    The entry point every executor calls; ``options`` is :meth:`BatchOptions.as_dict`.
    """
    opts = BatchOptions(**options)
    if opts.recommend_only:
        return _recommend_chunk(clients, opts)
    cache = JobCache(opts)
    return [run_client(c, opts, cache) for c in clients]


def pool_initializer() -> None:
    """Start-up of a process-pool worker: cap the threads before any heavy import, and leave
    Ctrl-C to the parent (which stops the pool): a worker interrupted mid-client would
    otherwise report that client as failed."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_worker()


def dask_job(clients: list[Client], options: dict[str, Any]) -> list[dict[str, Any]]:
    """:func:`run_job` for a Dask worker (threads capped on its first job)."""
    if os.environ.get("NUMBA_NUM_THREADS") != "1":
        configure_worker()
    return run_job(clients, options)
