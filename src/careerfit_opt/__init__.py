"""careerfit-opt: find work that fits what you are qualified for and what you love — and plan
the optimal path to it.

The names below load on first use (module ``__getattr__``), so ``import careerfit_opt`` and the
``careerfit`` command start without the solver (OR-Tools), the kernel (numba) or SciPy;
``from careerfit_opt import plan`` works as usual and loads what ``plan`` needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerfit_opt import batch
    from careerfit_opt.api import (
        evaluate,
        pareto_front,
        plan,
        plan_scenario,
        plan_targets,
        recommend,
        scenario_schema,
        verify_plan,
    )
    from careerfit_opt.assess import (
        Answers,
        Assessment,
        assess_profile,
    )
    from careerfit_opt.data.onet import (
        load_onet,
    )
    from careerfit_opt.errors import (
        CareerfitError,
        CatalogError,
        InputError,
        Problem,
    )
    from careerfit_opt.io import (
        LoadedScenario,
        load_catalog_file,
        load_scenario,
    )
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

#: Each public name → the module that defines it (imported on first use).
_EXPORTS = {
    "evaluate": "careerfit_opt.api",
    # A name whose module is ``careerfit_opt.<name>`` is that module: ``careerfit_opt.batch``
    # is the batch package, callable as ``careerfit_opt.batch(roster, out, ...)``.
    "batch": "careerfit_opt.batch",
    "pareto_front": "careerfit_opt.api",
    "plan": "careerfit_opt.api",
    "plan_scenario": "careerfit_opt.api",
    "plan_targets": "careerfit_opt.api",
    "recommend": "careerfit_opt.api",
    "scenario_schema": "careerfit_opt.api",
    "verify_plan": "careerfit_opt.api",
    "Answers": "careerfit_opt.assess",
    "Assessment": "careerfit_opt.assess",
    "assess_profile": "careerfit_opt.assess",
    "load_onet": "careerfit_opt.data.onet",
    "CareerfitError": "careerfit_opt.errors",
    "CatalogError": "careerfit_opt.errors",
    "InputError": "careerfit_opt.errors",
    "Problem": "careerfit_opt.errors",
    "LoadedScenario": "careerfit_opt.io",
    "load_catalog_file": "careerfit_opt.io",
    "load_scenario": "careerfit_opt.io",
    "Action": "careerfit_opt.model",
    "ActionKind": "careerfit_opt.model",
    "Catalog": "careerfit_opt.model",
    "Dimension": "careerfit_opt.model",
    "DimensionKind": "careerfit_opt.model",
    "EducationProfile": "careerfit_opt.model",
    "ExperienceProfile": "careerfit_opt.model",
    "Limits": "careerfit_opt.model",
    "Objective": "careerfit_opt.model",
    "Occupation": "careerfit_opt.model",
    "Preferences": "careerfit_opt.model",
    "Profile": "careerfit_opt.model",
    "Requirement": "careerfit_opt.model",
    "Riasec": "careerfit_opt.model",
    "Scenario": "careerfit_opt.model",
    "WorkValues": "careerfit_opt.model",
    "resolve_occupation": "careerfit_opt.model",
    "resolve_profile": "careerfit_opt.model",
    "search_occupations": "careerfit_opt.model",
}

__all__ = [
    "Action",
    "ActionKind",
    "Answers",
    "Assessment",
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
    "assess_profile",
    "batch",
    "evaluate",
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


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'careerfit_opt' has no attribute {name!r}")
    loaded = import_module(module)
    value = loaded if module == f"careerfit_opt.{name}" else getattr(loaded, name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
