"""Loading scenario files: parse, validate, resolve the catalogue, cross-check the ids."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerfit_opt.errors import InputError
from careerfit_opt.io.catalogs import resolve_catalog
from careerfit_opt.io.files import read_structured
from careerfit_opt.io.validation import validate
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.scenario import Scenario, check_against_catalog
from careerfit_opt.model.search import resolve_profile


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario together with the catalogue it names."""

    scenario: Scenario
    catalog: Catalog
    #: The file it came from (``None`` when built from data in memory).
    path: Path | None = None

    @property
    def source(self) -> str:
        """How to refer to the scenario in messages."""
        return str(self.path) if self.path else "<scenario>"


def scenario_from_data(data: Any, base_dir: Path, source: str = "<scenario>") -> LoadedScenario:
    """Validate plain data as a scenario and resolve its catalogue relative to ``base_dir``."""
    scenario = validate(Scenario, data, source=source)
    try:
        catalog = resolve_catalog(scenario.catalog, base_dir)
    except InputError as exc:
        raise exc.with_source(source) from None
    scenario = _with_current_ids(scenario, catalog)
    try:
        profile = resolve_profile(scenario.profile, catalog)
    except InputError as exc:
        raise exc.with_source(source) from None
    if profile is not scenario.profile:
        scenario = scenario.model_copy(update={"profile": profile})
    problems = check_against_catalog(scenario, catalog)
    if problems:
        raise InputError(problems, source=source)
    return LoadedScenario(scenario=scenario, catalog=catalog)


def renamed_dimensions(catalog: Catalog) -> dict[str, str]:
    """Ids of the bundled default catalogue that ``catalog`` knows under another id for the same
    O*NET element (O*NET 30 renamed *Operation Monitoring* to *Operations Monitoring*): old id
    → id in ``catalog``."""
    from careerfit_opt.data.bundled import load_bundled_catalog

    by_element = {d.external_id: d.id for d in catalog.dimensions if d.external_id}
    return {
        d.id: by_element[d.external_id]
        for d in load_bundled_catalog().dimensions
        if d.external_id in by_element
        and by_element[d.external_id] != d.id
        and d.id not in catalog.dimension_by_id
    }


def _with_current_ids(scenario: Scenario, catalog: Catalog) -> Scenario:
    """``scenario`` with profile levels keyed by a renamed O*NET element moved to the id the
    catalogue uses, so a profile written for the bundled catalogue works on O*NET unchanged."""
    levels = scenario.profile.levels
    if all(k in catalog.dimension_by_id for k in levels):
        return scenario
    renamed = renamed_dimensions(catalog)
    if not any(k in renamed for k in levels):
        return scenario
    moved = {renamed.get(k, k): v for k, v in levels.items()}
    if len(moved) != len(levels):  # both ids given: leave it to the checks to report
        return scenario
    profile = scenario.profile.model_copy(update={"levels": moved})
    return scenario.model_copy(update={"profile": profile})


def load_scenario(path: str | Path) -> LoadedScenario:
    """Read, validate and resolve a scenario file (YAML, TOML or JSON).

    Every problem raises :class:`~careerfit_opt.errors.InputError` naming the file and field.

    >>> loaded = load_scenario("scenarios/accountant_to_designer.yaml")  # doctest: +SKIP
    >>> loaded.scenario.target.occupation  # doctest: +SKIP
    'graphic_designer'
    """
    path = Path(path)
    loaded = scenario_from_data(read_structured(path), path.parent, source=str(path))
    return LoadedScenario(scenario=loaded.scenario, catalog=loaded.catalog, path=path)


@dataclass(frozen=True)
class ScenarioCheck:
    """The outcome of checking one scenario file: its loaded scenario, or what is wrong."""

    path: Path
    loaded: LoadedScenario | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        """Whether the file is a valid scenario whose catalogue resolves."""
        return self.error is None


def check_scenario_files(paths: Iterable[str | Path]) -> list[ScenarioCheck]:
    """Check every scenario file in ``paths``; a bad file does not stop the others.

    Each result holds the loaded scenario or the :class:`~careerfit_opt.errors.InputError`
    that :func:`load_scenario` raised for it, in the order given.
    """
    checks = []
    for item in paths:
        path = Path(item)
        try:
            checks.append(ScenarioCheck(path, loaded=load_scenario(path)))
        except InputError as exc:
            checks.append(ScenarioCheck(path, error=exc.with_source(str(path))))
    return checks
