"""Recommendation quality on the development half of O*NET's expert tables (docs/evaluation.md).

Fails when the default settings fall below the level measured when the formula was chosen
(docs/scoring.md, docs/performance.md): precision@10 against Related Occupations 30.1 on the
30.1 tables, recall@10 against the Career Changers Matrix 23.2 on the 23.x tables. The results
are deterministic, so the guards sit just under the measured values.

    pytest benchmarks/bench_quality.py --benchmark-only -s
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from careerfit_opt import evaluate, load_onet

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
#: The tables as the tests find them (CAREERFIT_ONET_DIR: 30.1, CAREERFIT_ONET23_DIR: 23.x) and
#: the expert tables (CAREERFIT_EVAL_DIR), all defaulting to ../shared/data.
TABLES = {
    "onet-30.1": Path(os.environ.get("CAREERFIT_ONET_DIR", SHARED / "onet-30.1")),
    "onet": Path(os.environ.get("CAREERFIT_ONET23_DIR", SHARED / "onet")),
}
EVAL = Path(os.environ.get("CAREERFIT_EVAL_DIR", SHARED / "onet-eval"))
#: (tables, expert table, measure, measured on the development half, guard).
CASES = {
    "related-30.1": ("onet-30.1", "related_occupations_30_1_dev.txt", "precision", 0.590, 0.585),
    "changers-23.2": ("onet", "career_changers_23_2_dev.txt", "recall", 0.313, 0.310),
}


@pytest.mark.parametrize("case", list(CASES))
def test_quality_on_the_development_half(benchmark: Any, case: str) -> None:
    tables, table, measure, measured, guard = CASES[case]
    onet, related = TABLES[tables], EVAL / table
    if not (onet / "skills.txt").exists() or not related.exists():
        msg = f"{onet} or {related} not found (CAREERFIT_ONET_DIR/ONET23_DIR, CAREERFIT_EVAL_DIR)"
        if os.environ.get("CI"):  # CI has ../shared beside it: a missing table is a failure
            pytest.fail(msg)
        pytest.skip(msg)
    catalog = load_onet(onet)
    result = benchmark.pedantic(
        evaluate, args=(catalog, related), kwargs={"resamples": 2000}, rounds=1, iterations=1
    )
    m = getattr(result, measure)
    benchmark.extra_info.update(
        sources=result.sources, measure=f"{measure}@{result.k}", value=m.value, low=m.low,
        high=m.high, precision=result.precision.value, recall=result.recall.value,
        mrr=result.mrr.value, measured=measured,
    )  # fmt: skip
    print(f"\n{case}: {measure}@10 = {m.value:.4f} [{m.low:.4f}, {m.high:.4f}]")
    assert m.value >= guard, f"{case}: {measure}@10 {m.value:.4f} fell below {guard}"
