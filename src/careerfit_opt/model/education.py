"""Typical education and related work experience of an occupation (O*NET's RL and RW scales).

O*NET's Education, Training, and Experience table gives, per occupation, the share of
incumbents (or experts' judgement) in each category: 12 education categories (RL, ``2.D.1``)
and 11 related-work-experience categories (RW, ``3.A.1``). The category names below are
O*NET's (Education, Training, and Experience Categories), shortened to the part before any
``-`` explanation; the importer checks them against the release's own category table.
"""

from __future__ import annotations

import math
from typing import Annotated, ClassVar, Self

from pydantic import Field, model_validator

from careerfit_opt.model.base import Model

#: RL categories 1–12: the highest level of education a person has or a job asks for.
EDUCATION_CATEGORIES: dict[int, str] = {
    1: "Less than a High School Diploma",
    2: "High School Diploma",
    3: "Post-Secondary Certificate",
    4: "Some College Courses",
    5: "Associate's Degree",
    6: "Bachelor's Degree",
    7: "Post-Baccalaureate Certificate",
    8: "Master's Degree",
    9: "Post-Master's Certificate",
    10: "First Professional Degree",
    11: "Doctoral Degree",
    12: "Post-Doctoral Training",
}

#: RW categories 1–11: related work experience a job asks for.
EXPERIENCE_CATEGORIES: dict[int, str] = {
    1: "None",
    2: "Up to and including 1 month",
    3: "Over 1 month, up to and including 3 months",
    4: "Over 3 months, up to and including 6 months",
    5: "Over 6 months, up to and including 1 year",
    6: "Over 1 year, up to and including 2 years",
    7: "Over 2 years, up to and including 4 years",
    8: "Over 4 years, up to and including 6 years",
    9: "Over 6 years, up to and including 8 years",
    10: "Over 8 years, up to and including 10 years",
    11: "Over 10 years",
}

#: Months of related experience each RW category spans: (more than, up to and including);
#: ``None`` as the upper bound means open-ended.
EXPERIENCE_MONTHS: dict[int, tuple[int, int | None]] = {
    1: (0, 0),
    2: (0, 1),
    3: (1, 3),
    4: (3, 6),
    5: (6, 12),
    6: (12, 24),
    7: (24, 48),
    8: (48, 72),
    9: (72, 96),
    10: (96, 120),
    11: (120, None),
}

#: O*NET's job zones 1–5 (Job Zone Reference): how much preparation a job needs.
JOB_ZONE_NAMES: dict[int, str] = {
    1: "Little or No Preparation Needed",
    2: "Some Preparation Needed",
    3: "Medium Preparation Needed",
    4: "Considerable Preparation Needed",
    5: "Extensive Preparation Needed",
}

#: How far the shares may sum away from 1 (O*NET rounds each percentage to 2 decimals).
_SUM_TOLERANCE = 0.02


def education_name(category: int | None) -> str:
    """The name of an RL category, ``unknown`` for ``None``.

    >>> education_name(6), education_name(None)
    ("Bachelor's Degree", 'unknown')
    """
    if category is None:
        return "unknown"
    return EDUCATION_CATEGORIES.get(category, f"category {category}")


def experience_name(category: int | None) -> str:
    """The name of an RW category, ``unknown`` for ``None``.

    >>> experience_name(6)
    'Over 1 year, up to and including 2 years'
    """
    if category is None:
        return "unknown"
    return EXPERIENCE_CATEGORIES.get(category, f"category {category}")


class CategoryProfile(Model):
    """Shares of an occupation's workers per category (``distribution[0]`` = category 1).

    ``typical`` is the most common category (the lowest one on a tie). The shares sum to 1
    (within 0.02, O*NET's rounding).
    """

    CATEGORIES: ClassVar[dict[int, str]] = {}

    distribution: list[Annotated[float, Field(ge=0.0, le=1.0)]]
    typical: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _check(self) -> CategoryProfile:
        n = len(self.CATEGORIES)
        if len(self.distribution) != n:
            raise ValueError(f"distribution must have {n} shares (got {len(self.distribution)})")
        total = math.fsum(self.distribution)
        if abs(total - 1.0) > _SUM_TOLERANCE:
            raise ValueError(f"distribution must sum to 1 (got {total:.3f})")
        if not 1 <= self.typical <= n:
            raise ValueError(f"typical must be a category 1–{n} (got {self.typical})")
        return self

    @classmethod
    def from_shares(cls, shares: list[float]) -> Self:
        """Normalised shares (percentages or fractions) → a profile; typical = the mode.

        >>> EducationProfile.from_shares([0, 50, 0, 0, 0, 50, 0, 0, 0, 0, 0, 0]).typical
        2
        """
        total = math.fsum(shares)
        if total <= 0:
            raise ValueError("no category has a share")
        norm = [round(s / total, 4) for s in shares]
        typical = 1 + max(range(len(shares)), key=lambda i: (shares[i], -i))
        return cls(distribution=norm, typical=typical)

    @property
    def typical_name(self) -> str:
        """The name of the most common category."""
        return self.CATEGORIES.get(self.typical, f"category {self.typical}")

    def share_at_most(self, category: int) -> float:
        """Share of workers in categories ``1..category`` (e.g. with at most that education)."""
        return round(math.fsum(self.distribution[: max(0, category)]), 4)


class EducationProfile(CategoryProfile):
    """Required level of education (O*NET RL, 12 categories, see ``EDUCATION_CATEGORIES``)."""

    CATEGORIES: ClassVar[dict[int, str]] = EDUCATION_CATEGORIES


class ExperienceProfile(CategoryProfile):
    """Related work experience (O*NET RW, 11 categories, see ``EXPERIENCE_CATEGORIES``)."""

    CATEGORIES: ClassVar[dict[int, str]] = EXPERIENCE_CATEGORIES

    @property
    def typical_months(self) -> tuple[int, int | None]:
        """The months range of the typical category (more than, up to and including)."""
        return EXPERIENCE_MONTHS[self.typical]
