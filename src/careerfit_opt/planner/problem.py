"""The planning problem as plain data, independent of any solver.

:func:`build_problem` turns a profile, a target occupation and a catalogue into a
:class:`PlanningProblem`: the starting levels (unknown ones assumed at the scale minimum and
recorded), the weighted target requirements, the candidate actions left after pruning, the
person's limits, booked starts, exclusive groups and the enjoyment of each action. The CP-SAT
model, the greedy baseline and the explanations all start from it; the semantics are those of
``docs/planning.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from careerfit_opt.model.actions import Action
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.interests import RIASEC_CODES
from careerfit_opt.model.occupations import requirement_weight
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import ScoringSettings
from careerfit_opt.planner.relevance import is_related
from careerfit_opt.planner.scaling import exact_scale

#: Enjoyment given to an action when the profile has no interests or the action lists none.
NEUTRAL_ENJOYMENT = 0.5

_LETTER_TO_CODE = {code[0].upper(): code for code in RIASEC_CODES}


@dataclass(frozen=True)
class TargetDim:
    """One weighted requirement of the target occupation."""

    dim_id: str
    required: float
    weight: float


@dataclass(frozen=True)
class PlanningProblem:
    """Everything a planner needs, as plain data.

    ``base`` holds the starting level of every dimension that matters (targets and thresholds of
    candidates), with unknown levels replaced by the scale minimum; ``assumed_unknown`` names
    those. ``actions`` are the candidates in id order. ``booked`` maps booked action ids to
    their fixed start week (``None``: any start).
    """

    occupation_id: str
    occupation_title: str
    base: dict[str, float]
    lo: dict[str, float]
    hi: dict[str, float]
    dim_names: dict[str, str]
    assumed_unknown: tuple[str, ...]
    targets: tuple[TargetDim, ...]
    actions: tuple[Action, ...]
    budget: float
    hours_per_week: float
    horizon: int
    income_offsets_cost: bool
    booked: dict[str, int | None]
    excluded: frozenset[str]
    exclusive_groups: dict[str, tuple[str, ...]]
    enjoyment: dict[str, float]
    hard: bool
    #: Requirements left out of the targets: unknown in the profile and raised by no action
    #: of the catalogue (dimension id → required level). Not known gaps, and no plan changes
    #: them, so planning from an assumed 0 would only report an unfixable shortfall.
    unassessed: dict[str, float] = field(default_factory=dict)
    #: Candidates from outside the target's field (``relevance.py``), minimised as the last
    #: objective level.
    unrelated: frozenset[str] = frozenset()
    #: The catalogue's currency code (``Catalog.currency``; empty when it names none), for
    #: messages about money.
    currency: str = ""
    #: Catalogue actions left out by pruning (they cannot help reach the target).
    pruned: tuple[str, ...] = ()
    #: Booked or excluded ids the catalogue does not know (reported, never planned).
    unknown_ids: tuple[str, ...] = field(default=())
    #: Targets to meet in full even when the problem is not ``hard`` (``target.must_meet``).
    must_meet: frozenset[str] = frozenset()

    def is_hard(self, dim_id: str) -> bool:
        """Whether the target on ``dim_id`` must be met in full (no shortfall allowed)."""
        return self.hard or dim_id in self.must_meet

    @property
    def hard_targets(self) -> list[str]:
        """The targets that must be met in full: every target when ``hard``, else those of
        ``must_meet``."""
        return [t.dim_id for t in self.targets if self.is_hard(t.dim_id)]

    @cached_property
    def action_by_id(self) -> dict[str, Action]:
        """Candidate actions by id."""
        return {a.id: a for a in self.actions}

    @cached_property
    def earliest(self) -> dict[str, int]:
        """A lower bound on each candidate's start week (``cpsat.earliest_starts``), computed
        once per problem: the model is built several times in a run."""
        from careerfit_opt.planner.cpsat import earliest_starts

        return earliest_starts(self)

    @cached_property
    def interchangeable(self) -> tuple[list[list[str]], dict[str, list[str]]]:
        """Classes of interchangeable candidates and their needers (``cpsat.interchangeable``),
        computed once per problem: the model is built and hinted several times in a run."""
        from careerfit_opt.planner.cpsat import interchangeable

        return interchangeable(self)

    @cached_property
    def level_scale(self) -> int:
        """The integer scale of levels (starting levels, gains, thresholds, requirements)."""
        values = [*self.base.values(), *(t.required for t in self.targets)]
        for a in self.actions:
            values += [*a.gains.values(), *a.requires_levels.values()]
        return exact_scale(values)

    @cached_property
    def money_scale(self) -> int:
        """The integer scale of money (costs and the budget)."""
        return exact_scale([self.budget, *(a.cost for a in self.actions)], 10_000)

    @cached_property
    def hours_scale(self) -> int:
        """The integer scale of weekly hours."""
        return exact_scale([self.hours_per_week, *(a.hours_per_week for a in self.actions)], 10_000)

    @cached_property
    def target_by_id(self) -> dict[str, TargetDim]:
        """Target requirements by dimension id."""
        return {t.dim_id: t for t in self.targets}

    def gap_dims(self) -> list[str]:
        """Target dimensions whose starting level is below the requirement."""
        return [t.dim_id for t in self.targets if self.base[t.dim_id] < t.required]

    def capped(self, dim_id: str, value: float) -> float:
        """``value`` limited to the scale maximum of ``dim_id``."""
        return min(self.hi[dim_id], value)

    def level_after(self, dim_id: str, finished: Iterable[str]) -> float:
        """Level of ``dim_id`` once the actions ``finished`` are done (scale cap applied)."""
        gain = sum(self.action_by_id[a].gains.get(dim_id, 0.0) for a in finished)
        return self.capped(dim_id, self.base[dim_id] + gain)

    def net_cost(self, chosen: Iterable[str]) -> float:
        """The cost counted against the budget (income offsets cost only when allowed)."""
        cost = income = 0.0
        for a in chosen:
            c = self.action_by_id[a].cost
            cost += max(c, 0.0)
            income += max(-c, 0.0)
        return cost - income if self.income_offsets_cost else cost


def action_enjoyment(action: Action, profile: Profile) -> float:
    """How well an action suits the person's interests, in [0, 1].

    Mean of ``(score − 1) / 6`` over the action's RIASEC letters; 0.5 when either side is silent.

    >>> from careerfit_opt.model import Riasec
    >>> p = Profile(interests=Riasec(realistic=1, investigative=7, artistic=4, social=1,
    ...                              enterprising=1, conventional=1))
    >>> a = Action(id="a", kind="course", title="A", duration_weeks=1, hours_per_week=1,
    ...            interests=["I", "A"])
    >>> action_enjoyment(a, p)
    0.75
    """
    if profile.interests is None or not action.interests:
        return NEUTRAL_ENJOYMENT
    scores = [float(getattr(profile.interests, _LETTER_TO_CODE[x])) for x in action.interests]
    return sum((s - 1.0) / 6.0 for s in scores) / len(scores)


def candidate_closure(
    seeds: Iterable[str],
    actions: Mapping[str, Action],
    base: Mapping[str, float],
    gainers: Mapping[str, list[str]],
    excluded: frozenset[str],
) -> set[str]:
    """Seeds plus, transitively, their action prerequisites and the actions that can lift a
    dimension they need above its starting level."""
    keep: set[str] = set()
    lifted: set[str] = set()  # dimensions whose gainers are all queued already
    todo = [a for a in seeds if a in actions and a not in excluded]
    while todo:
        a_id = todo.pop()
        if a_id in keep:
            continue
        keep.add(a_id)
        act = actions[a_id]
        todo.extend(
            r for r in act.requires_actions if r in actions and r not in excluded and r not in keep
        )
        for dim, theta in act.requires_levels.items():
            if base.get(dim, 0.0) < theta and dim not in lifted:
                lifted.add(dim)
                todo.extend(g for g in gainers.get(dim, []) if g not in excluded and g not in keep)
    return keep


def blocked_actions(keep: set[str], actions: Mapping[str, Action]) -> set[str]:
    """Candidates that need (transitively) an action outside ``keep``: they can never start."""
    blocked: set[str] = set()
    changed = True
    while changed:
        changed = False
        for a_id in keep - blocked:
            if any(r not in keep or r in blocked for r in actions[a_id].requires_actions):
                blocked.add(a_id)
                changed = True
    return blocked


def unassessed_requirements(
    weighted: Mapping[str, tuple[float, float]],
    known: Mapping[str, float],
    gainers: Mapping[str, Iterable[str]],
) -> dict[str, float]:
    """The weighted requirements (dimension → (level, weight)) that are unknown in the profile
    and raised by no action: they are reported, not planned (dimension → required level).

    >>> unassessed_requirements({"a": (3.0, 0.5), "b": (2.0, 1.0)}, {}, {"b": ["x"]})
    {'a': 3.0}
    """
    return {
        k: level
        for k, (level, _) in weighted.items()
        if k not in known and not list(gainers.get(k, ()))
    }


def build_problem(
    profile: Profile,
    target_occupation_id: str,
    catalog: Catalog,
    *,
    settings: ScoringSettings | None = None,
    hard: bool = False,
    must_meet: Iterable[str] = (),
    prune: bool = True,
) -> PlanningProblem:
    """The planning problem for ``profile`` aiming at ``target_occupation_id``.

    Candidates are the actions that raise a target dimension still below its requirement (and,
    when income offsets cost, every paid trial role, which can fund them), plus
    (transitively) their action prerequisites and the actions able to raise a dimension one of
    them needs above the starting level; excluded actions are removed and booked ones always
    kept. Candidates that need an excluded action are dropped unless booked (a booked one then
    makes the problem infeasible, which the explanations report). ``prune=False`` keeps every
    action that is not excluded (the tests check that pruning changes no objective level).
    ``must_meet`` names requirements to meet in full although ``hard`` is false; each stays a
    target even when it is unassessed (then no plan meets it, and the explanation says so).
    """
    settings = settings or ScoringSettings()
    occ = catalog.occupation(target_occupation_id)
    dims = catalog.dimension_by_id
    known = profile.known_levels(catalog.credential_ids)
    prefs = profile.preferences
    all_actions = catalog.action_by_id

    gainers: dict[str, list[str]] = {}
    for act in catalog.actions:
        for k in act.gains:
            gainers.setdefault(k, []).append(act.id)
    weighted = {
        k: (float(req.level), w)
        for k, req in sorted(occ.requirements.items())
        if (w := requirement_weight(req.importance, settings.importance_threshold)) > 0.0
    }
    must = frozenset(must_meet)
    unassessed = {
        k: v for k, v in unassessed_requirements(weighted, known, gainers).items() if k not in must
    }
    weighted_weights = {k: w for k, (_, w) in weighted.items()}
    targets = tuple(
        TargetDim(dim_id=k, required=level, weight=w)
        for k, (level, w) in weighted.items()
        if k not in unassessed
    )
    full_base = {k: known.get(k, dims[k].lo) for k in dims}

    excluded = frozenset(prefs.excluded_actions)
    booked: dict[str, int | None] = {}
    unknown_ids = [b.action_id for b in prefs.booked_actions if b.action_id not in all_actions] + [
        e for e in prefs.excluded_actions if e not in all_actions
    ]
    for b in prefs.booked_actions:
        if b.action_id in all_actions:
            booked[b.action_id] = b.start_week

    seeds = [
        g for t in targets if full_base[t.dim_id] < t.required for g in gainers.get(t.dim_id, [])
    ]
    if profile.limits.income_offsets_cost:
        # A paid role that closes no gap can still fund the steps that do.
        seeds += [a.id for a in catalog.actions if a.cost < 0]
    if not prune:  # every action may be planned (for checking that pruning is exact)
        seeds = sorted(all_actions)
    keep = candidate_closure(seeds, all_actions, full_base, gainers, excluded)
    # Booked actions stay; their prerequisites come along unless excluded (a booked action that
    # needs an excluded one then makes the problem infeasible, and the explanation says why).
    keep |= candidate_closure(booked, all_actions, full_base, gainers, excluded - set(booked))
    keep |= set(booked)
    keep -= blocked_actions(keep, all_actions) - set(booked)

    cand = tuple(sorted((all_actions[a] for a in keep), key=lambda a: a.id))
    relevant = {t.dim_id for t in targets}
    for act in cand:
        relevant.update(act.requires_levels)
    assumed = tuple(sorted(k for k in relevant if k not in known))

    groups: dict[str, list[str]] = {}
    for act in cand:
        if act.exclusive_group is not None:
            groups.setdefault(act.exclusive_group, []).append(act.id)

    return PlanningProblem(
        occupation_id=occ.id,
        occupation_title=occ.title,
        base={k: full_base[k] for k in sorted(relevant)},
        lo={k: dims[k].lo for k in sorted(relevant)},
        hi={k: dims[k].hi for k in sorted(relevant)},
        dim_names={k: dims[k].name for k in sorted(relevant)},
        assumed_unknown=assumed,
        targets=targets,
        actions=cand,
        budget=profile.limits.budget,
        hours_per_week=profile.limits.hours_per_week,
        horizon=profile.limits.horizon_weeks,
        income_offsets_cost=profile.limits.income_offsets_cost,
        booked=booked,
        excluded=excluded,
        exclusive_groups={g: tuple(ids) for g, ids in sorted(groups.items()) if len(ids) > 1},
        enjoyment={a.id: action_enjoyment(a, profile) for a in cand},
        hard=hard,
        must_meet=must & set(weighted),
        unassessed=unassessed,
        unrelated=frozenset(
            a.id for a in cand if not is_related(a, occ.family, dict(weighted_weights), dims)
        ),
        pruned=tuple(sorted(set(all_actions) - keep)),
        currency=catalog.currency,
        unknown_ids=tuple(unknown_ids),
    )
