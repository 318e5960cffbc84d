"""Command-line interface. It holds no logic that the Python API lacks."""

from __future__ import annotations

import sys

from careerfit_opt.cli import data as _data  # noqa: F401  (registers commands)
from careerfit_opt.cli import plan as _plan  # noqa: F401  (registers commands)
from careerfit_opt.cli import recommend as _recommend  # noqa: F401  (registers commands)
from careerfit_opt.cli import validate as _validate  # noqa: F401  (registers commands)
from careerfit_opt.cli.app import EXIT_BAD_INPUT, app, err
from careerfit_opt.errors import InputError


def main(argv: list[str] | None = None) -> int:
    """Run the ``careerfit`` command; bad input prints one line per problem and exits 2."""
    try:
        # Without standalone mode click returns a command's exit code instead of exiting.
        rc = app(args=argv, standalone_mode=False)
    except InputError as exc:
        err.print(f"[bold red]error[/]: {exc.render()}", markup=True, highlight=False)
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # typer.Exit inside commands
        return int(exc.code or 0)
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    except Exception as exc:
        import click

        if isinstance(exc, click.exceptions.Abort):
            return 1
        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Exit):
            return exc.exit_code
        raise
    return rc if isinstance(rc, int) else 0


def _entry() -> None:
    sys.exit(main())
