"""An imported O*NET release as plain arrays and texts: what the importer builds and caches.

Arrays are indexed [occupation, dimension]; ``NaN`` marks a value the release does not give.
The file format is a NumPy ``.npz`` without pickles: the arrays, plus one JSON document (stored
as bytes) for the texts, so a cache file can never run code when it is read.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int8]

#: Bump when the layout or the import rules change: older cache files are then ignored.
FORMAT_VERSION = 4


def data_shape(array: npt.NDArray[np.generic] | None) -> tuple[int, ...]:
    """Shape of ``array`` (empty for ``None``)."""
    return () if array is None else tuple(array.shape)


@dataclass
class CompiledOnet:
    """One O*NET release, compiled.

    ``dimensions`` holds one mapping per dimension (``id``, ``name``, ``kind``,
    ``external_id``, ``description``, ``anchors``: level text → anchor text);
    ``level``/``importance`` are (occupations × dimensions), ``interests`` and ``work_values``
    (occupations × 6) in RIASEC and O*NET work-value order, ``job_zone`` 0 where unknown,
    ``education`` (occupations × 12 RL categories) and ``experience`` (occupations × 11 RW
    categories) the percentages O*NET gives (``NaN`` where missing); ``technologies``,
    ``hot_technologies`` and ``alternate_titles`` one list of texts per occupation.
    """

    release: str
    dimensions: list[dict[str, Any]]
    codes: list[str]
    titles: list[str]
    descriptions: list[str]
    level: FloatArray
    importance: FloatArray
    interests: FloatArray
    work_values: FloatArray
    job_zone: IntArray
    education: FloatArray
    experience: FloatArray
    technologies: list[list[str]]
    hot_technologies: list[list[str]]
    alternate_titles: list[list[str]]
    metadata: dict[str, str] = field(default_factory=dict)
    #: Distinct (level, importance) pairs (U × 2) and, per cell, the row of its pair (-1: none).
    #: Derived from ``level`` and ``importance``; stored so a cached load need not recompute.
    pairs: FloatArray | None = None
    pair_index: npt.NDArray[np.int32] | None = None

    def requirement_pairs(self) -> tuple[FloatArray, npt.NDArray[np.int32]]:
        """The distinct (level, importance) pairs and each cell's pair (computed once)."""
        if self.pairs is None or self.pair_index is None:
            rated = ~(np.isnan(self.level) | np.isnan(self.importance))
            # Complex numbers sort by real, then imaginary part: a fast 1-D unique of pairs.
            unique, inverse = np.unique(
                self.level[rated] + 1j * self.importance[rated], return_inverse=True
            )
            index = np.full(rated.shape, -1, dtype=np.int32)
            index[rated] = inverse.reshape(-1)
            self.pairs = np.stack([unique.real, unique.imag], axis=1).reshape(-1, 2)
            self.pair_index = index
        return self.pairs, self.pair_index

    def save(self, path: Path) -> None:
        """Write to ``path`` (``.npz``) atomically: a reader never sees half a file."""
        texts = {
            "format": FORMAT_VERSION,
            "release": self.release,
            "dimensions": self.dimensions,
            "codes": self.codes,
            "titles": self.titles,
            "descriptions": self.descriptions,
            "technologies": self.technologies,
            "hot_technologies": self.hot_technologies,
            "alternate_titles": self.alternate_titles,
            "metadata": self.metadata,
        }
        blob = np.frombuffer(json.dumps(texts, ensure_ascii=False).encode("utf-8"), np.uint8)
        pairs, pair_index = self.requirement_pairs()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(
                    handle,
                    texts=blob,
                    level=self.level,
                    importance=self.importance,
                    interests=self.interests,
                    work_values=self.work_values,
                    job_zone=self.job_zone,
                    education=self.education,
                    experience=self.experience,
                    pairs=pairs,
                    pair_index=pair_index,
                )
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)  # never leave a half-written file behind
            raise

    @classmethod
    def load(cls, path: Path) -> CompiledOnet:
        """Read a file written by :meth:`save`; ``ValueError`` when it is not one (or stale)."""
        with np.load(path, allow_pickle=False) as data:
            texts: dict[str, Any] = json.loads(data["texts"].tobytes().decode("utf-8"))
            if texts.get("format") != FORMAT_VERSION:
                raise ValueError(f"cache format {texts.get('format')} != {FORMAT_VERSION}")
            out = cls(
                release=texts["release"],
                dimensions=texts["dimensions"],
                codes=texts["codes"],
                titles=texts["titles"],
                descriptions=texts["descriptions"],
                level=data["level"],
                importance=data["importance"],
                interests=data["interests"],
                work_values=data["work_values"],
                job_zone=data["job_zone"],
                education=data["education"],
                experience=data["experience"],
                technologies=texts["technologies"],
                hot_technologies=texts["hot_technologies"],
                alternate_titles=texts["alternate_titles"],
                metadata=texts["metadata"],
                pairs=data["pairs"],
                pair_index=data["pair_index"],
            )
        n_occ, n_dim = len(out.codes), len(out.dimensions)
        shapes = (out.level.shape, out.importance.shape, data_shape(out.pair_index))
        if shapes != ((n_occ, n_dim),) * 3:
            raise ValueError("cache arrays do not match its texts")
        return out
