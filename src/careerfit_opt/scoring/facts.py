"""The facts a counsellor reads next to each recommendation, and gaps rounded to their scale.

Levels are shown as precisely as their scale means something: 0–7 levels to one decimal,
months and contacts whole, credentials held or not (see docs/data.md, "What a
recommendation shows from O*NET").
"""

from __future__ import annotations

from collections.abc import Sequence

from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import KIND_UNIT, Dimension, DimensionKind
from careerfit_opt.model.education import (
    EDUCATION_CATEGORIES,
    JOB_ZONE_NAMES,
    education_name,
    experience_name,
)
from careerfit_opt.model.occupations import Occupation
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.recommendations import Gap, OccupationFacts

#: How many gaps and hot technologies the facts list.
TOP_GAPS = 3
TOP_TECHNOLOGIES = 10


#: Kinds counted in whole units (months, contacts, held or not).
_WHOLE = frozenset({DimensionKind.EXPERIENCE, DimensionKind.NETWORK, DimensionKind.CREDENTIAL})


def round_level(value: float, dim: Dimension) -> float:
    """``value`` rounded to what its dimension's scale means.

    >>> round_level(3.4311, Dimension(id="w", name="W", kind="skill"))
    3.4
    >>> round_level(6.6, Dimension(id="e", name="E", kind="experience"))
    7.0
    """
    return round(value, 0 if dim.kind in _WHOLE else 1)


def anchor_text(dim: Dimension, level: float) -> str | None:
    """O*NET's example for the highest anchor at or below ``level`` (``None`` without one).

    >>> d = Dimension(id="w", name="W", kind="skill", anchors={2: "two", 4: "four", 6: "six"})
    >>> anchor_text(d, 4.8), anchor_text(d, 1.5)
    ('level 4: four', None)
    """
    below = [a for a in dim.anchors if a <= level + 1e-9]
    if not below:
        return None
    best = max(below)
    return f"level {best:g}: {dim.anchors[best]}"


def readable_gap(gap: Gap, dim: Dimension, memo: dict[str, tuple[int, str]] | None = None) -> Gap:
    """``gap`` with its levels rounded to the scale, its unit and what the needed level means.

    The order of gaps is decided on the exact values before rounding. ``memo`` keeps each
    dimension's (decimals, unit) between calls.
    """
    return gap_on_scale(dim, gap.have, gap.need, gap.weight, memo)


def gap_on_scale(
    dim: Dimension,
    have: float | None,
    need: float,
    weight: float,
    memo: dict[str, tuple[int, str]] | None = None,
) -> Gap:
    """The readable :class:`Gap` on ``dim`` from exact values: levels rounded to the scale,
    its unit and what the needed level means (one model built per gap: recommendations build
    ~20 per item, which was most of a call's time)."""
    if memo is None or dim.id not in memo:
        rule = (0 if dim.kind in _WHOLE else 1, KIND_UNIT[dim.kind])
        if memo is not None:
            memo[dim.id] = rule
    else:
        rule = memo[dim.id]
    digits, unit = rule
    return Gap(
        dimension=dim.id,
        name=dim.name,
        have=None if have is None else round(have, digits),
        need=round(need, digits),
        weight=round(weight, 2),
        unit=unit,
        need_means=anchor_text(dim, need) if dim.anchors else None,
    )


def occupation_facts(
    occupation: Occupation, profile: Profile, gaps: Sequence[Gap], catalog: Catalog
) -> OccupationFacts:
    """Job zone, typical education and experience against the person's, the top three gaps
    (already readable) and the hot technologies of ``occupation``."""
    current = (
        catalog.occupation_by_id.get(profile.current_occupation)
        if profile.current_occupation
        else None
    )
    edu = occupation.education
    person = profile.education
    share = None
    if edu is not None and person is not None and person in EDUCATION_CATEGORIES:
        share = round(edu.share_at_most(person), 2)
    exp = occupation.experience
    zone = occupation.job_zone
    return OccupationFacts(
        job_zone=zone,
        job_zone_name=JOB_ZONE_NAMES.get(zone) if zone else None,
        current_job_zone=current.job_zone if current else None,
        typical_education=edu.typical if edu else None,
        typical_education_name=education_name(edu.typical) if edu else None,
        person_education=person,
        person_education_name=education_name(person) if person else None,
        share_at_most_person_education=share,
        typical_experience=exp.typical if exp else None,
        typical_experience_name=experience_name(exp.typical) if exp else None,
        top_gaps=list(gaps[:TOP_GAPS]),
        hot_technologies=occupation.hot_technologies[:TOP_TECHNOLOGIES],
        hot_technology_count=len(occupation.hot_technologies),
    )
