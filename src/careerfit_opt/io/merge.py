"""Adding actions from several files to a catalogue, with errors that name file and line.

A catalogue is checked as a whole (duplicate ids, unknown prerequisites, prerequisite cycles).
When its actions come from several files, a problem is reported against the file and line the
action came from — the same message a single file gets — never as a raw validation error or an
index into the merged list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from careerfit_opt.errors import CatalogError, InputError, Problem
from careerfit_opt.model.actions import Action
from careerfit_opt.model.catalog import Catalog

_INDEXED = re.compile(r"^actions\[(\d+)\]\.?(.*)$")


@dataclass
class ActionPart:
    """Actions from one source: a file (with each action's line) or a generator."""

    source: str
    actions: list[Action]
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, action_id: str) -> str:
        """``file: line N`` (or just the source) for an action of this part."""
        line = self.lines.get(action_id)
        return f"{self.source}: line {line}" if line else self.source


def merge_actions(catalog: Catalog, parts: list[ActionPart], base_source: str) -> Catalog:
    """``catalog`` with the actions of ``parts`` added, checked as a whole.

    Raises :class:`CatalogError` whose problems name the file and line of each action involved.
    """
    origin: list[tuple[ActionPart | None, Action]] = [(None, a) for a in catalog.actions]
    for part in parts:
        origin.extend((part, a) for a in part.actions)

    def where(index: int) -> str:
        part, action = origin[index]
        return part.where(action.id) if part else f"{base_source}: actions[{index}]"

    problems: list[Problem] = []
    first: dict[str, int] = {}
    for i, (_, action) in enumerate(origin):
        if action.id in first:
            problems.append(
                Problem(
                    f"{where(i)}: id",
                    f"duplicate id {action.id!r} (also {where(first[action.id])}); ids must be "
                    "unique across the catalogue and its action files",
                )
            )
        else:
            first[action.id] = i
    if problems:
        raise CatalogError(problems)
    try:
        return catalog.with_actions([a for p in parts for a in p.actions])
    except InputError as exc:
        raise CatalogError([_locate(p, where, first) for p in exc.problems]) from None


def _locate(problem: Problem, where: Callable[[int], str], first: dict[str, int]) -> Problem:
    """A whole-catalogue problem moved to the file and line of the action it is about."""
    match = _INDEXED.match(problem.field)
    if match:
        rest = match.group(2)
        return Problem(
            f"{where(int(match.group(1)))}" + (f": {rest}" if rest else ""), problem.message
        )
    if problem.message.startswith("prerequisite cycle:"):
        ids = [i for i in re.findall(r"[^\s→:]+", problem.message.split(":", 1)[1]) if i in first]
        places = "; ".join(dict.fromkeys(f"{i!r} in {where(first[i])}" for i in ids))
        return Problem(problem.field, f"{problem.message} — {places}")
    return problem
