"""Usage errors (unknown option or command, missing or bad argument) as a short message, exit 2.

Typer up to 0.25 raises click's exceptions; from 0.26 on it raises those of its own copy of
click (``typer._click``), and no longer installs click. Both are reached through
``typer.BadParameter``, which every Typer version exports, so the command line neither imports
click nor depends on which of the two a given Typer uses.
"""

from __future__ import annotations

import difflib
import re
import sys
from typing import Any

import typer

_EXCEPTIONS = sys.modules[typer.BadParameter.__module__]
#: Base class of the errors click (or Typer's copy of it) shows to the user with an exit code.
ClickException: type[Exception] = _EXCEPTIONS.ClickException
#: A command line that does not fit the command: always exit code 2.
UsageError: type[Exception] = _EXCEPTIONS.UsageError

#: Exit code of every usage error (and of bad input files).
EXIT_USAGE = 2

_NO_SUCH_COMMAND = re.compile(r"No such command '([^']*)'")


def _commands(ctx: Any) -> list[str]:
    command = getattr(ctx, "command", None)
    if command is None or not hasattr(command, "list_commands"):
        return []
    return [
        name
        for name in command.list_commands(ctx)
        if not getattr(command.get_command(ctx, name), "hidden", False)
    ]


def _hint(exc: Exception, message: str, ctx: Any) -> str | None:
    """A line that says how to fix the error, when the message itself does not."""
    commands = _commands(ctx)
    if message.rstrip(".") == "Missing command":
        return f"give a command: {', '.join(commands)}" if commands else None
    unknown = _NO_SUCH_COMMAND.search(message)
    if unknown is not None:
        close = difflib.get_close_matches(unknown.group(1), commands, n=1)
        if close and close[0] not in message:
            return f"did you mean '{close[0]}'? The commands are: {', '.join(commands)}"
        return f"the commands are: {', '.join(commands)}"
    param = getattr(exc, "param", None)
    help_text = getattr(param, "help", None)
    if param is not None and help_text:
        opts = getattr(param, "opts", None) or [getattr(param, "name", "")]
        name = " / ".join(opts) if getattr(param, "param_type_name", "") == "option" else None
        shown = getattr(param, "metavar", None) or getattr(param, "human_readable_name", "")
        label = name or str(shown or opts[0]).upper()
        return f"{label}: {' '.join(str(help_text).split())}"
    return None


def _context_for(root: Any, argv: list[str], prog: str) -> Any:
    """A click context for the (sub)command the command line names, for its usage line."""
    ctx = root.context_class(root, info_name=prog)
    command = root
    for token in argv:
        if token.startswith("-"):
            continue
        sub = getattr(command, "commands", {}).get(token)
        if sub is None:
            break
        ctx = sub.context_class(sub, info_name=token, parent=ctx)
        command = sub
    return ctx


def usage_error_lines(exc: Exception, prog: str, root: Any, argv: list[str]) -> list[str]:
    """The lines shown for a usage error: what is wrong, how to fix it, the usage line.

    ``root`` is the application's click command and ``argv`` the command line: they give the
    usage line when the error does not name the command it belongs to.
    """
    ctx = getattr(exc, "ctx", None) or _context_for(root, argv, prog)
    message = " ".join(str(exc.format_message()).split())  # type: ignore[attr-defined]
    # Some Typer and click versions both add the same suggestion.
    message = re.sub(r"(Did you mean [^?]*\?)( \1)+", r"\1", message)
    if type(exc).__name__ == "NoArgsIsHelpError":  # a group set up to show its help when bare
        message = "Missing command."
    lines = [f"error: {message}"]
    hint = _hint(exc, message, ctx)
    if hint:
        lines.append(f"  {hint}")
    lines.append(ctx.get_usage())
    lines.append(f"Try '{ctx.command_path or prog} --help' for help.")
    return lines
