"""Integer scaling of levels, money and hours for CP-SAT.

CP-SAT works on integers, so levels, money and hours are multiplied by a scale: by default
:data:`SCALE` (hundredths), and per problem the smallest power of ten at which every number of
that quantity is whole (:func:`exact_scale`; ``PlanningProblem.level_scale``, ``money_scale``,
``hours_scale``), so gains of 0.335 + 0.335 + 0.33 add up to exactly 1. Only a number with
more decimals than the largest scale allows is rounded, in the direction that can only make the
model *stricter* than the semantics: what a plan gives (gains, starting levels, the budget, the
weekly capacity) is rounded down, what it must reach or pays (thresholds, requirements, costs,
weekly hours of an action) is rounded up. So the model never claims a level, a budget or an hour the
independent verifier would reject.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

#: Hundredths: levels, money and hours become integers.
SCALE = 100
#: How close to a whole number a scaled value must be to count as exact.
_EXACT = 1e-6


def exact_scale(values: Iterable[float], largest: int = 1_000_000) -> int:
    """The smallest power of ten from :data:`SCALE` up to ``largest`` at which every value is a
    whole number; ``largest`` when there is none (those values are then rounded safely).

    >>> exact_scale([2.5, 1.25]), exact_scale([0.335, 0.33]), exact_scale([1 / 3], 10_000)
    (100, 1000, 10000)
    """
    vals = [v for v in values if v]
    scale = SCALE
    while scale < largest:
        if all(abs(v * scale - round(v * scale)) < _EXACT * max(1.0, abs(v * scale)) for v in vals):
            return scale
        scale *= 10
    return largest


def scale_down(value: float, scale: int = SCALE) -> int:
    """``value`` in hundredths, rounded down unless exact (for what the person *has*).

    >>> scale_down(2.5), scale_down(0.333), scale_down(1.1)
    (250, 33, 110)
    """
    raw = value * scale
    near = round(raw)
    return int(near) if abs(raw - near) < _EXACT else math.floor(raw)


def scale_up(value: float, scale: int = SCALE) -> int:
    """``value`` in hundredths, rounded up unless exact (for what the person *needs*).

    >>> scale_up(4.5), scale_up(0.333), scale_up(-12.345)
    (450, 34, -1234)
    """
    raw = value * scale
    near = round(raw)
    return int(near) if abs(raw - near) < _EXACT else math.ceil(raw)


def scaled_gap(required: float, have: float, scale: int = SCALE) -> int:
    """How far ``have`` is below ``required``, in hundredths, rounded against the plan (the
    requirement up, the level down); negative when already met. The one reading of a gap the
    model, its evaluators and the idle-step check share.

    >>> scaled_gap(3.5, 2.0), scaled_gap(2.0, 2.5)
    (150, -50)
    """
    return scale_up(required, scale) - scale_down(have, scale)


def weight_scale(weights: list[float]) -> int:
    """The smallest factor among 4·10^j that makes every weight an integer (10^6 at most).

    Requirement weights are ``(importance − 1) / 4``; with importances given to two decimals a
    factor of 400 makes them exact integers, so the weighted shortfall keeps its exact order.

    >>> weight_scale([0.5, 0.625]), weight_scale([0.6675])
    (8, 400)
    """
    for factor in (1, 2, 4, 8, 40, 400, 4000, 40000, 400000):
        if all(abs(w * factor - round(w * factor)) < 1e-9 for w in weights):
            return factor
    return 1_000_000
