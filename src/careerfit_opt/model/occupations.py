"""Occupations: what a job asks for (per dimension) and what it offers a person's interests."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from careerfit_opt.model.base import Identifier, Model
from careerfit_opt.model.education import EducationProfile, ExperienceProfile
from careerfit_opt.model.interests import Riasec, WorkValues
from careerfit_opt.model.numbers import NO_BOOL, WHOLE, Level, NonNegativeMoney

#: O*NET importance at or above which a requirement counts ("Important" is 3 on the 1–5 scale).
DEFAULT_IMPORTANCE_THRESHOLD = 3.0


class Requirement(Model):
    """A required level on one dimension and how important it is (O*NET's 1–5 scale)."""

    level: Level
    importance: Annotated[float, Field(ge=1.0, le=5.0), NO_BOOL] = 3.0


def requirement_weight(importance: float, threshold: float = DEFAULT_IMPORTANCE_THRESHOLD) -> float:
    """Weight of a requirement in fit scores and plan targets.

    Importance is rescaled from O*NET's 1–5 to 0–1; requirements below ``threshold`` weigh
    nothing, so a job's incidental skills do not count as gaps.

    >>> requirement_weight(5.0), requirement_weight(3.0), requirement_weight(2.9)
    (1.0, 0.5, 0.0)
    """
    if importance < threshold:
        return 0.0
    return (importance - 1.0) / 4.0


class Occupation(Model):
    """A target occupation.

    Examples
    --------
    >>> occ = Occupation(id="15-1252.00", title="Software Developers",
    ...                  requirements={"programming": Requirement(level=5.0, importance=4.5)})
    >>> occ.requirements["programming"].level
    5.0
    """

    id: Identifier
    title: str = Field(min_length=1)
    description: str = ""
    requirements: dict[str, Requirement] = Field(default_factory=dict)
    interests: Riasec | None = None
    work_values: WorkValues | None = None
    job_zone: Annotated[int, Field(ge=1, le=5), WHOLE] | None = None
    median_wage: NonNegativeMoney | None = None
    outlook: str | None = None
    #: Occupation family (e.g. ``healthcare``); links experience and network dimensions.
    family: str | None = None
    #: Required level of education: shares per O*NET RL category and the typical one.
    education: EducationProfile | None = None
    #: Related work experience: shares per O*NET RW category and the typical one.
    experience: ExperienceProfile | None = None
    #: Technologies O*NET flags as "hot" (frequent in employer job postings) for this job.
    hot_technologies: list[str] = Field(default_factory=list)
    #: Every technology example O*NET lists for this job (hot ones included).
    technologies: list[str] = Field(default_factory=list)
    #: Other names the job goes by (O*NET Alternate Titles, short titles included).
    alternate_titles: list[str] = Field(default_factory=list)

    def weights(self, threshold: float = DEFAULT_IMPORTANCE_THRESHOLD) -> dict[str, float]:
        """Requirement weight per dimension id (zero weights included)."""
        return {
            k: requirement_weight(r.importance, threshold) for k, r in self.requirements.items()
        }
