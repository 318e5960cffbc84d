"""Reading tables of related occupations: O*NET's Related Occupations (30.x, with tiers), its
Career Changers Matrix (23.x), or a user's own transitions CSV (source, target).

The layout is recognised from the header row (docs/evaluation.md). Tab- or comma-delimited,
UTF-8, one header row.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.io.files import read_text
from careerfit_opt.model.evaluation import RelatedFormat, RelatedTable

__all__ = ["LAYOUTS", "TIERS", "RelatedTable", "load_related", "parse_related"]

#: Columns that identify each layout (compared case-insensitively, spaces trimmed).
LAYOUTS: dict[RelatedFormat, tuple[str, ...]] = {
    "related-occupations": ("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier",
                            "Index"),
    "career-changers": ("O*NET-SOC Code", "Related O*NET-SOC Code", "Index"),
    "transitions": ("source", "target"),
}  # fmt: skip
TIERS = ("Primary-Short", "Primary-Long", "Supplemental")


def _layout(header: list[str]) -> RelatedFormat | None:
    names = {h.strip().lower() for h in header}
    for fmt, cols in LAYOUTS.items():
        if all(c.lower() in names for c in cols):
            return fmt
    return None


def parse_related(text: str, source: str = "<related>") -> RelatedTable:
    """A :class:`RelatedTable` from the text of a table; :class:`InputError` naming the line
    and column when something is wrong.

    >>> t = parse_related("source,target\\nA,B\\nA,C\\nB,A\\n")
    >>> t.format, t.links
    ('transitions', {'A': ('B', 'C'), 'B': ('A',)})
    """
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a NUL byte, an unclosed quote at the end …
        raise InputError(
            [Problem(f"line {reader.line_num}", f"not readable as CSV ({exc}); save the table as "
                     "plain comma- or tab-delimited text")],
            source=source,
        ) from None  # fmt: skip
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InputError("the table is empty", source=source)
    header = [h.strip() for h in rows[0]]
    fmt = _layout(header)
    if fmt is None:
        wanted = "; ".join(", ".join(c) for c in LAYOUTS.values())
        raise InputError(
            [Problem("header", f"columns {', '.join(header)!s} match no known layout; expected "
                     f"one of: {wanted} (tab- or comma-delimited)")],
            source=source,
        )  # fmt: skip
    col = {h.lower(): i for i, h in enumerate(header)}
    src_i, dst_i = (
        (col["source"], col["target"])
        if fmt == "transitions"
        else (col["o*net-soc code"], col["related o*net-soc code"])
    )
    tier_i = col.get("relatedness tier") if fmt == "related-occupations" else None
    index_i = col.get("index") if fmt != "transitions" else None
    problems: list[Problem] = []
    ranked: dict[str, list[tuple[float, int, str]]] = {}
    tiers: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(Problem(f"line {line}", f"has {len(row)} columns, the header "
                                    f"{len(header)}"))  # fmt: skip
            continue
        a, b = row[src_i].strip(), row[dst_i].strip()
        if not a or not b:
            name = header[src_i] if not a else header[dst_i]
            problems.append(Problem(f"line {line}.{name}", "is empty"))
            continue
        if a == b:
            problems.append(Problem(f"line {line}", f"links {a!r} to itself"))
            continue
        order = float(line)
        if index_i is not None:
            try:
                order = float(row[index_i])
            except ValueError:
                problems.append(Problem(f"line {line}.{header[index_i]}",
                                        f"{row[index_i]!r} is not a number"))  # fmt: skip
                continue
        if tier_i is not None:
            tier = row[tier_i].strip()
            if tier not in TIERS:
                problems.append(Problem(f"line {line}.{header[tier_i]}",
                                        f"{tier!r} is not one of {', '.join(TIERS)}"))  # fmt: skip
                continue
            tiers.setdefault(a, {})[b] = tier
        if any(t == b for *_, t in ranked.get(a, [])):
            problems.append(Problem(f"line {line}", f"repeats the link {a} → {b}"))
            continue
        ranked.setdefault(a, []).append((order, line, b))
        if len(problems) >= 20:
            break
    if problems:
        raise InputError(problems, source=source)
    if not ranked:
        raise InputError("the table has a header but no rows", source=source)
    links = {a: tuple(b for *_, b in sorted(v)) for a, v in ranked.items()}
    return RelatedTable(name=Path(source).name, format=fmt, links=links, tiers=tiers)


def load_related(path: str | Path) -> RelatedTable:
    """Read a related-occupations table file (see :func:`parse_related`)."""
    path = Path(path)
    return parse_related(read_text(path), source=str(path))
