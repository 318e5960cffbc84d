"""From a solver's chosen actions and start weeks to a :class:`PlanResult` of plain data.

Every number in the result is recomputed here from the catalogue in floating point (never read
back from the scaled integers of the model), so the result states the plan's true levels,
money and weeks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.plans import (
    FitSummary,
    OpenGap,
    PlanResult,
    PlanStatus,
    PlanStep,
    Reason,
)
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import ScoringSettings
from careerfit_opt.planner.problem import PlanningProblem

#: Decimals kept on levels in results (the model works in hundredths).
LEVEL_DECIMALS = 6
#: A shortfall at or below this counts as met (the model works in hundredths).
LEVEL_TOLERANCE = 1e-6


def _clean(value: float) -> float:
    return round(value, LEVEL_DECIMALS) + 0.0


def assumed_note(problem: PlanningProblem) -> str | None:
    """The note naming the dimensions whose unknown starting level was assumed at the minimum."""
    if not problem.assumed_unknown:
        return None
    names = ", ".join(
        f"{problem.dim_names[k]} ({k}) = {problem.lo[k]:g}" for k in problem.assumed_unknown
    )
    return (
        f"Starting level unknown, assumed at the scale minimum: {names}. Add these levels to the "
        "profile for a sharper plan."
    )


def fits(
    profile: Profile,
    catalog: Catalog,
    occupation_id: str,
    settings: ScoringSettings,
    levels: Mapping[str, float | None] | None,
) -> FitSummary | None:
    """Fit scores for the target, or ``None`` when the scoring package is not available."""
    try:
        from careerfit_opt.scoring import fit_summary
    except ImportError:  # pragma: no cover - scoring ships with the package
        return None
    return fit_summary(
        profile,
        catalog.occupation(occupation_id),
        settings,
        levels=levels,
        dimensions=catalog.dimensions,
    )


def build_result(
    problem: PlanningProblem,
    catalog: Catalog,
    profile: Profile,
    *,
    status: PlanStatus,
    starts: Mapping[str, int],
    objective: str,
    settings: ScoringSettings,
    objective_value: list[float] | None = None,
    objective_bound: list[float] | None = None,
    gap: float | None = None,
    wall_time_s: float = 0.0,
    seed: int = 0,
    reasons: list[Reason] | None = None,
    notes: list[str] | None = None,
    scenario_name: str = "",
) -> PlanResult:
    """The plan ``starts`` (action id → start week) as a :class:`PlanResult`.

    Without a plan (``status`` infeasible or unknown) the result carries the reasons and notes
    only.
    """
    all_notes = list(notes or [])
    note = assumed_note(problem)
    if note:
        all_notes.append(note)
    estimated = profile.estimate_note()
    if estimated:
        all_notes.insert(0, estimated)
    common: dict[str, Any] = {
        "scenario": scenario_name,
        "profile": profile.name,
        "target": problem.occupation_id,
        "target_title": problem.occupation_title,
        "objective": objective,
        "objective_value": objective_value or [],
        "objective_bound": objective_bound or [],
        "gap": gap,
        "wall_time_s": round(wall_time_s, 4),
        "seed": seed,
        "reasons": reasons or [],
        "assumed_levels": {k: problem.lo[k] for k in sorted(problem.assumed_unknown)},
        "estimated_from": profile.estimated_from,
        "estimated_from_title": profile.estimated_from_title,
        "estimated_levels": list(profile.estimated_levels),
        "estimated_fields": list(profile.estimated_fields),
        "notes": all_notes,
    }
    if status not in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE):
        fit0 = fits(profile, catalog, problem.occupation_id, settings, None)
        return PlanResult(status=status, fit_before=fit0, **common)

    dims = catalog.dimension_by_id
    known = profile.known_levels(catalog.credential_ids)
    acts = {a: catalog.action(a) for a in starts}
    end = {a: starts[a] + acts[a].duration_weeks for a in starts}
    # Gains after caps, in the order actions finish (ties by id): the level after a set of
    # finished actions is min(cap, base + Σ gains), so each step gets what it adds to that.
    raw: dict[str, float] = {}
    step_gains: dict[str, dict[str, float]] = {a: {} for a in starts}
    timeline_levels: dict[str, dict[int, float]] = {t.dim_id: {} for t in problem.targets}
    for a_id in sorted(starts, key=lambda a: (end[a], a)):
        for k, g in sorted(acts[a_id].gains.items()):
            hi = dims[k].hi
            before = raw.get(k, known.get(k, dims[k].lo))
            after = before + g
            raw[k] = after
            realised = min(hi, after) - min(hi, before)
            if realised > 0:
                step_gains[a_id][k] = _clean(realised)
            if k in timeline_levels:
                timeline_levels[k][end[a_id]] = _clean(min(hi, after))

    def level(k: str) -> float:
        return min(dims[k].hi, raw.get(k, known.get(k, dims[k].lo)))

    gap_dims = {t.dim_id for t in problem.targets if problem.base[t.dim_id] < t.required}
    steps = []
    for a_id in sorted(starts, key=lambda a: (starts[a], a)):
        act = acts[a_id]
        steps.append(
            PlanStep(
                action_id=a_id,
                kind=act.kind,
                title=act.title,
                provider=act.provider,
                start_week=starts[a_id],
                end_week=end[a_id],
                hours_per_week=act.hours_per_week,
                cost=act.cost,
                gains=step_gains[a_id],
                closes=sorted(k for k in step_gains[a_id] if k in gap_dims),
                booked=a_id in problem.booked,
                related=a_id not in problem.unrelated,
            )
        )

    final: dict[str, float | None] = {}
    shortfall: dict[str, float] = {}
    weighted = 0.0
    timeline: dict[str, list[tuple[int, float]]] = {}
    for t in problem.targets:
        k = t.dim_id
        lv = level(k)
        taught = k in raw
        final[k] = _clean(lv) if (k in known or taught) else None
        sf = max(0.0, t.required - lv)
        shortfall[k] = _clean(sf)
        weighted += t.weight * sf
        start_level = min(dims[k].hi, known.get(k, dims[k].lo))
        timeline[k] = [(0, _clean(start_level)), *sorted(timeline_levels[k].items())]

    total_cost = sum(max(a.cost, 0.0) for a in acts.values())
    total_income = sum(max(-a.cost, 0.0) for a in acts.values())
    enjoyment = (
        sum(problem.enjoyment[a] for a in starts) / len(starts)
        if starts and all(a in problem.enjoyment for a in starts)
        else None
    )
    fit0 = fits(profile, catalog, problem.occupation_id, settings, None)
    # Like for like: the fit after the plan is scored on the dimensions known at the start,
    # as the fit before is. A level that started unknown is known after the plan only as a
    # lower bound (the scale minimum plus the gains), so it stays out of both; its gap is in
    # ``shortfall`` and ``final_levels``.
    after_levels: dict[str, float | None] = {
        k: v for k, v in final.items() if v is not None and k in known
    }
    after_fit = fits(profile, catalog, problem.occupation_id, settings, after_levels)
    return PlanResult(
        status=status,
        ready_week=max(end.values(), default=0),
        total_cost=total_cost,
        total_income=total_income,
        steps=steps,
        final_levels=final,
        shortfall=shortfall,
        weighted_shortfall=_clean(weighted),
        enjoyment=None if enjoyment is None else _clean(enjoyment),
        unrelated_steps=sum(1 for a in starts if a in problem.unrelated),
        level_timeline=timeline,
        fit_before=fit0,
        fit_after=after_fit,
        **common,
    )


#: The kind of step that closes a gap on each kind of dimension, in words.
REMEDY: dict[str, str] = {
    "skill": "a course or a trial role that teaches {name}",
    "knowledge": "a course in {name}",
    "ability": (
        "{name} is an ability, seldom taught by courses: practise it in a trial role, or aim "
        "at an occupation that asks less of it"
    ),
    "credential": "the certification or licence exam for {name} (and what it requires)",
    "experience": "a trial role (internship, apprenticeship, volunteering or freelance) that "
    "counts as {name}",
    "network": "networking steps that build {name}",
}


def open_gaps(problem: PlanningProblem, catalog: Catalog, result: PlanResult) -> list[OpenGap]:
    """The target requirements ``result`` leaves unmet, the largest weighted shortfall first,
    each with its cause (the catalogue cannot reach it, or the limits kept the steps out) and
    the kind of step that would close it."""
    from careerfit_opt.planner.explain import catalogue_reach

    dims = catalog.dimension_by_id
    estimated = set(result.estimated_levels)
    traded = {r.limit.partition(":")[2] for r in result.reasons if r.limit.startswith("trade-off:")}
    gaps = []
    for t in problem.targets:
        short = result.shortfall.get(t.dim_id, 0.0)
        if short <= LEVEL_TOLERANCE:
            continue
        dim = dims[t.dim_id]
        reach = catalogue_reach(problem, t.dim_id)
        remedy = REMEDY[dim.kind.value].format(name=dim.name)
        if t.dim_id in estimated:
            source = result.estimated_from_title or result.estimated_from
            remedy += f"; the starting level is estimated from {source}: yours may be higher"
        gaps.append(
            (
                -t.weight * short,
                OpenGap(
                    dimension=t.dim_id,
                    name=dim.name,
                    kind=dim.kind.value,
                    level=result.final_levels.get(t.dim_id),
                    required=t.required,
                    short=short,
                    cause="catalogue"
                    if reach < t.required - 1e-9
                    else "objective"
                    if t.dim_id in traded
                    else "limits",
                    remedy=remedy,
                    estimated=t.dim_id in estimated,
                ),
            )
        )
    return [g for _, g in sorted(gaps, key=lambda p: (p[0], p[1].dimension))]


def with_target_outcome(
    problem: PlanningProblem, catalog: Catalog, result: PlanResult
) -> PlanResult:
    """``result`` with ``target_met``, ``open_gaps``, ``unassessed`` and ``illustrative`` set,
    and notes for a catalogue without actions and for unassessed requirements."""
    notes = list(result.notes)
    if not catalog.actions:
        notes.insert(
            0,
            f"The catalogue {catalog.name!r} has no actions, so no plan can close a gap: add "
            "actions to the scenario's catalog (e.g. `actions: [bundled]` for O*NET "
            "occupations, or your own CSV file).",
        )
    if problem.unassessed:
        names = ", ".join(catalog.dimension_by_id[k].name for k in sorted(problem.unassessed))
        notes.append(
            f"Not planned: {len(problem.unassessed)} requirements the profile does not rate and "
            f"no step in the catalogue raises ({names}). Rate them in the profile to have them "
            "checked."
        )
    update: dict[str, Any] = {
        "unassessed": dict(sorted(problem.unassessed.items())),
        "illustrative": catalog.illustrative,
        "notes": notes,
    }
    if result.has_plan:
        gaps = open_gaps(problem, catalog, result)
        update["open_gaps"] = gaps
        update["target_met"] = not gaps
    return result.model_copy(update=update)
