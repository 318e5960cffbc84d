"""Recommendations: ranked occupations with their fits, gaps and a quick estimate (plain data)."""

from __future__ import annotations

from pydantic import Field

from careerfit_opt.model.base import Model


class Gap(Model):
    """A requirement the person does not (or is not known to) meet.

    ``have`` is ``None`` when the person's level is unknown: the gap may be anything from 0 to
    ``need``.
    """

    dimension: str
    name: str
    have: float | None
    need: float
    weight: float

    @property
    def shortfall(self) -> float | None:
        """need − have, or ``None`` when the level is unknown."""
        return None if self.have is None else max(0.0, self.need - self.have)


class Estimate(Model):
    """Lower bounds on what closing the measured gaps takes with the catalogue's actions.

    Every plan that closes the gaps takes at least ``weeks_lower_bound`` weeks and costs at
    least ``cost_lower_bound`` (see docs/scoring.md for the proof). ``unreachable`` lists gap
    dimensions that the allowed actions cannot close even all together; the bounds then cover
    the other dimensions only. Gaps on unknown levels are not counted.
    """

    weeks_lower_bound: int
    cost_lower_bound: float
    unreachable: list[str] = Field(default_factory=list)


class Recommendation(Model):
    """One recommended occupation."""

    rank: int
    occupation_id: str
    title: str
    qualification: float
    #: ``None`` when passion fit is unknown (no interests for the person or the occupation).
    passion: float | None
    combined: float
    coverage: float
    #: Coverage below the scenario's ``min_coverage``: the score rests on too little known data.
    low_coverage: bool
    #: On the Pareto front of (qualification, passion) among all scored occupations.
    pareto: bool
    gaps: list[Gap] = Field(default_factory=list)
    estimate: Estimate
    explanation: str


class Recommendations(Model):
    """Ranked occupations for one person.

    ``estimated_from`` (with its title, ``estimated_levels`` and ``estimated_fields``) repeats
    the profile's marker: the starting levels are that occupation's ratings, not the person's.
    """

    profile: str
    catalog: str
    #: The person's current occupation (left out of ``items`` unless ``include_current``).
    current_occupation: str | None = None
    estimated_from: str | None = None
    estimated_from_title: str | None = None
    estimated_levels: list[str] = Field(default_factory=list)
    estimated_fields: list[str] = Field(default_factory=list)
    #: Occupations scored (the whole catalogue minus none: exclusions only filter the list).
    scored: int
    passion_weight: float
    #: Passion is unknown for every occupation (the person gave no interests).
    passion_unknown: bool = False
    excluded: list[str] = Field(default_factory=list)
    items: list[Recommendation] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
