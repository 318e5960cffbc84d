"""``careerfit plan``: the optimal sequence of steps towards a scenario's target occupation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from careerfit_opt.api import plan_targets
from careerfit_opt.cli.app import EXIT_NO_PLAN, EXIT_OK, app, out
from careerfit_opt.errors import InputError, Problem
from careerfit_opt.io.scenario import load_scenario
from careerfit_opt.model.plans import PlanResult, PlanStatus
from careerfit_opt.model.scenario import Objective
from careerfit_opt.planner import pareto_scenario

#: Widest week bar in the timeline (longer plans are drawn to scale).
BAR_WIDTH = 24

_KIND_LABEL = {
    "course": "course",
    "certification": "certificate",
    "trial_role": "trial role",
    "networking": "networking",
}


def _money(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 0.005 else f"{x:,.2f}"


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
    return "; ".join(parts)


def render(result: PlanResult, names: dict[str, str], required: dict[str, float]) -> None:
    """Print a plan as a timeline an adviser could hand to a client.

    ``names`` gives dimension names, ``required`` the target's required level per dimension.
    """
    title = result.target_title or result.target
    who = f"{result.profile}: " if result.profile else ""
    out.rule(f"[bold]{who}plan towards {title}[/]")
    status = {
        PlanStatus.OPTIMAL: "[green]optimal[/]",
        PlanStatus.FEASIBLE: "[yellow]feasible (time limit reached before proving optimal"
        + (f", gap {result.gap:.1%}" if result.gap else "")
        + ")[/]",
        PlanStatus.INFEASIBLE: "[red]no plan fits your limits[/]",
        PlanStatus.UNKNOWN: "[red]no plan found within the time limit[/]",
    }[result.status]
    out.print(f"Status: {status}   objective: {result.objective}")
    fit = _fit_line(result)
    if fit:
        out.print(fit)
    if result.has_plan:
        ready = result.ready_week or 0
        table = Table(show_header=True, header_style="bold", show_lines=False)
        for col in ("Weeks", "Step", "h/wk", "Cost", "Raises", "Timeline"):
            table.add_column(col, justify="right" if col in ("h/wk", "Cost") else "left")
        for s in result.steps:
            raises = ", ".join(names.get(k, k) for k in s.closes) or "(prerequisite)"
            label = f"{s.title} ({_KIND_LABEL.get(s.kind.value, s.kind.value)})"
            label += " [booked]" if s.booked else ""
            table.add_row(
                f"{s.start_week}–{s.end_week}",
                label,
                f"{s.hours_per_week:g}",
                _money(s.cost) if s.cost >= 0 else f"paid {_money(-s.cost)}",
                raises,
                Text(_bar(s.start_week, s.end_week, ready), style="cyan"),
            )
        out.print(table)
        money = f"cost {_money(result.total_cost)}"
        if result.total_income:
            money += f", income {_money(result.total_income)}"
        count = len(result.steps)
        steps = f"{count} step" if count == 1 else f"{count} steps"
        out.print(f"Ready in week [bold]{ready}[/] · {steps} · {money}")
        levels = Table(show_header=True, header_style="bold", title="Levels before → after")
        for col in ("Requirement", "Before", "After", "Needed", "Short"):
            levels.add_column(col)
        for k, points in sorted(result.level_timeline.items()):
            after = result.final_levels.get(k)
            short = result.shortfall.get(k, 0.0)
            need = required.get(k)
            start = f"{points[0][1]:g}"
            levels.add_row(
                names.get(k, k),
                f"unknown ({start} assumed)" if k in result.assumed_levels else start,
                "unknown" if after is None else f"{after:g}",
                "" if need is None else f"{need:g}",
                "[green]met[/]" if short <= 0.01 else f"[red]{short:g}[/]",
            )
        out.print(levels)
    for reason in result.reasons:
        out.print(f"[bold]why[/]: {reason.message}")
    for note in result.notes:
        out.print(f"[dim]note[/]: {note}")


def _json(results: list[PlanResult], as_list: bool) -> str:
    data: Any = [r.model_dump(mode="json") for r in results]
    return json.dumps(data if as_list else data[0], indent=2, ensure_ascii=False)


def render_options(results: list[PlanResult]) -> None:
    """A comparison of the plans towards several recommended occupations."""
    table = Table(title="Plans for your top recommendations", header_style="bold")
    for col in ("#", "Occupation", "Fit now", "Status", "Ready week", "Cost", "Left short"):
        table.add_column(col)
    for i, r in enumerate(results, 1):
        fit = r.fit_before.combined if r.fit_before else None
        table.add_row(
            str(i),
            r.target_title or r.target,
            "" if fit is None else f"{fit:.2f}",
            r.status.value,
            "" if r.ready_week is None or not r.has_plan else str(r.ready_week),
            _money(r.total_cost) if r.has_plan else "",
            f"{r.weighted_shortfall:g}" if r.has_plan else "",
        )
    out.print(table)


@app.command()
def plan(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="Scenario file (YAML, TOML or JSON).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    objective: Annotated[
        str | None,
        typer.Option(
            help="fastest, cheapest, balanced or lexicographic (default: the scenario's)."
        ),
    ] = None,
    pareto: Annotated[
        bool, typer.Option("--pareto", help="Every time-versus-cost optimal plan.")
    ] = False,
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", help="Solver seconds (default: the scenario's).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Solver seed (default: the scenario's).")] = None,
) -> None:
    """Plan the steps that qualify the scenario's person for its target occupation.

    Exit 0 with a plan, 1 when no plan fits the limits (the reasons say why), 2 on bad input.
    """
    loaded = load_scenario(file)
    sc = loaded.scenario
    if objective is not None:
        try:
            Objective(objective)
        except ValueError:
            choices = ", ".join(o.value for o in Objective)
            raise InputError(
                [Problem("--objective", f"unknown objective {objective!r}; use one of {choices}")]
            ) from None
    solver = sc.solver.model_copy(
        update={k: v for k, v in (("time_limit_s", time_limit), ("seed", seed)) if v is not None}
    )
    if time_limit is not None and time_limit <= 0:
        raise InputError([Problem("--time-limit", f"must be > 0 (got {time_limit:g})")])
    sc = sc.model_copy(update={"solver": solver})
    try:
        if pareto:
            results = pareto_scenario(sc, loaded.catalog)
        else:
            results = plan_targets(sc, loaded.catalog, objective=objective)
    except InputError as exc:
        raise exc.with_source(loaded.source) from None
    several = pareto or sc.target.occupation is None
    if as_json:
        typer.echo(_json(results, several))
    else:
        if sc.target.occupation is None:
            render_options(results)
        names = {d.id: d.name for d in loaded.catalog.dimensions}
        for r in results:
            occ = loaded.catalog.occupation(r.target)
            render(r, names, {k: q.level for k, q in occ.requirements.items()})
    raise typer.Exit(EXIT_OK if any(r.has_plan for r in results) else EXIT_NO_PLAN)
