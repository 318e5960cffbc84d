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
EDUCATION = "Education, Training, and Experience"
EDUCATION_CATEGORIES = "Education, Training, and Experience Categories"
TECHNOLOGY = "Technology Skills"
ALTERNATE_TITLES = "Alternate Titles"
ANCHORS = "Level Scale Anchors"
KNOWN_TABLES = (
    OCCUPATION_DATA,
    SKILLS,
    KNOWLEDGE,
    ABILITIES,
    INTERESTS,
    WORK_VALUES,
    JOB_ZONES,
    CONTENT_MODEL,
    EDUCATION,
    EDUCATION_CATEGORIES,
    TECHNOLOGY,
    ALTERNATE_TITLES,
    ANCHORS,
)
#: The file names a table has in the layout O*NET introduced with release 30.3, which split
#: or renamed some tables (Work Values was dropped). Every file found is read, in this order.
RENAMED_TABLES: dict[str, tuple[str, ...]] = {
    SKILLS: ("Essential Skills", "Transferable Skills"),
    INTERESTS: ("Career Interest Types",),
    EDUCATION: ("Education", "Training and Experience"),
    EDUCATION_CATEGORIES: ("Education Categories", "Training and Experience Categories"),
    TECHNOLOGY: ("Software Skills",),
}
#: Every file name the importer looks for: the official names, then the 30.3+ names.
ALL_TABLE_NAMES = (*KNOWN_TABLES, *(n for names in RENAMED_TABLES.values() for n in names))
#: The releases whose table layout is supported, for error messages.
SUPPORTED_LAYOUTS = (
    "the layout of O*NET 23.x–30.2 (text edition or Excel converted to text: Occupation Data, "
    "Skills, Knowledge, Abilities, Interests, Work Values, …; tested on 23.2 and 30.1) and the "
    "renamed tables of 30.3 and later (Essential Skills / Transferable Skills, Career "
    "Interest Types, Education / Training and Experience; no Work Values)"
)
_MISSING = ("", "n/a", "na")


def table_key(name: str) -> str:
    """A file or table name normalised for matching: case, spaces, underscores, dashes, commas
    and the word "and" do not matter.

    >>> table_key("Work Values.txt") == table_key("work_values") == table_key("WORK-VALUES")
    True
    >>> table_key("Education, Training, and Experience") == table_key(
    ...     "education_training_experience.txt")
    True
    """
    stem = name[:-4] if name.lower().endswith(".txt") else name
    words = re.sub(r"[\s_\-,]+", " ", stem).strip().lower().split()
    return " ".join(w for w in words if w != "and")


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


def table_files(found: dict[str, Path], table: str) -> list[Path]:
    """The file(s) of ``table`` among ``found`` (table name → file): its official file, else
    the files of its 30.3+ names.

    >>> [p.name for p in table_files({"Essential Skills": Path("e.txt")}, "Skills")]
    ['e.txt']
    """
    if table in found:
        return [found[table]]
    return [found[name] for name in RENAMED_TABLES.get(table, ()) if name in found]


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
