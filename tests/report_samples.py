"""Hand-made results for the chart and report tests: fixed data, so a baseline image changes only
when the drawing code does (not when the planner finds another plan)."""

from __future__ import annotations

from careerfit_opt.model import Dimension, PlanResult, PlanStep
from careerfit_opt.model.recommendations import Estimate, Gap, Recommendation, Recommendations
from careerfit_opt.report.fits import OccupationFit

DIMENSIONS = {
    d.id: d
    for d in (
        Dimension(id="design", name="Graphic design", kind="skill"),
        Dimension(id="typography", name="Typography", kind="skill"),
        Dimension(id="exp_design", name="Design experience", kind="experience"),
        Dimension(id="net_design", name="Design contacts", kind="network"),
        Dimension(id="cert_ux", name="UX certificate", kind="credential"),
    )
}

REQUIRED = {"design": 4.0, "typography": 3.0, "exp_design": 6.0, "net_design": 5.0, "cert_ux": 1.0}


def _step(
    action_id: str, kind: str, start: int, end: int, hours: float, cost: float, **gains: float
) -> PlanStep:
    return PlanStep(
        action_id=action_id,
        kind=kind,  # type: ignore[arg-type]
        title=action_id.replace("_", " ").title(),
        provider="Sample college",
        start_week=start,
        end_week=end,
        hours_per_week=hours,
        cost=cost,
        gains=gains,
        closes=sorted(gains),
    )


def plan_result() -> PlanResult:
    """A 30-week plan with one step of each kind and a paid trial role."""
    steps = [
        _step("design_basics", "course", 0, 8, 6.0, 400.0, design=1.5),
        _step("type_workshop", "course", 4, 10, 3.0, 150.0, typography=1.0),
        _step("ux_certificate", "certification", 10, 18, 5.0, 900.0, cert_ux=1.0),
        _step("studio_internship", "trial_role", 12, 30, 8.0, -1200.0, exp_design=4.0, design=1.0),
        _step("meetup_series", "networking", 0, 24, 1.0, 60.0, net_design=5.0),
    ]
    return PlanResult(
        status="optimal",
        scenario="sample",
        profile="Ana <Designer> & co",
        target="graphic_designer",
        target_title="Graphic Designer",
        objective="fastest",
        ready_week=30,
        total_cost=1510.0,
        total_income=1200.0,
        steps=steps,
        final_levels={
            "design": 4.5,
            "typography": 3.0,
            "exp_design": 6.0,
            "net_design": 5.0,
            "cert_ux": 1.0,
        },
        shortfall=dict.fromkeys(REQUIRED, 0.0),
        level_timeline={
            "design": [(0, 2.0), (8, 3.5), (30, 4.5)],
            "typography": [(0, 2.0), (10, 3.0)],
            "exp_design": [(0, 2.0), (30, 6.0)],
            "net_design": [(0, 0.0), (24, 5.0)],
            "cert_ux": [(0, 0.0), (18, 1.0)],
        },
        assumed_levels={"net_design": 0.0},
    )


def infeasible_result() -> PlanResult:
    """No plan: two limits block it."""
    from careerfit_opt.model import Reason

    return PlanResult(
        status="infeasible",
        profile="Sam",
        target="registered_nurse",
        target_title="Registered Nurse",
        objective="fastest",
        reasons=[
            Reason(limit="budget", message="budget: the cheapest plan costs 7,300; you have 300"),
            Reason(limit="horizon", message="horizon: the fastest plan is ready in week 148"),
        ],
    )


def front() -> list[PlanResult]:
    """A time–cost front of three plans, fastest first."""
    base = plan_result()
    out = []
    for week, cost, count in ((20, 2400.0, 6), (30, 1510.0, 5), (44, 600.0, 4)):
        out.append(
            base.model_copy(
                update={"ready_week": week, "total_cost": cost, "steps": base.steps[:count]}
            )
        )
    return out


def recommendations() -> Recommendations:
    """Five recommendations, two on the Pareto front, one with unknown passion."""
    rows = [
        ("graphic_designer", "Graphic Designer", 0.86, 0.90, True),
        ("ux_designer", "UX <Designer>", 0.78, 0.92, True),
        ("accountant", "Accountant", 0.95, 0.40, True),
        ("web_developer", "Web Developer", 0.70, 0.75, False),
        ("archivist", "Archivist", 0.65, None, False),
    ]
    items = [
        Recommendation(
            rank=i,
            occupation_id=oid,
            title=title,
            qualification=q,
            passion=p,
            combined=q if p is None else round((q * p) ** 0.5, 4),
            coverage=0.9,
            low_coverage=False,
            pareto=front,
            gaps=[Gap(dimension="design", name="Graphic design", have=2.0, need=4.0, weight=1.0)],
            estimate=Estimate(weeks_lower_bound=8 * i, cost_lower_bound=120.5 * i),
            explanation=f"To qualify as {title}, raise Graphic design from 2 to 4.",
        )
        for i, (oid, title, q, p, front) in enumerate(rows, start=1)
    ]
    return Recommendations(
        profile="Ana <Designer> & co", catalog="sample", scored=12, passion_weight=0.5, items=items
    )


def fits() -> list[OccupationFit]:
    """Twelve occupations' fits: the five recommended and seven others."""
    recs = recommendations()
    out = [
        OccupationFit(
            occupation_id=r.occupation_id,
            title=r.title,
            qualification=r.qualification,
            passion=r.passion,
            combined=r.combined,
            pareto=r.pareto,
        )
        for r in recs.items
    ]
    for i in range(7):
        q, p = 0.3 + 0.08 * i, 0.2 + 0.07 * ((i * 3) % 7)
        out.append(
            OccupationFit(
                occupation_id=f"other_{i}",
                title=f"Other {i}",
                qualification=round(q, 3),
                passion=round(p, 3),
                combined=round((q * p) ** 0.5, 3),
                pareto=False,
            )
        )
    return out
