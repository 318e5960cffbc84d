"""``careerfit report``: one page an adviser can hand over; ``--output``/``--chart`` helpers that
``plan`` and ``recommend`` share.

The report modules (and matplotlib) are imported only when a report or chart is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from careerfit_opt.cli.app import err
from careerfit_opt.cli.parsing import OBJECTIVES, integer, number
from careerfit_opt.errors import InputError, Problem

if TYPE_CHECKING:
    from careerfit_opt.report.build import Report

#: Output formats by file suffix.
OUTPUT_FORMATS = (".json", ".html", ".md")
#: Chart formats by file suffix.
CHART_FORMATS = (".png", ".svg", ".pdf")


def output_format(path: Path, option: str = "--output") -> str:
    """The format a ``--output`` file asks for by its suffix; bad input (exit 2) otherwise."""
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise InputError(
            [Problem(option, f"{path.name!r} has no known suffix; use one of "
                             f"{', '.join(OUTPUT_FORMATS)}")]
        )  # fmt: skip
    return suffix


def chart_format(path: Path, option: str = "--chart") -> str:
    """The format a ``--chart`` file asks for by its suffix; bad input (exit 2) otherwise."""
    suffix = path.suffix.lower()
    if suffix not in CHART_FORMATS:
        raise InputError(
            [Problem(option, f"{path.name!r} has no known suffix; use one of "
                             f"{', '.join(CHART_FORMATS)}")]
        )  # fmt: skip
    return suffix


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :mod:`careerfit_opt.report.files`)."""
    from careerfit_opt.report.files import write_atomic as _write

    _write(path, data)


def write_output(
    path: Path, json_text: Callable[[], str], report: Callable[[], Report], charts: bool = True
) -> None:
    """Write ``--output``: JSON (``json_text()``), HTML or Markdown (of ``report()``)."""
    fmt = output_format(path)
    if fmt == ".json":
        text = json_text()
        text = text if text.endswith("\n") else text + "\n"
    elif fmt == ".html":
        from careerfit_opt.report.html import render_html

        text = render_html(report(), charts=charts)
    else:
        from careerfit_opt.report.markdown import render_markdown

        text = render_markdown(report())
    write_atomic(path, text)
    err.print(f"wrote {path}")


def write_chart(path: Path, draw: Callable[[], object]) -> None:
    """Write ``--chart``: the figure ``draw()`` returns, as PNG, SVG or PDF by suffix."""
    fmt = chart_format(path)
    from careerfit_opt.report import plots

    fig = draw()
    if fmt == ".png":
        data: str | bytes = plots.png_bytes(fig)  # type: ignore[arg-type]
    elif fmt == ".svg":
        data = plots.svg_text(fig)  # type: ignore[arg-type]
    else:
        import io

        buf = io.BytesIO()
        with plots.style():
            fig.savefig(  # type: ignore[attr-defined]
                buf,
                format="pdf",
                metadata={"CreationDate": None, "ModDate": None, "Producer": None},
            )
        data = buf.getvalue()
    write_atomic(path, data)
    err.print(f"wrote {path}")


#: Suffixes of a batch results file (``careerfit batch --out``): report a page per client.
BATCH_SUFFIXES = (".jsonl", ".ndjson")


def _batch_reports(
    results: Path,
    out_dir: Path,
    roster: Path | None,
    catalog: str | None,
    actions: list[str],
    charts: bool,
) -> None:
    from careerfit_opt.report.batch import write_batch_reports

    if out_dir.suffix.lower() in OUTPUT_FORMATS:
        raise InputError(
            [Problem("--output", f"a batch gives one page per client: name a folder, not "
                                 f"{out_dir.name!r}")]
        )  # fmt: skip
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError([Problem("--output", f"{str(out_dir)!r} is a file, not a folder")])

    def progress(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            err.print(f"{done}/{total} clients")

    made = write_batch_reports(
        results,
        out_dir,
        roster=roster,
        catalog=catalog,
        actions=actions,
        charts=charts,
        progress=progress,
    )
    flagged = sum(1 for e in made.entries if e.problems)
    err.print(
        f"wrote {made.index} and {made.pages} client pages"
        + (f" ({flagged} clients with notes in the index)" if flagged else "")
    )


USAGE = "[OPTIONS] FILE"
HELP = """Write one report on a scenario: the person, the occupations that fit and why, the plan
(or why none fits), and what it all assumes.

The HTML page is self-contained (charts inside, nothing fetched) and prints cleanly.

For a batch results file (careerfit batch --out), writes a page per client and an index.html
linking them into the folder --output; plans are read from the results, not solved again.

Exit 0 when the report is written (also when no plan fits: the report says why), 2 on bad
input."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE``, ``--output``, the scenario options and the batch options."""
    parser.add_argument(
        "file", metavar="FILE", type=Path,
        help="Scenario file (YAML, TOML or JSON), or a batch results file (.jsonl).",
    )  # fmt: skip
    parser.add_argument(
        "--output", "-o", type=Path, required=True, metavar="PATH",
        help="Report file: .html, .md or .json (by suffix); for a batch, a folder.",
    )  # fmt: skip
    parser.add_argument("--charts", dest="charts", action="store_true", default=True,
                        help="Draw the charts (needs matplotlib; the default).")  # fmt: skip
    parser.add_argument("--no-charts", dest="charts", action="store_false",
                        help="Leave the charts out.")  # fmt: skip
    scenario = parser.add_argument_group("a scenario")
    scenario.add_argument("--top", "-n", type=integer(1), metavar="N",
                          help="Recommendations to show (default 5).")  # fmt: skip
    scenario.add_argument("--pareto", action="store_true",
                          help="Add the time-versus-cost trade-off of the target.")  # fmt: skip
    scenario.add_argument(
        "--objective", metavar="OBJECTIVE",
        help=f"{OBJECTIVES} (default: the scenario's).",
    )  # fmt: skip
    scenario.add_argument("--time-limit", type=number, metavar="SECONDS",
                          help="Solver seconds (default: the scenario's).")  # fmt: skip
    batch = parser.add_argument_group("a batch results file")
    batch.add_argument(
        "--roster", type=Path, metavar="FILE",
        help="Batch: the roster the batch ran on (default: the one it recorded).",
    )  # fmt: skip
    batch.add_argument("--catalog", metavar="CATALOG",
                       help="Batch: the catalogue the batch ran with (its --catalog).")  # fmt: skip
    batch.add_argument(
        "--actions", action="append", metavar="FILE",
        help="Batch: the action files the batch ran with (its --actions).",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Write the report (or a batch's pages)."""
    file: Path = args.file
    output: Path = args.output
    objective: str | None = args.objective
    time_limit: float | None = args.time_limit
    if file.suffix.lower() in BATCH_SUFFIXES:
        _batch_reports(file, output, args.roster, args.catalog, args.actions or [], args.charts)
        return 0
    output_format(output)
    from careerfit_opt.api import build_report
    from careerfit_opt.cli.plan import check_objective
    from careerfit_opt.io.scenario import load_scenario

    if time_limit is not None and time_limit <= 0:
        raise InputError([Problem("--time-limit", f"must be > 0 (got {time_limit:g})")])
    loaded = load_scenario(file)
    check_objective(objective)
    sc = loaded.scenario
    if time_limit is not None:
        sc = sc.model_copy(
            update={"solver": sc.solver.model_copy(update={"time_limit_s": time_limit})}
        )
    try:
        built = build_report(
            sc, loaded.catalog, top=args.top, pareto=args.pareto, objective=objective
        )
    except InputError as exc:
        raise exc.with_source(loaded.source) from None
    write_output(output, lambda: built.model_dump_json(indent=2), lambda: built, charts=args.charts)
    return 0
