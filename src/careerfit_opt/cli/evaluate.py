"""``careerfit evaluate``: recommendation quality against a table of related occupations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from careerfit_opt.cli.app import app, out
from careerfit_opt.errors import InputError, Problem


def _catalog(onet: str | None, catalog: str | None) -> object:
    from careerfit_opt.io.catalogs import resolve_catalog
    from careerfit_opt.model.scenario import CatalogSource

    if (onet is None) == (catalog is None):
        raise InputError([Problem("--onet/--catalog", "give exactly one: --onet DIR_OR_RELEASE "
                                  "(an O*NET release) or --catalog NAME_OR_FILE")])  # fmt: skip
    source = CatalogSource(onet=onet) if onet is not None else CatalogSource.model_validate(catalog)
    return resolve_catalog(source, Path.cwd(), field="--onet" if onet else "--catalog")


@app.command()
def evaluate(
    related: Annotated[
        Path,
        typer.Argument(
            help="Related occupations: O*NET Related Occupations (30.x), Career "
            "Changers Matrix (23.x), or a CSV with columns source,target."
        ),
    ],
    onet: Annotated[
        str | None, typer.Option("--onet", help="O*NET directory or installed release name.")
    ] = None,
    catalog: Annotated[
        str | None, typer.Option("--catalog", help="Bundled catalogue name or catalogue file.")
    ] = None,
    k: Annotated[int, typer.Option("--k", "-k", min=1, help="Recommendations per source.")] = 10,
    ci: Annotated[
        str, typer.Option("--ci", help="Confidence intervals: bootstrap or normal.")
    ] = "bootstrap",
    confidence: Annotated[float, typer.Option("--confidence", help="Interval level.")] = 0.95,
    resamples: Annotated[
        int, typer.Option("--resamples", min=1, help="Bootstrap resamples.")
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed.")] = 0,
    per_source: Annotated[
        bool, typer.Option("--per-source", help="Keep each source's top k (with --json).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Score a catalogue's recommendations against expert-judged related occupations.

    Each source occupation becomes a person working in it today; its top k recommendations
    (itself excluded) are compared with its related occupations: precision@k, recall@k and
    MRR@k, each with a confidence interval (docs/evaluation.md).
    """
    from rich.table import Table

    from careerfit_opt.api import evaluate as evaluate_api
    from careerfit_opt.model.catalog import Catalog

    if ci not in ("bootstrap", "normal"):
        raise InputError([Problem("--ci", f"{ci!r} is not one of: bootstrap, normal")])
    method: Literal["bootstrap", "normal"] = "bootstrap" if ci == "bootstrap" else "normal"
    cat = _catalog(onet, catalog)
    assert isinstance(cat, Catalog)
    result = evaluate_api(
        cat, related, k=k, ci=method, confidence=confidence, resamples=resamples, seed=seed,
        per_source=per_source,
    )  # fmt: skip
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
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
