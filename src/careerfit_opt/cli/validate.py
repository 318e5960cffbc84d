"""``careerfit validate``: check scenario files and the catalogues they name."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careerfit_opt.cli.app import EXIT_BAD_INPUT, err

USAGE = "[OPTIONS] FILE..."
HELP = "Check scenario files and the catalogues they name; report every bad one, then exit 2."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE...``."""
    parser.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help="Scenario files (YAML, TOML or JSON)."
    )


def run(args: argparse.Namespace) -> int:
    """Check every file, print one line each; 2 when any is bad."""
    from careerfit_opt.io.scenario import check_scenario_files

    files: list[Path] = args.files
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
            print(
                f"warning: {check.path}: catalogue {cat.name!r} has no actions, so no plan "
                "can close a gap; add `actions: [bundled]` (O*NET occupations) or your own "
                "action file to the scenario's catalog",
                file=sys.stderr,
            )
        print(  # plain text: no need to load rich for it
            f"{check.path}: ok — profile {sc.profile.name!r}, catalogue {cat.name!r} "
            f"({len(cat.occupations)} occupations, {len(cat.actions)} actions, "
            f"{len(cat.dimensions)} dimensions), {target}"
        )
    bad = sum(not c.ok for c in checks)
    if bad:
        if len(checks) > 1:
            print(f"{bad} of {len(checks)} files have problems", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
