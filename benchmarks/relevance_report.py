"""Unrelated steps before and after the relevance level (issue 11, item 4).

Plans every bundled scenario and the 30 O*NET persona scenarios (``tests/onet_personas.py``,
O*NET 30.1 with the bundled actions and overlay) with the default objective, once without the
``unrelated_steps`` level and once with it, and prints how many steps come from outside the
target's field. Run on a quiet machine (numbers depend on the time limit being reached):

    nice python benchmarks/relevance_report.py [--onet ../shared/data/onet-30.1] [--limit 10]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from careerfit_opt.io.scenario import load_scenario, scenario_from_data  # noqa: E402
from careerfit_opt.model import PlanResult  # noqa: E402
from careerfit_opt.planner import budget, plan  # noqa: E402
from onet_personas import personas  # noqa: E402


def _print(row: tuple[str, str, bool, PlanResult]) -> None:
    set_, name, prefer, r = row
    print(json.dumps({
        "set": set_, "scenario": name, "prefer_related": prefer, "status": r.status.value,
        "target_met": r.target_met, "steps": len(r.steps), "unrelated": r.unrelated_steps,
        "ready_week": r.ready_week, "cost": r.total_cost, "wall_s": r.wall_time_s,
        "objective_value": r.objective_value, "gap": r.gap,
        "unrelated_titles": [s.title for s in r.steps if not s.related],
    }), flush=True)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--onet", default=str(ROOT.parent / "shared/data/onet-30.1"))
    ap.add_argument("--limit", type=float, default=10.0)
    ap.add_argument("--only", choices=("bundled", "onet", "both"), default="both")
    ap.add_argument(
        "--wall-factor",
        type=float,
        default=2.0,
        help="wall-clock guard as a multiple of the limit; raise it on a loaded machine so the "
        "work budget, not the load, ends each run (the numbers then repeat exactly)",
    )
    args = ap.parse_args()
    budget.WALL_FACTOR = args.wall_factor
    rows = []
    if args.only in ("bundled", "both"):
        for path in sorted((ROOT / "scenarios").glob("*.*")):
            loaded = load_scenario(path)
            sc = loaded.scenario
            if sc.target.occupation is None:
                continue
            for prefer in (False, True):
                r = plan(sc.profile, sc.target.occupation, loaded.catalog,
                         objective=sc.objective, hard=sc.target.hard, time_limit=args.limit,
                         explain_reasons=False, prefer_related=prefer)  # fmt: skip
                rows.append(("bundled", path.stem, prefer, r))
                _print(rows[-1])
    if args.only in ("onet", "both"):
        data = {"profile": {"name": "x"}, "catalog": {"onet": args.onet, "actions": ["bundled"]}}
        catalog = scenario_from_data(data, ROOT).catalog
        for sc in personas(catalog):
            assert sc.target.occupation is not None
            for prefer in (False, True):
                r = plan(sc.profile, sc.target.occupation, catalog, objective=sc.objective,
                         time_limit=args.limit, explain_reasons=False,
                         prefer_related=prefer)  # fmt: skip
                rows.append(("onet", sc.name, prefer, r))
                _print(rows[-1])
    for set_ in ("bundled", "onet"):
        for prefer in (False, True):
            sel = [r for s, _, p, r in rows if s == set_ and p == prefer]
            if sel:
                print(
                    f"{set_} prefer_related={prefer}: {len(sel)} plans, "
                    f"{sum(len(r.steps) for r in sel)} steps, "
                    f"{sum(r.unrelated_steps for r in sel)} unrelated, "
                    f"{sum(1 for r in sel if r.status.value == 'optimal')} optimal"
                )


if __name__ == "__main__":
    main()
