"""Integer scaling of levels, money and hours for CP-SAT.

CP-SAT works on integers, so levels, money and hours are multiplied by :data:`SCALE` (hundredths).
A number that is a whole number of hundredths (the usual case: catalogues give two decimals)
scales exactly. Any other number is rounded in the direction that can only make the model
*stricter* than the semantics: what a plan gives (gains, starting levels, the budget, the weekly
capacity) is rounded down, what it must reach or pays (thresholds, requirements, costs, weekly
hours of an action) is rounded up. So the model never claims a level, a budget or an hour the
independent verifier would reject.
"""

from __future__ import annotations

import math

#: Hundredths: levels, money and hours become integers.
SCALE = 100
#: How close to a whole number of hundredths a scaled value must be to count as exact.
_EXACT = 1e-6


def scale_down(value: float) -> int:
    """``value`` in hundredths, rounded down unless exact (for what the person *has*).

    >>> scale_down(2.5), scale_down(0.333), scale_down(1.1)
    (250, 33, 110)
    """
    raw = value * SCALE
    near = round(raw)
    return int(near) if abs(raw - near) < _EXACT else math.floor(raw)


def scale_up(value: float) -> int:
    """``value`` in hundredths, rounded up unless exact (for what the person *needs*).

    >>> scale_up(4.5), scale_up(0.333), scale_up(-12.345)
    (450, 34, -1234)
    """
    raw = value * SCALE
    near = round(raw)
    return int(near) if abs(raw - near) < _EXACT else math.ceil(raw)


def scaled_gap(required: float, have: float) -> int:
    """How far ``have`` is below ``required``, in hundredths, rounded against the plan (the
    requirement up, the level down); negative when already met. The one reading of a gap the
    model, its evaluators and the idle-step check share.

    >>> scaled_gap(3.5, 2.0), scaled_gap(2.0, 2.5)
    (150, -50)
    """
    return scale_up(required) - scale_down(have)


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
