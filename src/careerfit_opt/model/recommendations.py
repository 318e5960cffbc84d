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
    #: Levels are rounded to what their scale means: 0–7 levels to 1 decimal, months and
    #: contacts whole, credentials 0/1.
    have: float | None
    need: float
    weight: float
    #: The unit ``have`` and ``need`` are counted in (e.g. ``level (0–7)``, ``months``).
    unit: str = ""
    #: What the needed level means, by O*NET's example for the nearest anchor at or below it
    #: (e.g. ``level 4: Understand an email from management…``), when the dimension has anchors.
    need_means: str | None = None

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


class OccupationFacts(Model):
    """What a counsellor reads next to a recommendation: preparation, education and
    experience against the person's, the biggest gaps and the hot technologies.

    ``None`` means the catalogue (or the person) does not say. Education is on O*NET's RL
    categories 1–12, experience on its RW categories 1–11 (see
    :mod:`careerfit_opt.model.education`).
    """

    job_zone: int | None = None
    job_zone_name: str | None = None
    #: Job zone of the person's current occupation, to compare with.
    current_job_zone: int | None = None
    typical_education: int | None = None
    typical_education_name: str | None = None
    #: The person's highest education (``profile.education``).
    person_education: int | None = None
    person_education_name: str | None = None
    #: Share of the occupation's workers whose education is at most the person's (0–1, two
    #: decimals): how usual the person's education is for this job.
    share_at_most_person_education: float | None = None
    typical_experience: int | None = None
    typical_experience_name: str | None = None
    #: The three most important gaps (measured ones first, by weight × shortfall).
    top_gaps: list[Gap] = Field(default_factory=list)
    #: Hot technologies O*NET lists for the occupation (at most ten; ``hot_technology_count``
    #: says how many there are).
    hot_technologies: list[str] = Field(default_factory=list)
    hot_technology_count: int = 0


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
    #: Job zone, education, top gaps and hot technologies (see :class:`OccupationFacts`).
    facts: OccupationFacts | None = None


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
