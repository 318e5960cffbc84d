"""Batch throughput benchmarks (docs/performance.md, "## Batch runs").

Targets (issue #12), as ratios measured in one run:

* a local pool of 2 workers has ≥ 1.8× the throughput of 1 worker on a 200-client roster;
* a Dask LocalCluster of 2 workers is within 15% of the 2-worker local pool on the same roster;
* recommend-only for 100,000 clients over every O*NET 30.1 occupation in under 60 s on 2
  cores (quick mode runs 20,000 and projects the time for 100,000 from the steady rate). The
  60 s are the reference machine's: the projection is asserted against 60 s × this machine's
  measured slowdown (``benchmarks/machine_speed.py``, ≥ 1) and printed met or NOT MET against
  the unscaled 60 s;
* memory per worker bounded (≤ 1 GiB) and reported.

The planning roster: synthetic people on the synthetic catalogue (``generate_catalog(seed=0)``,
written to a file), each planning their top recommendation, ``fastest``, 2 s per plan. Each
executor first runs a warm-up roster (the worker processes start, import and load the
catalogue), then the timed roster: throughput is steady-state, start-up is reported apart.

Ratios need the cores to themselves: when the load average before a measurement exceeds the
core count, the numbers are printed but the targets are not asserted (a shared machine makes
scaling ratios meaningless). ``CAREERFIT_QUICK=1`` runs 24 planning clients (ratios reported,
not asserted: the targets are defined on 200 clients) and 20,000 recommend-only clients (the
projected time for 100,000 asserted).

    pytest benchmarks/bench_batch.py --benchmark-only -s
"""

from __future__ import annotations

import json
import os
import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from careerfit_opt.batch import BatchOptions, catalog_source, start_batch
from careerfit_opt.batch.executors import DaskExecutor, Executor, PoolExecutor, available_cores
from careerfit_opt.data.synthetic import generate_catalog, generate_profiles
from machine_speed import scaled_limit

QUICK = os.environ.get("CAREERFIT_QUICK", "") not in ("", "0")
PLAN_CLIENTS = 24 if QUICK else 200
REC_CLIENTS = 20_000 if QUICK else 100_000
REC_TARGET_S = 60.0
REC_TARGET_CLIENTS = 100_000
SCALING_TARGET = 1.8
DASK_TARGET = 0.85
WORKER_RSS_LIMIT = 1 << 30
ONET30 = Path(os.environ.get("CAREERFIT_ONET_DIR", "../shared/data/onet-30.1"))


def _busy() -> bool:
    """Whether other work shares the cores (1-minute load average above the core count)."""
    return os.getloadavg()[0] > available_cores()


@contextmanager
def _peak_child_rss() -> Iterator[dict[str, int]]:
    """The largest resident memory of any child process, sampled every 0.2 s."""
    import psutil

    peak = {"rss": 0}
    stop = threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not stop.is_set():
            for child in me.children(recursive=True):
                with suppress(psutil.Error):
                    peak["rss"] = max(peak["rss"], child.memory_info().rss)
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and its live children so far."""
    import psutil

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        with suppress(psutil.Error):
            total += sum(child.cpu_times()[:2])
    return total


def _plan_rosters(tmp: Path) -> tuple[Path, Path, Path]:
    """The synthetic catalogue as a file, a warm-up roster and the timed roster."""
    catalog = generate_catalog(seed=0)
    cat_file = tmp / "synthetic-catalog.json"
    cat_file.write_text(catalog.model_dump_json(exclude_defaults=True))
    people = generate_profiles(catalog, PLAN_CLIENTS + 8, seed=1)
    rows = []
    for i, p in enumerate(people):
        data = p.model_dump(mode="json", exclude_defaults=True)
        data["id"] = f"p{i:04d}"
        rows.append(json.dumps(data))
    warm, timed = tmp / "warm.jsonl", tmp / "roster.jsonl"
    warm.write_text("\n".join(rows[PLAN_CLIENTS:]) + "\n")
    timed.write_text("\n".join(rows[:PLAN_CLIENTS]) + "\n")
    return cat_file, warm, timed


def _timed(executor: Executor, warm: Path, roster: Path, options: BatchOptions) -> dict[str, Any]:
    t0 = time.perf_counter()
    list(start_batch(warm, None, options=options, executor=executor))
    startup = time.perf_counter() - t0
    busy = _busy()
    with _peak_child_rss() as peak:
        t0 = time.perf_counter()
        records = list(start_batch(roster, None, options=options, executor=executor))
        elapsed = time.perf_counter() - t0
    executor.close()
    return {
        "executor": executor.name,
        "clients": len(records),
        "seconds": elapsed,
        "per_s": len(records) / elapsed,
        "warmup_s": startup,
        "peak_worker_rss": peak["rss"],
        "busy": busy or _busy(),
        "statuses": sorted({r["status"] for r in records}),
    }


def _show(row: dict[str, Any]) -> None:
    print(
        f"  {row['executor']}: {row['clients']} clients in {row['seconds']:.1f} s = "
        f"{row['per_s']:.2f}/s (warm-up {row['warmup_s']:.1f} s, peak worker RSS "
        f"{row['peak_worker_rss'] / 2**20:.0f} MiB){' [machine busy]' if row['busy'] else ''}"
    )


def test_batch_throughput_scaling_and_dask(tmp_path: Path, benchmark: Any) -> None:
    """2 workers ≥ 1.8× one worker; Dask LocalCluster within 15% of the local pool."""
    pytest.importorskip("distributed")
    cat_file, warm, roster = _plan_rosters(tmp_path)
    options = BatchOptions(
        catalog=catalog_source(str(cat_file)),
        top=1,
        objective="fastest",
        time_limit=2.0,
        explain=False,
    )
    one = _timed(PoolExecutor(1), warm, roster, options)
    two = _timed(PoolExecutor(2), warm, roster, options)
    dask = _timed(DaskExecutor(local_workers=2), warm, roster, options)
    benchmark.pedantic(lambda: None, rounds=1)
    scaling = two["per_s"] / one["per_s"]
    dask_ratio = dask["per_s"] / two["per_s"]
    print(f"\nplanning roster: {PLAN_CLIENTS} clients, load average {os.getloadavg()}")
    for row in (one, two, dask):
        _show(row)
    print(f"  2 workers / 1 worker = {scaling:.2f} (target ≥ {SCALING_TARGET})")
    print(f"  Dask / local pool = {dask_ratio:.2f} (target ≥ {DASK_TARGET})")
    benchmark.extra_info.update(
        {"scaling": scaling, "dask_ratio": dask_ratio, "rows": [one, two, dask]}
    )
    assert one["statuses"] == two["statuses"] == dask["statuses"]
    for row in (one, two, dask):
        assert row["peak_worker_rss"] <= WORKER_RSS_LIMIT
    if any(r["busy"] for r in (one, two, dask)) or available_cores() < 2:
        print("  machine busy (or < 2 cores): ratios reported, not asserted")
        return
    if QUICK:
        # The targets are defined on 200 clients; on 24, the last slow plan leaves a worker
        # idle for a share of the run large enough to move the ratio by ~0.1.
        print("  quick mode: ratios reported, asserted on the full 200-client roster only")
        return
    assert scaling >= SCALING_TARGET
    assert dask_ratio >= DASK_TARGET


def _onet_roster(path: Path, catalog: Any, n: int, seed: int = 7) -> None:
    """``n`` synthetic clients near random O*NET occupations (skills known, 15% unknown),
    written directly as JSON lines (fast: no model objects)."""
    rng = np.random.default_rng(seed)
    occs = [o for o in catalog.occupations if o.requirements]
    codes = ("realistic", "investigative", "artistic", "social", "enterprising", "conventional")
    with path.open("w") as fh:
        for i in range(n):
            occ = occs[int(rng.integers(len(occs)))]
            keys = [k for k, r in occ.requirements.items() if r.importance >= 3.0]
            gaps = rng.gamma(1.5, 0.5, len(keys))
            known = rng.random(len(keys)) >= 0.15
            levels = {
                k: round(max(0.0, occ.requirements[k].level - float(g)), 2)
                for k, g, ok in zip(keys, gaps, known, strict=True)
                if ok
            }
            row: dict[str, Any] = {"id": f"c{i:06d}", "levels": levels}
            if occ.interests is not None:
                base = occ.interests.as_tuple()
                noise = rng.normal(0, 0.7, 6)
                row["interests"] = {
                    c: round(float(np.clip(v + e, 1, 7)), 2)
                    for c, v, e in zip(codes, base, noise, strict=True)
                }
            fh.write(json.dumps(row) + "\n")


def test_recommend_only_every_onet_occupation(tmp_path: Path, benchmark: Any) -> None:
    """100,000 clients × every O*NET 30.1 occupation, recommend-only, 2 workers: < 60 s."""
    if not ONET30.is_dir():
        pytest.skip(f"O*NET 30.1 not found at {ONET30} (CAREERFIT_ONET_DIR)")
    from careerfit_opt.data.onet import load_onet

    catalog = load_onet(ONET30)
    roster = tmp_path / "clients.jsonl"
    _onet_roster(roster, catalog, REC_CLIENTS)
    warm = tmp_path / "warm.jsonl"
    _onet_roster(warm, catalog, 2000, seed=8)
    options = BatchOptions(catalog=catalog_source(str(ONET30)), top=10, recommend_only=True)
    out = tmp_path / "results.jsonl"
    pool = PoolExecutor(2)
    t0 = time.perf_counter()
    list(start_batch(warm, None, options=options, executor=pool))
    warmup = time.perf_counter() - t0
    # Measured before the timed run (the workers idle), not during it.
    limit, why = scaled_limit(REC_TARGET_S)
    busy = _busy()
    cpu0 = _cpu_seconds()
    with _peak_child_rss() as peak:
        t0 = time.perf_counter()
        run = start_batch(roster, out, options=options, executor=pool)
        count = sum(1 for _ in run)
        elapsed = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    pool.close()
    busy = busy or _busy()
    benchmark.pedantic(lambda: None, rounds=1)
    projected = elapsed * REC_TARGET_CLIENTS / count
    print(
        f"\nrecommend-only: {count:,} clients × {len(catalog.occupations)} occupations in "
        f"{elapsed:.1f} s = {count / elapsed:,.0f}/s (projected {projected:.1f} s for "
        f"{REC_TARGET_CLIENTS:,}: target < {REC_TARGET_S:g} s "
        f"{'met' if projected < REC_TARGET_S else 'NOT MET'}; {why}, limit asserted "
        f"{limit:.1f} s); warm-up {warmup:.1f} s; "
        f"peak worker RSS {peak['rss'] / 2**20:.0f} MiB; this process's peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB; results "
        f"{out.stat().st_size / 2**20:.0f} MiB; load average {os.getloadavg()}"
        f"{' [machine busy]' if busy else ''}"
    )
    per_100k = cpu * REC_TARGET_CLIENTS / count
    print(
        f"  CPU: {cpu:.1f} s (workers and this process) = {per_100k:.0f} CPU-s per "
        f"{REC_TARGET_CLIENTS:,} clients, i.e. ≥ {per_100k / 2:.0f} s on 2 free cores"
    )
    benchmark.extra_info.update(
        {"clients": count, "seconds": elapsed, "projected_100k_s": projected,
         "limit_s": limit, "cpu_s": cpu, "peak_worker_rss": peak["rss"]}
    )  # fmt: skip
    assert count == REC_CLIENTS
    assert peak["rss"] <= WORKER_RSS_LIMIT
    if busy:
        print("  machine busy: time reported, not asserted")
        return
    # The 60 s are the reference machine's; a slower machine gets its measured slowdown.
    assert projected < limit, f"projected {projected:.1f} s ≥ {limit:.1f} s ({why})"
