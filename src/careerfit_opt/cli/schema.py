"""``careerfit schema``: the JSON Schema of scenario files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

USAGE = "[OPTIONS]"
HELP = "Print the JSON Schema of scenario files, for editors that check files as you type."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--output``."""
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="Write to this file instead of stdout."
    )


def run(args: argparse.Namespace) -> int:
    """Print (or write) the schema."""
    from careerfit_opt.api import scenario_schema

    output: Path | None = args.output
    text = json.dumps(scenario_schema(), indent=2, ensure_ascii=False)
    if output is None:
        print(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {output}")
    return 0
