"""From answers to a profile and a scenario file the other commands accept as it is.

The steps (docs/assessment.md): the jobs' occupations give *estimated* starting levels (the
highest rating among the jobs, skills, knowledge and abilities only: a job's credentials are
not assumed held); credentials come from the checklist and years from the jobs; interests from
the items or Interest Profiler scores; work values from the ranking; the person's own levels
replace the estimates; limits and the passion weight complete the profile.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from careerfit_opt.assess.answers import Answers
from careerfit_opt.assess.interests import InterestScores, profiler_scores, score_items
from careerfit_opt.assess.items import NOT_VALIDATED
from careerfit_opt.assess.values import values_from_ranking
from careerfit_opt.errors import InputError, Problem
from careerfit_opt.io.validation import validate
from careerfit_opt.model.catalog import Catalog, suggest
from careerfit_opt.model.dimensions import Dimension, DimensionKind
from careerfit_opt.model.interests import Riasec, WorkValues
from careerfit_opt.model.occupations import Occupation, requirement_weight
from careerfit_opt.model.profiles import Preferences, Profile
from careerfit_opt.model.scenario import CatalogSource, Scenario, ScoringSettings, Target
from careerfit_opt.model.search import resolve_occupation

#: Dimension kinds rated on O*NET's 0–7 level scale: the ones a job's ratings estimate and
#: the person corrects.
LEVEL_KINDS = (DimensionKind.SKILL, DimensionKind.KNOWLEDGE, DimensionKind.ABILITY)
#: How many recommendations the written scenario plans for (``target.recommend_top``).
PLAN_TOP = 3


@dataclass(frozen=True)
class Assessment:
    """The result of a self-assessment: the scenario to write and what to tell the person."""

    scenario: Scenario
    #: Where each job answer led: (answer index, occupation id, title).
    jobs: tuple[tuple[int, str, str], ...]
    #: How the interests were obtained (``items-short``, ``profiler-0-40``, ``estimated``, …).
    interest_method: str | None
    notes: tuple[str, ...] = field(default_factory=tuple)


def resolve_job(
    catalog: Catalog, job_field: str, occupation: str | None, title: str | None
) -> Occupation:
    """The occupation a job answer names: its id, else the one occupation its title (or an
    O*NET alternate title) names word for word; an ambiguous or unknown title is an
    :class:`InputError` listing the closest occupations with their ids."""
    if occupation:
        if occupation not in catalog.occupation_by_id:
            raise InputError(
                [
                    Problem(
                        f"{job_field}.occupation",
                        f"unknown occupation {occupation!r}"
                        f"{suggest(occupation, catalog.occupation_by_id)}",
                    )
                ]
            )
        return catalog.occupation_by_id[occupation]
    assert title is not None
    return resolve_occupation(catalog, title, f"{job_field}.title")


def credential_dimensions(catalog: Catalog) -> list[Dimension]:
    """The catalogue's credential dimensions: the checklist of credentials a person may hold."""
    return [d for d in catalog.dimensions if d.kind is DimensionKind.CREDENTIAL]


def resolve_credential(catalog: Catalog, text: str, where: str) -> str:
    """The id of a credential dimension given by id or name (case ignored)."""
    creds = credential_dimensions(catalog)
    for dim in creds:
        if text.strip().lower() in (dim.id.lower(), dim.name.lower()):
            return dim.id
    if not creds:
        hint = "this catalogue has no credential dimensions; leave credentials empty"
    else:
        hint = "credentials are " + ", ".join(d.id for d in creds)
    raise InputError(
        [
            Problem(
                where, f"unknown credential {text!r}{suggest(text, [d.id for d in creds])}; {hint}"
            )
        ]
    )


def interests_from(answers: Answers) -> InterestScores | None:
    """The person's interest scores from items or Interest Profiler scores (``None``: neither)."""
    if answers.interest_items is not None:
        return score_items(answers.interest_items)
    if answers.interest_scores is not None:
        s = answers.interest_scores
        return profiler_scores(s.model_dump(exclude={"scale"}), s.scale)
    return None


@dataclass
class _Draft:
    levels: dict[str, float | None]
    estimated: list[str]
    estimated_fields: list[str]
    experience: dict[str, float]
    credentials: list[str]
    #: Whether the person answered the credentials checklist (unlisted ones are not held).
    credentials_complete: bool
    education: int | None
    occupations: list[Occupation]
    interests: Riasec | None
    interest_method: str | None
    work_values: WorkValues | None
    notes: list[str]


def _draft(answers: Answers, catalog: Catalog) -> _Draft:
    problems: list[Problem] = []
    dims = catalog.dimension_by_id
    occupations: list[Occupation] = []
    for i, job in enumerate(answers.jobs):
        try:
            occupations.append(resolve_job(catalog, f"jobs[{i}]", job.occupation, job.title))
        except InputError as exc:
            problems.extend(exc.problems)
    credentials: list[str] = []
    for i, text in enumerate(answers.credentials):
        try:
            cred = resolve_credential(catalog, text, f"credentials[{i}]")
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if cred not in credentials:
            credentials.append(cred)
    for dim_id, level in answers.levels.items():
        dim = dims.get(dim_id)
        if dim is None:
            problems.append(
                Problem(f"levels.{dim_id}", f"unknown dimension {dim_id!r}{suggest(dim_id, dims)}")
            )
        elif dim.kind not in LEVEL_KINDS:
            problems.append(
                Problem(
                    f"levels.{dim_id}",
                    f"{dim_id!r} is a {dim.kind.value}: give credentials under credentials and "
                    "experience as years under jobs",
                )
            )
        elif level is not None and not dim.lo <= level <= dim.hi:
            problems.append(
                Problem(f"levels.{dim_id}", f"must be within {dim.lo:g}–{dim.hi:g} (got {level:g})")
            )
    if problems:
        raise InputError(problems)

    notes: list[str] = []
    estimates: dict[str, float] = {}
    for occ in occupations:
        for dim_id, req in occ.requirements.items():
            dim = dims.get(dim_id)
            if dim is not None and dim.kind in LEVEL_KINDS:
                estimates[dim_id] = max(estimates.get(dim_id, 0.0), req.level)
    own = dict(answers.levels)
    order = catalog.dimension_index
    merged: dict[str, float | None] = {**estimates, **own}
    levels = dict(sorted(merged.items(), key=lambda kv: order[kv[0]]))
    estimated = [d for d in levels if d in estimates and d not in own]

    experience: dict[str, float] = {}
    for job, occ in zip(answers.jobs, occupations, strict=True):
        if job.years is None:
            continue
        dim = dims.get(f"experience_{occ.family}") if occ.family else None
        if dim is None or dim.kind is not DimensionKind.EXPERIENCE:
            notes.append(
                f"{job.years:g} years as {occ.title}: kept in the answers only, this catalogue "
                "has no experience dimension for that field"
            )
            continue
        experience[dim.id] = min(dim.hi, experience.get(dim.id, 0.0) + round(job.years * 12, 1))

    first = occupations[0] if occupations else None
    fields: list[str] = []
    scores = interests_from(answers)
    interests = scores.riasec if scores else None
    method = scores.method if scores else None
    if interests is None and first is not None and first.interests is not None:
        interests, method = first.interests, "estimated"
        fields.append("interests")
    if method is not None and method.startswith("items"):
        notes.append(NOT_VALIDATED)
    work_values = (
        values_from_ranking(answers.values_ranking) if answers.values_ranking is not None else None
    )
    if work_values is None and first is not None and first.work_values is not None:
        work_values = first.work_values
        fields.append("work_values")
    education = answers.education
    if education is None and first is not None and first.education is not None:
        education = first.education.typical
        fields.append("education")
    if catalog.illustrative and catalog.made_up is not None:
        advice = (
            "" if catalog.metadata.get("source") == "O*NET"
            else " Install O*NET with `careerfit data onet` for real occupations."
        )  # fmt: skip
        notes.append(catalog.made_up + advice)
    return _Draft(
        levels=levels,
        estimated=estimated,
        estimated_fields=fields,
        experience=experience,
        credentials=credentials,
        credentials_complete="credentials" in answers.model_fields_set,
        education=education,
        occupations=occupations,
        interests=interests,
        interest_method=method,
        work_values=work_values,
        notes=notes,
    )


def source_of(catalog: Catalog) -> CatalogSource:
    """How a scenario names ``catalog``: the O*NET directory it was imported from (without
    actions), or the bundled catalogue of its name; anything else (an O*NET catalogue with
    actions added, a file) must be given as ``catalog_source``."""
    is_onet = catalog.metadata.get("source") == "O*NET" and catalog.metadata.get("source_dir")
    if is_onet and not catalog.actions:
        return CatalogSource(onet=catalog.metadata["source_dir"])
    from careerfit_opt.data.bundled import bundled_catalog_names

    if catalog.name in bundled_catalog_names():
        return CatalogSource(bundled=catalog.name)
    raise ValueError(
        f"cannot tell where catalogue {catalog.name!r} comes from; pass catalog_source "
        "(e.g. CatalogSource(path='my-catalogue.yaml'))"
    )


def as_answers(answers: Answers | Mapping[str, Any], source: str = "<answers>") -> Answers:
    """Validate plain data as :class:`Answers` (an :class:`InputError` naming each field)."""
    if isinstance(answers, Answers):
        return answers
    try:
        return validate(Answers, answers, source=source)
    except InputError as exc:  # unknown keys: point at the answers-file documentation
        problems = [
            Problem(p.field, p.message.replace("docs/scenario-format.md", "docs/assessment.md"))
            for p in exc.problems
        ]
        raise InputError(problems, source=exc.source) from None


def draft_profile(answers: Answers, catalog: Catalog) -> Profile:
    """The profile the answers give so far (used to pick the dimensions worth correcting)."""
    d = _draft(answers, catalog)
    return _profile(answers, d)


def _profile(answers: Answers, d: _Draft) -> Profile:
    """The profile of a draft; what came from the jobs is marked as estimated from the first
    (current) job, the others named in the marker's title."""
    first = d.occupations[0] if d.occupations else None
    marked = first is not None and bool(d.estimated or d.estimated_fields)
    title: str | None = None
    if first is not None and marked:
        title = first.title
        others = [f"{o.id} {o.title}" for o in d.occupations[1:]]
        if others and d.estimated:
            title += "; levels: the highest rating with " + ", ".join(others)
    return Profile(
        name=answers.name,
        description="Built with careerfit assess."
        + (" " + "; ".join(d.notes) + "." if d.notes else ""),
        levels=d.levels,
        credentials=d.credentials,
        credentials_complete=d.credentials_complete,
        experience=d.experience,
        interests=d.interests,
        work_values=d.work_values,
        education=d.education,
        current_occupation=first.id if first is not None else None,
        estimated_from=first.id if first is not None and marked else None,
        estimated_from_title=title,
        estimated_levels=d.estimated if marked else [],
        estimated_fields=d.estimated_fields if marked else [],
        limits=answers.limits,
        preferences=Preferences(passion_weight=answers.passion_weight),
    )


def assess_profile(
    answers: Answers | Mapping[str, Any],
    catalog: Catalog,
    catalog_source: CatalogSource | None = None,
    *,
    source: str = "<answers>",
) -> Assessment:
    """Turn answers into a scenario (profile, catalogue, top-3 target) ready to write.

    ``catalog_source`` is what the scenario file names as its catalogue (default: the bundled
    catalogue of that name when ``catalog`` is bundled). Bad answers raise an
    :class:`~careerfit_opt.errors.InputError` whose problems name each field, attributed to
    ``source``.

    >>> from careerfit_opt.data.bundled import load_bundled_catalog
    >>> a = assess_profile({"name": "Sam", "jobs": [{"title": "registered nurse", "years": 4}]},
    ...                    load_bundled_catalog())
    >>> a.scenario.profile.experience
    {'experience_healthcare': 48.0}
    """
    try:
        parsed = as_answers(answers, source)
        draft = _draft(parsed, catalog)
    except InputError as exc:
        raise exc.with_source(source) from None
    profile = _profile(parsed, draft)
    note = profile.estimate_note()
    notes = (note, *draft.notes) if note else tuple(draft.notes)
    scenario = Scenario(
        name=f"assessment of {parsed.name}",
        description="Written by careerfit assess from the person's answers.",
        profile=profile,
        catalog=catalog_source or source_of(catalog),
        target=Target(recommend_top=PLAN_TOP),
    )
    jobs = tuple((i, occ.id, occ.title) for i, occ in enumerate(draft.occupations))
    return Assessment(
        scenario=scenario,
        jobs=jobs,
        interest_method=draft.interest_method,
        notes=notes,
    )


@dataclass(frozen=True)
class ImportantDimension:
    """A dimension worth the person's own rating: important across their candidate jobs."""

    dimension: Dimension
    #: The level the profile has now (estimated or the person's own; ``None``: unknown).
    current: float | None
    #: Whether ``current`` is an estimate from a job.
    estimated: bool
    #: Sum of the requirement weights over the candidate occupations.
    weight: float
    #: Highest level the candidates require, and the title of one that requires it.
    highest: float
    highest_title: str


def candidate_occupations(
    profile: Profile, catalog: Catalog, count: int = 10, settings: ScoringSettings | None = None
) -> list[Occupation]:
    """The occupations to look at when choosing which levels to ask about: the profile's top
    recommendations (on passion alone while no level is known), or every occupation when
    neither levels nor interests are known."""
    from careerfit_opt.scoring.recommend import recommend

    settings = settings or ScoringSettings()
    kinds = {d.id for d in catalog.dimensions if d.kind in LEVEL_KINDS}
    has_levels = any(k in kinds for k in profile.known_levels())
    if not has_levels and profile.interests is None:
        return list(catalog.occupations)
    if not has_levels:
        prefs = profile.preferences.model_copy(update={"passion_weight": 1.0})
        profile = profile.model_copy(update={"preferences": prefs})
    recs = recommend(profile, catalog, top=min(count, len(catalog.occupations)), settings=settings)
    return [catalog.occupation_by_id[r.occupation_id] for r in recs.items]


def important_dimensions(
    profile: Profile,
    catalog: Catalog,
    count: int = 8,
    candidates: Sequence[Occupation] | None = None,
    estimated: Sequence[str] = (),
    settings: ScoringSettings | None = None,
) -> list[ImportantDimension]:
    """The ``count`` level dimensions (skills, knowledge, abilities) that weigh most across
    the candidate occupations: the sum of their requirement weights (importance rescaled,
    below the threshold 0), ties in catalogue order."""
    settings = settings or ScoringSettings()
    occs = (
        list(candidates)
        if candidates is not None
        else candidate_occupations(profile, catalog, settings=settings)
    )
    known = profile.known_levels()
    total: dict[str, float] = {}
    highest: dict[str, tuple[float, str]] = {}
    for occ in occs:
        for dim_id, req in occ.requirements.items():
            w = requirement_weight(req.importance, settings.importance_threshold)
            if w <= 0:
                continue
            total[dim_id] = total.get(dim_id, 0.0) + w
            if req.level > highest.get(dim_id, (-1.0, ""))[0]:
                highest[dim_id] = (req.level, occ.title)
    order = {d: i for i, d in enumerate(catalog.dimension_ids)}
    dims = [d for d in catalog.dimensions if d.kind in LEVEL_KINDS and total.get(d.id, 0.0) > 0]
    dims.sort(key=lambda d: (-round(total[d.id], 9), order[d.id]))
    return [
        ImportantDimension(
            dimension=d,
            current=known.get(d.id),
            estimated=d.id in estimated,
            weight=round(total[d.id], 4),
            highest=highest[d.id][0],
            highest_title=highest[d.id][1],
        )
        for d in dims[:count]
    ]


def anchors(dimension: Dimension) -> dict[float, str]:
    """What levels of ``dimension`` look like, lowest first (O*NET level anchors from the
    installed release; empty when the catalogue has none)."""
    return dict(sorted(dimension.anchors.items()))
