"""The numbers careerfit-opt accepts: bounds the planner can represent, and strict number types.

Every number that enters — from a file, a command-line option or a Python argument — is checked
against these bounds once, where it enters, so the solver never meets a value it cannot hold
(CP-SAT works on 64-bit integers of hundredths, see ``planner/scaling.py``). The bounds are
documented for users in docs/reliability.md.

``true`` and ``false`` are not numbers here: YAML and JSON would otherwise let ``budget: true``
be read as 1.

>>> from pydantic import TypeAdapter
>>> TypeAdapter(Money).validate_python(1500)
1500.0
>>> TypeAdapter(Money).validate_python(True)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for ...
...
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

#: Largest amount of money (budget, cost, income of one step): one billion.
MAX_MONEY = 1e9
#: Longest span in weeks (horizon, duration, cohort and booked start weeks): ten years.
MAX_WEEKS = 520
#: Largest level, scale bound, gain or threshold on any dimension (months of experience
#: included); each dimension's own scale is usually far narrower.
MAX_LEVEL = 1e6
#: Fewest hours a week a person can give: the planner counts hundredths of an hour.
MIN_HOURS_PER_WEEK = 0.01
#: Most hours in a week.
MAX_HOURS_PER_WEEK = 168.0
#: Seeds (solver and generators): 0 ≤ seed < 2³¹, what CP-SAT's random seed holds.
MAX_SEED = 2**31 - 1
#: Solver workers.
MAX_WORKERS = 64
#: Longest time limit of one run, seconds.
MAX_TIME_LIMIT_S = 3600.0
#: Most recommendations a scenario may ask to plan for.
MAX_RECOMMEND_TOP = 100
#: Most synthetic actions a scenario may ask for.
MAX_SYNTHETIC_ACTIONS = 100_000


def _no_bool(value: Any) -> Any:
    """Reject ``True``/``False`` where a number is expected (``bool`` is an ``int`` in Python)."""
    if isinstance(value, bool):
        raise ValueError(f"must be a number, not {str(value).lower()}")
    return value


def _whole(value: Any) -> Any:
    """Reject a bool, and a float that is not a finite whole number, before int parsing."""
    value = _no_bool(value)
    if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
        raise ValueError(f"must be a whole number (got {value:g})")
    return value


NO_BOOL = BeforeValidator(_no_bool)
WHOLE = BeforeValidator(_whole)


# Bounds come before the bool check, so the JSON Schema keeps its minimum and maximum.
#: A finite float that refuses ``true``/``false``.
StrictFloat = Annotated[float, Field(allow_inf_nan=False), NO_BOOL]
#: An int that refuses ``true``/``false`` and fractional floats.
StrictInt = Annotated[int, WHOLE]

Money = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_MONEY, le=MAX_MONEY), NO_BOOL]
NonNegativeMoney = Annotated[float, Field(allow_inf_nan=False, ge=0.0, le=MAX_MONEY), NO_BOOL]
Level = Annotated[float, Field(allow_inf_nan=False, ge=0.0, le=MAX_LEVEL), NO_BOOL]
Gain = Annotated[float, Field(allow_inf_nan=False, gt=0.0, le=MAX_LEVEL), NO_BOOL]
ScaleBound = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_LEVEL, le=MAX_LEVEL), NO_BOOL]
Week = Annotated[int, Field(ge=0, le=MAX_WEEKS), WHOLE]
Weeks = Annotated[int, Field(ge=1, le=MAX_WEEKS), WHOLE]
Hours = Annotated[
    float, Field(allow_inf_nan=False, ge=MIN_HOURS_PER_WEEK, le=MAX_HOURS_PER_WEEK), NO_BOOL
]
Seed = Annotated[int, Field(ge=0, le=MAX_SEED), WHOLE]
Workers = Annotated[int, Field(ge=1, le=MAX_WORKERS), WHOLE]
TimeLimit = Annotated[float, Field(allow_inf_nan=False, gt=0.0, le=MAX_TIME_LIMIT_S), NO_BOOL]
