"""Finding and reading O*NET tables: tab-delimited text, columns chosen by header name.

Both the official text release (``Skills.txt``, ``n/a`` in empty cells) and conversions of the
Excel edition (``skills.txt``, extra ``Title`` and ``Scale Name`` columns, empty cells) read
the same way: file names match case-insensitively with spaces or underscores, only the columns
asked for are kept, and ``n/a`` or an empty cell both read as ``None``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from careerfit_opt.errors import InputError, Problem

#: The tables the importer reads, by their official names.
OCCUPATION_DATA = "Occupation Data"
SKILLS = "Skills"
KNOWLEDGE = "Knowledge"
ABILITIES = "Abilities"
INTERESTS = "Interests"
WORK_VALUES = "Work Values"
JOB_ZONES = "Job Zones"
CONTENT_MODEL = "Content Model Reference"
KNOWN_TABLES = (
    OCCUPATION_DATA,
    SKILLS,
    KNOWLEDGE,
    ABILITIES,
    INTERESTS,
    WORK_VALUES,
    JOB_ZONES,
    CONTENT_MODEL,
)
_MISSING = ("", "n/a", "na")


def table_key(name: str) -> str:
    """A file or table name normalised for matching.

    >>> table_key("Work Values.txt") == table_key("work_values") == table_key("WORK-VALUES")
    True
    """
    stem = name[:-4] if name.lower().endswith(".txt") else name
    return re.sub(r"[\s_\-]+", " ", stem).strip().lower()


def find_table(directory: Path, table: str) -> Path | None:
    """The ``.txt`` file of ``table`` in ``directory`` (``None`` when absent).

    Two files matching the same table (e.g. ``Skills.txt`` and ``skills.txt``) are an error,
    because silently picking one could load stale data.
    """
    want = table_key(table)
    hits = sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() == ".txt" and table_key(p.name) == want
    )
    if len(hits) > 1:
        names = ", ".join(p.name for p in hits)
        raise InputError(f"two files for the {table} table ({names}); keep one", str(directory))
    return hits[0] if hits else None


def cell(value: str) -> str | None:
    """A cell's text, or ``None`` when empty or ``n/a`` (the two editions' ways of saying none).

    >>> cell(" 4.12 "), cell("n/a"), cell("")
    ('4.12', None, None)
    """
    text = value.strip()
    return None if text.lower() in _MISSING else text


@dataclass(frozen=True)
class Row:
    """One data row: its line number in the file and the cells of the requested columns."""

    line: int
    cells: tuple[str | None, ...]


def read_table(path: Path, required: Sequence[str], optional: Sequence[str] = ()) -> Iterator[Row]:
    """Rows of ``path`` with the ``required`` and ``optional`` columns, in that order.

    Columns are matched by header name (case and surrounding spaces ignored); other columns are
    ignored. A missing required column is an :class:`InputError` naming the file and the
    columns it has; a missing optional column reads as ``None`` in every row.
    """
    source = str(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("file is empty (no header row)", source) from None
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text; save the file as UTF-8", source) from None
        index = {h.strip().lower(): i for i, h in enumerate(header)}
        missing = [c for c in required if c.lower() not in index]
        if missing:
            has = ", ".join(h.strip() for h in header)
            problems = [
                Problem("header", f"missing column {c!r}; the file has: {has}") for c in missing
            ]
            raise InputError(problems, source)
        picks = [index.get(c.lower()) for c in (*required, *optional)]
        width = len(header)
        try:
            for number, raw in enumerate(reader, start=2):
                if not raw or (len(raw) == 1 and not raw[0].strip()):
                    continue  # a blank line, e.g. at the end of the file
                if len(raw) < width:
                    raw = raw + [""] * (width - len(raw))
                yield Row(number, tuple(None if i is None else cell(raw[i]) for i in picks))
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text; save the file as UTF-8", source) from None


def number(text: str | None, path: Path, row: Row, column: str) -> float:
    """``text`` as a float, or an :class:`InputError` naming the file, line and column."""
    try:
        if text is None:
            raise ValueError
        return float(text)
    except ValueError:
        raise InputError(
            f"line {row.line}: {column}: expected a number (got {text or 'nothing'!r})", str(path)
        ) from None
