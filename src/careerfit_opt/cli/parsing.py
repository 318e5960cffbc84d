"""The small layer between :mod:`argparse` and the ``careerfit`` commands.

* :class:`Command` and :class:`Group` name the commands with the one-line summaries that
  ``careerfit --help`` lists; a command's module (``USAGE``, ``HELP``, ``add_arguments(parser)``,
  ``run(args) -> exit code``) is imported only when that command runs or shows its own help, so
  ``careerfit validate`` loads no other command.
* :class:`Parser` is an ``ArgumentParser`` whose errors raise :class:`UsageError` (a short
  message, a hint, the usage line; exit 2) instead of printing the whole usage and exiting.
* :func:`integer` and :func:`number` convert option values with the bounds shown in ``--help``.

The standard library only: the command line's start-up is part of every command's run time
(docs/performance.md).
"""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

_NEGATIVE_NUMBER = re.compile(r"^-\d+$|^-\d*\.\d+$")
#: The objectives ``--objective`` takes, for the help of every command that has it (written
#: out: importing the model's ``Objective`` would load pydantic for ``--help``).
OBJECTIVES = "fastest, cheapest, balanced or lexicographic"


class UsageError(Exception):
    """A command line that does not fit the command: a message, a hint and the usage line."""

    def __init__(self, message: str, parser: Parser, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.parser = parser
        self.hint = hint

    def lines(self) -> list[str]:
        """What is wrong, how to fix it (when known), the usage line, where to find help."""
        lines = [f"error: {self.message}"]
        if self.hint:
            lines.append(f"  {self.hint}")
        lines.append(self.parser.format_usage().rstrip("\n"))
        lines.append(f"Try '{self.parser.prog} --help' for help.")
        return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with ``Usage:``, paragraphs kept and ``[default: X]`` after the help
    of an option whose default is a value (not None, False or a list)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=_width())

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Usage: " if prefix is None else prefix)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
        return "\n\n".join(
            super(HelpFormatter, self)._fill_text(p, width, indent) for p in paragraphs
        )

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.required and action.option_strings:
            text += " [required]"
        default = action.default
        if (
            action.option_strings
            and default is not None
            and default is not False  # identity: 0 == False, and a default of 0 is shown
            and default != argparse.SUPPRESS
            and not isinstance(default, list)
            and action.nargs != 0
        ):
            text += " [default: %(default)s]"
        return text


def _width() -> int:
    import shutil

    return min(shutil.get_terminal_size().columns, 100) - 2


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` for one command: usage errors raise :class:`UsageError`."""

    def __init__(self, prog: str, usage: str, description: str | None = None) -> None:
        super().__init__(
            prog=prog,
            usage=f"%(prog)s {usage}",
            description=description,
            formatter_class=HelpFormatter,
            allow_abbrev=False,  # --top is not --t: an abbreviation could change meaning later
            add_help=False,
        )
        self.add_argument("-h", "--help", action="help", help="Show this message and exit.")
        self.argv: Sequence[str] = ()

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        """The command line's values; an unknown option is a usage error before anything else
        (also before a missing argument), a word left over after the arguments too."""
        self.argv = argv
        for token in argv:
            if token == "--":
                break
            if token.startswith("-") and token != "-" and not _NEGATIVE_NUMBER.match(token):
                self._check_option(token)
        args, extra = self.parse_known_args(list(argv))
        if extra:
            raise UsageError(f"Got unexpected extra argument(s) ({' '.join(extra)})", self)
        return args

    def _check_option(self, token: str) -> None:
        name = token.split("=", 1)[0] if token.startswith("--") else token[:2]
        if name in self._option_string_actions:
            return
        import difflib  # only for a mistake: not part of every start

        known = [o for o in self._option_string_actions if o.startswith("--")]
        close = difflib.get_close_matches(name, known)
        more = f" (Possible options: {', '.join(sorted(close))})" if close else ""
        raise UsageError(f"No such option: {name}{more}", self)

    def _action(self, name: str) -> argparse.Action | None:
        for action in self._actions:
            if name in action.option_strings or name in (action.metavar, action.dest):
                return action
        return None

    def _hint(self, action: argparse.Action | None) -> str | None:
        if action is None or not action.help:
            return None
        return f"{_label(action)}: {' '.join(action.help.split())}"

    def error(self, message: str) -> NoReturn:
        """argparse's message, said the way every careerfit usage error says it."""
        required = re.match(r"the following arguments are required: ([^,]+)", message)
        if required is not None:
            action = self._action(required.group(1).split("/")[0])
            if action is not None and action.option_strings:
                names = " / ".join(f"'{o}'" for o in action.option_strings)
                raise UsageError(f"Missing option {names}.", self, self._hint(action))
            name = action.metavar if action is not None else required.group(1)
            raise UsageError(f"Missing argument '{name}'.", self, self._hint(action))
        bad = re.match(r"argument ([^:]+): (.*)$", message, flags=re.S)
        if bad is not None:
            action = self._action(bad.group(1).split("/")[0])
            what = bad.group(2)
            if what.startswith("expected ") and action is not None:
                raise UsageError(
                    f"Option '{_typed(action, self.argv)}' requires an argument.", self
                )
            label = _label(action) if action is not None else bad.group(1)
            quoted = " / ".join(f"'{p}'" for p in label.split(" / "))
            raise UsageError(f"Invalid value for {quoted}: {what}", self, self._hint(action))
        raise UsageError(message[:1].upper() + message[1:], self)


def _label(action: argparse.Action) -> str:
    if action.option_strings:
        return " / ".join(action.option_strings)
    return str(action.metavar or action.dest).upper()


def _typed(action: argparse.Action, argv: Sequence[str]) -> str:
    """The option string the user typed (the first one of ``action`` on the command line)."""
    for token in argv:
        name = token.split("=", 1)[0]
        if name in action.option_strings:
            return name
    return action.option_strings[0]


def integer(lo: int | None = None, hi: int | None = None) -> Callable[[str], int]:
    """An option value type: a whole number from ``lo`` to ``hi`` (each bound optional)."""

    def convert(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a valid integer.") from None
        _bounds(value, lo, hi)
        return value

    convert.__name__ = "integer"
    return convert


def number(text: str) -> float:
    """An option value type: a number (a float)."""
    try:
        return float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid number.") from None


def _bounds(value: int, lo: int | None, hi: int | None) -> None:
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        if lo is not None and hi is not None:
            where = f"{lo}<=x<={hi}"
        else:
            where = f"x>={lo}" if lo is not None else f"x<={hi}"
        raise argparse.ArgumentTypeError(f"{value} is not in the range {where}.")


class _GroupParser(Parser):
    """A group's parser: its help lists the commands with their summaries."""

    commands: tuple[Command | Group, ...] = ()

    def format_help(self) -> str:
        import textwrap

        width = _width()
        column = max(len(c.name) for c in self.commands) + 4
        lines = ["", "commands:"]
        for c in self.commands:
            lines += textwrap.wrap(
                c.summary,
                width,
                initial_indent=f"  {c.name}".ljust(column),
                subsequent_indent=" " * column,
            )
        return super().format_help() + "\n".join(lines) + "\n"


class Command:
    """A command: its name, one-line summary (for the list in ``--help``) and the module that
    defines ``add_arguments(parser)``, ``run(args) -> int`` and ``USAGE`` and ``HELP``."""

    # A plain class, not a dataclass: dataclasses imports inspect (~10 ms), which ``--help``
    # would pay for nothing.
    def __init__(self, name: str, summary: str, module: str) -> None:
        self.name, self.summary, self.module = name, summary, module

    def parser(self, prog: str) -> tuple[Parser, Any]:
        """The command's parser and module (imported now)."""
        module = importlib.import_module(self.module)
        parser = Parser(prog, module.USAGE, module.HELP)
        module.add_arguments(parser)
        return parser, module


class Group:
    """A command whose first word names one of its own ``commands``."""

    def __init__(self, name: str, summary: str, commands: tuple[Command | Group, ...]) -> None:
        self.name, self.summary, self.commands = name, summary, commands

    def parser(self, prog: str, version: bool = False) -> Parser:
        """The group's own parser: ``--help`` (with the list of its commands), ``--version``."""
        parser = _GroupParser(prog, "[OPTIONS] COMMAND [ARGS]...", self.summary)
        parser.commands = self.commands
        if version:
            parser.add_argument("--version", action="store_true", help="Show the version.")
        return parser

    def names(self) -> list[str]:
        """The commands' names, as listed."""
        return [c.name for c in self.commands]

    def run(self, argv: list[str], prog: str, version: Callable[[], None] | None = None) -> int:
        """Run the command ``argv`` names: its options, then its own arguments."""
        parser = self.parser(prog, version=version is not None)
        rest = list(argv)
        while rest and rest[0].startswith("-"):
            token = rest.pop(0)
            if token in ("-h", "--help"):
                parser.print_help()
                return 0
            if token == "--version" and version is not None:
                version()
                return 0
            parser._check_option(token)
        if not rest:
            raise UsageError(
                "Missing command.", parser, f"give a command: {', '.join(self.names())}"
            )
        name, rest = rest[0], rest[1:]
        found = next((c for c in self.commands if c.name == name), None)
        if found is None:
            import difflib

            close = difflib.get_close_matches(name, self.names(), n=1)
            mean = f" Did you mean '{close[0]}'?" if close else ""
            raise UsageError(
                f"No such command '{name}'.{mean}",
                parser,
                f"the commands are: {', '.join(self.names())}",
            )
        if isinstance(found, Group):
            return found.run(rest, f"{prog} {name}")
        sub, module = found.parser(f"{prog} {name}")
        return int(module.run(sub.parse(rest)) or 0)
