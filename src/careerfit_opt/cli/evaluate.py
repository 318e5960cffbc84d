"""``careerfit evaluate``: recommendation quality against a table of related occupations."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Literal

from careerfit_opt.cli.app import out
from careerfit_opt.cli.parsing import integer, number
from careerfit_opt.errors import InputError, Problem


def _catalog(onet: str | None, catalog: str | None) -> object:
    from careerfit_opt.io.catalogs import resolve_catalog
    from careerfit_opt.model.scenario import CatalogSource

    if (onet is None) == (catalog is None):
        raise InputError([Problem("--onet/--catalog", "give exactly one: --onet DIR_OR_RELEASE "
                                  "(an O*NET release) or --catalog NAME_OR_FILE")])  # fmt: skip
    source = CatalogSource(onet=onet) if onet is not None else CatalogSource.model_validate(catalog)
    return resolve_catalog(source, Path.cwd(), field="--onet" if onet else "--catalog")


USAGE = "[OPTIONS] RELATED"
HELP = """Score a catalogue's recommendations against expert-judged related occupations.

Each source occupation becomes a person working in it today; its top k recommendations
(itself excluded) are compared with its related occupations: precision@k, recall@k and
MRR@k, each with a confidence interval (docs/evaluation.md)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``RELATED`` and the catalogue, cut-off and interval options."""
    parser.add_argument(
        "related", metavar="RELATED", type=Path,
        help="Related occupations: O*NET Related Occupations (30.x), Career Changers Matrix "
        "(23.x), or a CSV with columns source,target.",
    )  # fmt: skip
    source = parser.add_argument_group("catalogue (give one)")
    source.add_argument("--onet", metavar="DIR_OR_RELEASE",
                        help="O*NET directory or installed release name.")  # fmt: skip
    source.add_argument("--catalog", metavar="NAME_OR_FILE",
                        help="Bundled catalogue name or catalogue file.")  # fmt: skip
    measure = parser.add_argument_group("measures")
    measure.add_argument("--k", "-k", type=integer(1), default=10, metavar="K",
                         help="Recommendations per source.")  # fmt: skip
    measure.add_argument("--ci", default="bootstrap", metavar="METHOD",
                         help="Confidence intervals: bootstrap or normal.")  # fmt: skip
    measure.add_argument("--confidence", type=number, default=0.95, metavar="LEVEL",
                         help="Interval level.")  # fmt: skip
    measure.add_argument("--resamples", type=integer(1), default=2000, metavar="N",
                         help="Bootstrap resamples.")  # fmt: skip
    measure.add_argument("--seed", type=integer(), default=0, metavar="SEED",
                         help="Bootstrap seed.")  # fmt: skip
    output = parser.add_argument_group("output")
    output.add_argument("--per-source", action="store_true",
                        help="Keep each source's top k (with --json).")  # fmt: skip
    output.add_argument("--json", dest="as_json", action="store_true",
                        help="Print the result as JSON.")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the measures (or JSON)."""
    from rich.table import Table

    from careerfit_opt.api import evaluate as evaluate_api
    from careerfit_opt.model.catalog import Catalog

    ci: str = args.ci
    k: int = args.k
    if ci not in ("bootstrap", "normal"):
        raise InputError([Problem("--ci", f"{ci!r} is not one of: bootstrap, normal")])
    method: Literal["bootstrap", "normal"] = "bootstrap" if ci == "bootstrap" else "normal"
    cat = _catalog(args.onet, args.catalog)
    assert isinstance(cat, Catalog)
    result = evaluate_api(
        cat, args.related, k=k, ci=method, confidence=args.confidence,
        resamples=args.resamples, seed=args.seed, per_source=args.per_source,
    )  # fmt: skip
    if args.as_json:
        print(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    how = (
        f"bootstrap over sources, {result.resamples} resamples, seed {result.seed}"
        if method == "bootstrap"
        else "normal approximation"
    )
    table = Table(
        title=f"{result.catalog} against {result.related_file} ({result.related_format}): "
        f"{result.sources} sources, {result.links} links, top {result.k}"
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column(f"{result.confidence:.0%} interval", justify="right")
    for name, m in (
        (f"precision@{k}", result.precision),
        (f"recall@{k}", result.recall),
        (f"MRR@{k}", result.mrr),
    ):
        table.add_row(name, f"{m.value:.3f}", f"{m.low:.3f} – {m.high:.3f}")
    out.print(table)
    out.print(f"[dim]intervals: {how}[/]")
    for note in result.notes:
        out.print(f"[dim]note: {note}[/]")
    return 0
