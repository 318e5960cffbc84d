"""Plan results: plain, JSON-serialisable data, so batches can cross process boundaries."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from careerfit_opt.model.actions import ActionKind
from careerfit_opt.model.base import Model


class PlanStatus(StrEnum):
    """How a planning run ended."""

    #: Proven optimal for the objective.
    OPTIMAL = "optimal"
    #: A plan within every limit, found before the time limit; ``gap`` says how far from proven.
    FEASIBLE = "feasible"
    #: No plan meets the limits; ``reasons`` says which limits block it and by how much.
    INFEASIBLE = "infeasible"
    #: The solver stopped before finding a plan or proving there is none.
    UNKNOWN = "unknown"


class PlanStep(Model):
    """One action in a plan, in weeks from the plan's start (week 0; ``end_week`` exclusive)."""

    action_id: str
    kind: ActionKind
    title: str
    provider: str = ""
    start_week: int
    end_week: int
    hours_per_week: float
    cost: float
    #: Dimension gains this step brings (after scale caps).
    gains: dict[str, float] = Field(default_factory=dict)
    #: Target dimensions whose gap this step narrows.
    closes: list[str] = Field(default_factory=list)
    booked: bool = False
    #: Whether the step belongs to the target's field (docs/planning.md, "Relevance").
    related: bool = True


class Reason(Model):
    """Why no plan exists (or why the plan falls short): a user-level limit and by how much."""

    #: ``budget``, ``hours_per_week``, ``horizon``, ``target:<dimension>``,
    #: ``prerequisite:<action>``, ``booked:<action>``, ``window:<action>``,
    #: ``trade-off:<dimension>`` (a plan within every limit closes that gap, but leaves more
    #: of the others open), or ``unexplained`` when the time allowed for explanations ran out
    #: before any was found.
    limit: str
    message: str
    #: What the person has for this limit (e.g. the budget), when a number applies.
    have: float | None = None
    #: What the best plan within the other limits needs.
    need: float | None = None


class OpenGap(Model):
    """A requirement of the target that the plan leaves unmet, and what would close it."""

    dimension: str
    name: str
    #: ``skill``, ``knowledge``, ``ability``, ``credential``, ``experience`` or ``network``.
    kind: str
    #: The level when the plan is done (``None``: unknown at the start and not taught).
    level: float | None
    required: float
    short: float
    #: ``catalogue`` when no combination of the catalogue's actions reaches the level (add or
    #: import actions), ``objective`` when a plan within every limit reaches it but would
    #: leave more of the other requirements open (list it in ``target.must_meet`` to insist),
    #: ``limits`` when actions exist but the limits kept them out (see ``reasons``; also when
    #: the explanations did not run or ran out of time).
    cause: str
    #: The kind of step that would close it, in words.
    remedy: str
    #: Whether the starting level was estimated from an occupation (``Profile.from_occupation``)
    #: rather than given: the person's own level may be higher.
    estimated: bool = False


class FitSummary(Model):
    """Fit scores of the person for the target occupation."""

    qualification: float
    passion: float | None
    combined: float | None
    coverage: float


class PlanResult(Model):
    """The outcome of one planning run.

    ``final_levels`` maps every target dimension to the level at ``ready_week`` (``None`` where
    the starting level was unknown and nothing in the plan teaches it), ``shortfall`` the gap
    left per target dimension (0 when met), ``level_timeline`` each target dimension's level
    after each change as ``[week, level]`` pairs.
    """

    status: PlanStatus
    #: Whether the plan meets every weighted requirement of the target (``None`` without a
    #: plan). ``status`` says how well the solver did on the objective; a plan can be
    #: ``optimal`` within the limits and still leave the target unmet (``open_gaps``).
    target_met: bool | None = None
    #: The requirements the plan leaves unmet, largest weighted shortfall first.
    open_gaps: list[OpenGap] = Field(default_factory=list)
    scenario: str = ""
    profile: str = ""
    target: str
    target_title: str = ""
    objective: str
    objective_value: list[float] = Field(default_factory=list)
    objective_bound: list[float] = Field(default_factory=list)
    #: Relative gap on the first objective level that is not proven (0 when optimal).
    gap: float | None = None
    wall_time_s: float = 0.0
    seed: int = 0
    ready_week: int | None = None
    total_cost: float = 0.0
    total_income: float = 0.0
    steps: list[PlanStep] = Field(default_factory=list)
    final_levels: dict[str, float | None] = Field(default_factory=dict)
    shortfall: dict[str, float] = Field(default_factory=dict)
    weighted_shortfall: float = 0.0
    enjoyment: float | None = None
    #: Steps from outside the target's field (``related`` false), minimised as the objective's
    #: last level.
    unrelated_steps: int = 0
    level_timeline: dict[str, list[tuple[int, float]]] = Field(default_factory=dict)
    reasons: list[Reason] = Field(default_factory=list)
    #: Fit for the target now, and once the plan is done. Both are scored on the dimensions
    #: known at the start, so they compare like for like. A level that started unknown is known
    #: after the plan only as a lower bound, and is left out of both; see ``final_levels``.
    fit_before: FitSummary | None = None
    fit_after: FitSummary | None = None
    #: Starting levels the profile leaves unknown that the planner took at the scale minimum
    #: (dimension id → the level assumed); ``notes`` says so in words.
    assumed_levels: dict[str, float] = Field(default_factory=dict)
    #: The occupation the profile's starting levels were estimated from (its id and title),
    #: the levels still estimated and which of interests, work values and education were
    #: taken from it (see ``Profile.estimated_from``); ``notes`` says so in words.
    estimated_from: str | None = None
    estimated_from_title: str | None = None
    estimated_levels: list[str] = Field(default_factory=list)
    estimated_fields: list[str] = Field(default_factory=list)
    #: Requirements not planned: the profile leaves them unknown and no action in the catalogue
    #: raises them (typically O*NET abilities), dimension id → required level. They are not
    #: known gaps; rate them in the profile to have them checked.
    unassessed: dict[str, float] = Field(default_factory=dict)
    #: Whether an illustrative (hand-made, not measured) catalogue supplied the steps or
    #: requirements; every report of the result must say so.
    illustrative: bool = False
    #: Notes for the reader, e.g. which starting levels were unknown and how they were treated.
    notes: list[str] = Field(default_factory=list)

    @property
    def has_plan(self) -> bool:
        """Whether the result holds a plan (optimal or feasible)."""
        return self.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)

    @property
    def headline(self) -> str:
        """One line that puts the target first: met, unmet (how many requirements open), or
        no plan; the solver's status follows, never alone.

        >>> PlanResult(status="optimal", target="x", objective="fastest", target_met=False,
        ...            open_gaps=[]).headline
        'TARGET NOT MET: the best plan within your limits leaves 0 requirements open (optimal)'
        """
        if not self.has_plan:
            return f"no plan ({self.status.value})"
        if self.target_met:
            return f"target met ({self.status.value})"
        n = len(self.open_gaps)
        what = "1 requirement" if n == 1 else f"{n} requirements"
        # An open gap on a level estimated from the current occupation that no step raises
        # (typically an O*NET ability) may not be a gap at all: say how many rest on that.
        guessed = sum(g.estimated and g.cause == "catalogue" for g in self.open_gaps)
        line = (
            f"TARGET NOT MET: the best plan within your limits leaves {what} open "
            f"({self.status.value})"
        )
        if guessed:
            source = self.estimated_from_title or self.estimated_from or "an occupation"
            which = (
                "it rests on a level" if n == 1
                else f"all {n} rest on levels" if guessed == n
                else f"{guessed} of them rest on levels"
            )  # fmt: skip
            line += (
                f"; {which} estimated from {source} that no step raises: rate your own in the "
                "profile"
            )
        return line
