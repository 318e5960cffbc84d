"""Dimensions: the axes of the one state space shared by people, occupations and actions."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from careerfit_opt.model.base import Identifier, Model
from careerfit_opt.model.numbers import ScaleBound


class DimensionKind(StrEnum):
    """What a dimension measures."""

    SKILL = "skill"
    KNOWLEDGE = "knowledge"
    ABILITY = "ability"
    CREDENTIAL = "credential"
    EXPERIENCE = "experience"
    NETWORK = "network"


#: Default scale bounds per kind: O*NET's 0–7 level scale, 0/1 credentials, months, contacts.
DEFAULT_SCALE: dict[DimensionKind, tuple[float, float]] = {
    DimensionKind.SKILL: (0.0, 7.0),
    DimensionKind.KNOWLEDGE: (0.0, 7.0),
    DimensionKind.ABILITY: (0.0, 7.0),
    DimensionKind.CREDENTIAL: (0.0, 1.0),
    DimensionKind.EXPERIENCE: (0.0, 120.0),
    DimensionKind.NETWORK: (0.0, 50.0),
}

#: The unit a level of each kind is counted in, for explanations.
KIND_UNIT: dict[DimensionKind, str] = {
    DimensionKind.SKILL: "level (0–7)",
    DimensionKind.KNOWLEDGE: "level (0–7)",
    DimensionKind.ABILITY: "level (0–7)",
    DimensionKind.CREDENTIAL: "held (0/1)",
    DimensionKind.EXPERIENCE: "months",
    DimensionKind.NETWORK: "contacts",
}


class Dimension(Model):
    """One axis of the state space.

    Examples
    --------
    >>> Dimension(id="programming", name="Programming", kind="skill").scale_max
    7.0
    """

    id: Identifier
    name: str = Field(min_length=1)
    kind: DimensionKind
    scale_min: ScaleBound | None = None
    scale_max: ScaleBound | None = None
    description: str = ""
    #: Identifier of the same element in an external taxonomy (e.g. O*NET ``2.B.3.e``).
    external_id: str | None = None
    #: What a level means, by example: level → anchor text (O*NET Level Scale Anchors, e.g.
    #: ``{2.0: "Read step-by-step instructions...", 4.0: ..., 6.0: ...}``).
    anchors: dict[float, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fill_scale(self) -> Dimension:
        lo, hi = DEFAULT_SCALE[self.kind]
        if self.scale_min is None:
            object.__setattr__(self, "scale_min", lo)
        if self.scale_max is None:
            object.__setattr__(self, "scale_max", hi)
        if self.hi <= self.lo:
            raise ValueError(
                f"scale_max must be greater than scale_min (got {self.lo:g} … {self.hi:g})"
            )
        return self

    @property
    def lo(self) -> float:
        """Lower scale bound (always set after validation)."""
        assert self.scale_min is not None
        return self.scale_min

    @property
    def hi(self) -> float:
        """Upper scale bound (always set after validation)."""
        assert self.scale_max is not None
        return self.scale_max
