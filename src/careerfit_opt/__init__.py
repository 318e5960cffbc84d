"""careerfit-opt: find work that fits what you are qualified for and what you love — and plan
the optimal path to it."""

from careerfit_opt.errors import CareerfitError, CatalogError, InputError, Problem
from careerfit_opt.model import (
    Action,
    ActionKind,
    Catalog,
    Dimension,
    DimensionKind,
    Limits,
    Objective,
    Occupation,
    Preferences,
    Profile,
    Requirement,
    Riasec,
    Scenario,
    WorkValues,
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
    "InputError",
    "Limits",
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
]
