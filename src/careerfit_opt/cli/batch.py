"""``careerfit batch``: recommend and plan for every client of a roster, resumably."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported inside the functions that use it: start-up stays light
    from rich.table import Table

from careerfit_opt.cli.app import EXIT_OK, err, out
from careerfit_opt.cli.parsing import OBJECTIVES, integer, number

#: Seconds between two plain progress lines when standard error is not a terminal.
PLAIN_EVERY_S = 10.0


def _fmt_s(x: float | None) -> str:
    return "" if x is None else f"{x:.2f} s"


def _dist(d: dict[str, float] | None, money: bool = False) -> str:
    if d is None:
        return "—"

    def f(v: float) -> str:
        return f"{v:,.0f}" if money else f"{v:g}"

    return f"min {f(d['min'])} · median {f(d['median'])} · p95 {f(d['p95'])} · max {f(d['max'])}"


def summary_table(summary: dict[str, Any], title: str) -> Table:
    """The closing table of a batch."""
    from rich.table import Table

    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("", style="bold")
    table.add_column("")
    table.add_row("clients", f"{summary['clients']:,}")
    table.add_row(
        "statuses", " · ".join(f"{k} {v:,}" for k, v in summary["statuses"].items() if v) or "—"
    )
    solve = summary["solve_s"]
    if solve is not None:
        table.add_row(
            "solve time per client",
            f"median {_fmt_s(solve['median'])} · p95 {_fmt_s(solve['p95'])}",
        )
    if summary["proven_share"] is not None:
        table.add_row(
            "proven optimal",
            f"{summary['proven_share']:.0%} of {summary['plans']:,} plans (optimal or infeasible)",
        )
    if summary["mean_gap_unproven"] is not None:
        table.add_row("mean gap, unproven plans", f"{summary['mean_gap_unproven']:.1%}")
    if summary["plans"]:
        table.add_row("cost of best plans", _dist(summary["cost"], money=True))
        table.add_row("ready week of best plans", _dist(summary["ready_week"]))
    return table


class _Plain:
    """Progress as plain lines (standard error is not a terminal)."""

    def __init__(self, total: int, done: int) -> None:
        self.total, self.done, self.failed = total, done, 0
        self.start, self.last, self.base = time.perf_counter(), 0.0, done

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.perf_counter()
        if now - self.last >= PLAIN_EVERY_S or self.done == self.total:
            self.last = now
            rate = (self.done - self.base) / max(now - self.start, 1e-9)
            left = (self.total - self.done) / rate if rate > 0 else float("inf")
            eta = f"{left:,.0f} s" if left != float("inf") else "?"
            err.print(
                f"{self.done:,}/{self.total:,} clients · {rate:,.1f}/s · ETA {eta} · "
                f"{self.failed:,} failed",
                markup=False,
            )

    def close(self) -> None:
        """Nothing to tear down."""


class _Bar:
    """A progress bar on the terminal: done/total, rate, ETA, failures so far."""

    def __init__(self, total: int, done: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.failed = 0
        self.start, self.base = time.perf_counter(), done
        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failed]}"),
            console=err,
        )
        self.task = self.progress.add_task("batch", total=total, completed=done,
                                           rate="", failed="")  # fmt: skip
        self.progress.start()

    def advance(self, failed: bool) -> None:
        self.failed += failed
        task = self.progress.tasks[0]
        rate = (task.completed + 1 - self.base) / max(time.perf_counter() - self.start, 1e-9)
        style = "red" if self.failed else "dim"
        self.progress.update(
            self.task,
            advance=1,
            rate=f"{rate:,.1f}/s",
            failed=f"[{style}]{self.failed:,} failed[/]",
        )

    def close(self) -> None:
        """Stop drawing the bar."""
        self.progress.stop()


USAGE = "[OPTIONS] ROSTER"
HELP = """Recommend, then plan the top K (or the target), for every client of a roster.

Each result is appended to --out as one JSON line as soon as it is done; a CSV summary is
written beside it. Rerun the same command to resume: finished clients are skipped.
Exit 0 when every client has a record (see their statuses), 2 on bad input."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``ROSTER``, ``--out``, the workers, the catalogue and the planning options."""
    parser.add_argument(
        "roster", metavar="ROSTER", type=Path,
        help="Clients: a .jsonl (profiles or scenarios), a .csv or a folder.",
    )  # fmt: skip
    parser.add_argument("--out", "-o", dest="out_file", type=Path, required=True, metavar="FILE",
                        help="Results file (JSON lines); rerun to resume.")  # fmt: skip
    where = parser.add_argument_group("where it runs")
    where.add_argument("--workers", type=integer(), metavar="N",
                       help="Local worker processes (default: every core).")  # fmt: skip
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")  # fmt: skip
    where.add_argument("--dask-local", type=integer(), metavar="N",
                       help="Start a Dask LocalCluster of N workers.")  # fmt: skip
    what = parser.add_argument_group("what each client gets")
    what.add_argument(
        "--catalog", metavar="CATALOG",
        help="Bundled name, catalogue file or O*NET folder (default: default).",
    )  # fmt: skip
    what.add_argument(
        "--actions", action="append", metavar="FILE",
        help="Action file to add to --catalog, or 'bundled' (the actions for O*NET).",
    )  # fmt: skip
    what.add_argument("--top", "-n", type=integer(), metavar="K",
                      help="Recommendations to plan per client (default 3).")  # fmt: skip
    what.add_argument(
        "--objective", metavar="OBJECTIVE",
        help=f"{OBJECTIVES} (default: the client's).",
    )  # fmt: skip
    what.add_argument("--time-limit", type=number, metavar="SECONDS",
                      help="Solver seconds per plan.")  # fmt: skip
    what.add_argument("--recommend-only", action="store_true",
                      help="Recommend only, no plans (fast).")  # fmt: skip
    what.add_argument("--no-explain", action="store_true",
                      help="Skip the reasons for gaps and infeasibility.")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Run the batch with progress on standard error, then print the summary."""
    from careerfit_opt.batch import BatchOptions, catalog_source, start_batch, summarise

    roster: Path = args.roster
    out_file: Path = args.out_file
    options = BatchOptions(
        catalog=catalog_source(args.catalog, actions=args.actions),
        top=args.top,
        objective=args.objective,
        time_limit=args.time_limit,
        recommend_only=args.recommend_only,
        explain=not args.no_explain,
    )
    run = start_batch(
        roster,
        out_file,
        options=options,
        workers=args.workers,
        scheduler=args.scheduler,
        dask_local=args.dask_local,
    )
    if run.store is not None and run.store.truncated:
        err.print(
            f"note: dropped a torn last line ({run.store.truncated} bytes) left by an "
            "interrupted run; that client runs again",
            markup=False,
        )
    err.print(
        f"{run.total:,} clients: {run.skipped:,} already done, {len(run.pending):,} to run on "
        f"{run.executor.name}",
        markup=False,
    )
    bar = _Bar if err.is_terminal else _Plain
    progress = bar(run.total, run.skipped)
    t0 = time.perf_counter()
    try:
        for record in run:
            progress.advance(record["status"] == "error")
    except KeyboardInterrupt:
        progress.close()
        err.print(
            f"interrupted: {len(run.finished):,} of {run.total:,} results are saved in "
            f"{out_file}; run the same command again to resume",
            markup=False,
        )
        raise
    finally:
        progress.close()
    elapsed = time.perf_counter() - t0
    summary = summarise(run.finished)
    out.print(summary_table(summary, f"Batch {roster} → {out_file}"))
    ran = len(run.pending)
    rate = f" ({ran / elapsed:,.1f} clients/s)" if elapsed > 0 and ran else ""
    out.print(f"ran {ran:,} clients in {elapsed:,.1f} s{rate}; summary: {run.summary_file}")
    return EXIT_OK
