"""The Python surface users call: load, validate, recommend, plan.

The command-line tool calls only these functions, so everything it does can be done from Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerfit_opt.io.related import load_related
from careerfit_opt.io.scenario import LoadedScenario
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.evaluation import CiMethod, Evaluation, RelatedTable
from careerfit_opt.model.plans import PlanResult
from careerfit_opt.model.scenario import Objective, Scenario, ScoringSettings, Target
from careerfit_opt.planner import pareto_front as pareto_front
from careerfit_opt.planner import plan as plan
from careerfit_opt.planner import plan_scenario as plan_scenario
from careerfit_opt.planner.verify import VerificationReport
from careerfit_opt.planner.verify import verify_plan as _verify_plan
from careerfit_opt.report.build import Report
from careerfit_opt.scoring.evaluate import evaluate as _evaluate
from careerfit_opt.scoring.recommend import recommend as recommend


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files.

    >>> scenario_schema()["title"]
    'Scenario'
    """
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def verify_plan(
    plan: PlanResult,
    scenario: Scenario | LoadedScenario,
    catalog: Catalog | None = None,
    *,
    hard: bool | None = None,
) -> VerificationReport:
    """Check ``plan`` against every planning rule, independently of the solver.

    ``scenario`` is a :class:`Scenario` with its ``catalog``, or a loaded scenario file (which
    carries its catalogue). ``hard`` overrides the scenario's ``target.hard``. The report's
    ``violations`` name each broken rule; ``recomputed`` holds the plan's numbers as recomputed.
    """
    from careerfit_opt.errors import ArgumentError, Problem
    from careerfit_opt.io.arguments import check_instance

    if isinstance(scenario, LoadedScenario):
        catalog = catalog or scenario.catalog
        scenario = scenario.scenario
    if catalog is None:
        raise ArgumentError(
            [Problem("catalog", "verify_plan needs the catalogue the plan was made from")]
        )
    plan = check_instance("plan", plan, PlanResult)
    scenario = check_instance("scenario", scenario, Scenario)
    catalog = check_instance("catalog", catalog, Catalog)
    if hard is not None and not isinstance(hard, bool):
        raise ArgumentError([Problem("hard", "must be True, False or None")])
    return _verify_plan(plan, scenario, catalog, hard=hard)


def plan_targets(
    scenario: Scenario, catalog: Catalog, *, objective: Objective | str | None = None
) -> list[PlanResult]:
    """Plan every target a scenario asks for: its target occupation, or each of its top-N
    recommendations (in recommendation order, excluded occupations skipped).

    Examples
    --------
    >>> from careerfit_opt.io import load_scenario
    >>> loaded = load_scenario("scenarios/undecided_retail_supervisor.yaml")  # doctest: +SKIP
    >>> [r.target for r in plan_targets(loaded.scenario, loaded.catalog)]  # doctest: +SKIP
    ['retail_sales_manager', 'customer_success_manager', 'event_planner']
    """
    from careerfit_opt.io.arguments import check_instance

    scenario = check_instance("scenario", scenario, Scenario)
    catalog = check_instance("catalog", catalog, Catalog)
    if scenario.target.occupation is not None:
        return [plan_scenario(scenario, catalog, objective=objective)]
    top = scenario.target.recommend_top
    assert top is not None  # Target guarantees one of the two
    from careerfit_opt.planner.deadline import run_deadline

    limit = scenario.solver.time_limit_s
    # One limit for the whole top-N run: each plan gets an equal share of the work, and the
    # wall clock stops the run as a whole at the limit.
    with run_deadline(limit):
        picks = recommend(scenario.profile, catalog, top=top, settings=scenario.scoring)
        share = scenario.solver.model_copy(
            update={"time_limit_s": limit / max(1, len(picks.items))}
        )
        return [
            plan_scenario(
                scenario.model_copy(
                    update={
                        "target": Target(occupation=item.occupation_id, hard=scenario.target.hard),
                        "solver": share,
                    }
                ),
                catalog,
                objective=objective,
            )
            for item in picks.items
        ]


def build_report(
    scenario: Scenario,
    catalog: Catalog,
    *,
    top: int | None = None,
    pareto: bool = False,
    objective: Objective | str | None = None,
    fit_map: bool = True,
) -> Report:
    """Everything a report on ``scenario`` shows: the ``top`` recommendations (default: the
    scenario's ``recommend_top``, or 5), the plan towards its target (or towards each of its
    top-N recommendations), and with ``pareto`` the time–cost front of the first target.

    ``fit_map`` scores every occupation for the fit map. Render the result with
    :func:`careerfit_opt.report.html.render_html` or
    :func:`careerfit_opt.report.markdown.render_markdown`.
    """
    from careerfit_opt.planner import pareto_scenario
    from careerfit_opt.report.build import assemble
    from careerfit_opt.report.fits import occupation_fits

    count = top or scenario.target.recommend_top or 5
    recs = recommend(scenario.profile, catalog, top=count, settings=scenario.scoring)
    fits = occupation_fits(scenario.profile, catalog, scenario.scoring) if fit_map else []
    if pareto and scenario.target.occupation is not None:
        sc = (
            scenario
            if objective is None
            else scenario.model_copy(update={"objective": Objective(objective)})
        )
        return assemble(sc, catalog, recommendations=recs, fits=fits,
                        front=pareto_scenario(sc, catalog))  # fmt: skip
    plans = plan_targets(scenario, catalog, objective=objective)
    return assemble(scenario, catalog, recommendations=recs, fits=fits, plans=plans)


def evaluate(
    catalog: Catalog,
    related: RelatedTable | str | Path,
    *,
    k: int = 10,
    settings: ScoringSettings | None = None,
    ci: CiMethod = "bootstrap",
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
    per_source: bool = False,
) -> Evaluation:
    """How well ``catalog``'s recommendations agree with a table of related occupations.

    ``related`` is a loaded :class:`RelatedTable` or the path of one: O*NET's Related
    Occupations (30.x), its Career Changers Matrix (23.x) or a CSV of ``source,target`` pairs
    (docs/evaluation.md). Every source occupation the catalogue holds becomes a profile
    (``Profile.from_occupation``); its top ``k`` recommendations, itself excluded, are checked
    against its related occupations. Returns precision@k, recall@k and MRR@k with confidence
    intervals (``ci``: ``"bootstrap"`` over sources with ``resamples`` and ``seed``, or
    ``"normal"``). Bad files raise :class:`~careerfit_opt.errors.InputError`.
    """
    table = related if isinstance(related, RelatedTable) else load_related(related)
    return _evaluate(
        catalog,
        table,
        k=k,
        settings=settings or ScoringSettings(),
        ci=ci,
        confidence=confidence,
        resamples=resamples,
        seed=seed,
        per_source=per_source,
    )
