"""``careerfit validate`` and ``careerfit schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from careerfit_opt.api import scenario_schema
from careerfit_opt.cli.app import app, err, out
from careerfit_opt.io.scenario import load_scenario


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Scenario files (YAML, TOML or JSON).")
    ],
) -> None:
    """Check scenario files and the catalogues they name; exit 2 on the first bad one."""
    for path in files:
        loaded = load_scenario(path)
        sc, cat = loaded.scenario, loaded.catalog
        target = (
            f"target {sc.target.occupation}"
            if sc.target.occupation
            else f"top {sc.target.recommend_top} recommendations"
        )
        if not cat.actions:
            err.print(
                f"[yellow]warning[/]: {path}: catalogue {cat.name!r} has no actions, so no plan "
                "can close a gap; add `actions: [bundled]` (O*NET occupations) or your own "
                "action file to the scenario's catalog"
            )
        out.print(
            f"{path}: ok — profile {sc.profile.name!r}, catalogue {cat.name!r} "
            f"({len(cat.occupations)} occupations, {len(cat.actions)} actions, "
            f"{len(cat.dimensions)} dimensions), {target}"
        )


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of scenario files, for editors that check files as you type."""
    text = json.dumps(scenario_schema(), indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        out.print(f"wrote {output}")
