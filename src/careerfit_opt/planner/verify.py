"""An independent check of a plan against the planning semantics (docs/planning.md).

Written from the contract alone — it imports neither CP-SAT nor the planner's model — so a bug
in the model cannot hide itself: every rule is re-checked and every number the plan claims
(ready week, money, levels, shortfall, enjoyment) is recomputed from the scenario, the catalogue
and the plan's steps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from pydantic import Field

from careerfit_opt.model.actions import Action
from careerfit_opt.model.base import Model
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.occupations import requirement_weight
from careerfit_opt.model.plans import PlanResult, PlanStatus, PlanStep
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import Scenario

#: Levels may be scaled to integers (×100) inside the solver: level comparisons allow this much.
LEVEL_TOLERANCE = 0.01
#: Relative tolerance of money and hours comparisons.
MONEY_TOLERANCE = 1e-6

# Rule names: every violation message starts with one of these, so a reader (and a test) can
# tell which rule a plan breaks.
RULE_STATUS = "status"
RULE_UNKNOWN_ACTION = "unknown action"
RULE_STEP_DATA = "step data"
RULE_ORDER = "step order"
RULE_EXCLUDED = "excluded action"
RULE_REPEATED = "repeated action"
RULE_BOOKED = "booked action"
RULE_EXCLUSIVE = "exclusive group"
RULE_WINDOW = "start window"
RULE_HORIZON = "horizon"
RULE_HOURS = "weekly hours"
RULE_BUDGET = "budget"
RULE_ACTION_PREREQ = "action prerequisite"
RULE_THRESHOLD_PREREQ = "threshold prerequisite"
RULE_SCALE_CAP = "scale cap"
RULE_HARD_TARGET = "hard target"
RULE_UNKNOWN_NOTE = "unknown level note"
RULE_READY_WEEK = "ready_week"
RULE_TOTAL_COST = "total_cost"
RULE_TOTAL_INCOME = "total_income"
RULE_FINAL_LEVELS = "final_levels"
RULE_SHORTFALL = "shortfall"
RULE_WEIGHTED_SHORTFALL = "weighted_shortfall"
RULE_ENJOYMENT = "enjoyment"
RULE_TIMELINE = "level_timeline"
RULE_TARGET = "target"


class Recomputed(Model):
    """The numbers of a plan as the verifier computes them from its steps."""

    ready_week: int = 0
    total_cost: float = 0.0
    total_income: float = 0.0
    #: What the budget rule counts: ``total_cost − total_income`` when income offsets cost.
    net_cost: float = 0.0
    final_levels: dict[str, float] = Field(default_factory=dict)
    shortfall: dict[str, float] = Field(default_factory=dict)
    weighted_shortfall: float = 0.0
    enjoyment: float | None = None
    #: Highest sum of weekly hours over the plan's weeks.
    peak_hours: float = 0.0
    #: Target dimensions whose starting level was unknown (assumed at the scale minimum).
    assumed_minimum: list[str] = Field(default_factory=list)


class VerificationReport(Model):
    """The verdict on one plan: ``ok`` when no rule is broken and every claim matches.

    Each violation is one readable sentence that starts with the rule it breaks
    (e.g. ``"weekly hours: week 3 uses 25 h, the limit is 20 h"``); ``rules_broken`` lists those
    rule names once each.
    """

    ok: bool
    violations: list[str] = Field(default_factory=list)
    rules_broken: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    recomputed: Recomputed | None = None

    def __str__(self) -> str:
        if self.ok:
            return "plan verified" + "".join(f"; {n}" for n in self.notes)
        return "plan violates: " + "; ".join(self.violations)


class _Collector:
    """Accumulates violations in the order they are found."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, rule: str, message: str) -> None:
        self.items.append((rule, message))

    def report(self, notes: list[str], recomputed: Recomputed | None) -> VerificationReport:
        rules: list[str] = []
        for rule, _ in self.items:
            if rule not in rules:
                rules.append(rule)
        return VerificationReport(
            ok=not self.items,
            violations=[f"{rule}: {message}" for rule, message in self.items],
            rules_broken=rules,
            notes=notes,
            recomputed=recomputed,
        )


def _money_close(a: float, b: float) -> bool:
    return abs(a - b) <= MONEY_TOLERANCE * max(1.0, abs(a), abs(b))


def _money_le(a: float, limit: float) -> bool:
    return a <= limit + MONEY_TOLERANCE * max(1.0, abs(limit))


def action_enjoyment(action: Action, profile: Profile) -> float:
    """How well an action suits the person's interests, in [0, 1].

    The mean over the action's RIASEC letters of ``(score − 1) / 6``; 0.5 when the profile has
    no interests or the action lists none.

    >>> from careerfit_opt.model import Riasec
    >>> p = Profile(interests=Riasec(realistic=1, investigative=7, artistic=4, social=1,
    ...                              enterprising=1, conventional=1))
    >>> a = Action(id="x", kind="course", title="X", duration_weeks=1, hours_per_week=1,
    ...            interests=["I", "A"])
    >>> action_enjoyment(a, p)
    0.75
    """
    if profile.interests is None or not action.interests:
        return 0.5
    scores = dict(zip("RIASEC", profile.interests.as_tuple(), strict=True))
    return sum((scores[letter] - 1.0) / 6.0 for letter in action.interests) / len(action.interests)


def _levels_at(
    base: Mapping[str, float],
    caps: Mapping[str, float],
    finished: Iterable[Action],
    dims: Iterable[str],
) -> dict[str, float]:
    """Level per dimension after ``finished`` actions: the scale cap applies to the sum."""
    total = {k: base[k] for k in dims}
    for act in finished:
        for k, g in act.gains.items():
            if k in total:
                total[k] += g
    return {k: min(caps[k], v) for k, v in total.items()}


def verify_plan(
    plan: PlanResult,
    scenario: Scenario,
    catalog: Catalog,
    *,
    hard: bool | None = None,
    must_meet: Sequence[str] | None = None,
) -> VerificationReport:
    """Check ``plan`` against every planning rule and recompute what it claims.

    ``hard`` overrides ``scenario.target.hard`` (for plans made with ``plan(..., hard=True)``),
    ``must_meet`` the scenario's ``target.must_meet``.
    A result without a plan (infeasible or unknown, with no steps) verifies trivially, with a
    note saying there is no plan to check.

    Examples
    --------
    >>> from careerfit_opt.model import Dimension, Occupation, Requirement
    >>> cat = Catalog(name="c", dimensions=[Dimension(id="py", name="Python", kind="skill")],
    ...     occupations=[Occupation(id="dev", title="Dev",
    ...                             requirements={"py": Requirement(level=3, importance=5)})],
    ...     actions=[Action(id="c1", kind="course", title="C1", duration_weeks=4,
    ...                     hours_per_week=5, cost=100, gains={"py": 2})])
    >>> sc = Scenario(profile=Profile(levels={"py": 1}, limits={"budget": 500}), target="dev")
    >>> step = PlanStep(action_id="c1", kind="course", title="C1", start_week=0, end_week=4,
    ...                 hours_per_week=5, cost=100, gains={"py": 2})
    >>> res = PlanResult(status="optimal", target="dev", objective="fastest", ready_week=4,
    ...                  total_cost=100, steps=[step], final_levels={"py": 3},
    ...                  shortfall={"py": 0})
    >>> verify_plan(res, sc, cat).ok
    True
    """
    out = _Collector()
    unit = f" {catalog.currency}" if catalog.currency else ""
    notes: list[str] = []
    if plan.status in (PlanStatus.INFEASIBLE, PlanStatus.UNKNOWN):
        if plan.steps:
            out.add(
                RULE_STATUS,
                f"status {plan.status.value} but the result lists {len(plan.steps)} step(s)",
            )
        else:
            notes.append(f"no plan to check (status {plan.status.value})")
        return out.report(notes, None)

    profile = scenario.profile
    limits = profile.limits
    prefs = profile.preferences
    is_hard = scenario.target.hard if hard is None else hard
    must = set(scenario.target.must_meet if must_meet is None else must_meet)

    if scenario.target.occupation is not None and scenario.target.occupation != plan.target:
        out.add(
            RULE_TARGET,
            f"the plan is for {plan.target!r} but the scenario targets "
            f"{scenario.target.occupation!r}",
        )
    occupation = catalog.occupation_by_id.get(plan.target)
    if occupation is None:
        out.add(RULE_TARGET, f"unknown target occupation {plan.target!r}")
        return out.report(notes, None)

    dims = catalog.dimension_by_id
    known = profile.known_levels(catalog.credential_ids)
    base = {k: known.get(k, d.lo) for k, d in dims.items()}
    caps = {k: d.hi for k, d in dims.items()}
    threshold = scenario.scoring.importance_threshold
    targets = {
        k: (req.level, w)
        for k, req in occupation.requirements.items()
        if (w := requirement_weight(req.importance, threshold)) > 0
    }
    # Requirements unknown in the profile that no action of the catalogue raises are reported
    # as unassessed, not planned (docs/planning.md §1): they are no target of the plan.
    trained = {k for a in catalog.actions for k in a.gains}
    targets = {k: v for k, v in targets.items() if k in known or k in trained or k in must}

    # --- the steps themselves ------------------------------------------------------------------
    chosen: list[tuple[PlanStep, Action]] = []
    seen: set[str] = set()
    for i, step in enumerate(plan.steps):
        act = catalog.action_by_id.get(step.action_id)
        where = f"step {i + 1} ({step.action_id})"
        if act is None:
            out.add(RULE_UNKNOWN_ACTION, f"{where}: no action {step.action_id!r} in the catalogue")
            continue
        if step.action_id in seen:
            out.add(RULE_REPEATED, f"{where}: action {step.action_id!r} is chosen more than once")
            continue
        seen.add(step.action_id)
        chosen.append((step, act))
        _check_step_data(out, where, step, act)
    keys = [(s.start_week, s.action_id) for s in plan.steps]
    if keys != sorted(keys):
        out.add(RULE_ORDER, "steps are not sorted by start week, then action id")

    start = {act.id: step.start_week for step, act in chosen}
    end = {act.id: step.start_week + act.duration_weeks for step, act in chosen}
    for step, act in chosen:
        if step.start_week < 0:
            out.add(RULE_HORIZON, f"{act.id} starts at week {step.start_week}, before week 0")

    for act_id in prefs.excluded_actions:
        if act_id in start:
            out.add(RULE_EXCLUDED, f"{act_id} is excluded by the profile but the plan chooses it")
    for booked in prefs.booked_actions:
        if booked.action_id not in start:
            out.add(RULE_BOOKED, f"{booked.action_id} is booked but missing from the plan")
        elif booked.start_week is not None and start[booked.action_id] != booked.start_week:
            out.add(
                RULE_BOOKED,
                f"{booked.action_id} is booked for week {booked.start_week} but starts at week "
                f"{start[booked.action_id]}",
            )

    groups: dict[str, list[str]] = defaultdict(list)
    for _, act in chosen:
        if act.exclusive_group is not None:
            groups[act.exclusive_group].append(act.id)
    for group, members in sorted(groups.items()):
        if len(members) > 1:
            out.add(
                RULE_EXCLUSIVE,
                f"group {group!r} allows one action but the plan chooses {', '.join(members)}",
            )

    for step, act in chosen:
        if act.start_weeks is not None and step.start_week not in act.start_weeks:
            out.add(
                RULE_WINDOW,
                f"{act.id} starts at week {step.start_week}; it can start only in weeks "
                f"{', '.join(map(str, sorted(act.start_weeks)))}",
            )
        if end[act.id] > limits.horizon_weeks:
            out.add(
                RULE_HORIZON,
                f"{act.id} ends at week {end[act.id]}, after the horizon of "
                f"{limits.horizon_weeks} weeks",
            )

    peak = _check_hours(out, chosen, limits.hours_per_week)

    total_cost = sum(max(act.cost, 0.0) for _, act in chosen)
    total_income = sum(max(-act.cost, 0.0) for _, act in chosen)
    spent = total_cost - total_income if limits.income_offsets_cost else total_cost
    if not _money_le(spent, limits.budget):
        what = "net cost (cost − income)" if limits.income_offsets_cost else "cost"
        out.add(
            RULE_BUDGET,
            f"the plan's {what} is {spent:,.2f}{unit}; the budget is {limits.budget:,.2f}{unit}",
        )

    for step, act in chosen:
        for req_id in act.requires_actions:
            if req_id not in end:
                out.add(RULE_ACTION_PREREQ, f"{act.id} requires {req_id}, which is not in the plan")
            elif end[req_id] > step.start_week:
                out.add(
                    RULE_ACTION_PREREQ,
                    f"{act.id} starts at week {step.start_week} but its prerequisite {req_id} "
                    f"ends at week {end[req_id]}",
                )
        if act.requires_levels:
            before = [a for _, a in chosen if end[a.id] <= step.start_week]
            level = _levels_at(base, caps, before, act.requires_levels)
            for k, theta in sorted(act.requires_levels.items()):
                if level[k] < theta - LEVEL_TOLERANCE:
                    out.add(
                        RULE_THRESHOLD_PREREQ,
                        f"{act.id} needs {k} ≥ {theta:g} at its start (week {step.start_week}); "
                        f"what finished before it gives {level[k]:g}",
                    )

    # --- recompute and compare the claims ------------------------------------------------------
    acts = [a for _, a in chosen]
    final = _levels_at(base, caps, acts, targets)
    shortfall = {k: max(0.0, level - final[k]) for k, (level, _) in targets.items()}
    weighted = sum(w * shortfall[k] for k, (_, w) in targets.items())
    ready = max(end.values(), default=0)
    enjoyment = sum(action_enjoyment(a, profile) for a in acts) / len(acts) if acts else None
    unknown_targets = sorted(k for k in targets if k not in known)
    recomputed = Recomputed(
        ready_week=ready,
        total_cost=total_cost,
        total_income=total_income,
        net_cost=total_cost - total_income if limits.income_offsets_cost else total_cost,
        final_levels=final,
        shortfall=shortfall,
        weighted_shortfall=weighted,
        enjoyment=enjoyment,
        peak_hours=peak,
        assumed_minimum=unknown_targets,
    )

    for k in sorted(targets):
        if (is_hard or k in must) and shortfall[k] > LEVEL_TOLERANCE:
            why = "the target is hard" if is_hard else "must_meet lists it"
            out.add(
                RULE_HARD_TARGET,
                f"{why} but {k} ends at {final[k]:g}, short of {targets[k][0]:g} by "
                f"{shortfall[k]:g}",
            )

    _check_scale_caps(out, plan, chosen, base, caps)
    if plan.ready_week != ready:
        out.add(
            RULE_READY_WEEK, f"the plan claims {plan.ready_week}; its steps end at week {ready}"
        )
    if not _money_close(plan.total_cost, total_cost):
        out.add(
            RULE_TOTAL_COST,
            f"the plan claims {plan.total_cost:,.2f}{unit}; its steps cost {total_cost:,.2f}{unit}",
        )
    if not _money_close(plan.total_income, total_income):
        out.add(
            RULE_TOTAL_INCOME,
            f"the plan claims {plan.total_income:,.2f}; its steps pay {total_income:,.2f}",
        )
    _check_levels_claim(out, plan, final, shortfall, targets, unknown_targets, acts)
    if abs(plan.weighted_shortfall - weighted) > LEVEL_TOLERANCE * max(1.0, len(targets)):
        out.add(
            RULE_WEIGHTED_SHORTFALL,
            f"the plan claims {plan.weighted_shortfall:g}; recomputed {weighted:g}",
        )
    if (
        plan.enjoyment is not None
        and enjoyment is not None
        and abs(plan.enjoyment - enjoyment) > 1e-6
    ):
        out.add(RULE_ENJOYMENT, f"the plan claims {plan.enjoyment:g}; recomputed {enjoyment:g}")
    _check_timeline(out, plan, base, caps, chosen, end)
    _check_unknown_note(out, plan, unknown_targets, catalog)
    return out.report(notes, recomputed)


def _check_step_data(out: _Collector, where: str, step: PlanStep, act: Action) -> None:
    """The step must copy its action: kind, duration, weekly hours and cost."""
    if step.end_week != step.start_week + act.duration_weeks:
        out.add(
            RULE_STEP_DATA,
            f"{where}: runs weeks {step.start_week}–{step.end_week} but the action lasts "
            f"{act.duration_weeks} weeks",
        )
    if step.kind != act.kind:
        out.add(RULE_STEP_DATA, f"{where}: kind {step.kind}, the action is a {act.kind}")
    if not _money_close(step.hours_per_week, act.hours_per_week):
        out.add(
            RULE_STEP_DATA,
            f"{where}: {step.hours_per_week:g} h a week, the action takes {act.hours_per_week:g}",
        )
    if not _money_close(step.cost, act.cost):
        out.add(RULE_STEP_DATA, f"{where}: cost {step.cost:g}, the action costs {act.cost:g}")
    for k, g in step.gains.items():
        if g < -LEVEL_TOLERANCE or g > act.gains.get(k, 0.0) + LEVEL_TOLERANCE:
            out.add(
                RULE_STEP_DATA,
                f"{where}: claims a gain of {g:g} on {k}; the action gives "
                f"{act.gains.get(k, 0.0):g}",
            )


def _check_hours(out: _Collector, chosen: list[tuple[PlanStep, Action]], capacity: float) -> float:
    """Every week's total of weekly hours within ``capacity``; returns the peak."""
    load: dict[int, float] = defaultdict(float)
    for step, act in chosen:
        for t in range(step.start_week, step.start_week + act.duration_weeks):
            load[t] += act.hours_per_week
    over = [t for t in sorted(load) if not _money_le(load[t], capacity)]
    if over:
        t = over[0]
        active = sorted(
            a.id for s, a in chosen if s.start_week <= t < s.start_week + a.duration_weeks
        )
        more = f" (and {len(over) - 1} more week(s))" if len(over) > 1 else ""
        out.add(
            RULE_HOURS,
            f"week {t} uses {load[t]:g} h ({', '.join(active)}); the limit is {capacity:g} h"
            + more,
        )
    return max(load.values(), default=0.0)


def _check_scale_caps(
    out: _Collector,
    plan: PlanResult,
    chosen: list[tuple[PlanStep, Action]],
    base: Mapping[str, float],
    caps: Mapping[str, float],
) -> None:
    """No claimed level above its scale maximum, and step gains (after caps) within room."""
    for k, v in plan.final_levels.items():
        if v is not None and k in caps and v > caps[k] + LEVEL_TOLERANCE:
            out.add(RULE_SCALE_CAP, f"{k} is claimed at {v:g}, above the scale maximum {caps[k]:g}")
    claimed: dict[str, float] = defaultdict(float)
    for step, _ in chosen:
        for k, g in step.gains.items():
            claimed[k] += g
    for k, total in sorted(claimed.items()):
        if k in caps and base[k] + total > caps[k] + LEVEL_TOLERANCE:
            out.add(
                RULE_SCALE_CAP,
                f"the steps claim gains of {total:g} on {k}, from {base[k]:g} beyond the scale "
                f"maximum {caps[k]:g}",
            )


def _check_levels_claim(
    out: _Collector,
    plan: PlanResult,
    final: Mapping[str, float],
    shortfall: Mapping[str, float],
    targets: Mapping[str, tuple[float, float]],
    unknown_targets: list[str],
    acts: list[Action],
) -> None:
    """Claimed final levels and shortfalls match the recomputed ones on every target dimension."""
    taught = {k for a in acts for k in a.gains}
    for k in sorted(targets):
        if k not in plan.final_levels:
            out.add(RULE_FINAL_LEVELS, f"target dimension {k} is missing")
        else:
            claim = plan.final_levels[k]
            if claim is None:
                # Allowed only where the start is unknown and nothing in the plan teaches it.
                if k not in unknown_targets or k in taught:
                    out.add(RULE_FINAL_LEVELS, f"{k} is claimed unknown; recomputed {final[k]:g}")
            elif abs(claim - final[k]) > LEVEL_TOLERANCE:
                out.add(
                    RULE_FINAL_LEVELS, f"{k}: the plan claims {claim:g}; recomputed {final[k]:g}"
                )
        if k not in plan.shortfall:
            out.add(RULE_SHORTFALL, f"target dimension {k} is missing")
        elif abs(plan.shortfall[k] - shortfall[k]) > LEVEL_TOLERANCE:
            out.add(
                RULE_SHORTFALL,
                f"{k}: the plan claims {plan.shortfall[k]:g}; recomputed {shortfall[k]:g}",
            )


def _check_timeline(
    out: _Collector,
    plan: PlanResult,
    base: Mapping[str, float],
    caps: Mapping[str, float],
    chosen: list[tuple[PlanStep, Action]],
    end: Mapping[str, int],
) -> None:
    """Each ``[week, level]`` pair is the level after the actions finished by that week."""
    for k, points in sorted(plan.level_timeline.items()):
        if k not in base:
            out.add(RULE_TIMELINE, f"unknown dimension {k!r}")
            continue
        for week, claim in points:
            done = [a for _, a in chosen if end[a.id] <= week]
            level = _levels_at(base, caps, done, [k])[k]
            if abs(claim - level) > LEVEL_TOLERANCE:
                out.add(
                    RULE_TIMELINE,
                    f"{k} at week {week}: the plan claims {claim:g}; recomputed {level:g}",
                )
                break


def _check_unknown_note(
    out: _Collector, plan: PlanResult, unknown_targets: list[str], catalog: Catalog
) -> None:
    """Where a target dimension's start was unknown, the notes must say it was assumed."""
    text = " ".join(plan.notes)
    missing = [
        k for k in unknown_targets if k not in text and catalog.dimension_by_id[k].name not in text
    ]
    if missing:
        out.add(
            RULE_UNKNOWN_NOTE,
            "the starting level of " + ", ".join(missing) + " is unknown (assumed at the scale "
            "minimum) but the notes do not say so",
        )
