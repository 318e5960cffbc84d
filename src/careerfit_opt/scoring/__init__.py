"""Fit scores: qualification, passion, combined fit and coverage (docs/scoring.md).

Two implementations compute the same numbers: :mod:`~careerfit_opt.scoring.reference` (plain
NumPy, the definition) and :mod:`~careerfit_opt.scoring.kernel` (numba, fast).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.dimensions import Dimension
from careerfit_opt.model.occupations import Occupation
from careerfit_opt.model.plans import FitSummary
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import ScoringSettings
from careerfit_opt.scoring.arrays import (
    OccupationArrays,
    ProfileArrays,
    compile_catalog,
    compile_occupations,
    compile_profiles,
)
from careerfit_opt.scoring.reference import Scores, score_arrays

Backend = Literal["numba", "numpy"]

__all__ = [
    "Backend",
    "OccupationArrays",
    "ProfileArrays",
    "Scores",
    "compile_catalog",
    "compile_occupations",
    "compile_profiles",
    "fit_summary",
    "score_matrix",
]


def fit_summary(
    profile: Profile,
    occupation: Occupation,
    settings: ScoringSettings = ScoringSettings(),
    levels: Mapping[str, float | None] | None = None,
    dimensions: Sequence[Dimension] | None = None,
) -> FitSummary:
    """The fit of one person for one occupation.

    ``levels`` overrides the profile's levels dimension by dimension (``None`` makes a level
    unknown); the planner passes the levels a plan reaches to report the fit after it.
    ``dimensions`` (the catalogue's) give the dimension families and scales; pass them to get
    the numbers :func:`~careerfit_opt.recommend` reports. Without them every dimension the
    occupation names is one family.

    >>> from careerfit_opt.model import Requirement
    >>> occ = Occupation(id="x", title="X", requirements={
    ...     "writing": Requirement(level=4, importance=5)})
    >>> fit_summary(Profile(levels={"writing": 2}), occ).qualification
    0.707107
    >>> fit_summary(Profile(levels={"writing": 2}), occ, levels={"writing": 4}).qualification
    1.0
    """
    dim_ids = None
    if dimensions is not None:
        dim_ids = [d.id for d in dimensions]
    occ = compile_occupations([occupation], dim_ids, settings.importance_threshold, dimensions)
    prof = compile_profiles([profile], occ.dimension_ids, [levels])
    scores = _numpy_scores(prof, occ, settings)
    passion = float(scores.passion[0, 0])
    return FitSummary(
        qualification=round(float(scores.qualification[0, 0]), 6),
        passion=None if math.isnan(passion) else round(passion, 6),
        combined=round(float(scores.combined[0, 0]), 6),
        coverage=round(float(scores.coverage[0, 0]), 6),
    )


def _numpy_scores(prof: ProfileArrays, occ: OccupationArrays, settings: ScoringSettings) -> Scores:
    return score_arrays(prof, occ, settings.interest_index, settings.values_weight)


def as_occupation_arrays(
    occupations: Catalog | Sequence[Occupation] | OccupationArrays, settings: ScoringSettings
) -> OccupationArrays:
    """Compiled arrays for any accepted form of occupations (catalogues are cached)."""
    if isinstance(occupations, OccupationArrays):
        return occupations
    if isinstance(occupations, Catalog):
        return compile_catalog(occupations, settings.importance_threshold)
    return compile_occupations(occupations, None, settings.importance_threshold)


def as_profile_arrays(
    profiles: Profile | Sequence[Profile] | ProfileArrays, dimension_ids: Sequence[str]
) -> ProfileArrays:
    """Compiled arrays for any accepted form of profiles, over ``dimension_ids``."""
    if isinstance(profiles, ProfileArrays):
        if tuple(profiles.dimension_ids) != tuple(dimension_ids):
            raise ValueError(
                "profile arrays and occupation arrays use different dimension orders; "
                "compile the profiles with the occupations' dimension_ids"
            )
        return profiles
    if isinstance(profiles, Profile):
        profiles = [profiles]
    return compile_profiles(profiles, dimension_ids)


def score_matrix(
    profiles: Profile | Sequence[Profile] | ProfileArrays,
    occupations: Catalog | Sequence[Occupation] | OccupationArrays,
    backend: Backend = "numba",
    settings: ScoringSettings = ScoringSettings(),
) -> Scores:
    """Every score of P profiles × R occupations (float32 matrices).

    ``backend="numpy"`` runs the reference definition; ``"numba"`` the compiled kernel (same
    numbers to 1e-5).

    >>> from careerfit_opt.model import Requirement
    >>> occ = Occupation(id="x", title="X", requirements={
    ...     "writing": Requirement(level=4, importance=5)})
    >>> s = score_matrix([Profile(levels={"writing": 4})], [occ], backend="numpy")
    >>> s.qualification.tolist(), s.coverage.tolist()
    ([[1.0]], [[1.0]])
    """
    occ = as_occupation_arrays(occupations, settings)
    prof = as_profile_arrays(profiles, occ.dimension_ids)
    if backend == "numpy":
        s = _numpy_scores(prof, occ, settings)
        return Scores(
            qualification=s.qualification.astype(np.float32),
            passion=s.passion.astype(np.float32),
            combined=s.combined.astype(np.float32),
            coverage=s.coverage.astype(np.float32),
        )
    if backend == "numba":
        from careerfit_opt.scoring.kernel import numba_scores

        return numba_scores(prof, occ, settings)
    raise ValueError(f"unknown backend {backend!r}: use 'numba' or 'numpy'")
