"""A report as one self-contained HTML page: charts inlined as data URIs, styles inline, no
script and no network request, laid out for the screen and for print.

Every text that comes from a file (names, titles, descriptions, reasons) is escaped.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from html import escape

from careerfit_opt import __version__
from careerfit_opt.model.plans import PlanResult, PlanStatus
from careerfit_opt.model.recommendations import Recommendation, Recommendations
from careerfit_opt.report import units
from careerfit_opt.report.build import PlanSection, Report

#: The page style (also used by the batch index page).
CSS = """
:root { --ink: #1a1a1a; --muted: #5a5a5a; --line: #d0d0d0; --accent: #0b5394; --warn: #a33b00; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.45;
       font-size: 15px; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p.lead { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
         vertical-align: top; }
th { background: #f2f5f9; }
td.num, th.num { text-align: right; white-space: nowrap; }
.summary { display: flex; flex-wrap: wrap; gap: .6rem; margin: .8rem 0; padding: 0;
           list-style: none; }
.summary li { border: 1px solid var(--line); border-radius: 6px; padding: .45rem .8rem;
              background: #f8fafc; }
.summary b { display: block; font-size: 1.15rem; }
.status-ok { color: #1d6b2f; font-weight: bold; }
.status-bad { color: var(--warn); font-weight: bold; }
.reasons { border-left: 4px solid var(--warn); background: #fff5ef; padding: .5rem 1rem;
           margin: .8rem 0; }
.note { color: var(--muted); font-size: .88rem; }
ul.facts { color: var(--muted); font-size: .88rem; margin: .2rem 0 .6rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: var(--muted); font-size: .85rem; }
.legend { font-size: .85rem; color: var(--muted); }
.attribution { font-size: .82rem; color: var(--muted); border-top: 1px solid var(--line);
               padding-top: .6rem; margin-top: 2rem; }
.illustrative { border: 2px solid var(--warn); padding: .5rem .8rem; background: #fffaf3; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr, .summary, .reasons { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  th { background: #eee !important; -webkit-print-color-adjust: exact;
       print-color-adjust: exact; }
}
@page { size: A4; margin: 16mm 14mm; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _img(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{_e(alt)}">'


def _figure(svg: str | None, alt: str, caption: str) -> str:
    if svg is None:
        return ""
    return f"<figure>{_img(svg, alt)}<figcaption>{_e(caption)}</figcaption></figure>\n"


class _Charts:
    """Draws charts as SVG when matplotlib is installed; otherwise says how to get them."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.missing = False
        if enabled:
            try:
                import matplotlib  # noqa: F401
            except ImportError:  # pragma: no cover - depends on the installation
                self.enabled, self.missing = False, True

    def plan(self, section: PlanSection, report: Report) -> str | None:
        if not self.enabled or not section.result.has_plan:
            return None
        from careerfit_opt.report import plots

        fig = plots.plot_plan(section.result, capacity=report.profile.limits.hours_per_week)
        return plots.svg_text(fig)

    def skills(self, section: PlanSection, report: Report) -> str | None:
        if not self.enabled or not section.result.has_plan:
            return None
        from careerfit_opt.report import plots

        fig = plots.plot_skills(section.result, section.required, report.dimension_map)
        return plots.svg_text(fig)

    def fit_map(self, report: Report) -> str | None:
        if not self.enabled or report.recommendations is None:
            return None
        from careerfit_opt.report import plots

        chosen = report.plans[0].result.target if report.plans else None
        fig = plots.plot_recommendations(report.recommendations, report.fits, chosen)
        return plots.svg_text(fig)

    def front(self, section: PlanSection, report: Report) -> str | None:
        if not self.enabled or len(section.front) < 1:
            return None
        from careerfit_opt.report import plots

        fig = plots.plot_pareto(section.front, section.chosen, report.currency)
        return plots.svg_text(fig)


def _table(head: Iterable[tuple[str, bool]], rows: Iterable[Iterable[str]]) -> str:
    """A table from escaped cells; ``head`` gives each column's title and whether it is a
    number (right-aligned)."""
    cols = list(head)
    out = ["<table><thead><tr>"]
    out += [f"<th{' class=num' if num else ''}>{_e(name)}</th>" for name, num in cols]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for (_, num), cell in zip(cols, row, strict=True):
            out.append(f"<td{' class=num' if num else ''}>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>\n")
    return "".join(out)


def _person(report: Report) -> str:
    p = report.profile
    lim = p.limits

    def money(x: float) -> str:
        return units.money(x, report.currency)

    out = [f"<h2>About {_e(p.name)}</h2>\n"]
    if p.description:
        out.append(f"<p>{_e(p.description)}</p>\n")
    facts = [
        ("Budget", money(lim.budget)),
        ("Time available", units.hours_per_week(lim.hours_per_week)),
        ("Planning horizon", units.weeks(lim.horizon_weeks)),
    ]
    if p.interests is not None:
        facts.append(("Interests (Holland code)", p.interests.code()))
    facts.append(
        ("Weight of passion in the ranking", f"{p.preferences.passion_weight:.0%}"),
    )
    out.append('<ul class="summary">')
    out += [f"<li>{_e(k)}<b>{_e(v)}</b></li>" for k, v in facts]
    out.append("</ul>\n")
    dims = report.dimension_map
    known = p.known_levels()
    strengths = sorted(
        ((v / (dims[k].hi or 1.0), k, v) for k, v in known.items() if k in dims),
        key=lambda t: (-t[0], t[1]),
    )[:8]
    if strengths:
        estimated = set(p.estimated_levels)
        rows = [
            [
                _e(dims[k].name) + (' <span class="note">(estimated)</span>' if k in estimated
                                    else ""),
                _e(units.level(v, dims[k])),
                _e(units.scale_note(dims[k])),
            ]
            for _, k, v in strengths
        ]  # fmt: skip
        out.append("<h3>Strongest known levels</h3>\n")
        out.append(_table((("Dimension", False), ("Level", True), ("Scale", False)), rows))
    unknown = sorted(k for k, v in p.levels.items() if v is None)
    if unknown:
        names = ", ".join(dims[k].name if k in dims else k for k in unknown)
        out.append(f'<p class="note">Marked unknown in the profile: {_e(names)}.</p>\n')
    return "".join(out)


def _recommendations(report: Report, recs: Recommendations, charts: _Charts) -> str:

    def money(x: float) -> str:
        return units.money(x, report.currency)

    out = ["<h2>Occupations that fit</h2>\n"]
    out.append(
        f'<p class="lead">{recs.scored} occupations scored in the catalogue '
        f"{_e(recs.catalog)}; the best {len(recs.items)} by combined fit.</p>\n"
    )
    rows = []
    for r in recs.items:
        flags = " ★" if r.pareto else ""
        flags += " (low coverage)" if r.low_coverage else ""
        rows.append(
            [
                str(r.rank),
                f"{_e(r.title)}{_e(flags)}",
                _e(units.fit(r.qualification)),
                _e(units.fit(r.passion)),
                _e(units.fit(r.combined)),
                f"{r.coverage:.0%}",
                _e(units.plural(r.estimate.weeks_lower_bound, "week")),
                _e(units.money_at_least(r.estimate.cost_lower_bound, report.currency)),
            ]
        )
    head = (
        ("#", True),
        ("Occupation", False),
        ("Qualification fit", True),
        ("Passion fit", True),
        ("Combined", True),
        ("Known data", True),
        ("At least", True),
        ("Costs at least", True),
    )
    out.append(_table(head, rows))
    out.append(
        '<p class="legend">Fits run from 0 (none) to 1 (full). ★ = on the Pareto front: no other '
        "occupation fits better on both qualification and passion. <i>Known data</i> = share of "
        "the requirements whose level is known for this person. <i>At least</i> / <i>costs at "
        "least</i> = lower bounds on any plan closing the measured gaps.</p>\n"
    )
    out.append("<h3>Why each one</h3>\n<ol>")
    out += [f"<li>{_e(r.explanation)}{_facts(r)}</li>" for r in recs.items]
    out.append("</ol>\n")
    for note in recs.notes:
        out.append(f'<p class="note">{_e(note)}</p>\n')
    out.append(
        _figure(
            charts.fit_map(report),
            "Qualification fit against passion fit for every occupation",
            "Each dot is an occupation: further right = better qualified, higher = more "
            "passion-aligned. Orange: the Pareto front; blue rings: the recommendations (number "
            "= rank)" + ("; star: the plan's target." if report.plans else "."),
        )
    )
    return "".join(out)


def _facts(r: Recommendation) -> str:
    """What a counsellor reads next to a recommendation: preparation, education, experience,
    the biggest gaps with what the needed level means, hot technologies."""
    f = r.facts
    if f is None:
        return ""
    lines = []
    if f.job_zone is not None:
        zone = f"Job zone {f.job_zone}" + (f" ({f.job_zone_name})" if f.job_zone_name else "")
        if f.current_job_zone is not None:
            zone += f"; the current job is zone {f.current_job_zone}"
        lines.append(zone)
    if f.typical_education_name:
        edu = f"Typical education: {f.typical_education_name}"
        if f.person_education_name:
            edu += f" (this person: {f.person_education_name}"
            if f.share_at_most_person_education is not None:
                edu += f"; {f.share_at_most_person_education:.0%} of workers have at most that"
            edu += ")"
        lines.append(edu)
    if f.typical_experience_name:
        lines.append(f"Typical experience: {f.typical_experience_name}")
    for g in f.top_gaps:
        have = "unknown" if g.have is None else f"{g.have:g}"
        unit = f" {g.unit}" if g.unit else ""
        gap = f"Gap: {g.name} {have} → {g.need:g}{unit}"
        if g.need_means:
            gap += f" — {g.need_means}"
        lines.append(gap)
    if f.hot_technologies:
        more = f.hot_technology_count - len(f.hot_technologies)
        lines.append(
            "Hot technologies: " + ", ".join(f.hot_technologies) + (f" and {more} more" if more
                                                                      > 0 else "")
        )  # fmt: skip
    if not lines:
        return ""
    return '<ul class="facts">' + "".join(f"<li>{_e(x)}</li>" for x in lines) + "</ul>"


def _status(result: PlanResult) -> str:
    if result.has_plan and result.target_met is False:
        return f'<span class="status-bad">{_e(result.headline)}</span>'
    if result.status is PlanStatus.OPTIMAL:
        return '<span class="status-ok">optimal plan (proven best for the objective)</span>'
    if result.status is PlanStatus.FEASIBLE:
        return '<span class="status-ok">plan found (the best within the time limit)</span>'
    if result.status is PlanStatus.INFEASIBLE:
        return '<span class="status-bad">no plan fits the limits</span>'
    return '<span class="status-bad">no plan found within the time limit</span>'


def _target(result: PlanResult, report: Report) -> str:
    """Whether the plan meets the target, first; then every requirement it leaves open and
    what would close it, and the requirements nobody assessed."""
    if not result.has_plan:
        return ""
    dims = report.dimension_map
    out = []
    if result.target_met:
        out.append('<p class="status-ok">Target met: the plan reaches every weighted '
                   "requirement.</p>\n")  # fmt: skip
    elif result.target_met is False:
        out.append('<div class="reasons"><h3>Requirements the plan leaves open</h3><ul>')
        for g in result.open_gaps:
            dim = dims.get(g.dimension)
            why = units.gap_cause(g)
            level, need = units.level_and_need(g.level, g.required, dim)
            have = "not held" if g.kind == "credential" else f"{level} of {need} needed"
            out.append(
                f"<li>{_e(g.name)}: {_e(have)} ({_e(why)}); to close it: {_e(g.remedy)}</li>"
            )
        out.append("</ul></div>\n")
    if result.unassessed:
        names = ", ".join(
            f"{dims[k].name if k in dims else k} (needs {units.level(v, dims.get(k))})"
            for k, v in sorted(result.unassessed.items())
        )
        out.append(
            f'<p class="note">Not assessed: {_e(names)} — unknown for this person and not '
            "taught by any step; rate them in the profile to have them checked.</p>\n"
        )
    return "".join(out)


def _plan_summary(result: PlanResult, report: Report) -> str:
    ready = result.ready_week or 0
    peak = max(
        (
            sum(s.hours_per_week for s in result.steps if s.start_week <= w < s.end_week)
            for w in range(ready)
        ),
        default=0.0,
    )
    items = [
        ("Ready in", units.ready_week(ready)),
        ("Total cost", units.money(result.total_cost, report.currency)),
        ("Steps", str(len(result.steps))),
        ("Busiest week", units.hours_per_week(peak)),
        ("Requirements", units.unmet(result.shortfall)),
    ]
    if result.total_income:
        items.insert(2, ("Income from paid roles", units.money(result.total_income,
                                                              report.currency)))  # fmt: skip
    out = ['<ul class="summary">']
    out += [f"<li>{_e(k)}<b>{_e(v)}</b></li>" for k, v in items]
    out.append("</ul>\n")
    return "".join(out)


def _fits_line(result: PlanResult) -> str:
    before, after = result.fit_before, result.fit_after
    if before is None:
        return ""
    text = f"Qualification fit now {units.fit(before.qualification)}"
    if after is not None and result.has_plan:
        text += f", after the plan {units.fit(after.qualification)}"
    if before.passion is not None:
        text += f"; passion fit {units.fit(before.passion)}"
    return f"<p>{_e(text)}.</p>\n"


def _steps(result: PlanResult, report: Report) -> str:
    dims = report.dimension_map
    rows = []
    for s in sorted(result.steps, key=lambda s: (s.start_week, s.end_week, s.action_id)):
        title = _e(s.title) + (f' <span class="note">({_e(s.provider)})</span>' if s.provider
                               else "")  # fmt: skip
        if s.booked:
            title += ' <span class="note">[already booked]</span>'
        cost = (
            units.money(s.cost, report.currency)
            if s.cost >= 0
            else f"earns {units.money(-s.cost, report.currency)}"
        )
        rows.append(
            [
                f"{s.start_week}–{s.end_week}",
                title,
                _e(s.kind.value.replace("_", " ")).replace(" ", "&nbsp;"),
                _e(units.hours_per_week(s.hours_per_week)),
                _e(cost),
                _e(units.raises(s.gains, s.closes, dims)),
            ]
        )
    head = (
        ("Weeks", False),
        ("Step", False),
        ("Kind", False),
        ("Hours", True),
        ("Cost", True),
        ("Raises", False),
    )
    return _table(head, rows) + (
        '<p class="legend">Weeks count from the start of the plan (week 0); a step from week 4 '
        "to week 10 runs six weeks.</p>\n"
    )


def _levels(section: PlanSection, report: Report) -> str:
    result = section.result
    dims = report.dimension_map
    rows = []
    for k, points in sorted(result.level_timeline.items()):
        dim = dims.get(k)
        start = points[0][1] if points else None
        before = (
            f"unknown ({units.level(start, dim)} assumed)"
            if k in result.assumed_levels
            else units.level(start, dim)
        )
        after = result.final_levels.get(k)
        need = section.required.get(k)
        rows.append(
            [
                _e(dim.name if dim else k),
                _e(before),
                _e(units.level(after, dim)),
                _e("" if need is None else units.level(need, dim)),
                _e(units.shortfall(result.shortfall.get(k, 0.0), dim)),
            ]
        )
    if not rows:
        return ""
    head = (
        ("Requirement", False),
        ("Now", True),
        ("After the plan", True),
        ("Needed", True),
        ("Status", False),
    )
    return "<h3>Levels before and after</h3>\n" + _table(head, rows)


def _reasons(result: PlanResult) -> str:
    if not result.reasons:
        return ""
    title = "Why no plan fits" if not result.has_plan else "Why a gap remains"
    out = [f'<div class="reasons"><h3>{title}</h3><ul>']
    out += [f"<li>{_e(r.message)}</li>" for r in result.reasons]
    out.append("</ul></div>\n")
    return "".join(out)


def _front(section: PlanSection, report: Report, charts: _Charts) -> str:
    if not section.front:
        return ""
    rows = []
    for i, p in enumerate(section.front):
        if not p.has_plan:
            continue
        mark = units.front_mark(p, i == section.chosen)
        rows.append(
            [
                str(i + 1),
                _e(f"week {p.ready_week or 0}"),
                _e(units.money(p.total_cost, report.currency)),
                str(len(p.steps)),
                _e(mark),
            ]
        )
    head = (("#", True), ("Ready", True), ("Cost", True), ("Steps", True), ("", False))
    out = ["<h3>Time against cost</h3>\n", _table(head, rows)]
    out.append(
        f'<p class="legend">{_e(units.front_legend(section.front))} '
        f"The chosen one is what the objective ({_e(report.objective)}) picks; its steps are "
        "shown above.</p>\n"
    )
    out.append(
        _figure(
            charts.front(section, report),
            "Ready week against total cost for each plan of the table",
            "Each point is a plan of the table (number = its steps); the star is the chosen plan.",
        )
    )
    return "".join(out)


def _plan(section: PlanSection, report: Report, charts: _Charts) -> str:
    r = section.result
    title = r.target_title or r.target
    out = [f"<h2>Plan towards {_e(title)}</h2>\n"]
    objective = r.objective
    if section.front:
        objective = f"{report.objective}, picked from {len(section.front)} time–cost trade-offs"
    out.append(f"<p>Status: {_status(r)}. Objective: {_e(objective)}.</p>\n")
    out.append(_fits_line(r))
    out.append(_target(r, report))
    if r.has_plan:
        out.append(_plan_summary(r, report))
        out.append(
            _figure(
                charts.plan(section, report),
                f"Timeline of the plan towards {title}",
                "Bars: the steps, coloured by kind (hatched = already booked); dashed line: the "
                "week the plan is done. Below: hours a week the plan takes against the time "
                "available.",
            )
        )
        out.append("<h3>Steps</h3>\n")
        out.append(_steps(r, report))
    out.append(_reasons(r))
    if r.has_plan:
        out.append(_levels(section, report))
        out.append(
            _figure(
                charts.skills(section, report),
                f"Levels over time towards {title}",
                "Each line is a requirement not met at the start, as a share of the level "
                "needed (dotted: the starting level was unknown).",
            )
        )
    out.append(_front(section, report, charts))
    for note in r.notes:
        out.append(f'<p class="note">Note: {_e(note)}</p>\n')
    return "".join(out)


def _assumptions(report: Report) -> str:
    out = ["<h2>What this rests on</h2>\n<ul>"]
    out += [f"<li>{_e(a)}</li>" for a in report.assumptions]
    out.append("</ul>\n")
    return "".join(out)


def render_html(report: Report, *, charts: bool = True, index: str | None = None) -> str:
    """The report as one HTML page (UTF-8 text). ``charts=False`` leaves the charts out (and
    needs no matplotlib); ``index`` links back to a batch's index page."""
    draw = _Charts(charts)
    name = report.profile.name
    out = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="careerfit-opt {_e(__version__)}">\n',
        f"<title>Career report: {_e(name)}</title>\n",
        f"<style>{CSS}</style>\n</head>\n<body>\n",
    ]
    if index:
        out.append(f'<p class="note"><a href="{_e(index)}">← all clients</a></p>\n')
    out.append(f"<h1>Career report: {_e(name)}</h1>\n")
    lead = report.description or report.scenario
    if lead:
        out.append(f'<p class="lead">{_e(lead)}</p>\n')
    if report.illustrative or report.synthetic:
        out.append(
            f'<p class="illustrative"><b>Illustrative data.</b> {_e(report.made_up_sentence)} '
            "See “What this rests on”.</p>\n"
        )
    out.append(_person(report))
    if report.recommendations is not None:
        out.append(_recommendations(report, report.recommendations, draw))
    for section in report.plans:
        out.append(_plan(section, report, draw))
    if draw.missing:
        out.append(
            '<p class="note">Charts are left out: install them with pip install '
            "'careerfit-opt[plot]'.</p>\n"
        )
    out.append(_assumptions(report))
    out.append('<div class="attribution">')
    out.append(
        f"<p>Made with careerfit-opt {_e(__version__)} from the catalogue {_e(report.catalog)}.</p>"
    )
    if report.attribution:
        out.append(f"<p>{_e(report.attribution)}</p>")
    out.append("</div>\n</body>\n</html>\n")
    return "".join(out)
