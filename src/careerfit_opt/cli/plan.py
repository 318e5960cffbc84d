"""``careerfit plan``: the optimal sequence of steps towards a scenario's target occupation."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerfit_opt.cli.app import EXIT_NO_PLAN, EXIT_OK, EXIT_TARGET_UNMET, out
from careerfit_opt.cli.parsing import OBJECTIVES, integer, number
from careerfit_opt.cli.report import chart_format, output_format, write_chart, write_output
from careerfit_opt.errors import InputError, Problem

if TYPE_CHECKING:  # the command imports what it uses when it runs: start-up stays light
    from rich.table import Table

    from careerfit_opt.model.dimensions import Dimension
    from careerfit_opt.model.plans import PlanResult

#: Widest week bar in the timeline (longer plans are drawn to scale).
BAR_WIDTH = 24

_KIND_LABEL = {
    "course": "course",
    "certification": "certificate",
    "trial_role": "trial role",
    "networking": "networking",
}


def _bar(start: int, end: int, total: int) -> str:
    """A week bar: the step's weeks drawn on a line scaled to the whole plan."""
    total = max(total, 1)
    scale = min(1.0, BAR_WIDTH / total)
    lo = int(start * scale)
    hi = max(lo + 1, round(end * scale))
    width = max(1, round(total * scale))
    return " " * lo + "█" * (hi - lo) + "·" * max(0, width - hi)


def _fit_line(result: PlanResult) -> str:
    before, after = result.fit_before, result.fit_after
    if before is None:
        return ""
    parts = [f"qualification fit {before.qualification:.2f}"]
    if after is not None:
        parts[0] += f" → {after.qualification:.2f}"
    if before.passion is not None:
        parts.append(f"passion fit {before.passion:.2f}")
    return "; ".join(parts) + " (fits run from 0 to 1)"


def _status(result: PlanResult) -> str:
    from careerfit_opt.model.plans import PlanStatus

    return {
        PlanStatus.OPTIMAL: "[green]optimal[/]",
        PlanStatus.FEASIBLE: "[yellow]feasible (time limit reached before proving optimal"
        + (f", gap {result.gap:.1%}" if result.gap else "")
        + ")[/]",
        PlanStatus.INFEASIBLE: "[red]no plan fits your limits[/]",
        PlanStatus.UNKNOWN: "[red]no plan found within the time limit[/]",
    }[result.status]


def _steps_table(result: PlanResult, dims: dict[str, Dimension], currency: str) -> Table:
    from rich.table import Table
    from rich.text import Text

    from careerfit_opt.report import units

    ready = result.ready_week or 0
    table = Table(show_header=True, header_style="bold", show_lines=False)
    for col in ("Weeks", "Step", "Hours", "Cost", "Raises", "Timeline"):
        table.add_column(col, justify="right" if col in ("Hours", "Cost") else "left")
    for s in result.steps:
        label = f"{s.title} ({_KIND_LABEL.get(s.kind.value, s.kind.value)})"
        label += " [booked]" if s.booked else ""
        label += " [other field]" if not s.related else ""
        table.add_row(
            f"{s.start_week}–{s.end_week}",
            Text(label),
            units.hours_per_week(s.hours_per_week),
            units.money(s.cost, currency)
            if s.cost >= 0
            else f"earns {units.money(-s.cost, currency)}",
            units.raises(s.gains, s.closes, dims),
            Text(_bar(s.start_week, s.end_week, ready), style="cyan"),
        )
    return table


def _summary(result: PlanResult, currency: str) -> str:
    from careerfit_opt.report import units

    money = f"cost {units.money(result.total_cost, currency)}"
    if result.total_income:
        money += f", income {units.money(result.total_income, currency)}"
    ready = units.ready_week(result.ready_week or 0)
    steps = units.plural(len(result.steps), "step")
    return f"Ready in [bold]{ready}[/] · {steps} · {money} · {units.unmet(result.shortfall)}"


def render(
    result: PlanResult,
    dims: dict[str, Dimension],
    required: dict[str, float],
    currency: str = "",
    *,
    front: list[PlanResult] | None = None,
    chosen: int | None = None,
    picked_by: str = "",
) -> None:
    """Print a plan as a timeline an adviser could hand to a client.

    ``dims`` gives the catalogue's dimensions (names and units), ``required`` the target's
    required level per dimension; ``front`` a time–cost front shown as one table above the
    plan, ``chosen`` its index of ``result``, ``picked_by`` the objective that chose it.
    """
    from rich.table import Table
    from rich.text import Text

    from careerfit_opt.report import units

    title = result.target_title or result.target
    who = f"{result.profile}: " if result.profile else ""
    out.rule(Text(f"{who}plan towards {title}", style="bold"))
    objective = f"{picked_by}, picked from the trade-offs" if front else result.objective
    if result.has_plan and not result.target_met:
        out.print(Text(result.headline, style="bold red"))
        for g in result.open_gaps:
            # In the dimension's unit, as in the levels table and the reports ("0.5 months of
            # 2 months needed"; a credential: "not held, needed").
            have, wanted = units.level_and_need(g.level, g.required, dims.get(g.dimension))
            status = f"{have}, needed" if g.kind == "credential" else f"{have} of {wanted} needed"
            why = units.gap_cause(g)
            out.print(Text(f"  open: {g.name}: {status} ({why}); to close it: {g.remedy}"))
        out.print(f"Solver: {_status(result)} within your limits   objective: {objective}")
    else:
        if result.has_plan:
            out.print("[bold green]Target met[/]")
        out.print(f"Status: {_status(result)}   objective: {objective}")
    if result.illustrative:
        out.print("[yellow]Illustrative catalogue: steps, prices and durations are examples[/]")
    if result.estimated_from:  # every number below rests on these estimates: say so first
        estimated = next((n for n in result.notes if n.startswith("levels estimated")), "")
        out.print(Text(estimated or f"levels estimated from {result.estimated_from}", "yellow"))
    fit = _fit_line(result)
    if fit:
        out.print(fit)
    if front:
        out.print(_front_table(front, chosen, currency))
        out.print(
            f"[dim]{units.front_legend(front, 'a longer --time-limit')} ◀ marks the one the "
            f"objective picks ({picked_by}); its steps follow.[/]"
        )
    if result.has_plan:
        out.print(_steps_table(result, dims, currency))
        out.print(_summary(result, currency))
        out.print(
            "[dim]Weeks count from the start (week 0); Hours = hours a week; "
            "█ = weeks the step runs.[/]"
        )
        levels = Table(show_header=True, header_style="bold", title="Levels before → after")
        for col in ("Requirement", "Before", "After", "Needed", "Status"):
            levels.add_column(col)
        for k, points in sorted(result.level_timeline.items()):
            dim = dims.get(k)
            start = units.level(points[0][1], dim)
            short = result.shortfall.get(k, 0.0)
            need = required.get(k)
            levels.add_row(
                Text(dim.name if dim else k),
                f"unknown ({start} assumed)" if k in result.assumed_levels else start,
                units.level(result.final_levels.get(k), dim),
                "" if need is None else units.level(need, dim),
                "[green]met[/]" if short <= units.MET_TOLERANCE
                else f"[red]{units.shortfall(short, dim)}[/]",
            )  # fmt: skip
        out.print(levels)
    for reason in result.reasons:
        out.print(Text.assemble(("why", "bold"), f": {reason.message}"))
    for note in result.notes:
        out.print(Text.assemble(("note", "dim"), f": {note}"))


def _front_table(front: list[PlanResult], chosen: int | None, currency: str) -> Table:
    from rich.table import Table

    from careerfit_opt.model.plans import PlanStatus
    from careerfit_opt.report import units

    proven = all(p.status is PlanStatus.OPTIMAL for p in front if p.has_plan)
    title = "every optimal trade-off" if proven else "the trade-offs found"
    table = Table(title=f"Time against cost: {title}", header_style="bold")
    for col, justify in (("#", "right"), ("Ready", "right"), ("Cost", "right"),
                         ("Steps", "right"), ("", "left")):  # fmt: skip
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for i, p in enumerate(front):
        if not p.has_plan:
            continue
        table.add_row(
            str(i + 1),
            f"week {p.ready_week or 0}",
            units.money(p.total_cost, currency),
            str(len(p.steps)),
            units.front_mark(p, i == chosen),
        )
    return table


def _json(results: list[PlanResult], as_list: bool) -> str:
    data: Any = [r.model_dump(mode="json") for r in results]
    return json.dumps(data if as_list else data[0], indent=2, ensure_ascii=False)


def render_options(results: list[PlanResult], currency: str = "") -> None:
    """A comparison of the plans towards several recommended occupations."""
    from rich.table import Table
    from rich.text import Text

    from careerfit_opt.report import units

    table = Table(title="Plans for your top recommendations", header_style="bold")
    for col in ("#", "Occupation", "Fit now", "Target", "Ready", "Cost", "Requirements"):
        table.add_column(col)
    for i, r in enumerate(results, 1):
        fit = r.fit_before.combined if r.fit_before else None
        table.add_row(
            str(i),
            Text(r.target_title or r.target),
            "" if fit is None else f"{fit:.2f}",
            r.status.value if not r.has_plan else ("met" if r.target_met else "NOT MET"),
            "" if r.ready_week is None or not r.has_plan else f"week {r.ready_week}",
            units.money(r.total_cost, currency) if r.has_plan else "",
            units.unmet(r.shortfall) if r.has_plan else "",
        )
    out.print(table)
    out.print("[dim]Fit now: combined fit today, 0 to 1.[/]")


def check_objective(objective: str | None) -> None:
    """A usage problem (exit 2) when ``objective`` names no objective."""
    from careerfit_opt.model.scenario import Objective

    if objective is None:
        return
    try:
        Objective(objective)
    except ValueError:
        choices = ", ".join(o.value for o in Objective)
        raise InputError(
            [Problem("--objective", f"unknown objective {objective!r}; use one of {choices}")]
        ) from None


USAGE = "[OPTIONS] FILE"
HELP = """Plan the steps that qualify the scenario's person for its target occupation.

Exit 0 with a plan that meets the target, 3 with a plan that leaves it unmet (the open
requirements are listed first), 1 when no plan fits the limits (the reasons say why), 2 on
bad input.
With --pareto: one table of the time-versus-cost trade-offs, then the steps of the plan the
objective picks."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE``, the planning options and the output options."""
    parser.add_argument("file", metavar="FILE", type=Path,
                        help="Scenario file (YAML, TOML or JSON).")  # fmt: skip
    planning = parser.add_argument_group("planning")
    planning.add_argument(
        "--objective", metavar="OBJECTIVE",
        help=f"{OBJECTIVES} (default: the scenario's).",
    )  # fmt: skip
    planning.add_argument("--pareto", action="store_true",
                          help="Every time-versus-cost optimal plan.")  # fmt: skip
    planning.add_argument(
        "--target", metavar="OCCUPATION",
        help="Plan towards this occupation id instead of the scenario's.",
    )  # fmt: skip
    planning.add_argument("--time-limit", type=number, metavar="SECONDS",
                          help="Solver seconds (default: the scenario's).")  # fmt: skip
    planning.add_argument("--seed", type=integer(), metavar="SEED",
                          help="Solver seed (default: the scenario's).")  # fmt: skip
    output = parser.add_argument_group("output")
    output.add_argument("--json", dest="as_json", action="store_true",
                        help="Print the result as JSON.")  # fmt: skip
    output.add_argument("--output", "-o", type=Path, metavar="FILE",
                        help="Also write the result to a file: .json, .html, .md.")  # fmt: skip
    output.add_argument("--chart", type=Path, metavar="FILE",
                        help="Write the plan's Gantt chart: .png, .svg or .pdf.")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Plan, print the plans (or JSON), write ``--output`` and ``--chart``; the exit code
    says whether the target is met (:func:`exit_code`)."""
    from careerfit_opt.api import plan_targets
    from careerfit_opt.io.arguments import solver_with
    from careerfit_opt.io.scenario import load_scenario
    from careerfit_opt.planner import pareto_scenario
    from careerfit_opt.report import units
    from careerfit_opt.report.build import assemble, chosen_index

    output: Path | None = args.output
    chart: Path | None = args.chart
    objective: str | None = args.objective
    target: str | None = args.target
    pareto: bool = args.pareto
    if output is not None:
        output_format(output)
    if chart is not None:
        chart_format(chart)
    loaded = load_scenario(args.file)
    sc = loaded.scenario
    check_objective(objective)
    solver = solver_with(
        sc.solver,
        {"time_limit_s": args.time_limit, "seed": args.seed},
        {"time_limit_s": "--time-limit", "seed": "--seed"},
    )
    sc = sc.model_copy(update={"solver": solver})
    if target is not None:
        from careerfit_opt.model.catalog import suggest
        from careerfit_opt.model.scenario import Target

        if target not in loaded.catalog.occupation_by_id:
            hint = suggest(target, loaded.catalog.occupation_by_id)
            raise InputError([Problem("--target", f"unknown occupation {target!r}{hint}")])
        sc = sc.model_copy(
            update={
                "target": Target(
                    occupation=target, hard=sc.target.hard, must_meet=sc.target.must_meet
                )
            }
        )
    try:
        if pareto:
            results = pareto_scenario(sc, loaded.catalog)
        else:
            results = plan_targets(sc, loaded.catalog, objective=objective)
    except InputError as exc:
        raise exc.with_source(loaded.source) from None
    several = pareto or sc.target.occupation is None
    currency = units.currency_of(loaded.catalog)
    chosen = None
    if pareto:
        chosen = chosen_index(results, objective or sc.objective, sc.profile.limits)
    if args.as_json:
        print(_json(results, several))
    else:
        if sc.target.occupation is None:
            render_options(results, currency)
        dims = loaded.catalog.dimension_by_id
        shown = [(results[chosen], results)] if chosen is not None else [(r, None) for r in results]
        for r, front in shown:
            occ = loaded.catalog.occupation(r.target)
            required = {k: q.level for k, q in occ.requirements.items()}
            picked_by = str(objective or sc.objective.value)
            render(r, dims, required, currency, front=front, chosen=chosen, picked_by=picked_by)
    if output is not None:
        sc_out = sc if objective is None else sc.model_copy(update={"objective": objective})
        write_output(
            output,
            lambda: _json(results, several),
            lambda: assemble(
                sc_out,
                loaded.catalog,
                plans=[] if pareto else results,
                front=results if pareto else [],
            ),
        )
    if chart is not None:
        from careerfit_opt.report.plots import plot_plan

        pick = results[chosen or 0]
        write_chart(chart, lambda: plot_plan(pick, capacity=sc.profile.limits.hours_per_week))
    return exit_code(results)


def exit_code(results: list[PlanResult]) -> int:
    """0 when some plan meets its target, 3 when plans exist but none meets it, 1 without a
    plan."""
    if any(r.has_plan and r.target_met for r in results):
        return EXIT_OK
    return EXIT_TARGET_UNMET if any(r.has_plan for r in results) else EXIT_NO_PLAN
