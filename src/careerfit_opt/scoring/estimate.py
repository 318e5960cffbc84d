"""Quick lower bounds on the weeks and cost to close gaps with a catalogue's actions.

The bounds relax the plan: per gap dimension, any plan that closes it must include actions
whose gains on that dimension add up to the gap. docs/scoring.md proves each bound.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.recommendations import Estimate


@dataclass(frozen=True)
class _Offer:
    action_id: str
    gain: float
    cost: float  # out-of-pocket: income from paid trial roles is not counted (≥ 0)
    weeks: int
    hours: float


def _fractional_min(offers: list[tuple[float, float]], need: float) -> float:
    """Least Σ price·x with Σ gain·x ≥ need, 0 ≤ x ≤ 1 (the fractional knapsack).

    ``offers`` are (gain, price); returns ``inf`` when all gains together fall short.
    """
    total = 0.0
    left = need
    for gain, price in sorted(offers, key=lambda gp: gp[1] / gp[0]):
        if left <= 1e-12:
            break
        take = min(1.0, left / gain)
        total += take * price
        left -= take * gain
    return total if left <= 1e-9 else math.inf


@dataclass(frozen=True)
class ActionIndex:
    """A catalogue's actions indexed by the dimensions they raise."""

    offers: dict[str, tuple[_Offer, ...]]

    @classmethod
    def build(cls, catalog: Catalog) -> ActionIndex:
        """Index ``catalog``'s actions per dimension."""
        per_dim: dict[str, list[_Offer]] = {}
        for act in catalog.actions:
            for dim_id, gain in act.gains.items():
                per_dim.setdefault(dim_id, []).append(
                    _Offer(act.id, gain, max(act.cost, 0.0), act.duration_weeks, act.total_hours)
                )
        return cls({k: tuple(v) for k, v in per_dim.items()})

    def estimate(
        self,
        shortfall: Mapping[str, float],
        excluded_actions: Collection[str] = (),
        hours_per_week: float | None = None,
    ) -> Estimate:
        """Lower bounds on the weeks and cost of any plan closing every ``shortfall``.

        Per dimension k with gap g: cost ≥ the fractional-knapsack minimum cost of gains
        adding up to g; weeks ≥ the shortest action raising k, and ≥ the fractional minimum
        of hours for g divided by ``hours_per_week``. The bounds are the maxima over k.

        >>> from careerfit_opt.model import Action, Catalog, Dimension
        >>> cat = Catalog(name="c", dimensions=[Dimension(id="a", name="A", kind="skill")],
        ...     actions=[Action(id="x", kind="course", title="X", duration_weeks=4,
        ...                     hours_per_week=5, cost=100, gains={"a": 2})])
        >>> ActionIndex.build(cat).estimate({"a": 1.0}, hours_per_week=5)
        Estimate(weeks_lower_bound=4, cost_lower_bound=50.0, unreachable=[])
        """
        weeks = 0
        cost = 0.0
        unreachable: list[str] = []
        for dim_id, gap in shortfall.items():
            if gap <= 0:
                continue
            offers = [o for o in self.offers.get(dim_id, ()) if o.action_id not in excluded_actions]
            if sum(o.gain for o in offers) < gap - 1e-9:
                unreachable.append(dim_id)
                continue
            cost = max(cost, _fractional_min([(o.gain, o.cost) for o in offers], gap))
            dim_weeks = min(o.weeks for o in offers)
            if hours_per_week:
                hours = _fractional_min([(o.gain, o.hours) for o in offers], gap)
                # A tolerance keeps float noise from adding a whole week.
                dim_weeks = max(dim_weeks, math.ceil(hours / hours_per_week - 1e-9))
            weeks = max(weeks, dim_weeks)
        return Estimate(
            weeks_lower_bound=weeks,
            # Rounded down to cents, so it stays a lower bound.
            cost_lower_bound=math.floor(cost * 100 + 1e-6) / 100,
            unreachable=unreachable,
        )
