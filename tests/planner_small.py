"""Tiny hand-made catalogues for the CP-SAT planner's tests (one constraint family each)."""

from __future__ import annotations

from typing import Any

from careerfit_opt.model import (
    Action,
    Catalog,
    Dimension,
    Occupation,
    PlanResult,
    Profile,
    Requirement,
    Scenario,
)
from careerfit_opt.planner import plan
from careerfit_opt.planner.verify import verify_plan

DIMS = [
    Dimension(id="py", name="Programming", kind="skill"),
    Dimension(id="stats", name="Statistics", kind="skill"),
    Dimension(id="lic", name="Licence", kind="credential"),
]


def action(id: str, **kw: Any) -> Action:
    """An action with defaults: a 4-week, 5 h/week free course."""
    data: dict[str, Any] = {
        "id": id,
        "kind": "course",
        "title": id,
        "duration_weeks": 4,
        "hours_per_week": 5.0,
        "cost": 0.0,
    }
    data.update(kw)
    return Action(**data)


def catalog(actions: list[Action], requirements: dict[str, float] | None = None) -> Catalog:
    """A catalogue with one target occupation ``t`` (importance 5 on every requirement)."""
    reqs = requirements or {"py": 3.0}
    occ = Occupation(
        id="t",
        title="Target job",
        requirements={k: Requirement(level=v, importance=5.0) for k, v in reqs.items()},
    )
    return Catalog(name="small", dimensions=DIMS, occupations=[occ], actions=actions)


def profile(levels: dict[str, float] | None = None, **limits: Any) -> Profile:
    """A profile with Programming 1 and generous limits unless told otherwise."""
    lim: dict[str, Any] = {"budget": 10_000.0, "hours_per_week": 40.0, "horizon_weeks": 52}
    lim.update(limits)
    prefs = lim.pop("preferences", {})
    return Profile(
        name="p",
        levels=levels if levels is not None else {"py": 1.0, "stats": 0.0, "lic": 0.0},
        limits=lim,
        preferences=prefs,
    )


def run(prof: Profile, cat: Catalog, *, hard: bool = False, **kw: Any) -> PlanResult:
    """Plan and verify with the independent verifier (every plan a test gets is verified)."""
    kw.setdefault("time_limit", 10.0)
    result = plan(prof, "t", cat, hard=hard, **kw)
    report = verify_plan(
        result, Scenario(profile=prof, target={"occupation": "t", "hard": hard}), cat
    )
    assert report.ok, str(report)
    return result


def chosen(result: PlanResult) -> dict[str, int]:
    """Action id → start week."""
    return {s.action_id: s.start_week for s in result.steps}
