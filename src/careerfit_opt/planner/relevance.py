"""Relevance: whether a step belongs to the target's own field.

A counsellor hands over steps from the target's field: a design course for a graphic designer,
not Python; an electrical apprenticeship for an electrician, not a photographer's assistant role.
Among plans equally good on the user's objective the planner prefers related steps (the
``unrelated_steps`` objective level, docs/planning.md §4).

A step is **related** to a target occupation as follows (a target without a family is judged by
rule 2 alone):

1. a step that adds experience or contacts (``experience_<family>``, ``network_<family>``)
   belongs to those families: it is related exactly when the target's family is one of them;
2. any other step (most courses and certifications) is related when at least half of what it
   teaches lands on the target's important requirements (weight > 0): its gains, each divided
   by its dimension's scale span so that levels, months, contacts and credentials weigh alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from careerfit_opt.model.actions import Action
from careerfit_opt.model.dimensions import Dimension, DimensionKind

#: Share of a step's (scale-normalised) gain that must land on the target's requirements.
MIN_ON_TARGET = 0.5
_FIELD_KINDS = {DimensionKind.EXPERIENCE: "experience_", DimensionKind.NETWORK: "network_"}


def action_fields(action: Action, dims: Mapping[str, Dimension]) -> set[str]:
    """The families of the experience and network dimensions ``action`` adds to.

    >>> d = {"experience_design": Dimension(id="experience_design", name="x", kind="experience")}
    >>> a = Action(id="a", kind="trial_role", title="A", duration_weeks=4, hours_per_week=5,
    ...            gains={"experience_design": 1.0})
    >>> action_fields(a, d)
    {'design'}
    """
    out = set()
    for k in action.gains:
        dim = dims.get(k)
        prefix = _FIELD_KINDS.get(dim.kind) if dim is not None else None
        if prefix and k.startswith(prefix):
            out.add(k[len(prefix) :])
    return out


def is_related(
    action: Action,
    family: str | None,
    important: Mapping[str, float],
    dims: Mapping[str, Dimension],
) -> bool:
    """Whether ``action`` is related to a target of ``family`` whose important requirements
    (weight > 0) are the keys of ``important``; see the module docstring."""
    fields = action_fields(action, dims)
    if fields and family is not None:
        return family in fields
    total = on_target = 0.0
    for k, g in action.gains.items():
        dim = dims.get(k)
        if dim is None:
            continue
        share = min(g, dim.hi - dim.lo) / (dim.hi - dim.lo)
        total += share
        if important.get(k, 0.0) > 0:
            on_target += share
    return total == 0 or on_target >= MIN_ON_TARGET * total
