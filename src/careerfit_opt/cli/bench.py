"""``careerfit bench``: plan across named, seeded profile sets and print the numbers."""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported inside the functions that use it: start-up stays light
    from rich.table import Table

from careerfit_opt.cli.app import err, out
from careerfit_opt.cli.parsing import number


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def _s(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f} s"


def bench_table(report: dict[str, Any]) -> Table:
    """One row per set."""
    from rich.table import Table

    m = report["machine"]
    load = ", ".join(f"{x:g}" for x in m["load_average"])
    table = Table(
        title=f"careerfit bench — {m['cores']} cores, load average {load}",
        header_style="bold",
        title_justify="left",
    )
    for col in (
        "set", "profiles", "median", "p95", "proven", "gap (unproven)",
        "earlier than greedy", "recommend()/s", "top-k/s (1 thread)",
    ):  # fmt: skip
        table.add_column(col, justify="left" if col == "set" else "right")
    for r in report["sets"]:
        earlier = _pct(r["vs_greedy_earlier_mean"])
        earlier += f" (n={r['vs_greedy_equal_shortfall']})"
        table.add_row(
            r["set"],
            str(r["profiles"]),
            _s(r["solve_s_median"]),
            _s(r["solve_s_p95"]),
            _pct(r["proven_share"]),
            f"{r['gap_to_bound_mean']:.1%} ({r['unproven']})",
            earlier,
            f"{r['recommend_per_s']:,.0f}",
            f"{r['topk_kernel_per_s_1_thread']:,.0f}",
        )
    return table


USAGE = "[OPTIONS]"
HELP = """Plan across named, seeded profile sets: solve time, proven share, gap, quality against
greedy, recommendations per second (docs/performance.md states the protocol)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--set``, ``--json``, ``--time-limit``, ``--quick``, ``--onet``."""
    parser.add_argument(
        "--set", "-s", dest="sets", action="append", metavar="SET",
        help="synthetic, bundled or onet (repeat; default: all).",
    )  # fmt: skip
    parser.add_argument("--json", dest="as_json", action="store_true",
                        help="Print the report as JSON.")  # fmt: skip
    parser.add_argument("--time-limit", type=number, default=10.0, metavar="SECONDS",
                        help="Solver seconds.")  # fmt: skip
    parser.add_argument("--quick", action="store_true",
                        help="Smaller sets (also CAREERFIT_QUICK=1).")  # fmt: skip
    parser.add_argument(
        "--onet", metavar="DIR_OR_RELEASE",
        help="O*NET 30.1 folder or installed release (default: CAREERFIT_ONET_DIR, "
        "else installed 30.1).",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Run the sets and print the table (or JSON)."""
    from careerfit_opt.batch.bench import run_bench

    as_json: bool = args.as_json
    quick = args.quick or os.environ.get("CAREERFIT_QUICK", "") not in ("", "0")

    def progress(name: str, i: int, n: int) -> None:
        if not as_json:
            err.print(f"{name}: {i}/{n}", markup=False)

    report = run_bench(
        args.sets, time_limit=args.time_limit, quick=quick, onet_dir=args.onet, progress=progress
    )
    if as_json:
        print(json.dumps(report, indent=2))
        return 0
    out.print(bench_table(report))
    for r in report["sets"]:
        out.print(f"[bold]{r['set']}[/]: {r['description']}; statuses {r['statuses']}")
    out.print(
        "[dim]Times are wall-clock on a possibly shared machine: compare runs by the load "
        "average above.[/]"
    )
    return 0
