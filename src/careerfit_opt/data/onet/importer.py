"""Importing an O*NET release directory into a :class:`~careerfit_opt.model.catalog.Catalog`.

Tables read (by header name, see :mod:`careerfit_opt.data.onet.tables`): Occupation Data and
Skills (required); Knowledge, Abilities, Interests, Work Values, Job Zones, Content Model
Reference, Education, Training, and Experience (with its Categories), Technology Skills,
Alternate Titles and Level Scale Anchors when present. The renamed tables of O*NET 30.3 and
later (Essential/Transferable Skills, Career Interest Types, Education / Training and
Experience) are read in place of the old ones.

Rules (documented in docs/data.md, counted in ``Catalog.metadata``):

* A requirement is a (Level ``LV``, Importance ``IM``) pair for one element; an element with
  only one of the two is left out (``incomplete_pairs``).
* ``Not Relevant = Y`` (given on LV rows): most raters judged the element not important for the
  job, so the level the others gave is not a level the job asks for. The requirement is kept
  with **level 0** and its importance (which is near 1, so it weighs nothing at the default
  importance threshold): "not needed", which is what O*NET says, rather than "unknown".
* ``Recommend Suppress = Y``: O*NET flags the estimate as imprecise (few raters or a large
  standard error). The value is **kept** — it is still the best estimate there is, and dropping
  the requirement would read as "not required at all", a stronger and less accurate claim —
  and the rows, the occupations they touch and how many of them carry weight are counted.
* Occupations with no skill ratings are left out of the catalogue (they cannot be scored on
  qualifications) and counted (``occupations_without_skills``).
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from careerfit_opt.data.onet.attribution import attribution_text
from careerfit_opt.data.onet.cache import load_cached, save_cached, source_key
from careerfit_opt.data.onet.compiled import CompiledOnet, FloatArray
from careerfit_opt.data.onet.tables import (
    ABILITIES,
    ALL_TABLE_NAMES,
    ALTERNATE_TITLES,
    ANCHORS,
    CONTENT_MODEL,
    EDUCATION,
    EDUCATION_CATEGORIES,
    INTERESTS,
    JOB_ZONES,
    KNOWLEDGE,
    OCCUPATION_DATA,
    RENAMED_TABLES,
    SKILLS,
    SUPPORTED_LAYOUTS,
    TECHNOLOGY,
    WORK_VALUES,
    Row,
    find_table,
    number,
    read_table,
    table_files,
)
from careerfit_opt.errors import InputError
from careerfit_opt.model.base import slug
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension, DimensionKind
from careerfit_opt.model.education import (
    EDUCATION_CATEGORIES as RL_NAMES,
)
from careerfit_opt.model.education import (
    EXPERIENCE_CATEGORIES as RW_NAMES,
)
from careerfit_opt.model.education import (
    EducationProfile,
    ExperienceProfile,
)
from careerfit_opt.model.interests import RIASEC_CODES, WORK_VALUE_NAMES, Riasec, WorkValues
from careerfit_opt.model.occupations import DEFAULT_IMPORTANCE_THRESHOLD, Occupation, Requirement

CODE = "O*NET-SOC Code"
#: The element tables, the dimension kind each gives and the prefix of its dimension ids.
ELEMENT_TABLES: tuple[tuple[str, DimensionKind, str], ...] = (
    (SKILLS, DimensionKind.SKILL, ""),
    (KNOWLEDGE, DimensionKind.KNOWLEDGE, "knowledge_"),
    (ABILITIES, DimensionKind.ABILITY, "ability_"),
)
#: Element ids of the six RIASEC interests (OI scale) and six work values (EX scale).
RIASEC_ELEMENTS = {f"1.B.1.{c}": i for i, c in enumerate("abcdef")}
WORK_VALUE_ELEMENTS = {f"1.B.2.{c}": i for i, c in enumerate("abcdef")}
#: Where the name of a release may be written down.
RELEASE_MARKER = "careerfit-release.txt"
_SCALES = {"LV": (0.0, 7.0), "IM": (1.0, 5.0), "OI": (1.0, 7.0), "EX": (1.0, 7.0)}
_RELEASE_IN_NAME = re.compile(r"(?:^|[^0-9])(\d{2})[._](\d|x)(?:[^0-9]|$)", re.IGNORECASE)
_RELEASE_IN_TEXT = re.compile(r"O\*NET(?:®)?\s+(\d{2}\.(?:\d|x))\s+Database", re.IGNORECASE)


def element_sort_key(element_id: str) -> tuple[tuple[int, int | str], ...]:
    """Content-model order: numbers compare as numbers (``2.B.10`` after ``2.B.9``).

    >>> sorted(["2.B.10.a", "2.B.9.a", "2.A.1.a"], key=element_sort_key)
    ['2.A.1.a', '2.B.9.a', '2.B.10.a']
    """
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in element_id.split("."))


def detect_release(directory: Path) -> str:
    """The O*NET release of ``directory`` (e.g. ``23.2``), or ``unknown``.

    Looked for in order: the marker file written by ``careerfit data onet``, the directory
    name (``db_23_2_text``, ``23.2``), then a read-me file naming ``O*NET 23.2 Database``.
    """
    marker = directory / RELEASE_MARKER
    if marker.is_file():
        text = marker.read_text(encoding="utf-8").strip()
        if text:
            return text
    match = _RELEASE_IN_NAME.search(directory.name)
    if match:
        return f"{match[1]}.{match[2]}"
    for child in sorted(directory.iterdir()):
        if child.is_file() and child.stem.lower().replace(" ", "") in ("readme", "read_me"):
            found = _RELEASE_IN_TEXT.search(child.read_text(encoding="utf-8", errors="replace"))
            if found:
                return found[1]
    return "unknown"


def locate_tables(directory: Path) -> dict[str, Path]:
    """Every known table present in ``directory``, by the name of its file (official or 30.3+
    name); an :class:`InputError` naming the missing table and the supported layouts when a
    required one (Occupation Data, Skills) is missing."""
    if not directory.is_dir():
        raise InputError("not a directory of O*NET tables", str(directory))
    found = {t: p for t in ALL_TABLE_NAMES if (p := find_table(directory, t)) is not None}
    missing = [t for t in (OCCUPATION_DATA, SKILLS) if not table_files(found, t)]
    if missing:
        looked = [
            " or ".join(f"'{n}.txt'" for n in (t, *RENAMED_TABLES.get(t, ()))) for t in missing
        ]
        has = ", ".join(p.name for p in sorted(directory.glob("*.txt"))[:12]) or "no .txt files"
        raise InputError(
            f"missing O*NET table(s) {', '.join(missing)} (looked for {'; '.join(looked)}, "
            f"any case, spaces or underscores; found: {has}). Supported: {SUPPORTED_LAYOUTS}",
            str(directory),
        )
    return found


@dataclass
class _Ratings:
    """LV and IM ratings of one element table, with the counts of flagged rows."""

    names: dict[str, str]
    values: dict[tuple[str, str], dict[str, float]]
    not_relevant: set[tuple[str, str]]
    suppressed: set[tuple[str, str]]
    missing_flags: int


def _check_range(value: float, scale: str, path: Path, row: Row) -> float:
    lo, hi = _SCALES[scale]
    if not lo <= value <= hi:
        raise InputError(
            f"line {row.line}: Data Value: {value:g} is outside the {scale} scale ({lo:g}–{hi:g})",
            str(path),
        )
    return value


def _read_ratings(paths: list[Path]) -> _Ratings:
    out = _Ratings({}, {}, set(), set(), 0)
    for path in paths:
        _read_rating_file(path, out)
    return out


def _read_rating_file(path: Path, out: _Ratings) -> None:
    cols = (CODE, "Element ID", "Scale ID", "Data Value")
    optional = ("Element Name", "Recommend Suppress", "Not Relevant")
    for row in read_table(path, cols, optional):
        code, element, scale, value, name, suppress, not_relevant = row.cells
        if scale not in ("LV", "IM") or code is None or element is None:
            continue
        data = _check_range(number(value, path, row, "Data Value"), scale, path, row)
        key = (code, element)
        slot = out.values.setdefault(key, {})
        if scale in slot:
            raise InputError(
                f"line {row.line}: {code} {element} {scale} appears twice; keep one", str(path)
            )
        slot[scale] = data
        out.names.setdefault(element, name or element)
        if suppress is None and not_relevant is None and scale == "LV":
            out.missing_flags += 1
        if (suppress or "").upper() == "Y":
            out.suppressed.add(key)
        if (not_relevant or "").upper() == "Y":
            out.not_relevant.add(key)


def _read_profile_scale(
    paths: list[Path], scale: str, elements: dict[str, int]
) -> dict[str, list[float]]:
    """Six scores per occupation (``NaN`` where missing) from an Interests-like table."""
    out: dict[str, list[float]] = {}
    cols = (CODE, "Element ID", "Scale ID", "Data Value")
    for path in paths:
        for row in read_table(path, cols):
            code, element, scale_id, value = row.cells
            if scale_id != scale or code is None or element not in elements:
                continue
            data = _check_range(number(value, path, row, "Data Value"), scale, path, row)
            out.setdefault(code, [math.nan] * 6)[elements[element]] = data
    return out


#: The two category scales read from Education, Training, and Experience: scale id →
#: (element id, number of categories).
CATEGORY_SCALES = {"RL": ("2.D.1", len(RL_NAMES)), "RW": ("3.A.1", len(RW_NAMES))}


def _read_categories(paths: list[Path]) -> dict[str, dict[str, list[float]]]:
    """Per scale (RL, RW), per occupation: the percentage in each category (``NaN`` missing)."""
    out: dict[str, dict[str, list[float]]] = {s: {} for s in CATEGORY_SCALES}
    cols = (CODE, "Scale ID", "Category", "Data Value")
    for path in paths:
        for row in read_table(path, cols):
            code, scale, category, value = row.cells
            if code is None or scale not in CATEGORY_SCALES:
                continue
            n = CATEGORY_SCALES[scale][1]
            cat = number(category, path, row, "Category")
            if cat != int(cat) or not 1 <= cat <= n:
                raise InputError(
                    f"line {row.line}: Category: {scale} categories run 1–{n} (got {category})",
                    str(path),
                )
            data = number(value, path, row, "Data Value")
            if not 0.0 <= data <= 100.0:
                raise InputError(
                    f"line {row.line}: Data Value: a percentage 0–100 (got {value})", str(path)
                )
            out[scale].setdefault(code, [math.nan] * n)[int(cat) - 1] = data
    return out


def _category_name_differences(paths: list[Path]) -> list[str]:
    """Categories whose name in the release's category table differs from the names the
    model uses (compared on the part before any `` - `` explanation, case ignored)."""
    known = {"RL": RL_NAMES, "RW": RW_NAMES}
    out: list[str] = []
    for path in paths:
        for row in read_table(path, ("Scale ID", "Category", "Category Description")):
            scale, category, text = row.cells
            if scale not in known or category is None or not category.isdigit():
                continue
            ours = known[scale].get(int(category))
            theirs = (text or "").split(" - ")[0].strip()
            if ours is None or theirs.lower() != ours.lower():
                out.append(f"{scale} {category}: {theirs!r}")
    return out


def _read_lists(
    paths: list[Path], columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> list[tuple[str, tuple[str | None, ...]]]:
    """(code, other cells) of every row of ``paths`` that has a code."""
    return [
        (row.cells[0], row.cells[1:])
        for path in paths
        for row in read_table(path, (CODE, *columns), optional)
        if row.cells[0] is not None
    ]


def _read_anchors(path: Path) -> dict[str, dict[str, str]]:
    """Level (LV) anchors per element id: anchor value (as text, e.g. ``"2"``) → description."""
    out: dict[str, dict[str, str]] = {}
    cols = ("Element ID", "Scale ID", "Anchor Value", "Anchor Description")
    for row in read_table(path, cols):
        element, scale, value, text = row.cells
        if scale != "LV" or element is None or text is None:
            continue
        level = _check_range(number(value, path, row, "Anchor Value"), "LV", path, row)
        out.setdefault(element, {})[f"{level:g}"] = text
    return out


def _read_texts(path: Path, key: str, columns: Iterable[str]) -> dict[str, tuple[str | None, ...]]:
    return {
        row.cells[0]: row.cells[1:]
        for row in read_table(path, (key, *columns))
        if row.cells[0] is not None
    }


def compile_tables(directory: Path, tables: dict[str, Path] | None = None) -> CompiledOnet:
    """Read the tables of ``directory`` into arrays, applying the rules of this module."""
    tables = tables or locate_tables(directory)
    occ_texts = _read_texts(tables[OCCUPATION_DATA], CODE, ("Title", "Description"))
    element_texts = (
        _read_texts(tables[CONTENT_MODEL], "Element ID", ("Element Name", "Description"))
        if CONTENT_MODEL in tables
        else {}
    )
    ratings = {
        t: _read_ratings(table_files(tables, t))
        for t, _, _ in ELEMENT_TABLES
        if table_files(tables, t)
    }
    anchors = _read_anchors(tables[ANCHORS]) if ANCHORS in tables else {}
    skill_codes = {code for (code, _), v in ratings[SKILLS].values.items() if len(v) == 2}
    codes = sorted(skill_codes)
    row_of = {c: i for i, c in enumerate(codes)}

    dimensions: list[dict[str, Any]] = []
    columns: list[tuple[str, str]] = []  # (table, element id) per dimension
    seen_ids: set[str] = set()
    seen_names: set[str] = set()
    for table, kind, prefix in ELEMENT_TABLES:
        if table not in ratings:
            continue
        for element in sorted(ratings[table].names, key=element_sort_key):
            name = ratings[table].names[element]
            if name == element:  # a table without Element Name: the content model's name
                name = element_texts.get(element, (None, None))[0] or element
            dim_id = prefix + slug(name)
            if dim_id in seen_ids:  # two elements with one name: keep both, tell them apart
                dim_id = f"{dim_id}_{slug(element)}"
            seen_ids.add(dim_id)
            if name in seen_names:
                # The skill and the knowledge area are both "Mathematics": a plan step that
                # raises "Mathematics" would not say which.
                name = f"{name} ({kind.value})"
            seen_names.add(name)
            described = element_texts.get(element, (None, None))
            dimensions.append(
                {
                    "id": dim_id,
                    "name": name,
                    "kind": kind.value,
                    "external_id": element,
                    "description": described[1] or "",
                    "anchors": anchors.get(element, {}),
                }
            )
            columns.append((table, element))

    n_occ, n_dim = len(codes), len(dimensions)
    level = np.full((n_occ, n_dim), np.nan)
    importance = np.full((n_occ, n_dim), np.nan)
    counts = dict.fromkeys(
        ("incomplete_pairs", "not_relevant_rows", "suppressed_rows", "suppressed_weighted"), 0
    )
    suppressed_occs: set[str] = set()
    for j, (table, element) in enumerate(columns):
        rated = ratings[table]
        for code in codes:
            key = (code, element)
            pair = rated.values.get(key)
            if pair is None:
                continue
            if len(pair) != 2:
                counts["incomplete_pairs"] += 1
                continue
            i = row_of[code]
            level[i, j] = 0.0 if key in rated.not_relevant else pair["LV"]
            importance[i, j] = pair["IM"]
            counts["not_relevant_rows"] += key in rated.not_relevant
            if key in rated.suppressed:
                counts["suppressed_rows"] += 1
                counts["suppressed_weighted"] += pair["IM"] >= DEFAULT_IMPORTANCE_THRESHOLD
                suppressed_occs.add(code)

    interests_by_code = _read_profile_scale(table_files(tables, INTERESTS), "OI", RIASEC_ELEMENTS)
    values_by_code = _read_profile_scale(
        table_files(tables, WORK_VALUES), "EX", WORK_VALUE_ELEMENTS
    )
    categories = _read_categories(table_files(tables, EDUCATION))
    education = np.array(
        [categories["RL"].get(c, [math.nan] * len(RL_NAMES)) for c in codes]
    ).reshape(n_occ, len(RL_NAMES))
    experience = np.array(
        [categories["RW"].get(c, [math.nan] * len(RW_NAMES)) for c in codes]
    ).reshape(n_occ, len(RW_NAMES))
    name_differences = _category_name_differences(table_files(tables, EDUCATION_CATEGORIES))
    technologies: dict[str, list[str]] = {}
    hot: dict[str, list[str]] = {}
    for code, (example, flag) in _read_lists(
        table_files(tables, TECHNOLOGY), ("Example",), ("Hot Technology",)
    ):
        if example is None or code not in row_of:
            continue
        listed = technologies.setdefault(code, [])
        if example not in listed:
            listed.append(example)
            if (flag or "").upper() == "Y":
                hot.setdefault(code, []).append(example)
    alternates: dict[str, list[str]] = {}
    for code, names in _read_lists(
        table_files(tables, ALTERNATE_TITLES), ("Alternate Title",), ("Short Title",)
    ):
        if code not in row_of:
            continue
        listed = alternates.setdefault(code, [])
        for alt in names:
            if alt is not None and alt not in listed:
                listed.append(alt)
    interests = np.array([interests_by_code.get(c, [math.nan] * 6) for c in codes]).reshape(
        n_occ, 6
    )
    work_values = np.array([values_by_code.get(c, [math.nan] * 6) for c in codes]).reshape(n_occ, 6)
    job_zone = np.zeros(n_occ, dtype=np.int8)
    if JOB_ZONES in tables:
        path = tables[JOB_ZONES]
        for row in read_table(path, (CODE, "Job Zone")):
            zone_code, zone = row.cells
            if zone_code is not None and zone_code in row_of:
                value = number(zone, path, row, "Job Zone")
                if value not in (1, 2, 3, 4, 5):
                    raise InputError(
                        f"line {row.line}: Job Zone: must be 1–5 (got {zone})", str(path)
                    )
                job_zone[row_of[zone_code]] = int(value)

    titles = [(occ_texts.get(c) or (None, None))[0] or c for c in codes]
    descriptions = [(occ_texts.get(c) or (None, None))[1] or "" for c in codes]
    release = detect_release(directory)
    kinds = {k: sum(d["kind"] == k.value for d in dimensions) for _, k, _ in ELEMENT_TABLES}
    metadata = {
        "source": "O*NET",
        "release": release,
        "source_dir": str(directory.resolve()),
        "tables": ", ".join(p.name for _, p in sorted(tables.items())),
        "occupations": str(n_occ),
        "occupations_in_occupation_data": str(len(occ_texts)),
        "occupations_without_skills": str(len(set(occ_texts) - skill_codes)),
        "occupations_without_title": str(sum(c not in occ_texts for c in codes)),
        "skill_elements": str(kinds[DimensionKind.SKILL]),
        "knowledge_elements": str(kinds[DimensionKind.KNOWLEDGE]),
        "ability_elements": str(kinds[DimensionKind.ABILITY]),
        "requirements": str(int(np.count_nonzero(~np.isnan(level)))),
        "interests_occupations_in_table": str(
            sum(not any(math.isnan(x) for x in v) for v in interests_by_code.values())
        ),
        "occupations_with_interests": str(int(np.count_nonzero(~np.isnan(interests).any(1)))),
        "occupations_with_work_values": str(int(np.count_nonzero(~np.isnan(work_values).all(1)))),
        "occupations_with_job_zone": str(int(np.count_nonzero(job_zone))),
        "occupations_with_education": str(int(np.count_nonzero(np.nansum(education, 1) > 0))),
        "occupations_with_experience": str(int(np.count_nonzero(np.nansum(experience, 1) > 0))),
        "occupations_with_technologies": str(len(technologies)),
        "occupations_with_hot_technologies": str(len(hot)),
        "technology_examples": str(sum(map(len, technologies.values()))),
        "hot_technology_links": str(sum(map(len, hot.values()))),
        "alternate_titles": str(sum(map(len, alternates.values()))),
        "dimensions_with_anchors": str(sum(bool(d["anchors"]) for d in dimensions)),
        "category_name_differences": "; ".join(name_differences) or "none",
        "not_relevant_rule": "Not Relevant=Y: requirement kept with level 0 and its importance",
        "suppressed_rule": "Recommend Suppress=Y: value kept, counted here",
        "suppressed_occupations": str(len(suppressed_occs)),
        "rows_without_flags": str(sum(r.missing_flags for r in ratings.values())),
        **{k: str(v) for k, v in counts.items()},
    }
    return CompiledOnet(
        release=release,
        dimensions=dimensions,
        codes=codes,
        titles=titles,
        descriptions=descriptions,
        level=level,
        importance=importance,
        interests=interests,
        work_values=work_values,
        job_zone=job_zone,
        education=education,
        experience=experience,
        technologies=[technologies.get(c, []) for c in codes],
        hot_technologies=[hot.get(c, []) for c in codes],
        alternate_titles=[alternates.get(c, []) for c in codes],
        metadata=metadata,
    )


_set_attr = object.__setattr__
#: Whether a (model class, given field names) pair names every field of the class, worked
#: out once per pair (pydantic's ``model_fields`` is slow to look up per object).
_COMPLETE: dict[tuple[type[BaseModel], tuple[str, ...]], bool] = {}


def _construct(cls: type[BaseModel], fields: dict[str, Any]) -> BaseModel:
    """``cls.model_construct(**fields)`` without its per-call default lookup.

    Used only with every field given (checked), for data validated when it was compiled; it
    sets the same four attributes ``model_construct`` sets. The cache tests compare the result
    with a validated build, so a pydantic change that breaks this cannot pass unnoticed.
    """
    key = (cls, tuple(fields))
    complete = _COMPLETE.get(key)
    if complete is None:
        complete = _COMPLETE[key] = set(fields) == set(cls.model_fields)
    if not complete:
        return cls.model_construct(**fields)
    obj = cls.__new__(cls)
    _set_attr(obj, "__dict__", fields)
    _set_attr(obj, "__pydantic_fields_set__", set(fields))
    _set_attr(obj, "__pydantic_extra__", None)
    _set_attr(obj, "__pydantic_private__", None)
    return obj


def build_catalog(compiled: CompiledOnet, trusted: bool = False) -> Catalog:
    """The catalogue of a compiled release (see :func:`_build_catalog`).

    The garbage collector is paused meanwhile: the tens of thousands of new objects hold no
    reference cycles, and collecting while they are made costs a third of a cached load.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_catalog(compiled, trusted)
    finally:
        if paused:
            gc.enable()


def _build_catalog(compiled: CompiledOnet, trusted: bool) -> Catalog:
    """The catalogue of a compiled release.

    ``trusted=False`` validates every object (the first import); ``trusted=True`` skips
    validation (``model_construct``) for arrays this module compiled and validated before —
    the cache path, many times faster. Requirements are interned either way: O*NET gives few
    distinct (level, importance) pairs (505 for 33,845 skill ratings) and the objects are
    immutable, so sharing them is safe.
    """

    def make(cls: Any, **fields: Any) -> Any:
        return _construct(cls, fields) if trusted else cls(**fields)

    scale = (0.0, 7.0)
    dims = [
        make(
            Dimension,
            id=d["id"],
            name=d["name"],
            kind=DimensionKind(d["kind"]),
            scale_min=scale[0],
            scale_max=scale[1],
            description=d["description"],
            external_id=d["external_id"],
            anchors={float(k): v for k, v in d.get("anchors", {}).items()},
        )
        for d in compiled.dimensions
    ]
    dim_ids = [d["id"] for d in compiled.dimensions]
    # Interned requirements: one object per distinct (level, importance) pair.
    pairs, pair_index = compiled.requirement_pairs()
    shared = [make(Requirement, level=lv, importance=im) for lv, im in pairs.tolist()]
    full = len(dim_ids)

    def scores(cls: Callable[..., Any], names: tuple[str, ...], row: list[float]) -> Any:
        if all(math.isnan(x) for x in row):
            return None
        if cls is Riasec and any(math.isnan(x) for x in row):
            return None  # a partial RIASEC profile cannot be compared: unknown
        return make(
            cls, **{n: (None if math.isnan(x) else x) for n, x in zip(names, row, strict=True)}
        )

    def categories(cls: Any, percent: FloatArray) -> list[Any]:
        """One profile per occupation: shares normalised to sum 1, typical = the mode (the
        lowest category on a tie); ``None`` where the release gives no shares."""
        shares = np.nan_to_num(percent, nan=0.0)
        total = shares.sum(axis=1)
        known = total > 0
        norm = np.round(shares / np.where(known, total, 1.0)[:, None], 4).tolist()
        typical = (shares.argmax(axis=1) + 1).tolist()
        return [
            make(cls, distribution=norm[i], typical=typical[i]) if known[i] else None
            for i in range(len(norm))
        ]

    occupations: list[Occupation] = []
    interests, values = compiled.interests.tolist(), compiled.work_values.tolist()
    education = categories(EducationProfile, compiled.education)
    experience = categories(ExperienceProfile, compiled.experience)
    zones = compiled.job_zone.tolist()
    index_rows = pair_index.tolist()
    for i, code in enumerate(compiled.codes):
        row = index_rows[i]
        if row and min(row) >= 0 and len(row) == full:  # the common case: every element rated
            reqs = dict(zip(dim_ids, map(shared.__getitem__, row), strict=True))
        else:
            reqs = {dim_ids[j]: shared[p] for j, p in enumerate(row) if p >= 0}
        occupations.append(
            make(
                Occupation,
                id=code,
                title=compiled.titles[i],
                description=compiled.descriptions[i],
                requirements=reqs,
                interests=scores(Riasec, RIASEC_CODES, interests[i]),
                work_values=scores(WorkValues, WORK_VALUE_NAMES, values[i]),
                job_zone=zones[i] or None,
                # Every field given: model_construct then skips resolving defaults.
                median_wage=None,
                outlook=None,
                family=None,
                education=education[i],
                experience=experience[i],
                hot_technologies=compiled.hot_technologies[i],
                technologies=compiled.technologies[i],
                alternate_titles=compiled.alternate_titles[i],
            )
        )
    release = compiled.release
    return make(  # type: ignore[no-any-return]
        Catalog,
        name=f"onet-{release}",
        description=(
            f"O*NET {release} occupations ({len(occupations)} with skill ratings) over "
            f"{len(dims)} dimensions"
        ),
        illustrative=False,
        synthetic=False,
        attribution=attribution_text(release),
        metadata=dict(compiled.metadata),
        dimensions=dims,
        occupations=occupations,
        actions=[],
    )


def load_onet(path: Path | str, cache: bool = True, cache_root: Path | None = None) -> Catalog:
    """The catalogue of the O*NET release in directory ``path``.

    The compiled arrays are cached (see :mod:`careerfit_opt.data.onet.cache`), so a second load
    of the same files skips reading and validating the tables. ``cache=False`` always reads
    the tables and writes nothing; ``cache_root`` overrides the cache directory.

    >>> cat = load_onet("../shared/data/onet")  # doctest: +SKIP
    >>> cat.occupation("11-1011.00").requirements["reading_comprehension"].level  # doctest: +SKIP
    4.75
    """
    directory = Path(path).expanduser()
    tables = locate_tables(directory)
    key = source_key(tables) if cache else ""
    if cache:
        hit = load_cached(key, cache_root)
        if hit is not None:
            # The key covers contents only: where the tables are and the release name they
            # are filed under (marker file, directory name) are read afresh.
            hit.release = hit.metadata["release"] = detect_release(directory)
            hit.metadata["source_dir"] = str(directory.resolve())
            return build_catalog(hit, trusted=True)
    compiled = compile_tables(directory, tables)
    catalog = build_catalog(compiled, trusted=False)
    if cache:
        save_cached(key, compiled, cache_root)
    return catalog
