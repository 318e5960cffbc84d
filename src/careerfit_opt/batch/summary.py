"""The closing numbers of a batch: statuses, solve times, proven share, costs and ready weeks."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from careerfit_opt.batch.worker import STATUSES


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0–1) of ``values``; ``None`` when empty.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.95)
    4.0
    """
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def distribution(values: Sequence[float]) -> dict[str, float] | None:
    """Minimum, median, 95th percentile and maximum (``None`` when empty)."""
    if not values:
        return None
    return {
        "min": min(values),
        "median": statistics.median(values),
        "p95": percentile(values, 0.95) or 0.0,
        "max": max(values),
    }


def summarise(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The closing summary of a batch from its records (full or slim).

    ``solve_s`` is the planning time per client (every target); ``proven`` the share of plans
    proven optimal or proven infeasible; ``cost`` and ``ready_week`` are over the clients' best
    plans.
    """
    rows = list(records)
    statuses = Counter(r.get("status", "") for r in rows)
    solve = [r["timings"]["plan_s"] for r in rows if "plan_s" in (r.get("timings") or {})]
    plans = [p for r in rows for p in r.get("plans") or []]
    proven = sum(p.get("status") in ("optimal", "infeasible") for p in plans)
    gaps = [p["gap"] for p in plans if p.get("status") == "feasible" and p.get("gap") is not None]
    best = [r["best"] for r in rows if r.get("best")]
    return {
        "clients": len(rows),
        "statuses": {s: statuses.get(s, 0) for s in STATUSES},
        "plans": len(plans),
        "solve_s": distribution(solve),
        "proven_share": proven / len(plans) if plans else None,
        "mean_gap_unproven": statistics.fmean(gaps) if gaps else None,
        "cost": distribution([float(b["cost"]) for b in best if b.get("cost") is not None]),
        "ready_week": distribution(
            [float(b["ready_week"]) for b in best if b.get("ready_week") is not None]
        ),
    }
