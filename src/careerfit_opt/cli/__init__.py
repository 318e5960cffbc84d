"""Command-line interface. It holds no logic that the Python API lacks.

Each command lives in its own module (``add_arguments``, ``run``); :data:`COMMANDS` lists them
with the one-line summaries ``careerfit --help`` shows, and a command's module is imported only
when it runs (:mod:`careerfit_opt.cli.parsing`).
"""

from __future__ import annotations

import os
import sys

from careerfit_opt.cli.app import EXIT_BAD_INPUT, EXIT_INTERRUPTED, PROG, err
from careerfit_opt.cli.parsing import Command, Group, UsageError
from careerfit_opt.errors import InputError

_M = "careerfit_opt.cli."

#: Every command, in the order ``careerfit --help`` lists them.
COMMANDS = Group(
    PROG,
    "Find work that fits what you are qualified for and what you love, and plan the path.",
    (
        Command("assess", "Build your profile by answering questions and write a scenario file.",
                _M + "assess"),
        Command("batch", "Recommend, then plan the top K (or the target), for every client of a "
                "roster.", _M + "batch"),
        Command("bench", "Plan across named, seeded profile sets: solve time, proven share, gap, "
                "quality against greedy, recommendations per second.", _M + "bench"),
        Command("evaluate", "Score a catalogue's recommendations against expert-judged related "
                "occupations.", _M + "evaluate"),
        Command("report", "Write one report on a scenario: the person, the occupations that fit "
                "and why, the plan (or why none fits), and what it all assumes.", _M + "report"),
        Command("plan", "Plan the steps that qualify the scenario's person for its target "
                "occupation.", _M + "plan"),
        Command("recommend", "Rank occupations by combined qualification and passion fit, with "
                "gaps and estimates.", _M + "recommend"),
        Command("search", "Search occupation titles and alternate titles (exact title first); "
                "use the code in a scenario's profile: {from_occupation: CODE}.", _M + "search"),
        Command("validate", "Check scenario files and the catalogues they name; report every bad "
                "one, then exit 2.", _M + "validate"),
        Command("schema", "Print the JSON Schema of scenario files, for editors that check files "
                "as you type.", _M + "schema"),
        Group("data", "Install and list occupational data (O*NET releases).", (
            Command("onet", "Install an O*NET release so scenarios can name it; without "
                    "options, list the installed.", _M + "data"),
        )),
    ),
)  # fmt: skip


def _print_version() -> None:
    from careerfit_opt import __version__

    print(f"careerfit-opt {__version__}")


def main(argv: list[str] | None = None) -> int:
    """Run the ``careerfit`` command and return its exit code (see docs/exit-codes.md).

    Bad input prints one line per problem, a usage error a short message and the usage line,
    both on standard error with exit code 2; never a traceback.
    """
    try:
        return COMMANDS.run(sys.argv[1:] if argv is None else list(argv), PROG, _print_version)
    except UsageError as exc:
        from rich.text import Text

        lines = exc.lines()
        err.print(Text(lines[0], style="bold red"))
        for line in lines[1:]:
            err.print(Text(line))
        return EXIT_BAD_INPUT
    except InputError as exc:
        from rich.text import Text

        err.print(Text("error", style="bold red"), Text(f": {exc.render()}"), sep="")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # raised by commands that exit with a code of their own
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERRUPTED


def _entry() -> None:
    # The command loads no pydantic plugins: looking them up scans the entry points of every
    # installed package (about 30 ms of each start). Set the variable to enable them anyway.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(main())
