"""careerfit-opt: find work that fits what you are qualified for and what you love — and plan
the optimal path to it."""

from careerfit_opt.api import (
    pareto_front,
    plan,
    plan_scenario,
    plan_targets,
    recommend,
    scenario_schema,
    verify_plan,
)
from careerfit_opt.data.onet import load_onet
from careerfit_opt.errors import CareerfitError, CatalogError, InputError, Problem
from careerfit_opt.io import LoadedScenario, load_catalog_file, load_scenario
from careerfit_opt.model import (
    Action,
    ActionKind,
    Catalog,
    Dimension,
    DimensionKind,
    EducationProfile,
    ExperienceProfile,
    Limits,
    Objective,
    Occupation,
    Preferences,
    Profile,
    Requirement,
    Riasec,
    Scenario,
    WorkValues,
    resolve_occupation,
    resolve_profile,
    search_occupations,
)

__version__ = "0.1.0"

__all__ = [
    "Action",
    "ActionKind",
    "CareerfitError",
    "Catalog",
    "CatalogError",
    "Dimension",
    "DimensionKind",
    "EducationProfile",
    "ExperienceProfile",
    "InputError",
    "Limits",
    "LoadedScenario",
    "Objective",
    "Occupation",
    "Preferences",
    "Problem",
    "Profile",
    "Requirement",
    "Riasec",
    "Scenario",
    "WorkValues",
    "__version__",
    "load_catalog_file",
    "load_onet",
    "load_scenario",
    "pareto_front",
    "plan",
    "plan_scenario",
    "plan_targets",
    "recommend",
    "resolve_occupation",
    "resolve_profile",
    "scenario_schema",
    "search_occupations",
    "verify_plan",
]
