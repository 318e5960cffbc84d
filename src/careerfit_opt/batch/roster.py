"""Rosters: the clients of a batch, read from a JSONL file, a folder of scenario files or a CSV.

Every client becomes a :class:`Client`: an id, where it came from (file and line) and *plain
data* — a scenario mapping, plus the current job and target as the roster wrote them. Nothing
is validated against a catalogue here: that happens in the workers, which hold the catalogue,
so a client with bad data gets an error record while the rest of the batch goes on. What is
checked up front is what would make the whole batch wrong: an unreadable roster, unknown CSV
columns and the same id given twice (reported with every line it appears on).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerfit_opt.errors import InputError, Problem
from careerfit_opt.model.catalog import suggest
from careerfit_opt.model.interests import RIASEC_CODES, WORK_VALUE_NAMES

#: Roster files larger than this are refused (a mistake far more often than a real roster).
MAX_ROSTER_BYTES = 2 * 1024**3
#: A JSONL line (one client) longer than this is reported as a bad line, not read into memory:
#: the size cap of one scenario file.
MAX_LINE_BYTES = 20_000_000
_CHUNK = 1 << 20
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SCENARIO_SUFFIXES = (".yaml", ".yml", ".toml", ".json")
#: Keys of a JSONL line or CSV row that belong to the batch, not to the scenario or profile.
BATCH_KEYS = ("id", "current_job")
#: Scenario keys a profile line may carry beside the profile's own (``name`` stays the
#: profile's).
SCENARIO_KEYS = ("catalog", "target", "objective", "scoring", "solver")
#: CSV columns (``level:<dimension id>`` columns come on top; see docs/batch.md).
CSV_COLUMNS = (
    "id",
    "name",
    "current_job",
    "credentials",
    *RIASEC_CODES,
    *WORK_VALUE_NAMES,
    "budget",
    "hours_per_week",
    "horizon_weeks",
    "income_offsets_cost",
    "passion_weight",
    "target",
    "must_meet",
    "top",
    "exclude",
)
LEVEL_PREFIX = "level:"


@dataclass(frozen=True)
class Client:
    """One client of a roster, as plain data that can cross process boundaries.

    ``scenario`` is a scenario mapping (``profile`` and optionally ``catalog``, ``target``,
    ``objective``, ``scoring``, ``solver``); ``current_job`` an occupation id or title whose
    requirements, interests and values give the starting profile; ``problems`` what was already
    found wrong with the line (the worker then records an error without running anything).
    """

    id: str
    #: Line number (JSONL, CSV; 1-based, the CSV header is line 1) or 0 for a scenario file.
    line: int
    #: The roster file, or the scenario file of a folder roster.
    source: str
    #: Directory that relative catalogue paths in ``scenario`` are read from.
    base_dir: str
    scenario: dict[str, Any] = field(default_factory=dict)
    current_job: str | None = None
    problems: tuple[tuple[str, str], ...] = ()
    #: A JSONL line kept as text (parsed again in the worker): a parsed line costs ~10× the
    #: memory, and a 100,000-client roster is held whole by the process that runs the batch.
    raw: str | None = None

    def mapping(self) -> tuple[dict[str, Any], str | None]:
        """The scenario mapping and current job (parsing ``raw`` when the line was kept)."""
        if self.raw is None:
            return self.scenario, self.current_job
        return _scenario_mapping(json.loads(self.raw))

    @property
    def where(self) -> str:
        """``file:line`` (or the file) for messages."""
        return f"{self.source}:{self.line}" if self.line else self.source


@dataclass(frozen=True)
class Roster:
    """The clients of a roster, in roster order."""

    source: str
    clients: list[Client]

    def __len__(self) -> int:
        return len(self.clients)

    def __iter__(self) -> Iterator[Client]:
        return iter(self.clients)


def _text_id(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    return text or None


def _scenario_mapping(data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A JSONL object as a scenario mapping and the current job: a mapping with ``profile`` is
    a scenario; otherwise it is a profile (plus the batch keys and an optional ``target``)."""
    data = dict(data)
    data.pop("id", None)
    current = data.pop("current_job", None)
    job = None if current is None else str(current)
    if "profile" in data:
        return data, job
    scenario: dict[str, Any] = {}
    for key in SCENARIO_KEYS:
        if key in data:
            scenario[key] = data.pop(key)
    scenario["profile"] = data
    return scenario, job


def _default_id(scenario: dict[str, Any], fallback: str) -> str:
    name = _text_id(scenario.get("name"))
    profile = scenario.get("profile")
    if name is None and isinstance(profile, dict):
        name = _text_id(profile.get("name"))
        if name == "anonymous":
            name = None
    return name or fallback


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """The numbered lines of a JSONL roster, read through the bounded reader (regular files
    only: a FIFO or a device is refused before anything blocks on it), the size cap enforced
    while reading; a line longer than :data:`MAX_LINE_BYTES` comes back as ``None`` (and is
    skipped without being held in memory)."""
    from careerfit_opt.io.files import open_regular

    total = 0
    with open_regular(path) as fh:
        number = 0
        while raw := fh.readline(MAX_LINE_BYTES + 1):
            number += 1
            total += len(raw)
            too_long = len(raw) > MAX_LINE_BYTES
            while too_long and not raw.endswith(b"\n") and (raw := fh.readline(_CHUNK)):
                total += len(raw)  # the rest of an overlong line, read and dropped
                if total > MAX_ROSTER_BYTES:
                    break
            if total > MAX_ROSTER_BYTES:
                raise InputError(
                    f"roster larger than {MAX_ROSTER_BYTES / 1024**3:.0f} GiB; split it",
                    source=str(path),
                )
            yield number, None if too_long else raw


def _read_jsonl(path: Path) -> list[Client]:
    clients = []
    base = str(path.parent.resolve())
    for number, raw in _jsonl_lines(path):
        if raw is None:
            msg = (
                f"line longer than {MAX_LINE_BYTES:,} bytes (a client's line is at most the "
                "size of a scenario file)"
            )
            clients.append(_bad(path, number, base, "", msg))
            continue
        try:
            text = raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            clients.append(_bad(path, number, base, "", "line is not UTF-8 text"))
            continue
        if not text:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            clients.append(_bad(path, number, base, "", f"not valid JSON ({exc.msg})"))
            continue
        except RecursionError:  # Python's JSON reader recurses once per level of nesting
            msg = "nested too deeply to read (a client's line is a flat profile or scenario)"
            clients.append(_bad(path, number, base, "", msg))
            continue
        if not isinstance(data, dict):
            clients.append(_bad(path, number, base, "", "expected a JSON object per line"))
            continue
        given = data.get("id")
        ident = _text_id(given)
        if given is not None and ident is None:
            clients.append(_bad(path, number, base, "id", "must be a non-empty string"))
            continue
        if ident is None:
            scenario, _ = _scenario_mapping(data)
            ident = _default_id(scenario, f"line-{number}")
        clients.append(Client(ident, number, str(path), base, raw=text))
    return clients


def _bad(path: Path, number: int, base: str, fld: str, message: str) -> Client:
    return Client(f"line-{number}", number, str(path), base, problems=((fld, message),))


def _read_folder(path: Path) -> list[Client]:
    from careerfit_opt.io.files import read_structured

    files = sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SCENARIO_SUFFIXES
    )
    if not files:
        raise InputError(
            f"no scenario files ({', '.join(SCENARIO_SUFFIXES)}) in this folder", source=str(path)
        )
    clients = []
    for file in files:
        ident = file.relative_to(path).with_suffix("").as_posix()
        base = str(file.parent.resolve())
        try:
            data = read_structured(file)
        except InputError as exc:
            problems = tuple((p.field, p.message) for p in exc.problems)
            clients.append(Client(ident, 0, str(file), base, problems=problems))
            continue
        if not isinstance(data, dict):
            msg = "expected a mapping (a scenario)"
            clients.append(Client(ident, 0, str(file), base, problems=(("", msg),)))
            continue
        scenario, job = _scenario_mapping(data)
        given = _text_id(data.get("id"))
        clients.append(Client(given or ident, 0, str(file), base, scenario, job))
    return clients


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def _csv_row(row: dict[str, str]) -> tuple[dict[str, Any], str | None, list[tuple[str, str]]]:
    """A CSV row as a scenario mapping, its current job and the cells that are wrong."""
    problems: list[tuple[str, str]] = []
    cells = {k: v.strip() for k, v in row.items() if k is not None and v and v.strip()}

    def number(col: str) -> float | None:
        text = cells.get(col)
        if text is None:
            return None
        try:
            return float(text)
        except ValueError:
            problems.append((col, f"expected a number (got {text!r})"))
            return None

    profile: dict[str, Any] = {}
    if "name" in cells:
        profile["name"] = cells["name"]
    levels = {}
    for col in cells:
        if col.startswith(LEVEL_PREFIX):
            value = number(col)
            if value is not None:
                levels[col[len(LEVEL_PREFIX) :].strip()] = value
    if levels:
        profile["levels"] = levels
    if "credentials" in cells:
        profile["credentials"] = _split_list(cells["credentials"])
    interests = {c: number(c) for c in RIASEC_CODES if c in cells}
    if interests:
        missing = [c for c in RIASEC_CODES if c not in interests]
        if missing:
            problems.append(
                (missing[0], f"give all six interest scores or none (missing {', '.join(missing)})")
            )
        else:
            profile["interests"] = interests
    values = {c: number(c) for c in WORK_VALUE_NAMES if c in cells}
    if values:
        profile["work_values"] = values
    limits: dict[str, Any] = {}
    for col in ("budget", "hours_per_week", "horizon_weeks"):
        value = number(col)
        if value is not None:
            limits[col] = int(value) if col == "horizon_weeks" and value.is_integer() else value
    if "income_offsets_cost" in cells:
        flag = cells["income_offsets_cost"].lower()
        if flag in _TRUE | _FALSE:
            limits["income_offsets_cost"] = flag in _TRUE
        else:
            problems.append(("income_offsets_cost", f"expected yes or no (got {flag!r})"))
    if limits:
        profile["limits"] = limits
    prefs: dict[str, Any] = {}
    weight = number("passion_weight")
    if weight is not None:
        prefs["passion_weight"] = weight
    if "exclude" in cells:
        prefs["excluded_occupations"] = _split_list(cells["exclude"])
    if prefs:
        profile["preferences"] = prefs
    scenario: dict[str, Any] = {"profile": profile}
    top = number("top")
    if "must_meet" in cells and "target" not in cells:
        problems.append(("must_meet", "names requirements of a target: give the target column"))
    if "target" in cells and top is not None:
        problems.append(("top", "give a target or a top, not both"))
    elif "target" in cells and "must_meet" in cells:
        scenario["target"] = {
            "occupation": cells["target"],
            "must_meet": _split_list(cells["must_meet"]),
        }
    elif "target" in cells:
        scenario["target"] = cells["target"]
    elif top is not None:
        if top.is_integer():
            scenario["target"] = {"recommend_top": int(top)}
        else:
            problems.append(("top", f"expected a whole number (got {cells['top']!r})"))
    return scenario, cells.get("current_job"), problems


def _read_csv(path: Path) -> list[Client]:
    from careerfit_opt.io.files import read_text

    text = read_text(path, max_bytes=MAX_ROSTER_BYTES)
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [h.strip() if h else "" for h in reader.fieldnames or []]
    if not header:
        raise InputError("empty CSV: the first line must name the columns", source=str(path))
    reader.fieldnames = header
    problems = []
    seen: set[str] = set()
    for col in header:
        if col in seen:
            problems.append(Problem(f"column {col!r}", "appears twice; keep one"))
        seen.add(col)
        if col.startswith(LEVEL_PREFIX):
            if not col[len(LEVEL_PREFIX) :].strip():
                problems.append(Problem(f"column {col!r}", "name the dimension after 'level:'"))
        elif col not in CSV_COLUMNS:
            hint = suggest(col, CSV_COLUMNS)
            problems.append(
                Problem(
                    f"column {col!r}",
                    f"unknown column{hint}; see docs/batch.md for the columns "
                    "(levels are 'level:<dimension id>')",
                )
            )
    if "id" not in header:
        problems.append(Problem("column 'id'", "missing: every row needs a client id"))
    if problems:
        raise InputError(problems, source=str(path))
    clients = []
    base = str(path.parent.resolve())
    for row in reader:
        number = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        if None in row:
            extra: Any = row[None]
            msg = f"row has {len(header) + len(extra)} cells, the header {len(header)}"
            clients.append(_bad(path, number, base, "", msg))
            continue
        ident = _text_id(row.get("id"))
        if ident is None:
            clients.append(_bad(path, number, base, "id", "missing: every row needs a client id"))
            continue
        scenario, job, bad = _csv_row(row)
        scenario["profile"].setdefault("name", ident)
        clients.append(Client(ident, number, str(path), base, scenario, job, tuple(bad)))
    return clients


def check_unique(clients: list[Client], source: str) -> None:
    """Raise :class:`InputError` naming every id given more than once, with its lines."""
    where: dict[str, list[str]] = {}
    for c in clients:
        where.setdefault(c.id, []).append(str(c.line) if c.line else c.source)
    dupes = {k: v for k, v in where.items() if len(v) > 1}
    if dupes:
        problems = [
            Problem(
                f"id {ident!r}",
                f"given {len(lines)} times ({'lines ' if lines[0].isdigit() else ''}"
                f"{', '.join(lines)}); client ids must be unique",
            )
            for ident, lines in dupes.items()
        ]
        raise InputError(problems, source=source)


def read_roster(path: str | Path) -> Roster:
    """Read a roster: a ``.jsonl``/``.ndjson`` file, a ``.csv`` file or a folder of scenarios.

    Raises :class:`InputError` (the CLI's exit 2) for a missing or unreadable roster, unknown
    CSV columns and duplicate ids; a line with bad data becomes a client with ``problems``.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("roster not found", source=str(path))
    if path.is_dir():
        clients = _read_folder(path)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        clients = _read_jsonl(path)
    elif path.suffix.lower() == ".csv":
        clients = _read_csv(path)
    else:
        raise InputError(
            "unknown roster format: use a .jsonl (one profile or scenario per line), a .csv "
            "(one client per row) or a folder of scenario files",
            source=str(path),
        )
    if not clients:
        raise InputError("the roster has no clients", source=str(path))
    check_unique(clients, str(path))
    return Roster(str(path), clients)
