"""Compile occupations and profiles into float32 arrays, once.

Every score is computed on these arrays. An unknown level, interest or value is ``NaN`` here —
never 0 — so each kernel decides explicitly what an unknown means (see docs/scoring.md).
A catalogue is compiled once per (catalogue object, importance threshold) and reused, so
repeated :func:`careerfit_opt.recommend` calls do not rebuild anything.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension
from careerfit_opt.model.interests import Riasec, WorkValues
from careerfit_opt.model.occupations import (
    DEFAULT_IMPORTANCE_THRESHOLD,
    Occupation,
    requirement_weight,
)
from careerfit_opt.model.profiles import Profile

if TYPE_CHECKING:
    from careerfit_opt.scoring.estimate import ActionIndex

F32 = npt.NDArray[np.float32]
I8 = npt.NDArray[np.int8]
I32 = npt.NDArray[np.int32]

#: Iachan's weights for a letter at position i of one code matching position j of the other.
IACHAN_WEIGHTS = np.array([[22, 10, 4], [10, 5, 2], [4, 2, 1]], dtype=np.float32)
#: The largest Iachan M index (identical three-letter codes): 22 + 5 + 1.
IACHAN_MAX = 28.0


def holland_code(scores: F32) -> I8:
    """Indices (0 = R … 5 = C) of the three highest scores per row; ties keep RIASEC order.

    Rows with unknown scores (``NaN``) get ``-1``. Matches :meth:`Riasec.code`.

    >>> holland_code(np.array([[2, 5, 7, 3, 2, 4]], dtype=np.float32)).tolist()
    [[2, 1, 5]]
    """
    scores = np.asarray(scores, dtype=np.float32)
    # A stable sort of the negated scores keeps RIASEC order among ties.
    order = np.argsort(-np.nan_to_num(scores, nan=0.0), axis=1, kind="stable")[:, :3]
    codes = order.astype(np.int8)
    codes[np.isnan(scores).any(axis=1)] = -1
    return codes


def _riasec_row(riasec: Riasec | None) -> list[float]:
    return list(riasec.as_tuple()) if riasec is not None else [np.nan] * 6


def _values_row(values: WorkValues | None) -> list[float]:
    if values is None:
        return [np.nan] * 6
    return [np.nan if v is None else float(v) for v in values.as_tuple()]


@dataclass(frozen=True, eq=False)
class OccupationArrays:
    """Occupations as arrays over ``dimension_ids`` (R occupations × K dimensions).

    ``level`` holds required levels (0 where there is no requirement); ``weight`` the
    requirement weights at ``importance_threshold`` (0 where there is no requirement or the
    importance is below the threshold: gaps, coverage and plans); ``importance`` the importance
    rescaled to 0–1, (I − 1)/4, with no threshold (0 where there is no requirement: the
    qualification fit); ``zone`` the job zone (``NaN`` unknown); ``interests`` and ``values``
    the 1–7 scores with ``NaN`` where unknown. Per dimension: ``family`` (index of its kind in
    ``families``) and ``dim_weight`` a = 1 / (dimensions of its family × scale maximum²), so
    that every family counts alike whatever its size and unit (docs/scoring.md). ``rated``
    (R × K) says which requirements an occupation rates at all: an unrated requirement is
    *unknown*, not level 0, and enters no sum of the qualification fit; ``None`` when every
    occupation rates every dimension (plain O*NET). With the bundled credential overlay every
    O*NET occupation leaves most credentials unrated; the kernel then redoes only the pairs
    where the person knows a dimension the occupation leaves unrated.
    """

    ids: tuple[str, ...]
    titles: tuple[str, ...]
    dimension_ids: tuple[str, ...]
    level: F32
    weight: F32
    importance: F32
    zone: F32
    interests: F32
    values: F32
    family: I32
    dim_weight: F32
    families: tuple[str, ...] = ("all",)
    importance_threshold: float = DEFAULT_IMPORTANCE_THRESHOLD
    rated: npt.NDArray[np.bool_] | None = None
    #: Lazily built data that depends only on these arrays (kernel layouts, action index).
    extras: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        """Number of occupations (R)."""
        return len(self.ids)

    @property
    def codes(self) -> I8:
        """Holland codes (R × 3 letter indices, ``-1`` where interests are unknown)."""
        codes = self.extras.get("codes")
        if codes is None:
            codes = self.extras["codes"] = holland_code(self.interests)
        assert isinstance(codes, np.ndarray)
        return codes


@dataclass(frozen=True, eq=False)
class ProfileArrays:
    """Profiles as arrays over ``dimension_ids`` (P profiles × K dimensions).

    ``level`` is ``NaN`` where a level is unknown; ``zone`` the job zone the person's
    preparation reaches (``NaN`` unknown); ``passion_weight`` is each profile's weight w of
    passion fit in the combined fit.
    """

    names: tuple[str, ...]
    dimension_ids: tuple[str, ...]
    level: F32
    interests: F32
    values: F32
    passion_weight: F32
    zone: F32

    @property
    def size(self) -> int:
        """Number of profiles (P)."""
        return len(self.names)

    @property
    def codes(self) -> I8:
        """Holland codes (P × 3 letter indices, ``-1`` where interests are unknown)."""
        return holland_code(self.interests)


def dimension_families(
    dimension_ids: Sequence[str], dimensions: Sequence[Dimension] | None
) -> tuple[tuple[str, ...], I32, F32]:
    """Family names, each dimension's family index and its weight a = 1 / (n_family · max²).

    Without ``dimensions`` (occupations scored outside a catalogue) every dimension is one
    family on a common scale.

    >>> from careerfit_opt.model import Dimension
    >>> dims = [Dimension(id="a", name="A", kind="skill"), Dimension(id="b", name="B",
    ...         kind="skill"), Dimension(id="c", name="C", kind="credential")]
    >>> names, fam, a = dimension_families(["a", "b", "c"], dims)
    >>> names, fam.tolist(), [round(float(x), 4) for x in a]
    (('skill', 'credential'), [0, 0, 1], [0.0102, 0.0102, 1.0])
    """
    if dimensions is None:
        n = max(len(dimension_ids), 1)
        return (
            ("all",),
            np.zeros(len(dimension_ids), np.int32),
            np.full(len(dimension_ids), 1.0 / n, np.float32),
        )
    by_id = {d.id: d for d in dimensions}
    kinds = [str(by_id[d].kind.value) for d in dimension_ids]
    names = tuple(dict.fromkeys(kinds))
    family = np.array([names.index(k) for k in kinds], dtype=np.int32)
    sizes = np.bincount(family, minlength=len(names)).astype(np.float64)
    top = np.array([by_id[d].hi if by_id[d].hi > 0 else 1.0 for d in dimension_ids])
    weight = 1.0 / (sizes[family] * top * top)
    return names, family, weight.astype(np.float32)


def compile_occupations(
    occupations: Iterable[Occupation],
    dimension_ids: Sequence[str] | None = None,
    importance_threshold: float = DEFAULT_IMPORTANCE_THRESHOLD,
    dimensions: Sequence[Dimension] | None = None,
) -> OccupationArrays:
    """Arrays for ``occupations`` over ``dimension_ids`` (default: every dimension they name).

    ``dimensions`` (a catalogue's) give each dimension's family and scale; without them all
    dimensions form one family. Requirements on dimensions outside ``dimension_ids`` are an
    error, because dropping them would silently raise the fit.

    >>> from careerfit_opt.model import Requirement
    >>> occ = Occupation(id="x", title="X", requirements={"writing": Requirement(level=4,
    ...                                                                          importance=5)})
    >>> a = compile_occupations([occ])
    >>> a.dimension_ids, a.level.tolist(), a.weight.tolist()
    (('writing',), [[4.0]], [[1.0]])
    """
    occs = list(occupations)
    if dimension_ids is None:
        dimension_ids = sorted({k for o in occs for k in o.requirements})
    dims = tuple(dimension_ids)
    index = {d: i for i, d in enumerate(dims)}
    level = np.zeros((len(occs), len(dims)), dtype=np.float32)
    weight = np.zeros_like(level)
    importance = np.zeros_like(level)
    rated = np.zeros(level.shape, dtype=np.bool_)
    for r, occ in enumerate(occs):
        for dim_id, req in occ.requirements.items():
            k = index.get(dim_id)
            if k is None:
                raise KeyError(f"occupation {occ.id!r} requires unknown dimension {dim_id!r}")
            level[r, k] = req.level
            weight[r, k] = requirement_weight(req.importance, importance_threshold)
            importance[r, k] = requirement_weight(req.importance, 1.0)
            rated[r, k] = True
    families, family, dim_weight = dimension_families(dims, dimensions)
    zone = np.array([np.nan if o.job_zone is None else o.job_zone for o in occs], np.float32)
    interests = np.array([_riasec_row(o.interests) for o in occs], dtype=np.float32)
    values = np.array([_values_row(o.work_values) for o in occs], dtype=np.float32)
    return OccupationArrays(
        ids=tuple(o.id for o in occs),
        titles=tuple(o.title for o in occs),
        dimension_ids=dims,
        level=level,
        weight=weight,
        importance=importance,
        zone=zone.reshape(len(occs)),
        interests=interests.reshape(len(occs), 6),
        values=values.reshape(len(occs), 6),
        family=family,
        dim_weight=dim_weight,
        families=families,
        importance_threshold=float(importance_threshold),
        rated=None if rated.all() else rated,
    )


def profile_levels(
    profile: Profile, levels: Mapping[str, float | None] | None = None
) -> dict[str, float]:
    """The profile's known levels with ``levels`` merged over them (``None`` = unknown).

    >>> p = Profile(levels={"a": 1.0, "b": 2.0})
    >>> profile_levels(p, {"a": 3.0, "b": None})
    {'a': 3.0}
    """
    known = profile.known_levels()
    for dim_id, value in (levels or {}).items():
        if value is None:
            known.pop(dim_id, None)
        else:
            known[dim_id] = float(value)
    return known


def compile_profiles(
    profiles: Iterable[Profile],
    dimension_ids: Sequence[str],
    levels: Sequence[Mapping[str, float | None] | None] | None = None,
) -> ProfileArrays:
    """Arrays for ``profiles`` over ``dimension_ids``; levels on other dimensions are ignored.

    ``levels`` optionally overrides each profile's levels (see :func:`profile_levels`).

    >>> a = compile_profiles([Profile(levels={"writing": 3.0})], ("writing", "math"))
    >>> a.level.tolist()
    [[3.0, nan]]
    """
    profs = list(profiles)
    dims = tuple(dimension_ids)
    index = {d: i for i, d in enumerate(dims)}
    level = np.full((len(profs), len(dims)), np.nan, dtype=np.float32)
    for p, prof in enumerate(profs):
        override = levels[p] if levels is not None else None
        for dim_id, value in profile_levels(prof, override).items():
            k = index.get(dim_id)
            if k is not None:
                level[p, k] = value
    interests = np.array([_riasec_row(p.interests) for p in profs], dtype=np.float32)
    values = np.array([_values_row(p.work_values) for p in profs], dtype=np.float32)
    weights = np.array([p.preferences.passion_weight for p in profs], dtype=np.float32)
    zone = np.array([profile_zone(p) for p in profs], dtype=np.float32)
    return ProfileArrays(
        names=tuple(p.name for p in profs),
        dimension_ids=dims,
        level=level,
        interests=interests.reshape(len(profs), 6),
        values=values.reshape(len(profs), 6),
        passion_weight=weights,
        zone=zone.reshape(len(profs)),
    )


#: The job zone each O*NET education category (RL 1–12) prepares for, after O*NET's Job Zone
#: Reference: less than high school → 1, high school → 2, post-secondary certificate, some
#: college, associate's → 3, bachelor's and post-baccalaureate certificate → 4, master's and
#: beyond → 5.
ZONE_OF_EDUCATION: dict[int, int] = {1: 1, 2: 2, 3: 3, 4: 3, 5: 3, 6: 4, 7: 4, 8: 5, 9: 5,
                                     10: 5, 11: 5, 12: 5}  # fmt: skip


def profile_zone(profile: Profile) -> float:
    """The job zone the person's education prepares for (:data:`ZONE_OF_EDUCATION`), ``NaN``
    when the education is unknown (the zone factor of qualification fit is then left out).

    >>> profile_zone(Profile(education=6)), profile_zone(Profile())
    (4.0, nan)
    """
    if profile.education is None:
        return float("nan")
    return float(ZONE_OF_EDUCATION[profile.education])


class _CatalogCache:
    """Compiled catalogues keyed by object identity and threshold, dropped with the catalogue.

    A weak-reference finalizer removes the entry when the catalogue is garbage-collected, so an
    ``id()`` reused by a new object can never hit a stale entry.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[int, float], OccupationArrays] = {}
        self._lock = threading.Lock()

    def get(self, catalog: Catalog, threshold: float) -> OccupationArrays:
        key = (id(catalog), float(threshold))
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None:
            return hit
        arrays = compile_occupations(
            catalog.occupations, catalog.dimension_ids, threshold, catalog.dimensions
        )
        with self._lock:
            fresh = not any(k[0] == key[0] for k in self._entries)
            self._entries[key] = arrays
        if fresh:
            weakref.finalize(catalog, self._drop, key[0])
        return arrays

    def _drop(self, ident: int) -> None:
        with self._lock:
            for key in [k for k in self._entries if k[0] == ident]:
                del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)


_CACHE = _CatalogCache()


def compile_catalog(
    catalog: Catalog, importance_threshold: float = DEFAULT_IMPORTANCE_THRESHOLD
) -> OccupationArrays:
    """The catalogue's occupations as arrays over its dimensions, compiled once and cached.

    The same catalogue object and threshold return the same arrays object (do not modify it).
    """
    return _CACHE.get(catalog, importance_threshold)


def action_index(catalog: Catalog, arrays: OccupationArrays) -> ActionIndex:
    """The catalogue's actions indexed per dimension (built once, kept with the arrays)."""
    from careerfit_opt.scoring.estimate import ActionIndex

    index = arrays.extras.get("actions")
    if index is None:
        index = arrays.extras["actions"] = ActionIndex.build(catalog)
    assert isinstance(index, ActionIndex)
    return index
