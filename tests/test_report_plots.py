"""Charts: each compared with a baseline PNG, text removed, within a pixel RMS tolerance.

Text is hidden before the comparison so that font rendering (FreeType versions, hinting) does not
decide the test; bars, lines, markers and the layout do. Regenerate the baselines after an
intended change to a chart with

    CAREERFIT_UPDATE_BASELINES=1 python -m pytest tests/test_report_plots.py

then look at the PNGs under tests/fixtures/report/ and commit them.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

pytest.importorskip("matplotlib")

from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

import report_samples as s
from careerfit_opt.report import plots

BASELINES = Path(__file__).parent / "fixtures" / "report"
#: Largest root-mean-square difference (0–255 per channel) still counted as the same chart.
TOLERANCE = 2.0
UPDATE = os.environ.get("CAREERFIT_UPDATE_BASELINES", "") not in ("", "0")


def _textless_pixels(fig: Figure) -> npt.NDArray[np.float64]:
    """The figure rendered with every text invisible, as an RGB float array."""
    for text in fig.findobj(Text):
        text.set_visible(False)
    buf = io.BytesIO(plots.png_bytes(fig))
    return np.asarray(Image.open(buf).convert("RGB"), dtype=np.float64)


def _rms(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    if a.shape != b.shape:
        return float("inf")
    return float(np.sqrt(np.mean((a - b) ** 2)))


CHARTS: dict[str, Callable[[], Figure]] = {
    "plan": lambda: plots.plot_plan(s.plan_result(), capacity=12.0),
    "skills": lambda: plots.plot_skills(s.plan_result(), s.REQUIRED, s.DIMENSIONS),
    "recommendations": lambda: plots.plot_recommendations(
        s.recommendations(), s.fits(), chosen="graphic_designer"
    ),
    "pareto": lambda: plots.plot_pareto(s.front(), chosen=1, currency="USD"),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_matches_its_baseline(name: str) -> None:
    pixels = _textless_pixels(CHARTS[name]())
    path = BASELINES / f"{name}.png"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(pixels.astype(np.uint8)).save(path)
    assert path.exists(), f"no baseline {path}: run with CAREERFIT_UPDATE_BASELINES=1"
    baseline = np.asarray(Image.open(path).convert("RGB"), dtype=np.float64)
    rms = _rms(pixels, baseline)
    assert rms <= TOLERANCE, f"{name}: RMS {rms:.2f} > {TOLERANCE} against {path}"


def test_the_comparison_sees_a_moved_bar() -> None:
    # The tolerance is tight enough to notice one step starting four weeks later.
    result = s.plan_result()
    moved = result.model_copy(
        update={
            "steps": [
                st.model_copy(update={"start_week": st.start_week + 4})
                if st.action_id == "type_workshop"
                else st
                for st in result.steps
            ]
        }
    )
    a = _textless_pixels(plots.plot_plan(result, capacity=12.0))
    b = _textless_pixels(plots.plot_plan(moved, capacity=12.0))
    assert _rms(a, b) > TOLERANCE


def test_the_comparison_sees_a_moved_point() -> None:
    front = s.front()
    cheaper = [p.model_copy(update={"total_cost": p.total_cost * 0.5}) for p in front]
    a = _textless_pixels(plots.plot_pareto(front, chosen=1))
    b = _textless_pixels(plots.plot_pareto([front[0], cheaper[1], front[2]], chosen=1))
    assert _rms(a, b) > TOLERANCE


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_saved_charts_are_byte_for_byte_repeatable(name: str) -> None:
    assert plots.png_bytes(CHARTS[name]()) == plots.png_bytes(CHARTS[name]())
    svg = plots.svg_text(CHARTS[name]())
    assert svg == plots.svg_text(CHARTS[name]())
    assert "<dc:date>" not in svg


def test_plot_functions_draw_on_a_given_axes() -> None:
    fig = Figure(figsize=(8, 8))
    top, middle, bottom = fig.subplots(3)
    assert plots.plot_plan(s.plan_result(), ax=top, load_ax=middle) is fig
    assert plots.plot_pareto(s.front(), ax=bottom) is fig
    assert len(top.patches) == len(s.plan_result().steps)
    # The load panel draws the hours a week: its step line peaks at the busiest week.
    line = middle.get_lines()[0]
    assert max(line.get_ydata()) == max(plots.weekly_load(s.plan_result()))  # type: ignore[arg-type]


def test_weekly_load_and_legend_say_what_marks_mean() -> None:
    fig = plots.plot_plan(s.plan_result(), capacity=12.0)
    labels = [t.get_text() for ax in fig.axes for t in ax.get_legend().get_texts()]
    assert "ready: week 30" in labels
    assert "your capacity: 12 h/week" in labels
    assert {"course", "certification", "trial role", "networking"} <= set(labels)
    fig = plots.plot_recommendations(s.recommendations(), s.fits(), chosen="graphic_designer")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "target: Graphic Designer" in labels
    assert "1 with unknown passion fit (not drawn)" in labels  # the archivist
    assert any(label.startswith("Pareto front") for label in labels)


def test_no_plan_draws_the_reasons() -> None:
    fig = plots.plot_plan(s.infeasible_result(), capacity=5.0)
    texts = " ".join(t.get_text() for t in fig.findobj(Text))
    assert "No plan fits the limits." in texts
    assert "7,300" in texts


def test_a_crowded_trajectory_chart_draws_the_raised_gaps_and_counts_the_rest() -> None:
    dims = [f"d{i:02d}" for i in range(16)]
    timeline = {d: [(0, 1.0), (5 + i, 4.0)] for i, d in enumerate(dims[:14])}
    timeline.update({d: [(0, 1.0)] for d in dims[14:]})  # two gaps the plan does not raise
    result = s.plan_result().model_copy(update={"level_timeline": timeline, "assumed_levels": {}})
    fig = plots.plot_skills(result, dict.fromkeys(dims, 4.0))
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert sum(1 for label in labels if label.startswith("d")) == plots.MAX_TRAJECTORIES
    assert "4 more gaps not drawn (see the levels table)" in labels
    assert not any(label.startswith(("d14", "d15")) for label in labels)
