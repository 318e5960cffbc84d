"""Recommendations: rank every occupation for one person, explain the best ones."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.catalog import Catalog, suggest
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.recommendations import Estimate, Gap, Recommendation, Recommendations
from careerfit_opt.model.scenario import ScoringSettings
from careerfit_opt.model.search import resolve_profile
from careerfit_opt.scoring.arrays import action_index, compile_catalog, compile_profiles
from careerfit_opt.scoring.facts import gap_on_scale, occupation_facts
from careerfit_opt.scoring.kernel import numba_scores


def pareto_front(qualification: npt.ArrayLike, passion: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Which points no other point beats on both fits (≥ on both, > on one).

    Points with unknown passion (NaN) are compared on qualification alone against each other
    only when *every* passion is unknown; otherwise they are never on the front.

    >>> pareto_front([0.9, 0.5, 0.4, 0.9], [0.2, 0.8, 0.7, 0.1]).tolist()
    [True, True, False, False]
    """
    q = np.asarray(qualification, dtype=np.float64)
    pi = np.asarray(passion, dtype=np.float64)
    known = ~np.isnan(pi)
    front = np.zeros(q.shape, dtype=np.bool_)
    if not known.any():
        front[:] = q == q.max() if q.size else False
        return front
    idx = np.flatnonzero(known)
    order = idx[np.lexsort((-pi[idx], -q[idx]))]
    qs, ps = q[order], pi[order]
    starts = np.flatnonzero(np.r_[True, qs[1:] != qs[:-1]])
    group_top = ps[starts]  # best passion within each equal-qualification group
    # Best passion among strictly higher qualification (−inf for the first group).
    before = np.r_[-np.inf, np.maximum.accumulate(group_top)[:-1]]
    group_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(order)]))
    on = (ps == group_top[group_of]) & (group_top[group_of] > before[group_of])
    front[order[on]] = True
    return front


#: A gap before it is made readable: (dimension index, have or None, need, weight), exact.
RawGap = tuple[int, float | None, float, float]


def _gaps(
    level: npt.NDArray[np.float32],
    req: npt.NDArray[np.float32],
    weight: npt.NDArray[np.float32],
) -> list[RawGap]:
    """Weighted requirements not met: measured gaps first (by weight × shortfall), then unknown
    levels (by weight × need, the most they could be): a person can act on the first and must
    assess the second. Ties keep catalogue order."""
    # Rounded: the arrays are float32, reports should not show 4.880000114440918.
    idx = np.flatnonzero(weight > 0)
    have = np.round(level[idx].astype(np.float64), 4)
    need = np.round(req[idx].astype(np.float64), 4)
    w = np.round(weight[idx].astype(np.float64), 4)
    unknown = np.isnan(have)
    short = ~unknown & (have < need)
    out: list[RawGap] = []
    for mask, key in ((short, -w * (need - np.nan_to_num(have))), (unknown, -w * need)):
        sel = np.flatnonzero(mask)
        for i in sel[np.lexsort((idx[sel], key[sel]))].tolist():
            h = None if unknown[i] else float(have[i])
            out.append((int(idx[i]), h, float(need[i]), float(w[i])))
    return out


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def explain(
    title: str,
    gaps: Sequence[Gap],
    estimate: Estimate,
    passion: float | None,
    coverage: float,
    low_coverage: bool,
) -> str:
    """One sentence a person can act on.

    >>> explain("Nurse", [], Estimate(weeks_lower_bound=0, cost_lower_bound=0), 0.8, 1.0, False)
    ... # doctest: +ELLIPSIS
    'You already meet every weighted requirement of Nurse and it matches your interests well...'
    """
    if passion is None:
        fit = "add your interests to judge how well it suits you"
    elif passion >= 0.75:
        fit = "it matches your interests well"
    elif passion >= 0.6:
        fit = "it matches your interests fairly"
    else:
        fit = "it matches your interests weakly"
    measured = [g for g in gaps if g.have is not None]
    names_of = {g.dimension: g.name for g in gaps}
    unknown = [g for g in gaps if g.have is None]
    if low_coverage:
        names = ", ".join(g.name for g in unknown[:3])
        return (
            f"Only {coverage:.0%} of what {title} asks for is known about you: rate your "
            f"{names} to make this score reliable ({fit})."
        )
    if not measured:
        tail = f" (rate your {unknown[0].name} to be sure)" if unknown else ""
        return (
            f"You already meet every weighted requirement of {title} and {fit}: apply, or try "
            f"a trial role to confirm{tail}."
        )
    steps = " and ".join(
        f"{g.name} from {_fmt(g.have or 0.0)} to {_fmt(g.need)}" for g in measured[:2]
    )
    more = f" (+{len(measured) - 2} smaller gaps)" if len(measured) > 2 else ""
    if estimate.unreachable:
        cost = f"; no action in the catalogue raises {names_of.get(estimate.unreachable[0], '')}"
    elif estimate.weeks_lower_bound or estimate.cost_lower_bound:
        money = (
            f" and at least {estimate.cost_lower_bound:,.0f} in fees"
            if estimate.cost_lower_bound > 0
            else ", possibly at no cost,"
        )
        cost = f": at least {estimate.weeks_lower_bound} weeks{money} with the catalogue's actions"
    else:
        cost = ""
    return f"To qualify as {title}, raise {steps}{more}{cost}; {fit}."


def _check_excluded(catalog: Catalog, exclude: Iterable[str]) -> list[str]:
    ids = list(exclude)
    problems = [
        Problem("exclude", f"unknown occupation {i!r}{suggest(i, catalog.occupation_by_id)}")
        for i in ids
        if i not in catalog.occupation_by_id
    ]
    if problems:
        raise InputError(problems)
    return ids


def _check_arguments(
    profile: Any, catalog: Any, top: Any, exclude: Any, settings: Any
) -> tuple[Profile, Catalog, int, list[str], ScoringSettings]:
    """:func:`recommend`'s arguments checked (types, ranges, the profile against the catalogue)."""
    from careerfit_opt.io.arguments import (
        check_count,
        check_instance,
        check_occupation_ids,
    )

    profile = check_instance("profile", profile, Profile)
    catalog = check_instance("catalog", catalog, Catalog)
    top = check_count("top", top, hi=1_000_000)
    exclude = check_occupation_ids("exclude", exclude, catalog)
    settings = check_instance("settings", settings, ScoringSettings)
    return profile, catalog, top, exclude, settings


def recommend(
    profile: Profile,
    catalog: Catalog,
    top: int = 10,
    exclude: Iterable[str] = (),
    settings: ScoringSettings = ScoringSettings(),
    include_current: bool | None = None,
) -> Recommendations:
    """The ``top`` occupations by combined fit for ``profile``, with gaps and estimates.

    Every occupation in ``catalog`` is scored; ``exclude``, the profile's excluded
    occupations and the person's current occupation are skipped and the next best fills in.
    ``include_current`` (default: the profile's ``preferences.include_current``, else false)
    lets the current occupation be recommended back. The profile's ``from_occupation`` and
    ``current_occupation`` are resolved against ``catalog`` first (see
    :func:`~careerfit_opt.model.search.resolve_profile`). Ties rank in catalogue order.

    >>> from careerfit_opt.model import Dimension, Occupation, Requirement
    >>> cat = Catalog(name="c", dimensions=[Dimension(id="a", name="A", kind="skill")],
    ...     occupations=[Occupation(id="x", title="X", requirements={"a": Requirement(level=3)}),
    ...                  Occupation(id="y", title="Y", requirements={"a": Requirement(level=6)})])
    >>> [r.occupation_id for r in recommend(Profile(levels={"a": 3}), cat).items]
    ['x', 'y']
    """
    profile, catalog, top, exclude, settings = _check_arguments(
        profile, catalog, top, exclude, settings
    )
    if include_current is not None and not isinstance(include_current, bool):
        raise InputError([Problem("include_current", "must be True, False or None")])
    profile = resolve_profile(profile, catalog)
    from careerfit_opt.io.arguments import check_profile_fits

    check_profile_fits(profile, catalog)
    excluded = [*_check_excluded(catalog, exclude), *profile.preferences.excluded_occupations]
    if include_current is None:
        include_current = profile.preferences.include_current
    current = profile.current_occupation
    if current is not None and not include_current and current not in excluded:
        excluded.append(current)
    occ = compile_catalog(catalog, settings.importance_threshold)
    prof = compile_profiles([profile], occ.dimension_ids)
    scores = numba_scores(prof, occ, settings)
    q, pi, f, cov = (a[0] for a in (scores.qualification, scores.passion, scores.combined,
                                     scores.coverage))  # fmt: skip
    front = pareto_front(q, pi)
    allowed = np.ones(occ.size, dtype=np.bool_)
    for occ_id in excluded:
        allowed[occ.ids.index(occ_id)] = False  # ids compare fast; occupations do not
    # Best combined fit first; ties keep catalogue order (stable sort).
    order = np.argsort(-f.astype(np.float64), kind="stable")
    chosen = [int(r) for r in order[allowed[order]][:top]]
    actions = action_index(catalog, occ)
    excluded_actions = set(profile.preferences.excluded_actions)
    items: list[Recommendation] = []
    readable: dict[str, tuple[int, str]] = {}
    level = prof.level[0]
    for rank, r in enumerate(chosen, start=1):
        raw = _gaps(level, occ.level[r], occ.weight[r])
        dims = catalog.dimensions
        estimate = actions.estimate(
            {dims[k].id: need - have for k, have, need, _ in raw if have is not None},
            excluded_actions,
            profile.limits.hours_per_week,
        )
        passion = None if math.isnan(pi[r]) else round(float(pi[r]), 6)
        low = bool(cov[r] < settings.min_coverage)
        # Estimates use the exact gaps; people read them rounded to their scale.
        gaps = [gap_on_scale(dims[k], have, need, w, readable) for k, have, need, w in raw]
        shown = [g for g in gaps if g.have is None or g.have < g.need]
        facts = occupation_facts(catalog.occupation_by_id[occ.ids[r]], profile, shown, catalog)
        items.append(
            Recommendation(
                rank=rank,
                occupation_id=occ.ids[r],
                title=occ.titles[r],
                qualification=round(float(q[r]), 6),
                passion=passion,
                combined=round(float(f[r]), 6),
                coverage=round(float(cov[r]), 6),
                low_coverage=low,
                pareto=bool(front[r]),
                gaps=gaps,
                estimate=estimate,
                explanation=explain(occ.titles[r], gaps, estimate, passion, float(cov[r]), low),
                facts=facts,
            )
        )
    notes: list[str] = []
    passion_unknown = bool(np.isnan(pi).all())
    if passion_unknown:
        notes.append("no interests given: passion fit is unknown and ranking uses qualification")
    estimate_note = profile.estimate_note()
    if estimate_note:
        notes.insert(0, estimate_note)
    return Recommendations(
        profile=profile.name,
        catalog=catalog.name,
        current_occupation=current,
        estimated_from=profile.estimated_from,
        estimated_from_title=profile.estimated_from_title,
        estimated_levels=list(profile.estimated_levels),
        estimated_fields=list(profile.estimated_fields),
        scored=occ.size,
        passion_weight=profile.preferences.passion_weight,
        passion_unknown=passion_unknown,
        excluded=excluded,
        items=items,
        notes=notes,
    )
