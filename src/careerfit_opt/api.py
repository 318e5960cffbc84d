"""The Python surface users call: load, validate, recommend, plan.

The command-line tool calls only these functions, so everything it does can be done from Python.
"""

from __future__ import annotations

from typing import Any

from careerfit_opt.io.scenario import LoadedScenario
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.plans import PlanResult
from careerfit_opt.model.scenario import Scenario
from careerfit_opt.planner import pareto_front as pareto_front
from careerfit_opt.planner import plan as plan
from careerfit_opt.planner import plan_scenario as plan_scenario
from careerfit_opt.planner.verify import VerificationReport
from careerfit_opt.planner.verify import verify_plan as _verify_plan
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
    if isinstance(scenario, LoadedScenario):
        catalog = catalog or scenario.catalog
        scenario = scenario.scenario
    if catalog is None:
        raise TypeError("verify_plan needs the catalogue the plan was made from")
    return _verify_plan(plan, scenario, catalog, hard=hard)
