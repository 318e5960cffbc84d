"""Charts of plans and recommendations (matplotlib, the optional ``plot`` extra).

Every function takes a plain result object (:class:`PlanResult`, :class:`Recommendations`, a
Pareto front as a list of :class:`PlanResult`) and an optional matplotlib ``ax`` to draw on;
without one it makes its own :class:`~matplotlib.figure.Figure` (no pyplot, no global state,
the Agg renderer). It returns the figure drawn on. :func:`png_bytes` and :func:`svg_text` save
a figure byte for byte the same for the same input: fixed fonts, sizes and DPI, a fixed SVG hash
salt and no dates in the metadata.

matplotlib is imported inside the functions, never when this module is imported, so the
command line starts without it.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.dimensions import Dimension
from careerfit_opt.model.plans import PlanResult
from careerfit_opt.model.recommendations import Recommendations
from careerfit_opt.report import units
from careerfit_opt.report.fits import OccupationFit

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Resolution of saved PNGs (dots per inch).
DPI = 100

#: Bar colours per step kind (Okabe–Ito, readable by colour-blind people and in grey print).
KIND_COLOURS: dict[str, str] = {
    "course": "#0072B2",
    "certification": "#D55E00",
    "trial_role": "#009E73",
    "networking": "#CC79A7",
}
KIND_LABELS: dict[str, str] = {
    "course": "course",
    "certification": "certification",
    "trial_role": "trial role",
    "networking": "networking",
}
#: Line colours for trajectories and points (the same palette, then greys).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")

#: Most gap lines one trajectory chart draws (more cannot be told apart).
MAX_TRAJECTORIES = 12

#: Fixed rendering settings: the same picture on every machine with the same matplotlib.
STYLE: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "axes.titlesize": 11.0,
    "axes.labelsize": 9.0,
    "legend.fontsize": 8.0,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "careerfit-opt",
    "svg.fonttype": "none",
    "path.simplify": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _need_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the installation
        raise InputError(
            [
                Problem(
                    "charts",
                    "charts need matplotlib: pip install 'careerfit-opt[plot]'",
                )
            ]
        ) from None


@contextmanager
def style() -> Iterator[None]:
    """The fixed rendering settings, for drawing and saving."""
    _need_matplotlib()
    import matplotlib

    with matplotlib.rc_context(STYLE):
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """The figure as a PNG, the same bytes for the same figure (no software or date stamp)."""
    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def svg_text(fig: Figure) -> str:
    """The figure as SVG text, the same for the same figure (fixed ids, no date)."""
    buf = io.StringIO()
    with style():
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def save(fig: Figure, path: str | Any) -> None:
    """Write the figure to ``path``; the format follows the suffix (.png, .svg, .pdf)."""
    with style():
        suffix = str(path).rsplit(".", 1)[-1].lower()
        meta: dict[str, Any] = {
            "png": {"Software": None},
            "svg": {"Date": None, "Creator": None},
            "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
        }.get(suffix, {})
        fig.savefig(path, dpi=DPI, metadata=meta)


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _no_plan(ax: Axes, result: PlanResult) -> None:
    ax.set_axis_off()
    lines = ["No plan fits the limits."]
    for r in result.reasons[:4]:
        lines += textwrap.wrap(r.message, 110, initial_indent="• ", subsequent_indent="  ")
    ax.text(0.0, 1.0, "\n".join(lines), va="top", ha="left", transform=ax.transAxes)


def weekly_load(result: PlanResult) -> list[float]:
    """Hours a week the plan takes in each week from 0 to its last week (exclusive end).

    >>> from careerfit_opt.model import PlanResult, PlanStep
    >>> s = [PlanStep(action_id="a", kind="course", title="A", start_week=0, end_week=2,
    ...               hours_per_week=5, cost=0),
    ...      PlanStep(action_id="b", kind="course", title="B", start_week=1, end_week=3,
    ...               hours_per_week=4, cost=0)]
    >>> weekly_load(PlanResult(status="optimal", target="t", objective="fastest", steps=s))
    [5.0, 9.0, 4.0]
    """
    end = max((s.end_week for s in result.steps), default=0)
    load = [0.0] * end
    for s in result.steps:
        for w in range(s.start_week, s.end_week):
            load[w] += s.hours_per_week
    return load


def plot_plan(
    result: PlanResult,
    capacity: float | None = None,
    ax: Axes | None = None,
    load_ax: Axes | None = None,
) -> Figure:
    """A Gantt chart of a plan: one bar per step, coloured by kind, the ready week marked, and
    underneath the hours a week the plan takes against ``capacity`` (the person's hours a week).

    Without ``ax`` a figure with both panels is made. With ``ax`` the bars go there and the load
    goes on ``load_ax`` when one is given (otherwise it is left out).
    """
    with style():
        if ax is None and not result.has_plan:
            fig = _figure(9.0, 0.9 + 0.45 * min(4, len(result.reasons)))
            ax = fig.add_subplot()
        if ax is None:
            rows = max(1, len(result.steps))
            fig = _figure(9.0, 1.6 + 0.32 * rows + 1.6)
            grid = fig.add_gridspec(2, 1, height_ratios=[max(2.0, 0.32 * rows + 0.8), 1.6])
            ax = fig.add_subplot(grid[0])
            load_ax = fig.add_subplot(grid[1], sharex=ax)
        figure = ax.get_figure()
        assert figure is not None
        title = f"{result.profile} → {result.target_title or result.target}".strip(" →")
        ax.set_title(f"Plan: {title}", loc="left")
        if not result.has_plan:
            _no_plan(ax, result)
            if load_ax is not None:
                load_ax.set_axis_off()
            return figure  # type: ignore[return-value]
        steps = sorted(result.steps, key=lambda s: (s.start_week, s.end_week, s.action_id))
        seen: dict[str, Any] = {}
        for row, s in enumerate(steps):
            colour = KIND_COLOURS.get(s.kind.value, "#777777")
            bars = ax.barh(
                row,
                s.end_week - s.start_week,
                left=s.start_week,
                height=0.6,
                color=colour,
                hatch="//" if s.booked else None,
                edgecolor="white" if not s.booked else "black",
                linewidth=0.5,
            )
            seen.setdefault(s.kind.value, bars)
        ax.set_yticks(range(len(steps)), [_short(s.title) for s in steps])
        ax.invert_yaxis()
        ready = result.ready_week or max((s.end_week for s in steps), default=0)
        marker = ax.axvline(ready, color="black", linestyle="--", linewidth=1.2)
        ax.set_xlim(0, max(ready, 1) * 1.04 + 0.5)
        handles = [seen[k] for k in KIND_COLOURS if k in seen]
        labels = [KIND_LABELS[k] for k in KIND_COLOURS if k in seen]
        handles.append(marker)
        labels.append(f"ready: week {ready}")
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        if load_ax is None:
            ax.set_xlabel("weeks from the start")
            return figure  # type: ignore[return-value]
        load = weekly_load(result)
        xs = list(range(len(load) + 1))
        ys = [*load, load[-1] if load else 0.0]
        load_ax.fill_between(xs, ys, step="post", color="#56B4E9", alpha=0.6, linewidth=0)
        load_ax.step(xs, ys, where="post", color="#0072B2", linewidth=1.0, label="plan load")
        top = max([*load, 1.0])
        if capacity is not None:
            load_ax.axhline(
                capacity,
                color="#D55E00",
                linestyle="-",
                linewidth=1.5,
                label=f"your capacity: {units.hours_per_week(capacity)}",
            )
            top = max(top, capacity)
        load_ax.axvline(ready, color="black", linestyle="--", linewidth=1.2)
        load_ax.set_ylim(0, top * 1.25)
        load_ax.set_ylabel("hours a week")
        load_ax.set_xlabel("weeks from the start")
        load_ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        load_ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        return figure  # type: ignore[return-value]


def plot_skills(
    result: PlanResult,
    required: Mapping[str, float],
    dimensions: Mapping[str, Dimension] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Each gap's level over the plan's weeks, as a share of its requirement (100% = met).

    ``required`` maps dimension ids to the target's required level; ``dimensions`` gives names
    and units for the legend, which lists each gap's level before and after in its own unit.
    Dimensions already met at the start are left out; a starting level that was unknown is
    drawn dotted from the level the planner assumed.
    """
    dims = dimensions or {}
    with style():
        if ax is None:
            rows = min(MAX_TRAJECTORIES, sum(1 for k in result.level_timeline if k in required))
            rows += 1
            fig = _figure(9.0, 3.6 + 0.2 * rows)
            ax = fig.add_subplot()
        figure = ax.get_figure()
        assert figure is not None
        ax.set_title(f"Skills over the plan: {result.target_title or result.target}", loc="left")
        end = result.ready_week or max((s.end_week for s in result.steps), default=0)
        end = max(end, 1)
        right = end * 1.06 + 1  # room after the ready week, so a last-week change shows
        shown = 0
        top = 100.0
        gaps = [
            (k, points, need)
            for k, points in sorted(result.level_timeline.items())
            if points
            and (need := required.get(k)) is not None
            and need > 0
            and (points[0][1] < need - units.MET_TOLERANCE or k in result.assumed_levels)
        ]
        left_out = 0
        if len(gaps) > MAX_TRAJECTORIES:
            # Too many lines to tell apart: draw the ones the plan raises, largest gap first.
            raised = [g for g in gaps if len(g[1]) > 1]
            raised.sort(key=lambda g: (g[1][0][1] / g[2], g[0]))
            keep = {g[0] for g in raised[:MAX_TRAJECTORIES]}
            left_out = len(gaps) - len(keep)
            gaps = [g for g in gaps if g[0] in keep]
        for k, points, need in gaps:
            first = points[0][1]
            unknown = k in result.assumed_levels
            xs = [p[0] for p in points] + [right]
            ys = [min(p[1] / need, 1.5) * 100 for p in points]
            ys.append(ys[-1])
            top = max(top, *ys)
            dim = dims.get(k)
            name = dim.name if dim else k
            before = "unknown" if unknown else units.level(first, dim)
            after = units.level(points[-1][1], dim)
            label = f"{_short(name, 30)}: {before} → {after} (needs {units.level(need, dim)})"
            colour = PALETTE[shown % len(PALETTE)]
            dash = ":" if unknown else ("-", "--", "-.")[(shown // len(PALETTE)) % 3]
            ax.step(xs, ys, where="post", color=colour, linewidth=1.6, linestyle=dash, label=label)
            shown += 1
        if left_out:
            ax.plot([], [], " ", label=f"{left_out} more gaps not drawn (see the levels table)")
        ax.axhline(100, color="black", linewidth=1.0, linestyle="--", label="requirement (100%)")
        ax.axvline(end, color="#777777", linewidth=0.8, linestyle=":", label=f"ready: week {end}")
        ax.set_ylim(-4, max(112.0, top + 8.0))
        ax.set_xlim(0, right)
        ax.set_xlabel("weeks from the start")
        ax.set_ylabel("% of the required level")
        if shown == 0:
            ax.text(0.5, 0.5, "no gaps to close", transform=ax.transAxes, ha="center")
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.16), frameon=False, ncols=1)
        ax.grid(color="#eeeeee", linewidth=0.6)
        return figure  # type: ignore[return-value]


def plot_recommendations(
    recommendations: Recommendations,
    fits: Sequence[OccupationFit] = (),
    chosen: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Qualification fit against passion fit: every occupation in ``fits`` as a grey dot, the
    Pareto front joined and highlighted, the recommendations numbered by rank, and the
    ``chosen`` target occupation marked with a star.

    Without ``fits`` only the recommendations are drawn. Occupations whose passion fit is
    unknown cannot be placed and are counted in the legend.
    """
    with style():
        if ax is None:
            fig = _figure(7.5, 6.6)
            ax = fig.add_subplot()
        figure = ax.get_figure()
        assert figure is not None
        ax.set_title(f"Fit map: {recommendations.profile}", loc="left")
        placed = [f for f in fits if f.passion is not None]
        missing = len(fits) - len(placed)
        if placed:
            ax.scatter(
                [f.qualification for f in placed],
                [f.passion or 0.0 for f in placed],
                s=14,
                color="#bbbbbb",
                label=f"all {len(placed)} occupations",
                zorder=1,
            )
        front = sorted(
            (f for f in placed if f.pareto), key=lambda f: (f.qualification, -(f.passion or 0))
        )
        if front:
            ax.plot(
                [f.qualification for f in front],
                [f.passion or 0.0 for f in front],
                color="#E69F00",
                linewidth=1.2,
                marker="o",
                markersize=7,
                label="Pareto front (no other fits better on both)",
                zorder=2,
            )
        items = [r for r in recommendations.items if r.passion is not None]
        if items:
            ax.scatter(
                [r.qualification for r in items],
                [r.passion or 0.0 for r in items],
                s=70,
                facecolor="none",
                edgecolor="#0072B2",
                linewidth=1.6,
                label="recommended (number = rank)",
                zorder=3,
            )
            for r in items:
                ax.annotate(
                    str(r.rank),
                    (r.qualification, r.passion or 0.0),
                    xytext=(5, 4),
                    textcoords="offset points",
                    color="#0072B2",
                    fontsize=8,
                )
        target = [r for r in items if r.occupation_id == chosen]
        pick = (
            (target[0].qualification, target[0].passion, target[0].title)
            if target
            else next(
                (
                    (f.qualification, f.passion, f.title)
                    for f in placed
                    if f.occupation_id == chosen
                ),
                None,
            )
        )
        if pick is not None:
            ax.scatter(
                [pick[0]],
                [pick[1] or 0.0],
                marker="*",
                s=320,
                color="#D55E00",
                edgecolor="black",
                linewidth=0.6,
                label=f"target: {_short(pick[2], 32)}",
                zorder=4,
            )
        if missing:
            ax.plot([], [], " ", label=f"{missing} with unknown passion fit (not drawn)")
        # Start the axes where the points start (in steps of 0.1), so a crowd near 1 spreads out.
        qs = [f.qualification for f in placed] + [r.qualification for r in items]
        ps = [f.passion or 0.0 for f in placed] + [r.passion or 0.0 for r in items]
        ax.set_xlim(math.floor(max(0.0, min(qs, default=0.0) - 0.05) * 10) / 10, 1.02)
        ax.set_ylim(math.floor(max(0.0, min(ps, default=0.0) - 0.05) * 10) / 10, 1.02)
        ax.set_xlabel("qualification fit (0–1: how far your levels meet the requirements)")
        ax.set_ylabel("passion fit (0–1: interests and values)")
        ax.grid(color="#eeeeee", linewidth=0.6)
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.1), frameon=False, ncols=2)
        return figure  # type: ignore[return-value]


def plot_pareto(
    front: Sequence[PlanResult],
    chosen: int | None = None,
    currency: str = "",
    ax: Axes | None = None,
) -> Figure:
    """The time–cost trade-off: each plan on the front at (ready week, total cost), joined as
    a staircase, labelled with its number of steps; ``chosen`` (an index into ``front``) is
    marked with a star."""
    with style():
        if ax is None:
            fig = _figure(7.5, 4.5)
            ax = fig.add_subplot()
        figure = ax.get_figure()
        assert figure is not None
        plans = [p for p in front if p.has_plan]
        title = front[0].target_title or front[0].target if front else ""
        ax.set_title(f"Time–cost trade-off: {title}", loc="left")
        if not plans:
            ax.set_axis_off()
            ax.text(0.0, 0.9, "No plan fits the limits.", transform=ax.transAxes)
            return figure  # type: ignore[return-value]
        xs = [p.ready_week or 0 for p in plans]
        ys = [p.total_cost for p in plans]
        ax.step(xs, ys, where="post", color="#999999", linewidth=1.0, zorder=1)
        ax.scatter(xs, ys, s=50, color="#0072B2", label="optimal plan (number = steps)", zorder=2)
        for x, y, p in zip(xs, ys, plans, strict=True):
            ax.annotate(
                str(len(p.steps)),
                (x, y),
                xytext=(5, 5),
                textcoords="offset points",
                color="#0072B2",
            )
        if chosen is not None and 0 <= chosen < len(front) and front[chosen].has_plan:
            c = front[chosen]
            ax.scatter(
                [c.ready_week or 0],
                [c.total_cost],
                marker="*",
                s=320,
                color="#D55E00",
                edgecolor="black",
                linewidth=0.6,
                label="chosen plan",
                zorder=3,
            )
        unit = f" ({currency})" if currency else ""
        ax.set_xlabel("ready in week")
        ax.set_ylabel(f"total cost{unit}")
        lo_x, hi_x = min(xs), max(xs)
        pad_x = max(1.0, (hi_x - lo_x) * 0.08)
        ax.set_xlim(max(0.0, lo_x - pad_x), hi_x + pad_x)
        lo_y, hi_y = min(ys), max(ys)
        pad_y = max(10.0, abs(hi_y) * 0.12, (hi_y - lo_y) * 0.12)
        ax.set_ylim(min(0.0, lo_y - pad_y), hi_y + pad_y)
        ax.grid(color="#eeeeee", linewidth=0.6)
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.14), frameon=False, ncols=2)
        return figure  # type: ignore[return-value]
