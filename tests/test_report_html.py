"""The HTML report: valid HTML, everything escaped, self-contained, and readable in a real
browser (Debian's chromium, headless): the ready week, the total cost and the first step are in
the rendered page, and an infeasible scenario's page gives its reasons.

Without chromium the browser tests skip, except in CI (CI set), where they fail: `.ci/run`
installs chromium when it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import html5lib
import pytest

import report_samples as s
from careerfit_opt.api import build_report
from careerfit_opt.cli import main
from careerfit_opt.io.scenario import load_scenario
from careerfit_opt.model import Catalog, Dimension, Occupation, Profile, Requirement, Scenario
from careerfit_opt.report import units
from careerfit_opt.report.build import PlanSection, Report, assemble
from careerfit_opt.report.html import render_html
from careerfit_opt.report.markdown import render_markdown
from conftest import SCENARIOS


def _strict_parse(page: str) -> None:
    """html5lib's strict parser raises on any parse error (unclosed or misnested tags, bad
    attributes, a missing doctype)."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def _sample_report(**update: object) -> Report:
    report = Report(
        scenario="sample",
        description="A designer <b>who</b> & friends",
        profile=Profile(name="Ana <Designer> & co", levels={"design": 2.0, "net_design": None}),
        catalog="sample",
        illustrative=True,
        currency="USD",
        objective="fastest",
        dimensions=list(s.DIMENSIONS.values()),
        recommendations=s.recommendations(),
        fits=s.fits(),
        plans=[PlanSection(result=s.plan_result(), required=s.REQUIRED, front=s.front(), chosen=1)],
        assumptions=["Levels are <self-reported>."],
        attribution="Data: O*NET 30.1 Database by USDOL/ETA, CC BY 4.0.",
    )
    return report.model_copy(update=update)


def test_the_page_is_valid_html_and_escapes_what_comes_from_files() -> None:
    page = render_html(_sample_report())
    _strict_parse(page)
    assert "<Designer>" not in page
    assert "<b>who</b>" not in page
    assert "Ana &lt;Designer&gt; &amp; co" in page
    assert "&lt;self-reported&gt;" in page
    assert "UX &lt;Designer&gt;" in page  # a recommendation title


def test_the_page_fetches_nothing() -> None:
    page = render_html(_sample_report())
    # Images are data URIs; no script, no stylesheet link, no remote source of any kind.
    assert "<script" not in page
    assert "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", page)
    assert page.count('src="data:image/svg+xml;base64,') == 4  # map, Gantt, skills, front
    assert "@media print" in page


def test_the_page_without_charts_needs_no_matplotlib() -> None:
    page = render_html(_sample_report(), charts=False)
    _strict_parse(page)
    assert "<img" not in page


def test_the_page_shows_units_legends_and_attribution() -> None:
    page = render_html(_sample_report())
    assert "week 30" in page
    assert "1,510 USD" in page
    assert "★ = on the Pareto front" in page
    assert "earns 1,200 USD" in page  # the paid trial role
    assert "Graphic design +1.5 levels" in page
    assert "unknown (0 contacts assumed)" in page
    assert "O*NET 30.1 Database by USDOL/ETA, CC BY 4.0." in page
    assert "Illustrative data." in page
    assert "◀ chosen" in page


def test_an_infeasible_plan_gives_its_reasons() -> None:
    report = _sample_report(plans=[PlanSection(result=s.infeasible_result(), required=s.REQUIRED)])
    page = render_html(report)
    _strict_parse(page)
    assert "Why no plan fits" in page
    assert "the cheapest plan costs 7,300; you have 300" in page
    md = render_markdown(report)
    assert "### Why no plan fits" in md
    assert "you have 300" in md


def test_markdown_escapes_and_keeps_tables_whole() -> None:
    recs = s.recommendations()
    items = [r.model_copy(update={"title": "UX | Designer"}) if r.rank == 2 else r
             for r in recs.items]  # fmt: skip
    md = render_markdown(_sample_report(recommendations=recs.model_copy(update={"items": items})))
    assert "Ana \\<Designer\\> & co" in md
    row = next(line for line in md.splitlines() if line.startswith("| 2 | UX"))
    # 8 columns = 9 bare pipes; the title's own pipe is escaped.
    assert row.count("|") - row.count("\\|") == 9
    assert "UX \\| Designer" in row


def test_assemble_names_unknown_levels_and_the_illustrative_catalogue() -> None:
    dims = [Dimension(id="py", name="Programming", kind="skill")]
    occ = Occupation(id="x", title="X", requirements={"py": Requirement(level=3.0)})
    catalog = Catalog(name="tiny", illustrative=True, dimensions=dims, occupations=[occ])
    result = s.plan_result().model_copy(
        update={"assumed_levels": {"py": 0.0}, "target": "x", "level_timeline": {}}
    )
    report = assemble(Scenario(profile=Profile(name="P"), target="x"), catalog, plans=[result])
    assert report.plans[0].required == {"py": 3.0}
    assert any("ILLUSTRATIVE" in a for a in report.assumptions)
    assert any(a.startswith("Unknown levels (Programming)") for a in report.assumptions)
    assert [d.id for d in report.dimensions] == ["py"]


# --- a real scenario, end to end, in a real browser -------------------------------------------


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        msg = "chromium not installed (apt-get install -y chromium; .ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def _browse(page: Path, shot: Path) -> str:
    """Open ``page`` in headless chromium: a screenshot to ``shot``, the rendered DOM back."""
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [
                _chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--window-size=1100,3000",
                f"--screenshot={shot}",
                "--dump-dom",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def _visible_text(dom: str) -> str:
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", dom, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    import html

    return " ".join(html.unescape(text).split())


def _check_screenshot(shot: Path) -> None:
    from PIL import Image

    assert shot.exists()
    assert shot.stat().st_size > 20_000
    with Image.open(shot) as im:
        assert im.size == (1100, 3000)
        lo, hi = im.convert("L").getextrema()
        assert hi - lo > 100  # not a blank page


@pytest.fixture(scope="module")
def designer_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    loaded = load_scenario(SCENARIOS / "accountant_to_designer.yaml")
    report = build_report(loaded.scenario, loaded.catalog)
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return report, path


def test_a_real_report_reads_in_a_browser(designer_report: tuple[Report, Path]) -> None:
    report, page = designer_report
    _strict_parse(page.read_text(encoding="utf-8"))
    shot = page.with_suffix(".png")
    text = _visible_text(_browse(page, shot))
    _check_screenshot(shot)
    plan = report.plans[0].result
    assert plan.has_plan
    assert plan.ready_week is not None
    first = min(plan.steps, key=lambda st: (st.start_week, st.end_week, st.action_id))
    assert f"Ready in {units.ready_week(plan.ready_week)}" in text
    assert f"Total cost {units.money(plan.total_cost, 'USD')}" in text
    assert f"0–{first.end_week} {first.title}" in text  # the first row of the steps table
    assert "Career report: Maya (accountant)" in text
    assert "Illustrative data." in text
    assert "O*NET" in text  # the catalogue's attribution


def test_an_infeasible_scenario_report_shows_its_reasons_in_a_browser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "tight.html"
    assert main(["report", str(SCENARIOS / "too_tight_limits.yaml"), "-o", str(page)]) == 0
    assert f"wrote {page}" in capsys.readouterr().err
    _strict_parse(page.read_text(encoding="utf-8"))
    text = _visible_text(_browse(page, tmp_path / "tight.png"))
    assert "no plan fits the limits" in text
    assert "Why no plan fits" in text
    reasons = text.split("Why no plan fits", 1)[1]
    assert "you have 300" in reasons  # the budget
    assert "25 hours a week" in reasons or "hours a week" in reasons


def test_estimated_levels_and_occupation_facts_are_shown() -> None:
    from careerfit_opt.model.recommendations import Gap, OccupationFacts

    dims = [Dimension(id="design", name="Graphic design", kind="skill")]
    occ = Occupation(id="x", title="X", requirements={"design": Requirement(level=3.0)})
    catalog = Catalog(name="tiny", dimensions=dims, occupations=[occ])
    profile = Profile(
        name="Robin",
        levels={"design": 2.0},
        estimated_from="41-2011.00",
        estimated_from_title="Cashiers",
        estimated_levels=["design"],
        estimated_fields=["interests"],
    )
    recs = s.recommendations()
    facts = OccupationFacts(
        job_zone=2,
        job_zone_name="Some Preparation Needed",
        top_gaps=[
            Gap(
                dimension="design",
                name="Graphic design",
                have=2.0,
                need=3.0,
                weight=1.0,
                unit="level (0–7)",
                need_means="level 3: lay out a <flyer>",
            )
        ],
        hot_technologies=["Adobe Illustrator"],
        hot_technology_count=3,
    )
    items = [recs.items[0].model_copy(update={"facts": facts}), *recs.items[1:]]
    report = assemble(
        Scenario(profile=profile, target="x"),
        catalog,
        recommendations=recs.model_copy(update={"items": items}),
    )
    estimated = [a for a in report.assumptions if "estimated from occupation" in a]
    assert len(estimated) == 1  # once, however many results repeat the marker
    assert "41-2011.00 (Cashiers): 1 starting level and the interests" in estimated[0]
    page = render_html(report, charts=False)
    _strict_parse(page)
    assert 'Graphic design <span class="note">(estimated)</span>' in page
    assert "Job zone 2 (Some Preparation Needed)" in page
    assert "Gap: Graphic design 2 → 3 level (0–7) — level 3: lay out a &lt;flyer&gt;" in page
    assert "Hot technologies: Adobe Illustrator and 2 more" in page


def test_a_plan_that_leaves_the_target_unmet_says_so_first() -> None:
    from careerfit_opt.model.plans import OpenGap

    gap = OpenGap(
        dimension="cert_ux",
        name="UX certificate",
        kind="credential",
        level=0.0,
        required=1.0,
        short=1.0,
        cause="catalogue",
        remedy="a <certification> course",
    )
    result = s.plan_result().model_copy(
        update={"target_met": False, "open_gaps": [gap], "unassessed": {"typography": 3.0}}
    )
    page = render_html(
        _sample_report(plans=[PlanSection(result=result, required=s.REQUIRED)]), charts=False
    )
    _strict_parse(page)
    assert "TARGET NOT MET: the best plan within your limits leaves 1 requirement open" in page
    assert page.index("TARGET NOT MET") < page.index("Ready in")
    assert "UX certificate: not held (no step in the catalogue reaches it)" in page
    assert "to close it: a &lt;certification&gt; course" in page
    assert "Not assessed: Typography (needs 3)" in page
    met = render_html(
        _sample_report(
            plans=[
                PlanSection(
                    result=s.plan_result().model_copy(update={"target_met": True}),
                    required=s.REQUIRED,
                )
            ]
        ),
        charts=False,
    )
    assert "Target met" in met
    assert "TARGET NOT MET" not in met


def test_a_small_open_gap_is_not_rounded_away() -> None:
    from careerfit_opt.model.plans import OpenGap

    gap = OpenGap(
        dimension="design",
        name="Graphic design",
        kind="skill",
        level=3.96,
        required=4.0,
        short=0.04,
        cause="limits",
        remedy="a course in Graphic design",
    )
    result = s.plan_result().model_copy(update={"target_met": False, "open_gaps": [gap]})
    report = _sample_report(plans=[PlanSection(result=result, required=s.REQUIRED)])
    assert "Graphic design: 3.96 of 4 needed" in render_html(report, charts=False)
    assert "Graphic design 3.96 of 4 needed" in render_markdown(report)
