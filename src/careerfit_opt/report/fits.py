"""Both fits of one person for every occupation of a catalogue: the points of the fit map."""

from __future__ import annotations

import math

from careerfit_opt.model.base import Model
from careerfit_opt.model.catalog import Catalog
from careerfit_opt.model.profiles import Profile
from careerfit_opt.model.scenario import ScoringSettings


class OccupationFit(Model):
    """One occupation's fits for one person (``passion`` ``None`` when unknown)."""

    occupation_id: str
    title: str
    qualification: float
    passion: float | None
    combined: float
    #: On the Pareto front of (qualification, passion) among all occupations.
    pareto: bool


def occupation_fits(
    profile: Profile, catalog: Catalog, settings: ScoringSettings | None = None
) -> list[OccupationFit]:
    """Qualification, passion and combined fit of ``profile`` for every occupation, in catalogue
    order, scored by the same kernel as :func:`careerfit_opt.recommend` (excluded occupations
    included: the map shows the whole catalogue)."""
    from careerfit_opt.scoring.arrays import compile_catalog, compile_profiles
    from careerfit_opt.scoring.kernel import numba_scores
    from careerfit_opt.scoring.recommend import pareto_front

    settings = settings or ScoringSettings()
    occ = compile_catalog(catalog, settings.importance_threshold)
    prof = compile_profiles([profile], occ.dimension_ids)
    scores = numba_scores(prof, occ, settings)
    q, pi, f = scores.qualification[0], scores.passion[0], scores.combined[0]
    front = pareto_front(q, pi)
    return [
        OccupationFit(
            occupation_id=occ.ids[r],
            title=occ.titles[r],
            qualification=round(float(q[r]), 6),
            passion=None if math.isnan(pi[r]) else round(float(pi[r]), 6),
            combined=round(float(f[r]), 6),
            pareto=bool(front[r]),
        )
        for r in range(occ.size)
    ]
