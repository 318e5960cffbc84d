"""Scenarios: one person, a catalogue to plan over, a target, an objective and solver settings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from careerfit_opt.errors import Problem
from careerfit_opt.model.base import Identifier, Model
from careerfit_opt.model.catalog import Catalog, Hints
from careerfit_opt.model.numbers import (
    MAX_RECOMMEND_TOP,
    MAX_SYNTHETIC_ACTIONS,
    NO_BOOL,
    WHOLE,
    Seed,
    TimeLimit,
    Workers,
)
from careerfit_opt.model.occupations import (
    DEFAULT_IMPORTANCE_THRESHOLD,
    Occupation,
    requirement_weight,
)
from careerfit_opt.model.profiles import Profile


class Objective(StrEnum):
    """What the planner optimises.

    ``lexicographic``: weighted shortfall, then ready week, then cost, then enjoyment.
    ``fastest``: shortfall, then ready week, then cost. ``cheapest``: shortfall, then cost, then
    ready week. ``balanced``: shortfall, then a weighted sum of ready week and cost.
    """

    LEXICOGRAPHIC = "lexicographic"
    FASTEST = "fastest"
    CHEAPEST = "cheapest"
    BALANCED = "balanced"


class InterestIndex(StrEnum):
    """How interest congruence between a person and an occupation is measured."""

    PEARSON = "pearson"
    EUCLIDEAN = "euclidean"
    IACHAN = "iachan"


class ScoringSettings(Model):
    """Parameters of the fit scores (see docs/scoring.md)."""

    importance_threshold: Annotated[float, Field(ge=1.0, le=5.0), NO_BOOL] = (
        DEFAULT_IMPORTANCE_THRESHOLD
    )
    interest_index: InterestIndex = InterestIndex.PEARSON
    #: Share of passion fit that comes from work values (the rest from interests).
    values_weight: Annotated[float, Field(ge=0.0, le=1.0), NO_BOOL] = 0.5
    #: Coverage below which a score is flagged as resting on too little known data.
    min_coverage: Annotated[float, Field(ge=0.0, le=1.0), NO_BOOL] = 0.6


class SyntheticActions(Model):
    """Generate an illustrative action set over the catalogue's dimensions (seeded)."""

    count: Annotated[int, Field(ge=1, le=MAX_SYNTHETIC_ACTIONS), WHOLE] = 150
    seed: Seed = 0


class CatalogSource(Model):
    """Where a scenario's catalogue comes from.

    Exactly one base: ``bundled`` (a catalogue shipped with the package, e.g. ``default``),
    ``path`` (a catalogue file, relative to the scenario file) or ``onet`` (an O*NET directory,
    or the name of a release installed with ``careerfit data onet``). ``actions`` adds action
    files (CSV or YAML); the name ``bundled`` there stands for the bundled illustrative actions
    for O*NET occupations (``actions: [bundled, ./agency_courses.csv]``). ``overlay`` (O*NET
    bases only) adds the requirements O*NET lacks (licences, certifications, experience) by
    O*NET-SOC code: the bundled overlay by default, a file of your own, or ``none``.
    ``synthetic_actions`` adds a generated set. A plain string is shorthand: a bundled name,
    or a path when it has a file suffix or a slash.
    """

    bundled: str | None = None
    path: str | None = None
    onet: str | None = None
    actions: list[str] = Field(default_factory=list)
    overlay: str | None = None
    synthetic_actions: SyntheticActions | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            text = data.strip()
            is_path = "/" in text or "\\" in text or "." in text.rsplit("/", 1)[-1]
            return {"path": text} if is_path else {"bundled": text}
        return data

    @model_validator(mode="after")
    def _one_base(self) -> CatalogSource:
        bases = [b for b in ("bundled", "path", "onet") if getattr(self, b)]
        if len(bases) != 1:
            raise ValueError(
                "give exactly one of bundled, path or onet"
                + (f" (got {', '.join(bases)})" if bases else "")
            )
        if self.overlay is not None and self.onet is None:
            raise ValueError("overlay adds requirements to O*NET occupations: use it with onet")
        return self


class Target(Model):
    """A target occupation id, or a request to plan for the top-N recommendations."""

    occupation: Identifier | None = None
    recommend_top: Annotated[int, Field(ge=1, le=MAX_RECOMMEND_TOP), WHOLE] | None = None
    #: When true, every weighted requirement must be met in full (no shortfall allowed).
    hard: bool = False
    #: Requirements (dimension ids of the target occupation) to meet in full even when
    #: ``hard`` is false, e.g. the licence a job legally requires; the rest stays best effort.
    must_meet: list[Identifier] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"occupation": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_kind(self) -> Target:
        if (self.occupation is None) == (self.recommend_top is None):
            raise ValueError("give exactly one of occupation or recommend_top")
        if self.must_meet and self.occupation is None:
            raise ValueError(
                "must_meet names requirements of one occupation: give target.occupation, "
                "not recommend_top"
            )
        # Counted once each: list.count per id is quadratic in a hostile file's long list.
        twice = sorted(k for k, n in Counter(self.must_meet).items() if n > 1)
        if twice:
            raise ValueError(f"must_meet lists {', '.join(twice)} twice; keep one")
        return self


class SolverSettings(Model):
    """Planner settings."""

    #: Seconds for the whole plan, counted in solver work units at the reference machine's
    #: rate (a stopped run repeats exactly); the wall clock stops a run at twice the limit.
    time_limit_s: TimeLimit = 10.0
    seed: Seed = 0
    #: CP-SAT workers; 1 promises the exact same plan on a repeat run.
    workers: Workers = 1


class Scenario(Model):
    """Everything one planning run needs.

    Examples
    --------
    >>> s = Scenario(profile=Profile(name="Sam"), target="15-1252.00")
    >>> s.catalog.bundled, s.target.occupation, s.objective.value
    ('default', '15-1252.00', 'lexicographic')
    """

    name: str = ""
    description: str = ""
    profile: Profile
    catalog: CatalogSource = Field(default_factory=lambda: CatalogSource(bundled="default"))
    target: Target = Field(default_factory=lambda: Target(recommend_top=5))
    objective: Objective = Objective.LEXICOGRAPHIC
    scoring: ScoringSettings = Field(default_factory=ScoringSettings)
    solver: SolverSettings = Field(default_factory=SolverSettings)


def check_against_catalog(scenario: Scenario, catalog: Catalog) -> list[Problem]:
    """Every id in ``scenario`` that ``catalog`` does not know, as problems with field paths."""
    out: list[Problem] = []
    dims = catalog.dimension_by_id
    prof = scenario.profile

    hint = Hints()

    def need(field: str, ident: str, known: dict[str, Any], what: str) -> None:
        if ident not in known:
            out.append(Problem(field, f"unknown {what} {ident!r}{hint(ident, known)}"))

    for dim_id, level in prof.levels.items():
        dim = dims.get(dim_id)
        if dim is None:
            need(f"profile.levels.{dim_id}", dim_id, dims, "dimension")
        elif level is not None and not dim.lo <= level <= dim.hi:
            out.append(
                Problem(
                    f"profile.levels.{dim_id}",
                    f"must be within {dim.lo:g}–{dim.hi:g} (got {level:g})",
                )
            )
    for i, cred in enumerate(prof.credentials):
        need(f"profile.credentials[{i}]", cred, dims, "dimension")
    for dim_id, months in prof.experience.items():
        need(f"profile.experience.{dim_id}", dim_id, dims, "dimension")
        dim = dims.get(dim_id)
        if dim is not None and not dim.lo <= months <= dim.hi:
            out.append(
                Problem(
                    f"profile.experience.{dim_id}",
                    f"must be within {dim.lo:g}–{dim.hi:g} (got {months:g})",
                )
            )
    occs = catalog.occupation_by_id
    acts = catalog.action_by_id
    if prof.current_occupation is not None:
        need("profile.current_occupation", prof.current_occupation, occs, "occupation")
    for i, occ_id in enumerate(prof.preferences.excluded_occupations):
        need(f"profile.preferences.excluded_occupations[{i}]", occ_id, occs, "occupation")
    for i, act_id in enumerate(prof.preferences.excluded_actions):
        need(f"profile.preferences.excluded_actions[{i}]", act_id, acts, "action")
    first_booking: dict[str, int] = {}
    for i, booked in enumerate(prof.preferences.booked_actions):
        need(f"profile.preferences.booked_actions[{i}].action_id", booked.action_id, acts, "action")
        if booked.action_id in first_booking:
            out.append(
                Problem(
                    f"profile.preferences.booked_actions[{i}]",
                    f"action {booked.action_id!r} is booked twice (also at "
                    f"booked_actions[{first_booking[booked.action_id]}]); keep one booking",
                )
            )
        first_booking.setdefault(booked.action_id, i)
        booked_action = acts.get(booked.action_id)
        horizon = prof.limits.horizon_weeks
        if booked_action is not None:
            end = (booked.start_week or 0) + booked_action.duration_weeks
            if end > horizon:
                start = f"from week {booked.start_week} " if booked.start_week else ""
                out.append(
                    Problem(
                        f"profile.preferences.booked_actions[{i}]",
                        f"booked action {booked.action_id!r} takes "
                        f"{booked_action.duration_weeks} weeks {start}and would end in week "
                        f"{end}, after the horizon of {horizon} weeks; raise "
                        "profile.limits.horizon_weeks or unbook it",
                    )
                )
        if booked.action_id in prof.preferences.excluded_actions:
            out.append(
                Problem(
                    f"profile.preferences.booked_actions[{i}]",
                    f"action {booked.action_id!r} is both booked and excluded; keep one",
                )
            )
    if scenario.target.occupation is not None:
        need("target.occupation", scenario.target.occupation, occs, "occupation")
        if scenario.target.occupation in prof.preferences.excluded_occupations:
            out.append(
                Problem(
                    "target.occupation",
                    f"{scenario.target.occupation!r} is the target but also excluded",
                )
            )
        occ = occs.get(scenario.target.occupation)
        if occ is not None:
            threshold = scenario.scoring.importance_threshold
            out += must_meet_problems(scenario.target.must_meet, occ, threshold)
    return out


def must_meet_problems(
    must_meet: Iterable[str], occupation: Occupation, threshold: float
) -> list[Problem]:
    """Each ``must_meet`` id that is not a requirement ``occupation`` weighs (importance at
    least ``threshold``), as a problem on ``target.must_meet[i]``.

    >>> from careerfit_opt.model.occupations import Requirement
    >>> nurse = Occupation(id="rn", title="Nurse", requirements={
    ...     "license_rn": Requirement(level=1, importance=5),
    ...     "fine_arts": Requirement(level=1, importance=1.5)})
    >>> [p.message for p in must_meet_problems(["license_rn", "fine_arts", "x"], nurse, 3.0)]
    ... # doctest: +NORMALIZE_WHITESPACE
    ["'fine_arts' is below the importance threshold (3) for Nurse, so no plan targets it; lower
    scoring.importance_threshold or drop it from must_meet", "'x' is not a requirement of Nurse
    (the most important: license_rn, fine_arts)"]
    """
    out = []
    hint = Hints()
    reqs = occupation.requirements
    # The most important first: the ones a person would want to insist on.
    listed = sorted(reqs, key=lambda k: (-reqs[k].importance, k))
    shown = ", ".join(listed[:6]) + (", …" if len(listed) > 6 else "")
    for i, k in enumerate(must_meet):
        req = reqs.get(k)
        field = f"target.must_meet[{i}]"
        if req is None:
            why = hint(k, reqs) or f" (the most important: {shown})"
            out.append(Problem(field, f"{k!r} is not a requirement of {occupation.title}{why}"))
        elif requirement_weight(req.importance, threshold) <= 0.0:
            out.append(
                Problem(
                    field,
                    f"{k!r} is below the importance threshold ({threshold:g}) for "
                    f"{occupation.title}, so no plan targets it; lower "
                    "scoring.importance_threshold or drop it from must_meet",
                )
            )
    return out
