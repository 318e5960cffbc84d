"""Scoring benchmarks on the real O*NET tables (pytest-benchmark; docs/performance.md).

Ratios are measured in one process, interleaving the baselines with the kernel, because the
machine is shared and absolute numbers are noisy. ``CAREERFIT_QUICK=1`` uses fewer profiles.

    pytest benchmarks/bench_scoring.py --benchmark-only -s
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from careerfit_opt import recommend
from careerfit_opt.data.onet import load_onet
from careerfit_opt.model import Catalog, Profile, ScoringSettings
from careerfit_opt.scoring import OccupationArrays, ProfileArrays, compile_catalog
from careerfit_opt.scoring.kernel import numba_top_k
from careerfit_opt.scoring.reference import score_arrays
from machine_speed import scaled_limit

QUICK = os.environ.get("CAREERFIT_QUICK", "") not in ("", "0")
N_PROFILES = 10_000 if QUICK else 100_000
N_STREAM = 100_000 if QUICK else 1_000_000
ONET = Path(os.environ.get("CAREERFIT_ONET_DIR", Path(__file__).resolve().parents[2] / "shared"
                           / "data" / "onet-30.1"))  # fmt: skip
#: Floating-point operations per profile × occupation × dimension, counted like GEMM's (a fused
#: multiply-add is 2): the hot loop's min(h, L) and three multiply-adds (docs/performance.md).
FLOPS_PER_ELEMENT = 7.0
#: Targets (docs/performance.md) and the regression guards asserted: a guard is what the code
#: meets with margin on a loaded 2-core CI machine; where it is below the target, the benchmark
#: prints "NOT MET" with the measured number rather than assert a number the code does not reach.
GEMM_RATIO_TARGET = 0.30
RECOMMEND_MS_TARGET, RECOMMEND_WALL_MS_GUARD = 10.0, 60.0
COLD_COMPILE_TARGET_S, COLD_COMPILE_GUARD_S, WARM_OVERHEAD_TARGET_S = 5.0, 20.0, 0.5


def verdict(name: str, measured: float, target: float, unit: str = "", higher: bool = True) -> str:
    """``name measured — target T met/NOT MET``, printed with the benchmark's numbers."""
    met = measured >= target if higher else measured <= target
    sign = "≥" if higher else "≤"
    return (f"{name} {measured:.3g}{unit} — target {sign} {target:g}{unit} "
            f"{'met' if met else 'NOT MET'}")  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    if not (ONET / "skills.txt").exists():
        pytest.skip("O*NET tables not found (CAREERFIT_ONET_DIR)")
    return load_onet(ONET)


def synthetic_profiles(occ: OccupationArrays, n: int, seed: int = 0) -> ProfileArrays:
    """Profiles near random occupations: their levels ± noise, 10% of levels unknown."""
    rng = np.random.default_rng(seed)
    base = rng.integers(0, occ.size, n)
    lv = np.clip(occ.level[base] + rng.normal(0, 1.0, (n, len(occ.dimension_ids))), 0, 7)
    lv[rng.random(lv.shape) < 0.1] = np.nan
    ints = np.clip(np.nan_to_num(occ.interests[base], nan=4.0) + rng.normal(0, 1, (n, 6)), 1, 7)
    vals = np.clip(np.nan_to_num(occ.values[base], nan=4.0) + rng.normal(0, 1, (n, 6)), 1, 7)
    return ProfileArrays(
        names=tuple(str(i) for i in range(n)),
        dimension_ids=occ.dimension_ids,
        level=lv.astype(np.float32),
        interests=ints.astype(np.float32),
        values=vals.astype(np.float32),
        passion_weight=np.full(n, 0.3, np.float32),
        zone=np.clip(np.nan_to_num(occ.zone[base], nan=3.0) + rng.integers(-1, 2, n), 1, 5).astype(
            np.float32
        ),
    )


def settle() -> None:
    """Let OpenBLAS's worker threads go idle: after a call they spin for ~0.1 s (0.1 CPU-s,
    measured), taking a core from whatever is measured next; a 2-thread kernel run right after
    the GEMM lost ~25% of its speed."""
    time.sleep(0.25)


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Best wall time and best process CPU time (all threads) of ``repeat`` calls."""
    wall = cpu = np.inf
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def test_kernel_rate_vs_gemm_and_numpy(benchmark: Any, catalog: Catalog) -> None:
    occ = compile_catalog(catalog)
    prof = synthetic_profiles(occ, N_PROFILES)
    settings = ScoringSettings()
    n_r, n_k = occ.size, len(occ.dimension_ids)
    flops = FLOPS_PER_ELEMENT * prof.size * n_r * n_k
    numba_top_k(prof, occ, settings, 10)  # warm-up (compile or load the cache)

    rng = np.random.default_rng(1)
    a = rng.random((2048, 2048), dtype=np.float32)
    b = rng.random((2048, 2048), dtype=np.float32)
    small = synthetic_profiles(occ, 500 if QUICK else 2000, seed=2)

    def numpy_baseline() -> None:
        score_arrays(small, occ, settings.interest_index, settings.values_weight)

    gemm = kernel = base = gemm_cpu = kernel_cpu = np.inf
    # Interleaved rounds, best of each: the machine is shared, so a busy moment should hit
    # every measurement alike, and the best of several is the least disturbed.
    for _ in range(4 if QUICK else 3):
        w, c = best_of(lambda: a @ b, 3)
        gemm, gemm_cpu = min(gemm, w), min(gemm_cpu, c)
        settle()
        w, c = best_of(lambda: numba_top_k(prof, occ, settings, 10), 3 if QUICK else 1)
        kernel, kernel_cpu = min(kernel, w), min(kernel_cpu, c)
        base = min(base, best_of(numpy_baseline, 1)[0])
        settle()
    gemm_rate = 2 * 2048**3 / gemm
    kernel_rate = flops / kernel
    numpy_rate = FLOPS_PER_ELEMENT * small.size * n_r * n_k / base
    benchmark.extra_info.update(
        profiles=prof.size, occupations=n_r, dimensions=n_k,
        kernel_gflops=kernel_rate / 1e9, gemm_gflops=gemm_rate / 1e9,
        numpy_gflops=numpy_rate / 1e9, ratio_vs_gemm=kernel_rate / gemm_rate,
        # Per CPU-second of all threads: insensitive to how much of the machine we got.
        ratio_vs_gemm_per_cpu_second=(flops / kernel_cpu) / (2 * 2048**3 / gemm_cpu),
        speedup_vs_numpy=kernel_rate / numpy_rate,
    )  # fmt: skip
    print("\nscoring kernel:", json.dumps(benchmark.extra_info, indent=1))
    ratio = benchmark.extra_info["ratio_vs_gemm"]
    print(verdict("GEMM ratio", ratio, GEMM_RATIO_TARGET), f"(load {os.getloadavg()[0]:.1f})")
    benchmark.pedantic(numba_top_k, args=(prof, occ, settings, 10), rounds=3, iterations=1)
    # Issue-10 formula on 30.1 (7 flops per element): 0.117–0.200 after the second pass, 0.241
    # quiet after the batch work; the register-blocked hot loop (2026-12-02) reads 0.460 and
    # 0.496 quiet (0.51–0.85 loaded: GEMM suffers more under load), so the target itself is
    # asserted (docs/performance.md).
    assert benchmark.extra_info["speedup_vs_numpy"] >= 10
    assert ratio >= GEMM_RATIO_TARGET


def test_recommend_latency(benchmark: Any, catalog: Catalog) -> None:
    person = Profile.from_occupation(catalog.occupations[123])
    recommend(person, catalog)  # warm-up: compiles the catalogue once
    result = benchmark(recommend, person, catalog)
    assert result.scored == len(catalog.occupations)
    wall_ms = benchmark.stats.stats.median * 1e3
    cpu = []
    for _ in range(30):
        start = time.process_time()
        recommend(person, catalog)
        cpu.append(time.process_time() - start)
    cpu_ms = float(np.median(cpu)) * 1e3
    benchmark.extra_info.update(median_ms=wall_ms, median_cpu_ms=cpu_ms)
    print(f"\nrecommend(): {verdict('median wall', wall_ms, RECOMMEND_MS_TARGET, ' ms', False)}; "
          f"{verdict('median CPU', cpu_ms, RECOMMEND_MS_TARGET, ' ms', False)} "
          f"(load {os.getloadavg()[0]:.1f})")  # fmt: skip
    # Target ≤ 10 ms. The CPU time per call (our work, whatever the load) is held to the target,
    # scaled by how much slower this machine runs than the reference (benchmarks/machine_speed.py);
    # the wall time only to a guard: under load 10 it measured a median of ~17 ms wall for
    # ~5 ms CPU (docs/performance.md), waiting for a core rather than working.
    limit_ms, why = scaled_limit(RECOMMEND_MS_TARGET)
    print(f"  {why}: CPU limit asserted {limit_ms:.1f} ms")
    assert cpu_ms <= limit_ms, f"median CPU {cpu_ms:.1f} ms > {limit_ms:.1f} ms ({why})"
    assert wall_ms <= RECOMMEND_WALL_MS_GUARD


STREAM = textwrap.dedent(
    """
    import sys, time
    import numpy as np
    sys.path.insert(0, {bench!r})
    from bench_scoring import synthetic_profiles
    from careerfit_opt.data.onet import load_onet
    from careerfit_opt.model import ScoringSettings
    from careerfit_opt.scoring import compile_catalog
    from careerfit_opt.scoring.kernel import numba_top_k
    occ = compile_catalog(load_onet({onet!r}))
    n, chunk = {n}, 50_000
    idx = np.empty((n, 10), np.int32)
    top = np.empty((n, 10), np.float32)
    start = time.perf_counter()
    for s in range(0, n, chunk):
        prof = synthetic_profiles(occ, min(chunk, n - s), seed=s)
        idx[s:s + prof.size], top[s:s + prof.size] = numba_top_k(prof, occ, ScoringSettings(), 10)
    # VmHWM is this process's own peak. ru_maxrss is not: Linux carries the parent's peak into
    # a child across vfork + exec, so under pytest it reported the test runner's peak.
    status = open("/proc/self/status").read()
    peak_kib = int(status.split("VmHWM:")[1].split()[0])
    print(time.perf_counter() - start, peak_kib)
    """
)


def test_streaming_top10_peak_rss(benchmark: Any, catalog: Catalog) -> None:
    code = STREAM.format(bench=str(Path(__file__).parent), onet=str(ONET), n=N_STREAM)
    out = benchmark.pedantic(
        lambda: (
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        ),
        rounds=1,
        iterations=1,
    )
    seconds, rss_kib = out.split()
    benchmark.extra_info.update(profiles=N_STREAM, seconds=float(seconds),
                                peak_rss_mib=int(rss_kib) / 1024)  # fmt: skip
    print("\nstreaming top-10:", benchmark.extra_info)
    assert int(rss_kib) < 1024 * 1024  # 1 GiB


COMPILE = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    import numba
    t_numba = time.perf_counter()
    import numpy as np
    from careerfit_opt.model import Occupation, Profile, Requirement, ScoringSettings
    from careerfit_opt.scoring import compile_occupations, compile_profiles
    from careerfit_opt.scoring.kernel import numba_scores, numba_top_k
    occ = compile_occupations([Occupation(id="x", title="X",
                                          requirements={"a": Requirement(level=3)})])
    prof = compile_profiles([Profile(levels={"a": 2})] * 100, occ.dimension_ids)
    t1 = time.perf_counter()
    c1 = time.process_time()
    def run():
        numba_scores(prof, occ, ScoringSettings())
        numba_scores(compile_profiles([Profile()], occ.dimension_ids), occ, ScoringSettings())
        numba_top_k(prof, occ, ScoringSettings(), 1)
    run()
    t2 = time.perf_counter()
    c2 = time.process_time()
    run()
    t3 = time.perf_counter()
    c3 = time.process_time()
    print(t_numba - t0, (t2 - t1) - (t3 - t2), (c2 - c1) - (c3 - c2))
    """
)


def test_compile_overhead_cold_and_warm(benchmark: Any) -> None:
    """First-call overhead (first call − second call) in fresh processes: a cold cache, then
    the cache warm; both wall and CPU seconds (the machine is shared), and ``import numba``."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}

        def once() -> tuple[float, float, float]:
            out = subprocess.run([sys.executable, "-c", COMPILE], capture_output=True,
                                 text=True, check=True, env=env).stdout  # fmt: skip
            numba_s, wall, cpu = (float(x) for x in out.split()[-3:])
            return numba_s, wall, cpu

        _, cold, cold_cpu = benchmark.pedantic(once, rounds=1, iterations=1)
        warm = [once() for _ in range(3)]
    numba_s, warm_wall, warm_cpu = (min(x) for x in zip(*warm, strict=True))
    benchmark.extra_info.update(
        cold_compile_s=cold, cold_compile_cpu_s=cold_cpu, warm_cache_overhead_s=warm_wall,
        warm_cache_overhead_cpu_s=warm_cpu, import_numba_s=numba_s,
    )  # fmt: skip
    print("\ncompile overhead:", benchmark.extra_info)
    # Targets (issue 4): ≤ 5 s cold, ≤ 0.5 s warm, CPU seconds for the cold compile (insensitive
    # to a shared machine). The issue-10 kernel compiles in 9.5–17.8 CPU-s (docs/performance.md):
    # the 5-s target is printed NOT MET, and a guard against a further regression is asserted,
    # scaled like the other absolute targets by this machine's measured slowdown.
    cold_verdict = verdict("cold compile", cold_cpu, COLD_COMPILE_TARGET_S, " CPU-s", False)
    warm_verdict = verdict("warm first call", warm_wall, WARM_OVERHEAD_TARGET_S, " s", False)
    print(f"  {cold_verdict}; {warm_verdict}")
    if not QUICK:
        guard, why = scaled_limit(COLD_COMPILE_GUARD_S)
        assert cold_cpu <= guard, f"cold compile took {cold_cpu:.2f} CPU-s > {guard:.1f} ({why})"
        warm_limit, why = scaled_limit(WARM_OVERHEAD_TARGET_S)
        assert warm_wall <= warm_limit, f"warm first-call overhead {warm_wall:.2f} s ({why})"
