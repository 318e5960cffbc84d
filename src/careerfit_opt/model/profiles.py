"""Profiles: a person's levels (unknown stays unknown), interests, values, limits and wishes."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from careerfit_opt.model.base import Identifier, Model
from careerfit_opt.model.interests import Riasec, WorkValues
from careerfit_opt.model.occupations import Occupation


class Limits(Model):
    """What the person can put in: money, weekly hours, and how long they are willing to plan for.

    Weeks are counted from the plan's start (week 0).
    """

    budget: Annotated[float, Field(ge=0.0)] = 0.0
    hours_per_week: Annotated[float, Field(gt=0.0, le=168.0)] = 10.0
    horizon_weeks: Annotated[int, Field(ge=1, le=520)] = 104
    #: Whether pay from paid trial roles may be spent on the plan's other costs.
    income_offsets_cost: bool = False


class BookedAction(Model):
    """An action the person has already committed to; it is kept in every plan."""

    action_id: Identifier
    start_week: Annotated[int, Field(ge=0)] | None = None


class Preferences(Model):
    """How to weigh and filter results."""

    #: Weight of passion fit in the combined fit F = q^(1-w) · π^w (0 = qualifications only).
    passion_weight: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    excluded_occupations: list[Identifier] = Field(default_factory=list)
    excluded_actions: list[Identifier] = Field(default_factory=list)
    booked_actions: list[BookedAction] = Field(default_factory=list)


class Profile(Model):
    """A person.

    ``levels`` maps dimension ids to the person's level; a dimension that is absent (or
    ``null``) is *unknown*, never zero. ``credentials`` lists credential dimensions held
    (level 1) and ``experience`` gives months per experience dimension; both are shorthand that
    :meth:`known_levels` merges into the levels.

    Examples
    --------
    >>> p = Profile(name="Ada", levels={"programming": 2.0, "writing": None},
    ...             credentials=["cert_pmp"], experience={"experience_it": 6})
    >>> p.known_levels()
    {'programming': 2.0, 'cert_pmp': 1.0, 'experience_it': 6.0}
    """

    name: str = "anonymous"
    description: str = ""
    levels: dict[str, Annotated[float, Field(ge=0.0)] | None] = Field(default_factory=dict)
    credentials: list[Identifier] = Field(default_factory=list)
    experience: dict[str, Annotated[float, Field(ge=0.0)]] = Field(default_factory=dict)
    interests: Riasec | None = None
    work_values: WorkValues | None = None
    limits: Limits = Field(default_factory=Limits)
    preferences: Preferences = Field(default_factory=Preferences)

    @model_validator(mode="after")
    def _no_conflicts(self) -> Profile:
        for dim in self.credentials:
            level = self.levels.get(dim)
            if level is not None and level != 1.0:
                raise ValueError(
                    f"credentials lists {dim!r} as held but levels gives it {level:g}; keep one"
                )
        for dim, months in self.experience.items():
            level = self.levels.get(dim)
            if level is not None and level != months:
                raise ValueError(
                    f"experience gives {dim!r} {months:g} months but levels gives it {level:g}; "
                    "keep one"
                )
        return self

    def known_levels(self) -> dict[str, float]:
        """Every known level, credentials and experience merged in; unknown ones are absent."""
        known = {k: float(v) for k, v in self.levels.items() if v is not None}
        known.update(dict.fromkeys(self.credentials, 1.0))
        known.update({k: float(v) for k, v in self.experience.items()})
        return known

    @classmethod
    def from_occupation(cls, occupation: Occupation, name: str | None = None) -> Profile:
        """Someone working in ``occupation`` today: its required levels, interests and values.

        >>> from careerfit_opt.model.occupations import Requirement
        >>> occ = Occupation(id="x", title="X", requirements={"writing": Requirement(level=4)})
        >>> Profile.from_occupation(occ).known_levels()
        {'writing': 4.0}
        """
        return cls(
            name=name or f"a {occupation.title.lower()} today",
            levels={k: r.level for k, r in occupation.requirements.items()},
            interests=occupation.interests,
            work_values=occupation.work_values,
        )
