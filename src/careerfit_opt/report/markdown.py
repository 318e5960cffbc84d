"""A report as Markdown text: the same sections as the HTML page, without the charts.

Text from files is escaped for Markdown (table pipes, emphasis marks, angle brackets), so a name
cannot break a table or inject HTML into a rendered page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from careerfit_opt.model.plans import PlanResult, PlanStatus
from careerfit_opt.model.recommendations import Recommendations
from careerfit_opt.report import units
from careerfit_opt.report.build import PlanSection, Report

#: Marks that change Markdown anywhere in a line (parentheses cannot make a link once the
#: brackets are escaped, so they stay as they are and the text stays readable).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
#: What starts a list item when it opens a line.
_LIST_START = re.compile(r"^(?:[-+]|\d+[.)])\s")


def md_escape(text: object) -> str:
    """``text`` with Markdown's special characters escaped and newlines folded.

    >>> md_escape("a|b *c* <x> (d)")
    'a\\\\|b \\\\*c\\\\* \\\\<x\\\\> (d)'
    >>> md_escape("- not a list")
    '\\\\- not a list'
    """
    out = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return "\\" + out if _LIST_START.match(out) else out


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    cols = list(head)
    out = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def _person(report: Report) -> list[str]:
    p = report.profile
    lim = p.limits
    out = [f"## About {md_escape(p.name)}", ""]
    if p.description:
        out += [md_escape(p.description), ""]
    out.append(f"- Budget: {units.money(lim.budget, report.currency)}")
    out.append(f"- Time available: {units.hours_per_week(lim.hours_per_week)}")
    out.append(f"- Planning horizon: {units.weeks(lim.horizon_weeks)}")
    if p.interests is not None:
        out.append(f"- Interests (Holland code): {p.interests.code()}")
    out += [f"- Weight of passion in the ranking: {p.preferences.passion_weight:.0%}", ""]
    return out


def _recommendations(report: Report, recs: Recommendations) -> list[str]:
    out = [
        "## Occupations that fit",
        "",
        f"{recs.scored} occupations scored in the catalogue {md_escape(recs.catalog)}.",
        "",
    ]
    rows = [
        [
            str(r.rank),
            md_escape(r.title) + (" ★" if r.pareto else "") + (" (low coverage)"
                                                              if r.low_coverage else ""),
            units.fit(r.qualification),
            units.fit(r.passion),
            units.fit(r.combined),
            f"{r.coverage:.0%}",
            units.plural(r.estimate.weeks_lower_bound, "week"),
            units.money_at_least(r.estimate.cost_lower_bound, report.currency),
        ]
        for r in recs.items
    ]  # fmt: skip
    out += _table(
        ("#", "Occupation", "Qualification", "Passion", "Combined", "Known data", "At least",
         "Costs at least"),
        rows,
    )  # fmt: skip
    out += [
        "Fits run from 0 to 1. ★ = on the Pareto front (no other occupation fits better on both "
        "qualification and passion). *At least* / *costs at least* are lower bounds on any plan.",
        "",
    ]
    out += [f"{r.rank}. {md_escape(r.explanation)}" for r in recs.items]
    out.append("")
    out += [f"*{md_escape(n)}*" for n in recs.notes]
    return out


def _status(result: PlanResult) -> str:
    if result.has_plan and result.target_met is False:
        return md_escape(result.headline)
    return {
        PlanStatus.OPTIMAL: "optimal plan",
        PlanStatus.FEASIBLE: "plan found (the best within the time limit)",
        PlanStatus.INFEASIBLE: "no plan fits the limits",
        PlanStatus.UNKNOWN: "no plan found within the time limit",
    }[result.status]


def _plan(section: PlanSection, report: Report) -> list[str]:
    r = section.result
    dims = report.dimension_map
    out = [f"## Plan towards {md_escape(r.target_title or r.target)}", ""]
    objective = r.objective
    if section.front:
        objective = f"{report.objective}, picked from {len(section.front)} time–cost trade-offs"
    out += [f"Status: **{_status(r)}** (objective: {md_escape(objective)}).", ""]
    if r.has_plan and r.target_met:
        out += ["**Target met**: the plan reaches every weighted requirement.", ""]
    if r.has_plan and r.open_gaps:
        out += ["Requirements the plan leaves open:", ""]
        for g in r.open_gaps:
            have_text, need_text = units.level_and_need(g.level, g.required, dims.get(g.dimension))
            out.append(
                f"- open: {md_escape(g.name)} {have_text} of {need_text} needed "
                f"({md_escape(units.gap_cause(g))}); to close it: {md_escape(g.remedy)}"
            )
        if r.open_gaps:
            out.append("")
    if r.has_plan:
        ready = r.ready_week or 0
        out += [
            f"Ready in **{units.ready_week(ready)}** · {units.plural(len(r.steps), 'step')} · "
            f"total cost **{units.money(r.total_cost, report.currency)}** · "
            f"{units.unmet(r.shortfall)}",
            "",
        ]
        steps = sorted(r.steps, key=lambda s: (s.start_week, s.end_week, s.action_id))
        rows = [
            [
                f"{s.start_week}–{s.end_week}",
                md_escape(s.title) + (" \\[booked\\]" if s.booked else ""),
                s.kind.value.replace("_", " "),
                units.hours_per_week(s.hours_per_week),
                units.money(s.cost, report.currency)
                if s.cost >= 0
                else f"earns {units.money(-s.cost, report.currency)}",
                md_escape(units.raises(s.gains, s.closes, dims)),
            ]
            for s in steps
        ]
        out += _table(("Weeks", "Step", "Kind", "Hours", "Cost", "Raises"), rows)
        level_rows = []
        for k, points in sorted(r.level_timeline.items()):
            dim = dims.get(k)
            start = points[0][1] if points else None
            before = (
                f"unknown ({units.level(start, dim)} assumed)"
                if k in r.assumed_levels
                else units.level(start, dim)
            )
            need = section.required.get(k)
            level_rows.append(
                [
                    md_escape(dim.name if dim else k),
                    before,
                    units.level(r.final_levels.get(k), dim),
                    "" if need is None else units.level(need, dim),
                    units.shortfall(r.shortfall.get(k, 0.0), dim),
                ]
            )
        if level_rows:
            out += ["### Levels before and after", ""]
            out += _table(("Requirement", "Now", "After", "Needed", "Status"), level_rows)
    if r.reasons:
        out += ["### " + ("Why no plan fits" if not r.has_plan else "Why a gap remains"), ""]
        out += [f"- {md_escape(x.message)}" for x in r.reasons]
        out.append("")
    if section.front:
        rows = [
            [
                str(i + 1),
                f"week {p.ready_week or 0}",
                units.money(p.total_cost, report.currency),
                str(len(p.steps)),
                units.front_mark(p, i == section.chosen),
            ]
            for i, p in enumerate(section.front)
            if p.has_plan
        ]
        out += ["### Time against cost", ""]
        out += _table(("#", "Ready", "Cost", "Steps", ""), rows)
        out += [md_escape(units.front_legend(section.front)), ""]
    out += [f"*Note: {md_escape(n)}*" for n in r.notes]
    return [*out, ""]


def render_markdown(report: Report) -> str:
    """The report as Markdown text."""
    out = [f"# Career report: {md_escape(report.profile.name)}", ""]
    if report.description:
        out += [md_escape(report.description), ""]
    if report.illustrative or report.synthetic:
        out += [f"> **Illustrative data.** {md_escape(report.made_up_sentence)}", ""]
    out += _person(report)
    if report.recommendations is not None:
        out += _recommendations(report, report.recommendations)
    for section in report.plans:
        out += _plan(section, report)
    out += ["## What this rests on", ""]
    out += [f"- {md_escape(a)}" for a in report.assumptions]
    out.append("")
    if report.attribution:
        out += ["---", "", md_escape(report.attribution), ""]
    return "\n".join(out)
