"""``careerfit search``: find occupations by job title (titles and alternate titles)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from careerfit_opt.cli.app import app, out


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Job title or words of it, e.g. 'cashier'.")],
    onet: Annotated[
        str | None,
        typer.Option(
            "--onet",
            help="O*NET directory or installed release (default: the newest installed).",
        ),
    ] = None,
    catalog: Annotated[
        str | None,
        typer.Option("--catalog", help="A bundled catalogue name or a catalogue file instead."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
) -> None:
    """Search occupation titles and alternate titles: exact title first, then titles holding
    the words, then alternate titles. Use the code in a scenario's
    ``profile: {from_occupation: CODE}``."""
    from rich.table import Table

    from careerfit_opt.io.catalogs import search_catalog
    from careerfit_opt.model.search import search_occupations

    cat = search_catalog(onet, catalog, Path.cwd())
    matches = search_occupations(cat, query, limit=limit)
    if as_json:
        typer.echo(json.dumps([m.model_dump(mode="json") for m in matches], indent=2))
        return
    if not matches:
        out.print(f"no occupation in {cat.name} matches {query!r}")
        return
    table = Table(title=f"Occupations matching {query!r} in {cat.name}")
    for name in ("#", "code", "title", "matched alternate title"):
        table.add_column(name)
    for m in matches:
        table.add_row(str(m.rank), m.occupation_id, m.title, m.alternate_title or "")
    out.print(table)
    if cat.attribution:
        out.print(f"[dim]{cat.attribution}[/]")
