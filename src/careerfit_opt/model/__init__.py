"""The data model: plain, validated, serialisable data. It imports nothing from the solver."""

from careerfit_opt.model.actions import Action, ActionKind, TrialType
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension, DimensionKind
from careerfit_opt.model.education import (
    EDUCATION_CATEGORIES,
    EXPERIENCE_CATEGORIES,
    EducationProfile,
    ExperienceProfile,
    education_name,
    experience_name,
)
from careerfit_opt.model.interests import RIASEC_CODES, WORK_VALUE_NAMES, Riasec, WorkValues
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
from careerfit_opt.model.profiles import BookedAction, Limits, Preferences, Profile
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
