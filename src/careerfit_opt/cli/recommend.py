"""``careerfit recommend``: ranked occupations for the person in a scenario file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from careerfit_opt.cli.app import out
from careerfit_opt.cli.parsing import integer
from careerfit_opt.cli.report import output_format, write_output

if TYPE_CHECKING:  # the command imports what it uses when it runs: start-up stays light
    from rich.table import Table

    from careerfit_opt.model.catalog import Catalog
    from careerfit_opt.model.recommendations import Recommendation, Recommendations

#: What every mark and column of the table means, printed under it.
LEGEND = (
    "Fits run from 0 (none) to 1 (full). ★ = on the Pareto front: no other occupation fits "
    "better on both qualification and passion. coverage = share of the requirements whose level "
    "is known. ≥ weeks / ≥ cost = lower bounds on any plan closing the measured gaps."
)


def _table(recs: Recommendations, currency: str = "") -> Table:
    from rich.table import Table

    from careerfit_opt.report import units

    table = Table(title=f"Recommendations for {recs.profile} ({recs.scored} occupations scored)")
    cost = f"≥ cost ({currency})" if currency else "≥ cost"
    for name, justify in (
        ("#", "right"), ("occupation", "left"), ("qual.", "right"), ("passion", "right"),
        ("combined", "right"), ("coverage", "right"), ("≥ weeks", "right"), (cost, "right"),
    ):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for item in recs.items:
        flags = (" ★" if item.pareto else "") + (" (low coverage)" if item.low_coverage else "")
        table.add_row(
            str(item.rank),
            f"{item.title} [dim]{item.occupation_id}[/]{flags}",
            f"{item.qualification:.2f}",
            "?" if item.passion is None else f"{item.passion:.2f}",
            f"{item.combined:.2f}",
            f"{item.coverage:.0%}",
            units.plural(item.estimate.weeks_lower_bound, "week"),
            units.money_at_least(item.estimate.cost_lower_bound),
        )
    return table


def _facts(item: Recommendation, catalog: Catalog) -> list[str]:
    """The counsellor's lines under a recommendation: preparation, education, gaps, tools."""
    from careerfit_opt.report import units

    facts = item.facts
    if facts is None:
        return []
    lines: list[str] = []
    parts: list[str] = []
    if facts.job_zone is not None:
        zone = f"job zone {facts.job_zone} ({(facts.job_zone_name or '').lower()})"
        if facts.current_job_zone is not None:
            zone += f", yours now {facts.current_job_zone}"
        parts.append(zone)
    if facts.typical_education is not None:
        edu = f"typical education {facts.typical_education_name}"
        if facts.person_education is not None:
            edu += f", yours {facts.person_education_name}"
            if facts.share_at_most_person_education is not None:
                share = facts.share_at_most_person_education
                edu += f" ({share:.0%} of its workers have no more)"
        parts.append(edu)
    if facts.typical_experience_name is not None:
        parts.append(f"typical related experience {facts.typical_experience_name.lower()}")
    if parts:
        lines.append("; ".join(parts))
    gaps = []
    for g in facts.top_gaps:
        dim = catalog.dimension_by_id.get(g.dimension)
        need = units.level(g.need, dim)
        if g.have is None:
            gaps.append(f"{g.name} unknown (needs {need})")
        else:
            short = units.shortfall(g.need - g.have, dim)
            gaps.append(f"{g.name} {units.level(g.have, dim)} → {need} ({short})")
    if gaps:
        lines.append("biggest gaps: " + "; ".join(gaps))
    if facts.hot_technologies:
        more = facts.hot_technology_count - len(facts.hot_technologies)
        lines.append(
            "hot technologies: "
            + ", ".join(facts.hot_technologies)
            + (f" (+{more} more)" if more > 0 else "")
        )
    return lines


USAGE = "[OPTIONS] FILE"
HELP = """Rank occupations by combined qualification and passion fit, with gaps and estimates.

★ marks the Pareto front on (qualification, passion) among all scored occupations."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE``, ``--top``, ``--exclude``, ``--include-current``, ``--json``, ``--output``."""
    parser.add_argument("file", metavar="FILE", type=Path,
                        help="Scenario file (profile, catalogue, scoring).")  # fmt: skip
    parser.add_argument("--top", "-n", type=integer(1), metavar="N",
                        help="How many (default: the scenario's, or 10).")  # fmt: skip
    parser.add_argument("--exclude", "-x", action="append", metavar="OCCUPATION",
                        help="Occupation id to leave out.")  # fmt: skip
    current = parser  # both may be given, as before: the last one counts
    current.add_argument(
        "--include-current", dest="include_current", action="store_const", const=True,
        help="Whether the person's current occupation may be recommended back "
        "(default: the profile's preferences.include_current, else no).",
    )  # fmt: skip
    current.add_argument("--exclude-current", dest="include_current", action="store_const",
                         const=False, help="The opposite of --include-current.")  # fmt: skip
    output = parser.add_argument_group("output")
    output.add_argument("--json", dest="as_json", action="store_true",
                        help="Print the result as JSON.")  # fmt: skip
    output.add_argument("--output", "-o", type=Path, metavar="FILE",
                        help="Also write the result to a file: .json, .html, .md.")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Recommend and print the table (or JSON); write ``--output``."""
    from careerfit_opt.api import recommend as recommend_api
    from careerfit_opt.io.scenario import load_scenario
    from careerfit_opt.report import units

    output: Path | None = args.output
    if output is not None:
        output_format(output)
    loaded = load_scenario(args.file)
    sc = loaded.scenario
    count = args.top or sc.target.recommend_top or 10
    recs = recommend_api(
        sc.profile,
        loaded.catalog,
        top=count,
        exclude=args.exclude or (),
        settings=sc.scoring,
        include_current=args.include_current,
    )
    if output is not None:
        from careerfit_opt.report.build import assemble
        from careerfit_opt.report.fits import occupation_fits

        write_output(
            output,
            lambda: json.dumps(recs.model_dump(mode="json"), indent=2, ensure_ascii=False),
            lambda: assemble(
                sc,
                loaded.catalog,
                recommendations=recs,
                fits=occupation_fits(sc.profile, loaded.catalog, sc.scoring),
            ),
        )
    if args.as_json:
        print(json.dumps(recs.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    if recs.estimated_from:
        # Said before the table too: every number below rests on these estimates.
        out.print(f"[yellow]{recs.notes[0]}[/]")
    out.print(_table(recs, units.currency_of(loaded.catalog)))
    out.print(f"[dim]{LEGEND}[/]")
    for item in recs.items:
        out.print(f"{item.rank}. {item.explanation}")
        for line in _facts(item, loaded.catalog):
            out.print(f"   {line}", markup=False)
    for note in recs.notes:
        out.print(f"[dim]note: {note}[/]")
    if loaded.catalog.attribution:
        out.print(f"[dim]{loaded.catalog.attribution}[/]")
    return 0
