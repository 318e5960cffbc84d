"""The data model: plain, validated, serialisable data. It imports nothing from the solver.

Names load on first use (module ``__getattr__``), so a command that reads a scenario does
not build the result classes it never uses.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerfit_opt.model.actions import (
        Action,
        ActionKind,
        TrialType,
    )
    from careerfit_opt.model.catalog import (
        Catalog,
    )
    from careerfit_opt.model.dimensions import (
        Dimension,
        DimensionKind,
    )
    from careerfit_opt.model.education import (
        EDUCATION_CATEGORIES,
        EXPERIENCE_CATEGORIES,
        EducationProfile,
        ExperienceProfile,
        education_name,
        experience_name,
    )
    from careerfit_opt.model.interests import (
        RIASEC_CODES,
        WORK_VALUE_NAMES,
        Riasec,
        WorkValues,
    )
    from careerfit_opt.model.occupations import (
        DEFAULT_IMPORTANCE_THRESHOLD,
        Occupation,
        Requirement,
        requirement_weight,
    )
    from careerfit_opt.model.plans import (
        FitSummary,
        OpenGap,
        PlanResult,
        PlanStatus,
        PlanStep,
        Reason,
    )
    from careerfit_opt.model.profiles import (
        BookedAction,
        Limits,
        Preferences,
        Profile,
    )
    from careerfit_opt.model.scenario import (
        CatalogSource,
        InterestIndex,
        Objective,
        Scenario,
        ScoringSettings,
        SolverSettings,
        SyntheticActions,
        Target,
        check_against_catalog,
    )
    from careerfit_opt.model.search import (
        MatchKind,
        OccupationMatch,
        resolve_occupation,
        resolve_profile,
        search_occupations,
    )

#: Each public name → the module that defines it (imported on first use).
_EXPORTS = {
    "Action": "careerfit_opt.model.actions",
    "ActionKind": "careerfit_opt.model.actions",
    "TrialType": "careerfit_opt.model.actions",
    "Catalog": "careerfit_opt.model.catalog",
    "Dimension": "careerfit_opt.model.dimensions",
    "DimensionKind": "careerfit_opt.model.dimensions",
    "EDUCATION_CATEGORIES": "careerfit_opt.model.education",
    "EXPERIENCE_CATEGORIES": "careerfit_opt.model.education",
    "EducationProfile": "careerfit_opt.model.education",
    "ExperienceProfile": "careerfit_opt.model.education",
    "education_name": "careerfit_opt.model.education",
    "experience_name": "careerfit_opt.model.education",
    "RIASEC_CODES": "careerfit_opt.model.interests",
    "WORK_VALUE_NAMES": "careerfit_opt.model.interests",
    "Riasec": "careerfit_opt.model.interests",
    "WorkValues": "careerfit_opt.model.interests",
    "DEFAULT_IMPORTANCE_THRESHOLD": "careerfit_opt.model.occupations",
    "Occupation": "careerfit_opt.model.occupations",
    "Requirement": "careerfit_opt.model.occupations",
    "requirement_weight": "careerfit_opt.model.occupations",
    "FitSummary": "careerfit_opt.model.plans",
    "OpenGap": "careerfit_opt.model.plans",
    "PlanResult": "careerfit_opt.model.plans",
    "PlanStatus": "careerfit_opt.model.plans",
    "PlanStep": "careerfit_opt.model.plans",
    "Reason": "careerfit_opt.model.plans",
    "BookedAction": "careerfit_opt.model.profiles",
    "Limits": "careerfit_opt.model.profiles",
    "Preferences": "careerfit_opt.model.profiles",
    "Profile": "careerfit_opt.model.profiles",
    "CatalogSource": "careerfit_opt.model.scenario",
    "InterestIndex": "careerfit_opt.model.scenario",
    "Objective": "careerfit_opt.model.scenario",
    "Scenario": "careerfit_opt.model.scenario",
    "ScoringSettings": "careerfit_opt.model.scenario",
    "SolverSettings": "careerfit_opt.model.scenario",
    "SyntheticActions": "careerfit_opt.model.scenario",
    "Target": "careerfit_opt.model.scenario",
    "check_against_catalog": "careerfit_opt.model.scenario",
    "MatchKind": "careerfit_opt.model.search",
    "OccupationMatch": "careerfit_opt.model.search",
    "resolve_occupation": "careerfit_opt.model.search",
    "resolve_profile": "careerfit_opt.model.search",
    "search_occupations": "careerfit_opt.model.search",
}

__all__ = [
    "DEFAULT_IMPORTANCE_THRESHOLD",
    "EDUCATION_CATEGORIES",
    "EXPERIENCE_CATEGORIES",
    "RIASEC_CODES",
    "WORK_VALUE_NAMES",
    "Action",
    "ActionKind",
    "BookedAction",
    "Catalog",
    "CatalogSource",
    "Dimension",
    "DimensionKind",
    "EducationProfile",
    "ExperienceProfile",
    "FitSummary",
    "InterestIndex",
    "Limits",
    "MatchKind",
    "Objective",
    "Occupation",
    "OccupationMatch",
    "OpenGap",
    "PlanResult",
    "PlanStatus",
    "PlanStep",
    "Preferences",
    "Profile",
    "Reason",
    "Requirement",
    "Riasec",
    "Scenario",
    "ScoringSettings",
    "SolverSettings",
    "SyntheticActions",
    "Target",
    "TrialType",
    "WorkValues",
    "check_against_catalog",
    "education_name",
    "experience_name",
    "requirement_weight",
    "resolve_occupation",
    "resolve_profile",
    "search_occupations",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'careerfit_opt.model' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
