"""Actions a person can take: courses, certifications, trial roles and networking steps."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from careerfit_opt.model.base import Identifier, Model
from careerfit_opt.model.numbers import Gain, Hours, Level, Money, Week, Weeks


class ActionKind(StrEnum):
    """The four kinds of step a plan is made of."""

    COURSE = "course"
    CERTIFICATION = "certification"
    TRIAL_ROLE = "trial_role"
    NETWORKING = "networking"


class TrialType(StrEnum):
    """The forms a trial role takes."""

    INTERNSHIP = "internship"
    APPRENTICESHIP = "apprenticeship"
    VOLUNTEERING = "volunteering"
    FREELANCE = "freelance"


RiasecLetter = Annotated[str, Field(pattern=r"^[RIASEC]$")]


class Action(Model):
    """One step a plan can contain.

    ``cost`` is what the person pays; a paid trial role has a negative cost (income).
    ``start_weeks`` lists the weeks (counted from the plan's start, week 0) on which a cohort
    starts; ``None`` means it can start any week. Prerequisites are judged at the action's start:
    ``requires_actions`` must all have finished, and each ``requires_levels`` threshold must be
    reached by the person's level plus the gains of the actions finished before it.

    Examples
    --------
    >>> a = Action(id="py101", kind="course", title="Python basics", duration_weeks=8,
    ...            hours_per_week=6, cost=300, gains={"programming": 1.5})
    >>> a.total_hours
    48.0
    """

    id: Identifier
    kind: ActionKind
    title: str = Field(min_length=1)
    provider: str = ""
    trial_type: TrialType | None = None
    duration_weeks: Weeks
    hours_per_week: Hours
    cost: Money = 0.0
    start_weeks: list[Week] | None = None
    requires_actions: list[Identifier] = Field(default_factory=list)
    requires_levels: dict[str, Level] = Field(default_factory=dict)
    gains: dict[str, Gain] = Field(default_factory=dict)
    #: Actions sharing a group are alternatives (the same course from two providers): at most one.
    exclusive_group: str | None = None
    #: RIASEC letters of the activity, for the enjoyment objective (e.g. ``["A", "I"]``).
    interests: list[RiasecLetter] = Field(default_factory=list)
    url: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Action:
        if self.trial_type is not None and self.kind is not ActionKind.TRIAL_ROLE:
            raise ValueError(f"trial_type is only for kind trial_role (kind is {self.kind.value})")
        if self.cost < 0 and self.kind is not ActionKind.TRIAL_ROLE:
            raise ValueError(
                f"cost must be ≥ 0 for a {self.kind.value} (got {self.cost:g}); only a paid "
                "trial_role has a negative cost (income)"
            )
        if self.start_weeks is not None:
            if not self.start_weeks:
                raise ValueError("start_weeks must list at least one week, or be omitted")
            if len(set(self.start_weeks)) != len(self.start_weeks):
                raise ValueError(f"start_weeks has repeated weeks: {self.start_weeks}")
        if self.id in self.requires_actions:
            raise ValueError(f"requires_actions: action {self.id!r} requires itself")
        return self

    @property
    def total_hours(self) -> float:
        """Hours over the whole action."""
        return float(self.duration_weeks * self.hours_per_week)
