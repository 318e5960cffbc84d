"""Interests (the six RIASEC codes) and work values: the *passion* side of a person and a job."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from careerfit_opt.model.base import Model
from careerfit_opt.model.numbers import NO_BOOL

#: A score on O*NET's 1–7 extent/interest scale.
Score17 = Annotated[float, Field(ge=1.0, le=7.0), NO_BOOL]

RIASEC_CODES: tuple[str, ...] = (
    "realistic",
    "investigative",
    "artistic",
    "social",
    "enterprising",
    "conventional",
)
WORK_VALUE_NAMES: tuple[str, ...] = (
    "achievement",
    "working_conditions",
    "recognition",
    "relationships",
    "support",
    "independence",
)


class Riasec(Model):
    """Holland's six interest scores on the 1–7 scale.

    Examples
    --------
    >>> Riasec(realistic=2, investigative=5, artistic=7, social=3, enterprising=2,
    ...        conventional=4).code()
    'AIC'
    """

    realistic: Score17
    investigative: Score17
    artistic: Score17
    social: Score17
    enterprising: Score17
    conventional: Score17

    def as_tuple(self) -> tuple[float, ...]:
        """Scores in R, I, A, S, E, C order."""
        return tuple(float(getattr(self, c)) for c in RIASEC_CODES)

    def code(self, length: int = 3) -> str:
        """The Holland code: initials of the highest scores (ties keep RIASEC order)."""
        scores = self.as_tuple()
        order = sorted(range(6), key=lambda i: (-scores[i], i))
        return "".join(RIASEC_CODES[i][0].upper() for i in order[:length])


class WorkValues(Model):
    """O*NET's six work values on the 1–7 extent scale; a missing value is unknown."""

    achievement: Score17 | None = None
    working_conditions: Score17 | None = None
    recognition: Score17 | None = None
    relationships: Score17 | None = None
    support: Score17 | None = None
    independence: Score17 | None = None

    def as_tuple(self) -> tuple[float | None, ...]:
        """Values in O*NET order; ``None`` where unknown."""
        return tuple(getattr(self, v) for v in WORK_VALUE_NAMES)

    def known(self) -> int:
        """How many of the six values are known."""
        return sum(v is not None for v in self.as_tuple())
