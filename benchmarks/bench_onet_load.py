"""O*NET import: a cached load must be ≥ 10× faster than the first load, in the same process.

Run: ``pytest benchmarks/bench_onet_load.py`` (needs the real tables: CAREERFIT_ONET_DIR,
default ../shared/data/onet-30.1, the complete release with alternate titles and technologies).
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

import pytest

from careerfit_opt.data.onet import load_onet

REPO_ROOT = Path(__file__).resolve().parents[1]
ONET_DIR = Path(
    os.environ.get("CAREERFIT_ONET_DIR", REPO_ROOT.parent / "shared" / "data" / "onet-30.1")
)
MIN_SPEEDUP = 10.0


@pytest.fixture(scope="module")
def onet_dir() -> Path:
    if not any(ONET_DIR.glob("[Ss]kills*")):
        msg = f"O*NET tables not found in {ONET_DIR} (set CAREERFIT_ONET_DIR)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return ONET_DIR


def test_cached_load_is_10x_faster(benchmark: Any, onet_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    start = time.perf_counter()
    first = load_onet(onet_dir, cache_root=root)  # reads, validates, writes the cache
    first_s = time.perf_counter() - start

    cached = benchmark(load_onet, onet_dir, cache_root=root)
    assert cached == first
    stats = getattr(benchmark, "stats", None)
    if stats is not None:
        cached_s = stats.stats.median
    else:  # --benchmark-disable: time a few loads by hand
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            load_onet(onet_dir, cache_root=root)
            runs.append(time.perf_counter() - start)
        cached_s = statistics.median(runs)
    ratio = first_s / cached_s
    benchmark.extra_info.update(first_load_s=first_s, cached_load_s=cached_s, speedup=ratio)
    print(f"\nfirst load {first_s * 1000:.0f} ms, cached {cached_s * 1000:.1f} ms: {ratio:.1f}×")
    assert ratio >= MIN_SPEEDUP, f"cached load only {ratio:.1f}× faster (need {MIN_SPEEDUP:g}×)"
