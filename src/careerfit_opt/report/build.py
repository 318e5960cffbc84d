"""A report: everything an adviser hands a client, as plain data the renderers turn into pages.

:func:`assemble` gathers results already computed (recommendations, plans, a Pareto front) with
the scenario and its catalogue into a :class:`Report`; it computes nothing expensive itself and
says, in :attr:`Report.assumptions`, what the numbers rest on.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from careerfit_opt.model.base import Model
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension
from careerfit_opt.model.plans import PlanResult, PlanStatus
from careerfit_opt.model.profiles import Limits, Profile
from careerfit_opt.model.recommendations import Recommendations
from careerfit_opt.model.scenario import Objective, Scenario
from careerfit_opt.report import units
from careerfit_opt.report.fits import OccupationFit

#: Smallest value of a week in the ``balanced`` objective (the planner's ``MIN_WEEK_VALUE``).
_MIN_WEEK_VALUE = 50.0


class PlanSection(Model):
    """One plan in a report, with the target's required levels and, when asked for, the
    time–cost front it was chosen from (``chosen`` indexes ``front``)."""

    result: PlanResult
    #: The target occupation's required level per dimension.
    required: dict[str, float] = Field(default_factory=dict)
    front: list[PlanResult] = Field(default_factory=list)
    chosen: int | None = None


class Report(Model):
    """Who the person is, what fits them, how to get there, and what it all assumes."""

    scenario: str = ""
    description: str = ""
    profile: Profile
    catalog: str
    catalog_description: str = ""
    illustrative: bool = False
    synthetic: bool = False
    #: What of the catalogue is hand-made or generated, in a sentence (``Catalog.made_up``);
    #: empty when nothing is.
    made_up: str = ""
    #: The attribution the catalogue's data asks for (O*NET's CC BY 4.0 text), shown verbatim.
    attribution: str | None = None
    currency: str = ""
    objective: str = ""
    #: The dimensions the report mentions (names, kinds and scales for units).
    dimensions: list[Dimension] = Field(default_factory=list)
    recommendations: Recommendations | None = None
    #: Both fits for every occupation: the fit map's points (empty when not computed).
    fits: list[OccupationFit] = Field(default_factory=list)
    plans: list[PlanSection] = Field(default_factory=list)
    #: What the numbers rest on, in sentences: unknown and self-reported levels, lower bounds,
    #: an illustrative or synthetic catalogue.
    assumptions: list[str] = Field(default_factory=list)

    @property
    def made_up_sentence(self) -> str:
        """What of the data is hand-made or generated, for the banner (``made_up``, or a
        generic sentence for a report saved before that field existed)."""
        if self.made_up:
            return self.made_up
        what = "SYNTHETIC" if self.synthetic else "ILLUSTRATIVE"
        return (
            f"The catalogue {self.catalog!r} is {what}: its numbers are not real ratings or offers."
        )

    @property
    def dimension_map(self) -> dict[str, Dimension]:
        """The report's dimensions by id."""
        return {d.id: d for d in self.dimensions}


def chosen_index(front: Sequence[PlanResult], objective: Objective | str, limits: Limits) -> int:
    """Which plan of a time–cost front (fastest first) the objective picks.

    ``fastest`` and ``lexicographic`` (ready week before cost) take the first, ``cheapest`` the
    last, ``balanced`` the least cost + week value × ready week, with the planner's week value
    (budget ÷ horizon, at least 50).

    >>> from careerfit_opt.model import PlanResult
    >>> f = [PlanResult(status="optimal", target="t", objective="pareto", ready_week=w,
    ...                 total_cost=c) for w, c in ((10, 900.0), (12, 100.0))]
    >>> chosen_index(f, "cheapest", Limits()), chosen_index(f, "fastest", Limits())
    (1, 0)
    >>> chosen_index(f, "balanced", Limits(budget=5200, horizon_weeks=104))
    1
    """
    plans = [i for i, p in enumerate(front) if p.has_plan]
    if not plans:
        return 0
    obj = Objective(objective)
    if obj is Objective.CHEAPEST:
        return min(plans, key=lambda i: (front[i].total_cost, front[i].ready_week or 0))
    if obj is Objective.BALANCED:
        value = max(_MIN_WEEK_VALUE, limits.budget / max(1, limits.horizon_weeks))
        return min(plans, key=lambda i: front[i].total_cost + value * (front[i].ready_week or 0))
    return min(plans, key=lambda i: (front[i].ready_week or 0, front[i].total_cost))


def _used_dimensions(
    catalog: Catalog,
    profile: Profile,
    recs: Recommendations | None,
    plans: Sequence[PlanSection],
) -> list[Dimension]:
    used: set[str] = set(profile.known_levels())
    if recs is not None:
        for item in recs.items:
            used.update(g.dimension for g in item.gaps)
    for section in plans:
        used.update(section.required)
        used.update(section.result.level_timeline)
        for step in section.result.steps:
            used.update(step.gains)
    return [d for d in catalog.dimensions if d.id in used]


def _assumptions(
    catalog: Catalog,
    recs: Recommendations | None,
    plans: Sequence[PlanSection],
    profile: Profile | None = None,
) -> list[str]:
    out: list[str] = []
    if catalog.made_up is not None:
        out.append(
            f"{catalog.made_up} Use the hand-made numbers to see how the method works, not to "
            "make a real decision."
        )
    out.append(
        "Starting levels are those in the scenario file, as reported or estimated; none was "
        "measured by a test. A level that is too high or too low moves every fit and every plan."
    )
    marks: list[tuple[str | None, str | None, list[str], list[str]]] = (
        [
            (p.estimated_from, p.estimated_from_title, p.estimated_levels, p.estimated_fields)
            for p in ([profile] if profile is not None else [])
        ]
        + [
            (r.estimated_from, r.estimated_from_title, r.estimated_levels, r.estimated_fields)
            for r in ([recs] if recs is not None else [])
        ]
        + [
            (p.estimated_from, p.estimated_from_title, p.estimated_levels, p.estimated_fields)
            for p in (section.result for section in plans)
        ]
    )
    for source, source_title, levels, fields in marks:
        if source is None:
            continue
        title = f" ({source_title})" if source_title else ""
        facts = f" and the {', '.join(f.replace('_', ' ') for f in fields)}" if fields else ""
        out.append(
            f"Levels estimated from occupation {source}{title}: "
            f"{units.plural(len(levels), 'starting level')}{facts} "
            + (
                "is that occupation's typical rating, not this person's. Correct it"
                if len(levels) == 1 and not fields
                else "are that occupation's typical ratings, not this person's. Correct them"
            )
            + " in the profile before relying on the fits and plans."
        )
        break
    unknown: dict[str, str] = {}
    if recs is not None:
        for item in recs.items:
            for g in item.gaps:
                if g.have is None:
                    unknown.setdefault(g.dimension, g.name)
    for section in plans:
        for k in section.result.assumed_levels:
            unknown.setdefault(k, catalog.dimension_by_id[k].name if k in catalog.dimension_by_id
                               else k)  # fmt: skip
    if unknown:
        names = ", ".join(sorted(unknown.values()))
        out.append(
            f"Unknown levels ({names}): the fits leave them out, and a plan counts them at the "
            "bottom of their scale, so it may include steps the person does not need. Having "
            "them assessed can only shorten a plan."
        )
    if recs is not None and recs.items:
        out.append(
            "The weeks and cost beside each recommendation are lower bounds: no plan closing the "
            "measured gaps with this catalogue can be faster or cheaper. The plans give the real "
            "figures."
        )
        if any(i.low_coverage for i in recs.items):
            out.append(
                "Recommendations marked 'low coverage' rest on few known levels: most of the "
                "occupation's requirements are unknown for this person."
            )
    for section in plans:
        if section.result.status is PlanStatus.FEASIBLE:
            out.append(
                f"The plan towards {section.result.target_title or section.result.target} is "
                "the best found within the time limit, not proven optimal."
            )
    return out


def assemble(
    scenario: Scenario,
    catalog: Catalog,
    *,
    recommendations: Recommendations | None = None,
    fits: Sequence[OccupationFit] = (),
    plans: Sequence[PlanResult] = (),
    front: Sequence[PlanResult] = (),
) -> Report:
    """A report from results already computed for ``scenario`` on ``catalog``.

    ``plans`` are the plans to show (one per target); ``front`` a time–cost Pareto front of the
    first target, shown with the plan the scenario's objective picks from it (when ``plans`` is
    empty, that plan is the one shown).
    """
    sections = [
        PlanSection(
            result=p,
            required={k: q.level for k, q in catalog.occupation(p.target).requirements.items()},
        )
        for p in plans
    ]
    if front:
        chosen = chosen_index(front, scenario.objective, scenario.profile.limits)
        first = front[chosen]
        extra = {
            "front": list(front),
            "chosen": chosen,
        }
        if sections:
            sections[0] = sections[0].model_copy(update=extra)
        else:
            required = {
                k: q.level for k, q in catalog.occupation(first.target).requirements.items()
            }
            sections = [PlanSection(result=first, required=required, **extra)]
    return Report(
        scenario=scenario.name,
        description=scenario.description,
        profile=scenario.profile,
        catalog=catalog.name,
        catalog_description=catalog.description,
        illustrative=catalog.illustrative,
        synthetic=catalog.synthetic,
        made_up=catalog.made_up or "",
        attribution=catalog.attribution,
        currency=units.currency_of(catalog),
        objective=scenario.objective.value,
        dimensions=_used_dimensions(catalog, scenario.profile, recommendations, sections),
        recommendations=recommendations,
        fits=list(fits),
        plans=sections,
        assumptions=_assumptions(catalog, recommendations, sections, scenario.profile),
    )
