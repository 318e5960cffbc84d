"""Profiles: a person's levels (unknown stays unknown), interests, values, limits and wishes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from careerfit_opt.model.base import Identifier, Model
from careerfit_opt.model.education import EDUCATION_CATEGORIES
from careerfit_opt.model.interests import Riasec, WorkValues
from careerfit_opt.model.numbers import NO_BOOL, Hours, Level, NonNegativeMoney, Week, Weeks
from careerfit_opt.model.occupations import Occupation


class Limits(Model):
    """What the person can put in: money, weekly hours, and how long they are willing to plan for.

    Weeks are counted from the plan's start (week 0).
    """

    budget: NonNegativeMoney = 0.0
    hours_per_week: Hours = 10.0
    horizon_weeks: Weeks = 104
    #: Whether pay from paid trial roles may be spent on the plan's other costs.
    income_offsets_cost: bool = False


class BookedAction(Model):
    """An action the person has already committed to; it is kept in every plan."""

    action_id: Identifier
    start_week: Week | None = None


class Preferences(Model):
    """How to weigh and filter results."""

    #: Weight of passion fit in the combined fit F = q^(1-w) · π^w (0 = qualifications only).
    passion_weight: Annotated[float, Field(ge=0.0, le=1.0), NO_BOOL] = 0.3
    excluded_occupations: list[Identifier] = Field(default_factory=list)
    #: Whether the person's current occupation may be recommended back to them.
    include_current: bool = False
    excluded_actions: list[Identifier] = Field(default_factory=list)
    booked_actions: list[BookedAction] = Field(default_factory=list)


#: Profile facts other than levels that :meth:`Profile.from_occupation` can estimate.
ESTIMABLE_FIELDS = ("interests", "work_values", "education")


class Profile(Model):
    """A person.

    ``levels`` maps dimension ids to the person's level; a dimension that is absent (or
    ``null``) is *unknown*, never zero. ``credentials`` lists credential dimensions held
    (level 1) and ``experience`` gives months per experience dimension; both are shorthand that
    :meth:`known_levels` merges into the levels.

    ``education`` is the person's highest education as an O*NET RL category (1–12, see
    :data:`~careerfit_opt.model.education.EDUCATION_CATEGORIES`; ``None`` = unknown).
    ``current_occupation`` is the job they hold (an occupation id or title, resolved against
    the catalogue); it is never recommended back unless ``preferences.include_current``.

    A profile may start from an occupation (``from_occupation``, an id or a job title): its
    ratings become the starting levels (``start_occupation``; in files: ``from_occupation``).
    ``estimated_from`` then names that occupation's id,
    ``estimated_levels`` the dimensions whose level is still the occupation's rating (not yet
    corrected by the person) and ``estimated_fields`` which of interests, work values and
    education were taken from it. Every result built on the profile repeats the marker.

    Examples
    --------
    >>> p = Profile(name="Ada", levels={"programming": 2.0, "writing": None},
    ...             credentials=["cert_pmp"], experience={"experience_it": 6})
    >>> p.known_levels()
    {'programming': 2.0, 'cert_pmp': 1.0, 'experience_it': 6.0}
    """

    model_config = ConfigDict(populate_by_name=True)

    name: str = "anonymous"
    description: str = ""
    levels: dict[str, Level | None] = Field(default_factory=dict)
    credentials: list[Identifier] = Field(default_factory=list)
    #: True when ``credentials`` lists every credential the person holds: a credential it
    #: does not list is then known not held (level 0), not unknown.
    credentials_complete: bool = False
    experience: dict[str, Level] = Field(default_factory=dict)
    interests: Riasec | None = None
    work_values: WorkValues | None = None
    #: Highest education as an O*NET RL category 1–12 (``None`` = unknown).
    education: Annotated[int, Field(ge=1, le=len(EDUCATION_CATEGORIES))] | None = None
    #: The person's occupation today: an occupation id (O*NET-SOC code) or a title.
    current_occupation: str | None = None
    #: Start from this occupation's ratings (an id or a job title); ``levels`` given alongside
    #: override the estimates. Resolved against the catalogue when a scenario is loaded.
    #: Written ``from_occupation`` in scenario files (the Python name avoids a clash with the
    #: :meth:`from_occupation` constructor).
    start_occupation: str | None = Field(default=None, alias="from_occupation")
    #: Id of the occupation the estimated levels came from (``None``: nothing estimated).
    estimated_from: str | None = None
    #: Title of that occupation, for messages.
    estimated_from_title: str | None = None
    #: Dimensions whose level is the occupation's rating, not (yet) the person's own.
    estimated_levels: list[str] = Field(default_factory=list)
    #: Which of ``interests``, ``work_values``, ``education`` came from the occupation.
    estimated_fields: list[str] = Field(default_factory=list)
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
        if (self.estimated_levels or self.estimated_fields) and self.estimated_from is None:
            raise ValueError("estimated_levels and estimated_fields need estimated_from")
        stray = [d for d in self.estimated_levels if self.levels.get(d) is None]
        if stray:
            raise ValueError(f"estimated_levels names dimensions without a level: {stray}")
        odd = [f for f in self.estimated_fields if f not in ESTIMABLE_FIELDS]
        if odd:
            raise ValueError(
                f"estimated_fields may name {', '.join(ESTIMABLE_FIELDS)} only (got {odd})"
            )
        return self

    def known_levels(self, credential_ids: Iterable[str] = ()) -> dict[str, float]:
        """Every known level, credentials and experience merged in; unknown ones are absent.

        ``credential_ids`` are the catalogue's credential dimensions: when
        ``credentials_complete`` is set, each one the profile does not list is known at 0.

        >>> Profile(credentials=["cert_pmp"], credentials_complete=True).known_levels(
        ...     ["cert_pmp", "cert_cpa"])
        {'cert_cpa': 0.0, 'cert_pmp': 1.0}
        """
        known: dict[str, float] = {}
        if self.credentials_complete:
            known.update(dict.fromkeys(sorted(credential_ids), 0.0))
        known.update({k: float(v) for k, v in self.levels.items() if v is not None})
        known.update(dict.fromkeys(self.credentials, 1.0))
        known.update({k: float(v) for k, v in self.experience.items()})
        return known

    @property
    def is_estimated(self) -> bool:
        """Whether any level or fact is still an estimate from an occupation."""
        return bool(self.estimated_levels or self.estimated_fields)

    def estimate_note(self) -> str | None:
        """One sentence saying what was estimated from which occupation (``None``: nothing).

        >>> from careerfit_opt.model.occupations import Requirement
        >>> occ = Occupation(id="41-2011.00", title="Cashiers",
        ...                  requirements={"writing": Requirement(level=2)})
        >>> print(Profile.from_occupation(occ).estimate_note())  # doctest: +NORMALIZE_WHITESPACE
        levels estimated from occupation 41-2011.00 (Cashiers): 1 level is its rating,
        not yours; correct it in the profile
        """
        if not self.is_estimated:
            return None
        parts = []
        if self.estimated_levels:
            n = len(self.estimated_levels)
            parts.append(f"{n} level{'s' if n != 1 else ''}")
        parts += [f.replace("_", " ") for f in self.estimated_fields]
        what = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        title = f" ({self.estimated_from_title})" if self.estimated_from_title else ""
        one = parts == ["1 level"] or (len(parts) == 1 and not self.estimated_levels)
        verb = "is its rating" if one else "are its ratings"
        return (
            f"levels estimated from occupation {self.estimated_from}{title}: {what} {verb}, "
            f"not yours; correct {'it' if one else 'them'} in the profile"
        )

    def corrected(self, levels: dict[str, float | None] | None = None, **fields: object) -> Profile:
        """A copy with the person's own ``levels`` and other fields; what they give is no
        longer an estimate.

        >>> from careerfit_opt.model.occupations import Requirement
        >>> occ = Occupation(id="x", title="X", requirements={"writing": Requirement(level=4),
        ...                                                   "speaking": Requirement(level=3)})
        >>> p = Profile.from_occupation(occ).corrected({"writing": 2.5})
        >>> p.known_levels()["writing"], p.estimated_levels
        (2.5, ['speaking'])
        """
        given = dict(levels or {})
        data = self.model_dump(exclude_unset=False)
        data["levels"] = {**self.levels, **given}
        data["estimated_levels"] = [d for d in self.estimated_levels if d not in given]
        data["estimated_fields"] = [f for f in self.estimated_fields if f not in fields]
        data.update(fields)
        if not data["estimated_levels"] and not data["estimated_fields"]:
            data["estimated_from"] = data["estimated_from_title"] = None
        return type(self).model_validate(data)

    @classmethod
    def from_occupation(
        cls, occupation: Occupation, name: str | None = None, *, current: bool = True
    ) -> Profile:
        """Someone working in ``occupation`` today: its required levels, interests, values and
        typical education, all marked as estimated from it.

        ``current`` also makes it the person's ``current_occupation`` (so it is not
        recommended back to them).

        >>> from careerfit_opt.model.occupations import Requirement
        >>> occ = Occupation(id="x", title="X", requirements={"writing": Requirement(level=4)})
        >>> p = Profile.from_occupation(occ)
        >>> p.known_levels(), p.estimated_from, p.estimated_levels
        ({'writing': 4.0}, 'x', ['writing'])
        """
        levels = {k: r.level for k, r in occupation.requirements.items()}
        education = occupation.education.typical if occupation.education else None
        facts = {
            "interests": occupation.interests,
            "work_values": occupation.work_values,
            "education": education,
        }
        return cls(
            name=name or f"a {occupation.title.lower()} today",
            levels=levels,
            interests=occupation.interests,
            work_values=occupation.work_values,
            education=education,
            current_occupation=occupation.id if current else None,
            estimated_from=occupation.id,
            estimated_from_title=occupation.title,
            estimated_levels=list(levels),
            estimated_fields=[f for f in ESTIMABLE_FIELDS if facts[f] is not None],
        )
