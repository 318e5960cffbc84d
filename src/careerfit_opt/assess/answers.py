"""The answers of a self-assessment: what ``careerfit assess`` asks, or an answers file gives.

Every section is optional: a section left out is asked interactively, or — from a file or
Python — left unknown (or estimated from the person's job, and marked so). The layout is
documented in docs/assessment.md; each field's rules live here, so a file, the Python API
and the interactive questions reject the same answers with the same message.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from careerfit_opt.assess.interests import profiler_scores, score_items
from careerfit_opt.assess.values import values_from_ranking
from careerfit_opt.model.base import Model
from careerfit_opt.model.education import EDUCATION_CATEGORIES
from careerfit_opt.model.profiles import Limits

#: Most years of experience one job may claim.
MAX_YEARS = 60.0


def education_category(text: str) -> int:
    """The RL category (1–12) of an education level given by number or name (case ignored).

    >>> education_category("bachelor's degree"), education_category("8")
    (6, 8)
    """
    key = " ".join(str(text).strip().lower().replace("’", "'").split())
    if key.isdigit():
        return int(key)
    for number, name in EDUCATION_CATEGORIES.items():
        if name.lower() == key:
            return number
    raise ValueError(
        f"unknown education {text!r}; give a category 1–12 or one of: "
        + "; ".join(EDUCATION_CATEGORIES.values())
    )


class JobAnswer(Model):
    """A current or past job: a title to search for, or an occupation id, and the years in it."""

    #: A job title, searched in the catalogue's occupation titles (and O*NET alternate titles).
    title: str | None = None
    #: An occupation id (e.g. ``29-1141.00``); wins over ``title`` when both are given.
    occupation: str | None = None
    years: Annotated[float, Field(ge=0.0, le=MAX_YEARS)] | None = None

    @model_validator(mode="after")
    def _something(self) -> JobAnswer:
        if not (self.title or self.occupation):
            raise ValueError("give the job's title or its occupation id")
        return self


class InterestProfilerAnswer(Model):
    """O*NET Interest Profiler scores a person already has, and the range they were given on."""

    scale: str = "0-40"
    realistic: float
    investigative: float
    artistic: float
    social: float
    enterprising: float
    conventional: float

    @model_validator(mode="after")
    def _in_range(self) -> InterestProfilerAnswer:
        profiler_scores(self.model_dump(exclude={"scale"}), self.scale, field="")
        return self


class Answers(Model):
    """Everything a person answers (docs/assessment.md, "answers file").

    Examples
    --------
    >>> a = Answers(name="Sam", values_ranking=["support", "relationships", "achievement",
    ...             "independence", "recognition", "working conditions"])
    >>> a.name, a.limits.hours_per_week
    ('Sam', 10.0)
    """

    name: str = "anonymous"
    #: Current job first, then past ones.
    jobs: list[JobAnswer] = Field(default_factory=list)
    #: Credentials held: dimension ids or names of the catalogue's credential dimensions.
    credentials: list[str] = Field(default_factory=list)
    #: Highest education: an O*NET RL category 1–12 or its name (e.g. "Bachelor's Degree").
    education: int | None = None
    #: Item id → like / not sure / dislike, for every item of the short or the full form.
    interest_items: dict[str, str] | None = None
    #: Instead of ``interest_items``: O*NET Interest Profiler scores.
    interest_scores: InterestProfilerAnswer | None = None
    #: The six work values, most important first.
    values_ranking: list[str] | None = None
    #: The person's own levels (dimension id → 0–7, ``null`` = don't know); they replace the
    #: levels estimated from the jobs.
    levels: dict[str, Annotated[float, Field(ge=0.0)] | None] = Field(default_factory=dict)
    limits: Limits = Field(default_factory=Limits)
    #: How much enjoying the work counts against being qualified for it (0–1).
    passion_weight: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5

    @field_validator("education", mode="before")
    @classmethod
    def _education(cls, value: Any) -> Any:
        return education_category(value) if isinstance(value, str) else value

    @field_validator("education")
    @classmethod
    def _education_range(cls, value: int | None) -> int | None:
        if value is not None and value not in EDUCATION_CATEGORIES:
            raise ValueError(f"must be an O*NET education category 1–12 (got {value})")
        return value

    @model_validator(mode="after")
    def _sections(self) -> Answers:
        if self.interest_items is not None and self.interest_scores is not None:
            raise ValueError(
                "give interest_items or interest_scores, not both (the scores replace the items)"
            )
        if self.interest_items is not None:
            score_items(self.interest_items)
        if self.values_ranking is not None:
            values_from_ranking(self.values_ranking)
        return self
