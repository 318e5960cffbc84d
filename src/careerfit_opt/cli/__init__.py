"""Command-line interface. It holds no logic that the Python API lacks."""

from __future__ import annotations

import os
import sys

import typer
import typer.main

from careerfit_opt.cli import assess as _assess  # noqa: F401  (registers commands)
from careerfit_opt.cli import batch as _batch  # noqa: F401  (registers commands)
from careerfit_opt.cli import bench as _bench  # noqa: F401  (registers commands)
from careerfit_opt.cli import data as _data  # noqa: F401  (registers commands)
from careerfit_opt.cli import evaluate as _evaluate  # noqa: F401  (registers commands)
from careerfit_opt.cli import plan as _plan  # noqa: F401  (registers commands)
from careerfit_opt.cli import recommend as _recommend  # noqa: F401  (registers commands)
from careerfit_opt.cli import report as _report  # noqa: F401  (registers commands)
from careerfit_opt.cli import search as _search  # noqa: F401  (registers commands)
from careerfit_opt.cli import validate as _validate  # noqa: F401  (registers commands)
from careerfit_opt.cli.app import EXIT_BAD_INPUT, EXIT_INTERRUPTED, PROG, app, err
from careerfit_opt.cli.usage import ClickException, UsageError, usage_error_lines
from careerfit_opt.errors import InputError


def _show_usage_error(exc: Exception, argv: list[str] | None) -> int:
    from rich.text import Text

    root = typer.main.get_command(app)
    lines = usage_error_lines(exc, PROG, root, sys.argv[1:] if argv is None else argv)
    err.print(Text(lines[0], style="bold red"))
    for line in lines[1:]:
        err.print(Text(line))
    return EXIT_BAD_INPUT


def main(argv: list[str] | None = None) -> int:
    """Run the ``careerfit`` command and return its exit code (see docs/exit-codes.md).

    Bad input prints one line per problem, a usage error a short message and the usage line,
    both on standard error with exit code 2; never a traceback.
    """
    try:
        # Without standalone mode click returns a command's exit code instead of exiting, and
        # raises usage errors for us to show.
        rc = app(args=argv, prog_name=PROG, standalone_mode=False)
    except InputError as exc:
        from rich.text import Text

        err.print(Text("error", style="bold red"), Text(f": {exc.render()}"), sep="")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # raised by commands that exit with a code of their own
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERRUPTED
    except typer.Exit as exc:  # Typer ≥ 0.26 returns its code; older click raises it
        return int(getattr(exc, "exit_code", 0) or 0)
    except typer.Abort as exc:  # click turns Ctrl-C (and end of input) into Abort
        err.print("interrupted" if isinstance(exc.__context__, KeyboardInterrupt) else "aborted")
        return EXIT_INTERRUPTED if isinstance(exc.__context__, KeyboardInterrupt) else 1
    except UsageError as exc:
        return _show_usage_error(exc, argv)
    except ClickException as exc:
        from rich.text import Text

        err.print(Text(f"error: {exc.format_message()}", style="bold red"))  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    if rc == EXIT_INTERRUPTED:  # Typer ≥ 0.26 turns Ctrl-C into this code itself
        err.print("interrupted")
    return rc if isinstance(rc, int) else 0


def _entry() -> None:
    # The command loads no pydantic plugins: looking them up scans the entry points of every
    # installed package (about 30 ms of each start). Set the variable to enable them anyway.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(main())
