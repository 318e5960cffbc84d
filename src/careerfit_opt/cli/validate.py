"""``careerfit validate`` and ``careerfit schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from careerfit_opt.cli.app import EXIT_BAD_INPUT, app, err


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Scenario files (YAML, TOML or JSON).")
    ],
) -> None:
    """Check scenario files and the catalogues they name; report every bad one, then exit 2."""
    from careerfit_opt.io.scenario import check_scenario_files

    checks = check_scenario_files(files)
    for check in checks:
        if check.loaded is None:
            assert check.error is not None
            from rich.text import Text

            err.print(Text("error", style="bold red"), Text(f": {check.error.render()}"), sep="")
            continue
        sc, cat = check.loaded.scenario, check.loaded.catalog
        target = (
            f"target {sc.target.occupation}"
            if sc.target.occupation
            else f"top {sc.target.recommend_top} recommendations"
        )
        if not cat.actions:
            typer.echo(
                f"warning: {check.path}: catalogue {cat.name!r} has no actions, so no plan "
                "can close a gap; add `actions: [bundled]` (O*NET occupations) or your own "
                "action file to the scenario's catalog",
                err=True,
            )
        typer.echo(  # plain text: no need to load rich for it
            f"{check.path}: ok — profile {sc.profile.name!r}, catalogue {cat.name!r} "
            f"({len(cat.occupations)} occupations, {len(cat.actions)} actions, "
            f"{len(cat.dimensions)} dimensions), {target}"
        )
    bad = sum(not c.ok for c in checks)
    if bad:
        if len(checks) > 1:
            typer.echo(f"{bad} of {len(checks)} files have problems", err=True)
        raise SystemExit(EXIT_BAD_INPUT)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of scenario files, for editors that check files as you type."""
    from careerfit_opt.api import scenario_schema

    text = json.dumps(scenario_schema(), indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {output}")
