"""Error types that users can act on.

Every error raised for bad input names *where* (the file, the field path) and *what* is wrong,
so the command-line tool can print one line such as
``scenarios/nurse.yaml: profile.limits.budget: must be ≥ 0 (got -500)`` and exit with code 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: the field path (dotted, may be empty) and a message."""

    field: str
    message: str

    def render(self, source: str | None = None) -> str:
        parts = [p for p in (source, self.field) if p]
        return ": ".join([*parts, self.message])


class CareerfitError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(CareerfitError, ValueError):
    """Bad input: a file, a field or a value the user can fix.

    Examples
    --------
    >>> err = InputError([Problem("profile.limits.budget", "must be ≥ 0 (got -500)")],
    ...                  source="scenarios/nurse.yaml")
    >>> str(err)
    'scenarios/nurse.yaml: profile.limits.budget: must be ≥ 0 (got -500)'
    """

    def __init__(self, problems: Iterable[Problem] | str, source: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems: list[Problem] = list(problems)
        self.source = source
        super().__init__(self.render())

    def render(self) -> str:
        """All problems, one per line, each prefixed with the source file."""
        return "\n".join(p.render(self.source) for p in self.problems)

    def with_prefix(self, prefix: str) -> InputError:
        """The same problems with every field path prefixed by ``prefix``."""
        problems = [
            Problem(".".join(x for x in (prefix, p.field) if x), p.message) for p in self.problems
        ]
        return type(self)(problems, source=self.source)

    def with_source(self, source: str) -> InputError:
        """The same problems attributed to ``source`` unless they already name a file."""
        return type(self)(self.problems, source=self.source or source)


class CatalogError(InputError):
    """A catalogue whose parts do not fit together (unknown ids, duplicates, cycles)."""
