"""The user's own action catalogues: CSV or YAML files of courses, certifications, trial roles.

Columns (CSV header names, or YAML keys; see docs/data.md):

===================  ============================================================
``id``               unique id (letters, digits, ``. _ - : /``) — required
``kind``             ``course``, ``certification``, ``trial_role`` or ``networking`` — required
``title``            display name — required
``provider``         who offers it
``trial_type``       for trial roles: internship, apprenticeship, volunteering, freelance
``duration_weeks``   whole weeks ≥ 1 (alias ``duration``) — required
``hours_per_week``   hours a week (alias ``hours``) — required
``cost``             money paid; negative only for a paid trial role (default 0)
``gains``            ``programming=1.5; writing=0.5`` (dimension=increment)
``requires_levels``  ``programming=2`` (dimension=threshold, judged at the start)
``requires_actions`` ``py101; py102`` (ids of actions that must finish first)
``start_weeks``      ``0; 12; 24`` (cohort start weeks; empty = any week)
``exclusive_group``  actions sharing a group are alternatives: at most one is taken
``interests``        RIASEC letters, ``A; I``
``url``              a link
``notes``            ignored
===================  ============================================================

In YAML the same keys are used, either as a list of mappings or under an ``actions:`` key;
``gains`` and ``requires_levels`` may be mappings and the list columns may be lists. Every bad
row is reported (``file: line N: column: message``); none is dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.io.files import check_tree, load_yaml_bounded, read_text
from careerfit_opt.io.validation import problems_from
from careerfit_opt.model.actions import Action
from careerfit_opt.model.catalog import Hints, suggest

COLUMNS = (
    "id",
    "kind",
    "title",
    "provider",
    "trial_type",
    "duration_weeks",
    "hours_per_week",
    "cost",
    "gains",
    "requires_levels",
    "requires_actions",
    "start_weeks",
    "exclusive_group",
    "interests",
    "url",
)
ALIASES = {"duration": "duration_weeks", "hours": "hours_per_week"}
IGNORED = ("notes",)
_LIST_SEPARATORS = (";", ",")


class _RowError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _split(text: str) -> list[str]:
    for sep in _LIST_SEPARATORS:
        text = text.replace(sep, " ")
    return text.split()


def _levels(value: Any, column: str, dims: Sequence[str], hint: Hints) -> dict[str, float]:
    """``"a=1.5; b=0.5"`` (or a mapping) as a dict; unknown dimensions are errors."""
    if isinstance(value, dict):
        items = [(str(k), v) for k, v in value.items()]
    else:
        items = []
        for part in str(value).replace(",", ";").split(";"):
            if not part.strip():
                continue
            sep = "=" if "=" in part else ":" if ":" in part else None
            if sep is None:
                raise _RowError(column, f"{part.strip()!r} is not dimension=number")
            key, _, num = part.partition(sep)
            items.append((key.strip(), num.strip()))
    out: dict[str, float] = {}
    for key, num in items:
        if key not in dims:
            raise _RowError(column, f"unknown dimension {key!r}{hint(key, dims)}")
        if key in out:
            raise _RowError(column, f"dimension {key!r} is given twice")
        try:
            out[key] = float(num)
        except (TypeError, ValueError):
            raise _RowError(column, f"{key}: expected a number (got {num!r})") from None
    return out


def _words(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return _split(str(value))


def _ints(value: Any, column: str) -> list[int]:
    out: list[int] = []
    for word in _words(value):
        try:
            out.append(int(word))
        except ValueError:
            raise _RowError(column, f"expected whole numbers of weeks (got {word!r})") from None
    return out


def _letters(value: Any, column: str) -> list[str]:
    out = [w.upper() for w in _words(value)]
    bad = [w for w in out if w not in "RIASEC" or len(w) != 1]
    if bad:
        raise _RowError(column, f"expected RIASEC letters such as 'A; I' (got {', '.join(bad)})")
    return out


def _field_parsers(dims: Sequence[str], hint: Hints) -> dict[str, Callable[[Any], Any]]:
    return {
        "gains": lambda v: _levels(v, "gains", dims, hint),
        "requires_levels": lambda v: _levels(v, "requires_levels", dims, hint),
        "requires_actions": _words,
        "start_weeks": lambda v: _ints(v, "start_weeks"),
        "interests": lambda v: _letters(v, "interests"),
    }


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _row_to_action(
    raw: dict[str, Any],
    dims: Sequence[str],
    parsers: dict[str, Callable[[Any], Any]],
    hint: Hints,
) -> tuple[Action | None, list[Problem]]:
    """One row as an action, or the problems with it (field = column name)."""
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        column = ALIASES.get(key, key)
        if column in IGNORED or _empty(value):
            continue
        if column not in COLUMNS:
            problems.append(Problem(key, f"unknown column{hint(key, COLUMNS)}"))
            continue
        try:
            data[column] = parsers[column](value) if column in parsers else value
        except _RowError as exc:
            problems.append(Problem(exc.column, exc.message))
    if problems:
        return None, problems
    try:
        return Action.model_validate(data), []
    except ValidationError as exc:
        out = problems_from(exc, Action)
        # A rule on the whole row (no column) is named after the row itself.
        return None, [Problem(p.field or "row", p.message) for p in out]


def _csv_rows(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _read_csv_rows(reader, source)
    except csv.Error as exc:  # a NUL byte, a quote left open …
        raise InputError(
            f"line {reader.line_num}: not readable as CSV ({exc}); save the file as plain "
            "comma-separated text",
            source,
        ) from None


def _read_csv_rows(reader: Any, source: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError("file is empty (expected a header row)", source) from None
    known = {*COLUMNS, *ALIASES, *IGNORED}
    bad = [
        Problem(f"line 1: {h or '(empty)'}", f"unknown column{suggest(h, COLUMNS)}")
        for h in header
        if h not in known
    ]
    if bad:
        raise InputError(bad, source)
    rows: list[tuple[int, dict[str, Any]]] = []
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        if len(cells) > len(header):
            rows.append((line, {"(row)": f"has {len(cells)} cells but the header {len(header)}"}))
            continue
        rows.append((line, dict(zip(header, cells, strict=False))))
    return rows


def _yaml_rows(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data, node = load_yaml_bounded(text, source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise InputError(f"{where}invalid YAML: {exc.problem or exc}", source) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", source) from None
    except RecursionError:
        raise InputError("nested too deeply to read; flatten the file", source) from None
    except InputError:
        raise
    except ValueError as exc:  # e.g. an integer too long for Python to read
        raise InputError(f"cannot read a value: {exc}", source) from None
    check_tree(data, source)
    items_node = node
    if isinstance(data, dict) and set(data) == {"actions"} and isinstance(node, yaml.MappingNode):
        data = data["actions"]
        items_node = node.value[0][1]
    if not isinstance(data, list) or not isinstance(items_node, yaml.SequenceNode):
        raise InputError("expected a list of actions (or a mapping with one key, actions)", source)
    rows: list[tuple[int, dict[str, Any]]] = []
    for item, item_node in zip(data, items_node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            rows.append((line, {"(row)": "must be a mapping of column to value"}))
        else:
            rows.append((line, {str(k): v for k, v in item.items()}))
    return rows


def load_action_file(
    path: Path, dimension_ids: Sequence[str], lines: dict[str, int] | None = None
) -> list[Action]:
    """The actions of a CSV or YAML file, checked against ``dimension_ids``.

    Raises :class:`InputError` listing every bad row as ``file: line N: column: message``.
    Prerequisites naming actions in other files are checked when the catalogue is assembled.
    ``lines``, when given, receives each action's line number (for messages about the whole).

    >>> load_action_file(Path("courses.csv"), ["programming"])  # doctest: +SKIP
    [Action(id='py101', ...)]
    """
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise InputError(
            f"unknown action file type {suffix or '(no suffix)'!r}; use .csv, .yaml or .yml",
            source,
        )
    text = read_text(path)
    rows = _csv_rows(text, source) if suffix == ".csv" else _yaml_rows(text, source)
    dims = list(dimension_ids)
    hint = Hints()
    parsers = _field_parsers(dims, hint)
    actions: list[Action] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        if "(row)" in raw:
            problems.append(Problem(f"line {line}", raw["(row)"]))
            continue
        action, bad = _row_to_action(raw, dims, parsers, hint)
        problems.extend(Problem(f"line {line}: {p.field}", p.message) for p in bad)
        if action is None:
            continue
        if action.id in first_line:
            problems.append(
                Problem(
                    f"line {line}: id",
                    f"duplicate id {action.id!r} (first on line {first_line[action.id]})",
                )
            )
            continue
        first_line[action.id] = line
        actions.append(action)
    if problems:
        raise InputError(problems, source)
    if not actions:
        raise InputError("holds no actions", source)
    if lines is not None:
        lines.update(first_line)
    return actions
