"""``careerfit search``: find occupations by job title (titles and alternate titles)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from careerfit_opt.cli.app import out
from careerfit_opt.cli.parsing import integer

USAGE = "[OPTIONS] QUERY"
HELP = """Search occupation titles and alternate titles: exact title first, then titles holding
the words, then alternate titles. Use the code in a scenario's
profile: {from_occupation: CODE}."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``QUERY``, ``--onet``, ``--catalog``, ``--limit``, ``--json``."""
    parser.add_argument("query", metavar="QUERY", help="Job title or words of it, e.g. 'cashier'.")
    parser.add_argument(
        "--onet",
        metavar="DIR_OR_RELEASE",
        help="O*NET directory or installed release (default: the newest installed).",
    )
    parser.add_argument(
        "--catalog",
        metavar="NAME_OR_FILE",
        help="A bundled catalogue name or a catalogue file instead.",
    )
    parser.add_argument("--limit", "-n", type=integer(1), default=10, metavar="N", help="How many.")
    parser.add_argument(
        "--json", dest="as_json", action="store_true", help="Print the matches as JSON."
    )


def run(args: argparse.Namespace) -> int:
    """Print the matching occupations, as a table or JSON."""
    from rich.table import Table

    from careerfit_opt.io.catalogs import search_catalog
    from careerfit_opt.model.search import search_occupations

    query: str = args.query

    cat = search_catalog(args.onet, args.catalog, Path.cwd())
    matches = search_occupations(cat, query, limit=args.limit)
    if args.as_json:
        print(json.dumps([m.model_dump(mode="json") for m in matches], indent=2))
        return 0
    if not matches:
        out.print(f"no occupation in {cat.name} matches {query!r}")
        return 0
    table = Table(title=f"Occupations matching {query!r} in {cat.name}")
    for name in ("#", "code", "title", "matched alternate title"):
        table.add_column(name)
    for m in matches:
        table.add_row(str(m.rank), m.occupation_id, m.title, m.alternate_title or "")
    out.print(table)
    if cat.attribution:
        out.print(f"[dim]{cat.attribution}[/]")
    return 0
