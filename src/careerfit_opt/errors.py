"""Error types that users can act on.

Every error raised for bad input names *where* (the file, the field path) and *what* is wrong,
so the command-line tool can print one line such as
``scenarios/nurse.yaml: profile.limits.budget: must be ≥ 0 (got -500)`` and exit with code 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Most problems an error message shows; the rest are counted ("… and 12 more problems").
#: Costly hints (did-you-mean suggestions) are computed only for the problems shown.
MAX_SHOWN_PROBLEMS = 20

#: A run of characters without a space longer than this (a pasted blob used as a key, a
#: 100,000-character dimension name) is shown by its start and its length: an error message
#: must stay readable, and a batch's error record must not grow by the size of the blob.
LONGEST_WORD_SHOWN = 500
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD_SHOWN + 1},}}")


def _shortened(text: str) -> str:
    """``text`` with every overlong word cut to its first 80 characters and its length.

    >>> _shortened("unknown dimension '" + "x" * 1000 + "'")[-30:]
    'xxxxxxxxxx… (1,002 characters)'
    """
    if len(text) <= LONGEST_WORD_SHOWN:
        return text
    return _LONG_WORD.sub(lambda m: f"{m.group()[:80]}… ({len(m.group()):,} characters)", text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: the field path (dotted, may be empty) and a message.

    A word (a run without spaces) of more than :data:`LONGEST_WORD_SHOWN` characters in either is
    kept as its first 80 characters and its length.
    """

    field: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", _shortened(self.field))
        object.__setattr__(self, "message", _shortened(self.message))

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

    def render(self, limit: int | None = MAX_SHOWN_PROBLEMS) -> str:
        """The problems, one per line, each prefixed with the source file; at most ``limit``
        lines (``None``: all) and a count of the rest. :attr:`problems` always holds them all.

        >>> err = InputError([Problem(f"x{i}", "bad") for i in range(25)], source="f.yaml")
        >>> err.render().splitlines()[-1]
        'f.yaml: … and 5 more problems (fix the ones above and run again)'
        """
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [p.render(self.source) for p in shown]
        rest = len(self.problems) - len(shown)
        if rest:
            lines.append(
                Problem(
                    "",
                    f"… and {rest} more problem{'s' if rest != 1 else ''} "
                    "(fix the ones above and run again)",
                ).render(self.source)
            )
        return "\n".join(lines)

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


class ArgumentError(InputError, TypeError):
    """A Python API argument of the wrong type or outside its documented range.

    It is an :class:`InputError` (field = the argument's name) and, for code that checks
    argument types the usual way, also a :class:`TypeError`.

    >>> err = ArgumentError([Problem("seed", "must be ≤ 2147483647 (got 4294967296)")])
    >>> isinstance(err, InputError), isinstance(err, TypeError)
    (True, True)
    """
