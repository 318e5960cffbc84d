"""What every ``careerfit`` command shares: its name, the consoles it prints on, its exit codes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console

#: The command's name in messages, whatever the program was started as.
PROG = "careerfit"


class _LazyConsole:
    """A rich ``Console`` made on first use: rich costs ~30 ms of start-up, and a command that
    prints plain lines (``validate``, ``schema``) or only ``--help`` need not load it."""

    def __init__(self, make: Any) -> None:
        self._make = make
        self._console: Console | None = None

    def _get(self) -> Console:
        if self._console is None:
            self._console = self._make()
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    # rich's Live and Progress use the console as a context manager (output buffering); special
    # methods are looked up on the type, so they are forwarded here.
    def __enter__(self) -> Console:
        return self._get().__enter__()

    def __exit__(self, *exc: object) -> None:
        self._get().__exit__(*exc)


def _stdout_console() -> Console:
    from rich.console import Console

    return Console(
        highlight=False,
        emoji=False,
        soft_wrap=True,
        width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120,
    )


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)


#: Results go to standard output, messages and errors to standard error. Output to a file or
#: pipe is laid out 120 columns wide (rich would pick 80), so tables do not wrap every cell.
out = cast("Console", _LazyConsole(_stdout_console))
err = cast("Console", _LazyConsole(_stderr_console))

#: Exit codes shared by every subcommand (docs/exit-codes.md).
EXIT_OK = 0
EXIT_NO_PLAN = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
#: ``careerfit plan``: a plan exists, but the best one within the limits leaves the target
#: unmet (the catalogue cannot close a gap, or the limits keep the steps out).
EXIT_TARGET_UNMET = 3
