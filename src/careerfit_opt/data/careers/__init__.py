"""Planning toward real O*NET occupations: the bundled action catalogue and occupation overlay.

O*NET rates skills, knowledge and abilities, but has no actions and none of the credentials,
experience and contacts many jobs ask for. This package ships, **illustratively**:

- ``actions.yaml`` (``careers``): courses for every O*NET skill and knowledge area, a
  certificate, diploma, trial roles and networking per family, and the licence and
  certification paths of the overlay, with the dimensions O*NET lacks (credentials,
  ``experience_<family>``, ``network_<family>``: the default catalogue's ids plus new ones);
- ``overlay.yaml``: a family per SOC major group, and licences, certifications and experience
  added to O*NET occupations keyed by O*NET-SOC code.

:func:`compose_onet` puts them together with an imported O*NET catalogue; a scenario does it
with ``catalog: {onet: "30.1", actions: [bundled]}`` (docs/scenario-format.md).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import Field

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.io.files import read_structured
from careerfit_opt.io.validation import validate
from careerfit_opt.model.actions import Action
from careerfit_opt.model.base import Model
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension
from careerfit_opt.model.occupations import Requirement

_PACKAGE = "careerfit_opt.data.careers"
#: The name an action list uses for the bundled actions (``actions: [bundled, ./mine.csv]``).
BUNDLED = "bundled"
#: The name that switches the overlay off (``overlay: none``).
NO_OVERLAY = "none"


class ActionSet(Model):
    """An action file with the dimensions its actions need that the base catalogue may lack."""

    name: str = Field(min_length=1)
    description: str = ""
    illustrative: bool = False
    #: Family → the skill and knowledge areas its certificate and diploma teach.
    signature_areas: dict[str, list[str]] = Field(default_factory=dict)
    dimensions: list[Dimension] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


class Overlay(Model):
    """Requirements O*NET lacks, added to O*NET occupations by O*NET-SOC code, and the family of
    every occupation by SOC major group (the first two digits)."""

    name: str = Field(min_length=1)
    description: str = ""
    illustrative: bool = False
    families: dict[Annotated[str, Field(pattern=r"^\d\d$")], str] = Field(default_factory=dict)
    occupations: dict[str, dict[str, Requirement]] = Field(default_factory=dict)


def _bundled_path(name: str) -> Path:
    return Path(str(resources.files(_PACKAGE).joinpath(name)))


@lru_cache(maxsize=1)
def load_career_actions() -> ActionSet:
    """The bundled, illustrative action set for O*NET occupations (``careers``).

    >>> s = load_career_actions()
    >>> s.illustrative, len(s.actions) > 300
    (True, True)
    """
    path = _bundled_path("actions.yaml")
    return validate(ActionSet, read_structured(path), source=f"bundled actions ({path})")


@lru_cache(maxsize=4)
def load_overlay(path: str | None = None) -> Overlay:
    """The occupation overlay at ``path``, or the bundled one."""
    file = Path(path) if path else _bundled_path("overlay.yaml")
    return validate(Overlay, read_structured(file), source=str(file))


def vocabulary() -> list[Dimension]:
    """The dimensions O*NET lacks that the bundled actions, the overlay and profiles written
    for the bundled default catalogue use (credentials, experience and network)."""
    return list(load_career_actions().dimensions)


def compose_onet(catalog: Catalog, overlay: Overlay | None) -> Catalog:
    """``catalog`` (imported from O*NET) with the bundled vocabulary added, every occupation's
    family set from its SOC major group and the overlay's requirements added.

    An overlay requirement on a dimension neither the catalogue nor the vocabulary knows is an
    error naming the occupation; overlay codes the release lacks are counted in the metadata.
    """
    have = set(catalog.dimension_ids)
    dims = [*catalog.dimensions, *(d for d in vocabulary() if d.id not in have)]
    known = {d.id for d in dims}
    problems: list[Problem] = []
    occupations = []
    extra = overlay.occupations if overlay else {}
    families = overlay.families if overlay else {}
    for occ in catalog.occupations:
        update: dict[str, object] = {}
        fam = families.get(occ.id[:2])
        if fam and occ.family is None:
            update["family"] = fam
        if occ.id in extra:
            for dim_id in extra[occ.id]:
                if dim_id not in known:
                    problems.append(
                        Problem(f"occupations.{occ.id}.{dim_id}", f"unknown dimension {dim_id!r}")
                    )
            update["requirements"] = {**occ.requirements, **extra[occ.id]}
        occupations.append(occ.model_copy(update=update) if update else occ)
    if problems:
        raise InputError(problems, source=overlay.name if overlay else None)
    ids = {o.id for o in catalog.occupations}
    missing = sorted(code for code in extra if code not in ids)
    metadata = dict(catalog.metadata)
    if overlay is not None:
        metadata["overlay"] = overlay.name
        metadata["overlay_occupations"] = str(len(extra) - len(missing))
        if missing:
            metadata["overlay_codes_not_in_release"] = ", ".join(missing)
        if overlay.illustrative and extra:
            metadata["illustrative_overlay"] = overlay.name  # read by Catalog.made_up
    fields = {f: getattr(catalog, f) for f in type(catalog).model_fields}
    fields.update(
        dimensions=dims,
        occupations=occupations,
        metadata=metadata,
        illustrative=catalog.illustrative or bool(overlay and overlay.illustrative and extra),
    )
    if overlay is not None and overlay.illustrative and extra:
        fields["description"] = (
            f"{catalog.description} With the ILLUSTRATIVE occupation overlay {overlay.name!r} "
            "(licences, certifications and experience added by hand)."
        ).strip()
    return Catalog(**fields)
