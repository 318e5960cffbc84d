"""File input: structured files, validation messages, catalogues and scenarios."""

from careerfit_opt.io.catalogs import load_catalog_file, resolve_catalog
from careerfit_opt.io.files import read_structured
from careerfit_opt.io.scenario import (
    LoadedScenario,
    ScenarioCheck,
    check_scenario_files,
    load_scenario,
    scenario_from_data,
)
from careerfit_opt.io.validation import validate

__all__ = [
    "LoadedScenario",
    "ScenarioCheck",
    "check_scenario_files",
    "load_catalog_file",
    "load_scenario",
    "read_structured",
    "resolve_catalog",
    "scenario_from_data",
    "validate",
]
